"""The official list formats (UN, EU, UK, OFAC) read from real-structure extracts.

Each fixture under tests/fixtures/lists/ is cut from the official file record by record (see its
README); the expected values below were read off the fixture by hand, not from the importer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from catchall.core.model import ListEntity
from catchall.core.screening.importers import FORMATS, ImportReport, detect_format, read_list

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "lists"


def read(name: str, fmt: str | None = None) -> ImportReport:
    return read_list(FIXTURES / name, fmt, "official")


def by_id(report: ImportReport) -> dict[str, ListEntity]:
    return {e.id: e for e in report.entities}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("un-consolidated-extract.xml", "un"),
        ("eu-fsf-extract.xml", "eu"),
        ("ofac-consolidated-extract.xml", "ofac"),
        ("ofac-advanced-constructed.xml", "ofac"),
        ("uk-conlist-extract.csv", "uk"),
        ("uk-conlist-2020-extract.csv", "uk"),
        ("uk-fcdo-constructed.xml", "uk"),
        ("uk-conlist-constructed.xml", "uk"),
        ("ofac-sdn-csv-extract.csv", "ofac"),
    ],
)
def test_each_official_file_is_detected_from_its_content_not_its_name(tmp_path, name, expected):
    renamed = tmp_path / "list.dat"  # the name says nothing
    renamed.write_bytes((FIXTURES / name).read_bytes())
    assert detect_format(renamed) == expected
    assert set(FORMATS) >= {"un", "eu", "uk", "ofac"}


def test_un_consolidated_list():
    report = read("un-consolidated-extract.xml")
    assert (report.format, report.read, report.imported, report.skipped) == ("un-xml", 9, 9, 0)
    found = by_id(report)
    assert sum(e.schema == "Person" for e in found.values()) == 6
    assert sum(e.schema == "Organization" for e in found.values()) == 3

    fitouri = found["un-6908704"]  # LYi.023
    assert fitouri.name == "Ahmad Oumar Imhamad al-Fitouri"
    assert "احمد عمر امحمد الفيتوري" in fitouri.aliases  # NAME_ORIGINAL_SCRIPT is an alias
    assert {"Al-Dabachi", "Al Ammu", "The Uncle"} <= set(fitouri.weak_aliases)  # QUALITY Low
    assert fitouri.properties["birthDate"] == ("1988-05-07",)
    assert fitouri.properties["nationality"] == ("LY",)
    assert fitouri.properties["passportNumber"] == ("LY53FP76",)
    assert fitouri.properties["idNumber"] == ("119880387067",)
    assert {"LY53FP76", "119880387067"} <= set(fitouri.identifiers)
    assert fitouri.properties["unscId"] == ("LYi.023",)
    assert fitouri.programs == ("Libya",)
    assert fitouri.listed_on.isoformat() == "2018-06-07"

    umarov = found["un-2960872"]  # QDi.290: Cyrillic original script, several dates of birth
    assert "Умаров Доку Хаматович" in umarov.aliases
    assert {"1955", "1964-04-13"} <= set(umarov.properties["birthDate"])
    assert umarov.properties["passportNumber"] == ("96 03 464086",)

    taganda = found["un-6908021"]  # CDi.030: born BETWEEN 1973 and 1974
    assert taganda.properties["birthDate"] == ("1973", "1974")
    assert "Born between 1973 and 1974" in taganda.notes

    emirate = found["un-2971893"]  # QDe.131
    assert emirate.schema == "Organization"
    assert emirate.aliases == ("Эмират Кавказ",)


def test_eu_financial_sanctions_file():
    report = read("eu-fsf-extract.xml")
    # 7 records; logicalId 5468 appears twice in the official excerpt: the second is skipped.
    assert (report.format, report.read, report.imported, report.skipped) == ("eu-fsf-xml", 7, 6, 1)
    assert report.skipped_by_reason == {"duplicate id": 1}
    found = by_id(report)
    hammadou = found["eu-5295"]
    assert hammadou.name == "Abid Hammadou"
    assert "Youcef Adel" in hammadou.aliases and len(hammadou.aliases) == 4
    assert hammadou.properties["birthDate"] == ("1965-12-12", "1958")
    assert hammadou.properties["citizenship"] == ("DZ",)
    assert hammadou.properties["programId"] == ("EU.2026.82",)
    assert hammadou.programs == ("TAQA",)
    assert hammadou.listed_on.isoformat() == "2008-07-03"
    assert "2019/555 (OJ L97), amendment, 2019-04-08" in hammadou.properties["provisions"]

    aouadi = found["eu-927"]
    assert aouadi.properties["passportNumber"] == ("L191609",)
    assert aouadi.properties["idNumber"] == ("04643632",)
    assert aouadi.properties["birthPlace"] == ("Tunis, TUNISIA",)


def test_ofac_classic_xml_with_weak_akas_and_documents():
    report = read("ofac-consolidated-extract.xml")
    assert (report.format, report.read, report.imported, report.skipped) == ("ofac-xml", 5, 5, 0)
    found = by_id(report)
    zahhar = found["ofac-9647"]
    assert zahhar.name == "Mahmoud Khaled ZAHHAR"
    assert zahhar.aliases == ("Mahmoud Khaled AL ZAHAR",)
    assert zahhar.weak_aliases == ("ZAHAR, Mahmoud", "AL-ZAHAR, Mahmoud")
    assert zahhar.properties["birthDate"] == ("1945",)
    assert zahhar.properties["birthPlace"] == ("Gaza Strip",)
    assert zahhar.properties["nationality"] == ("PS",)
    assert zahhar.properties["gender"] == ("male",)
    assert zahhar.programs == ("NS-PLC", "SDGT")

    kayakiran = found["ofac-26182"]
    assert kayakiran.properties["passportNumber"] == ("U00242309",)
    assert kayakiran.properties["birthDate"] == ("1980-02-08",)

    vtb = found["ofac-17013"]
    assert vtb.schema == "Organization"
    assert "VTB BANK PJSC" in vtb.aliases
    assert vtb.properties["registrationNumber"]  # Registration ID
    assert vtb.properties["website"]


def test_ofac_sdn_csv_reads_the_remarks_clause_by_clause():
    report = read("ofac-sdn-csv-extract.csv")
    assert (report.format, report.read, report.imported, report.skipped) == ("ofac-csv", 7, 6, 1)
    assert report.skipped_by_reason == {"not a party: Vessel": 1}
    found = by_id(report)
    assert found["ofac-306"].weak_aliases == ("BNC",)  # OFAC's weak AKAs sit in the remarks
    assert found["ofac-306"].aliases == ()
    assert found["ofac-306"].schema == "Organization"
    zawahiri = found["ofac-2676"]  # same id as the XML's uid for the same party
    assert zawahiri.schema == "Person"
    assert zawahiri.name == "Dr. Ayman AL ZAWAHIRI"
    assert zawahiri.properties["birthDate"] == ("1951-06-19",)
    assert zawahiri.properties["birthPlace"] == ("Giza, Egypt",)
    assert zawahiri.properties["passportNumber"] == ("1084010", "19820215")
    assert "EG" in zawahiri.countries
    assert zawahiri.properties["title"] == ("Operational and Military Leader of JIHAD GROUP",)
    zomor = found["ofac-2677"]
    assert zomor.properties["nationality"] == ("EG",) and zomor.properties["gender"] == ("male",)
    assert found["ofac-6915"].properties["citizenship"] == ("EG",)
    assert found["ofac-6915"].weak_aliases == ("ABU MARIAM", "SALEH")
    assert found["ofac-6531"].properties["taxNumber"] == ("800018928-0",)  # "NIT # ..."
    assert found["ofac-7156"].properties["taxNumber"] == ("DIB-771110-HQ1",)  # "R.F.C. ..."
    assert "ofac-4243" not in found  # a vessel


def test_ofac_sdn_csv_with_another_column_count_is_refused_by_name(tmp_path):
    from catchall.core.errors import InputError

    wrong = tmp_path / "sdn.csv"
    wrong.write_text('36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA"\n')
    with pytest.raises(InputError) as err:
        read_list(wrong, "ofac", "x")
    assert "expected 12" in err.value.problems[0].message


def test_a_gzip_bomb_is_refused_before_it_unpacks(tmp_path, monkeypatch):
    import gzip

    from catchall.core.errors import InputError

    bomb = tmp_path / "list.csv.gz"
    with gzip.open(bomb, "wb") as out:
        out.write(b"id,name\n")
        for n in range(50_000):
            out.write(b"%d,Some Name %d\n" % (n, n))
    monkeypatch.setenv("CATCHALL_MAX_UNPACKED_BYTES", "100000")
    with pytest.raises(InputError) as err:
        read_list(bomb, None, "x")
    assert "gzip bomb" in err.value.problems[0].message
    monkeypatch.setenv("CATCHALL_MAX_UNPACKED_BYTES", str(10**9))
    assert read_list(bomb, None, "x").imported == 50_000


def test_ofac_advanced_xml():
    report = read("ofac-advanced-constructed.xml")
    assert (report.format, report.read, report.imported, report.skipped) == (
        "ofac-advanced-xml",
        3,
        2,
        1,  # the vessel
    )
    found = by_id(report)
    zahhar = found["ofac-9647"]
    assert zahhar.name == "Mahmoud Khaled ZAHHAR"
    assert set(zahhar.aliases) == {"Mahmoud Khaled AL ZAHAR", "محمود خالد الزهار"}
    assert zahhar.weak_aliases == ("ZAHAR, Mahmoud",)
    assert zahhar.properties["birthDate"] == ("1945",)  # a whole-year period
    assert zahhar.properties["nationality"] == ("PS",)
    assert zahhar.properties["passportNumber"] == ("U00242309",)
    assert zahhar.programs == ("NS-PLC", "SDGT")
    assert zahhar.listed_on.isoformat() == "2006-04-12"
    bank = found["ofac-15268"]
    assert bank.properties["previousName"] == ("KARAMAY CITY COMMERCIAL BANK CO LTD.",)
    assert bank.properties["registrationNumber"] == ("916502007263510000",)
    assert bank.countries == ("CN",)


def test_uk_conlist_csv_groups_rows_into_one_entity_per_target():
    report = read("uk-conlist-extract.csv")
    assert report.format == "uk-conlist-csv"
    assert (report.read, report.imported, report.skipped, report.non_party) == (24, 6, 0, 18)
    found = by_id(report)
    zadachin = found["uk-15890"]
    assert zadachin.name == "Andrey Andreevich ZADACHIN"
    assert set(zadachin.aliases) == {"Andrei Andreevich ZADACHIN", "ЗАДАЧИН Андрей Андреевич"}
    assert zadachin.properties["birthDate"] == ("1990-08-22",)
    assert zadachin.properties["nationality"] == ("RU",)
    assert zadachin.programs == ("Russia",)
    assert zadachin.properties["authorityId"] == ("RUS1831",)
    assert "عبد الکبیر محمد جان" in found["uk-6909"].aliases  # Persian
    subhi = found["uk-13127"]
    assert subhi.properties["passportNumber"] == ("C389664",)
    assert subhi.properties["idNumber"] == ("1024026187",)
    assert subhi.properties["unscId"] == ("QDi.330",)
    azzouz = found["uk-13312"]  # "(1) 223611 (2) C00146605": two passports
    assert azzouz.properties["passportNumber"] == ("223611", "C00146605")
    assert "AA" in azzouz.weak_aliases  # Alias Quality: Low quality
    assert found["uk-13226"].schema == "Organization"


def test_uk_conlist_csv_of_2020_in_windows_1252():
    report = read("uk-conlist-2020-extract.csv")
    assert (report.read, report.imported, report.non_party) == (24, 17, 7)
    qahtani = by_id(report)["uk-13349"]
    assert qahtani.properties["nationality"] == ("SA", "QA")  # "1) Saudi Arabia 2) Qatar"
    assert qahtani.properties["passportNumber"] == ("592667",)  # from "Passport No: 592667 (...)"
    assert qahtani.properties["unscId"] == ("QDe.004",)


def test_uk_fcdo_xml():
    report = read("uk-fcdo-constructed.xml")
    assert (report.format, report.read, report.imported, report.skipped) == (
        "uk-fcdo-xml",
        4,
        3,
        1,
    )
    found = by_id(report)
    assert "ЗАДАЧИН Андрей Андреевич" in found["uk-RUS1831"].aliases
    subhi = found["uk-AQD0153"]
    assert subhi.weak_aliases == ("Mansur AL-HARBI",)
    assert subhi.properties["passportNumber"] == ("C389664",)
    assert subhi.properties["birthDate"] == ("1976-04-12",)
    assert subhi.properties["nationality"] == ("SA",)


def test_uk_conlist_xml_rows_grouped_like_the_csv():
    report = read("uk-conlist-constructed.xml")
    assert (report.format, report.read, report.imported, report.non_party) == (
        "uk-conlist-xml",
        3,
        2,
        1,
    )
    found = by_id(report)
    haq = found["uk-15672"]
    assert haq.name == "Mian Abdul HAQ"  # "Prime Alias"
    assert haq.aliases == ("Mian MITHOO",)
    assert haq.properties["nationality"] == ("PK",)
    assert haq.properties["authorityId"] == ("GHR0086",)
    assert haq.listed_on.isoformat() == "2022-12-09"
    assert "Hafizabad Taluka Daharki, District Ghotki, Pakistan" in haq.addresses
    assert "ЗАДАЧИН Андрей Андреевич" in found["uk-15890"].aliases


def test_format_forced_on_the_wrong_file_is_a_clear_error():
    from catchall.core.errors import InputError

    with pytest.raises(InputError) as err:
        read("un-consolidated-extract.xml", "eu")
    message = str(err.value.problems[0].message)
    assert "un-consolidated-extract.xml" in message
    assert "<CONSOLIDATED_LIST>" in message and "<export>" in message


@pytest.mark.parametrize(
    "name",
    [
        "un-sc-consolidated-2026-02-27.xml",
        "ofac-consolidated-non-sdn-2024-05-06.xml",
        "uk-ofsi-conlist-2023-06-05-excerpt.csv",
        "ofac-sdn-2024-05-03-excerpt.csv",
    ],
)
def test_full_official_files_import_without_a_skipped_party(shared_list, name):
    report = read_list(shared_list(f"official/{name}"), None, "full")
    parties_skipped = report.skipped - sum(
        n for reason, n in report.skipped_by_reason.items() if reason.startswith("not a party")
    )
    assert report.imported > 100 and parties_skipped == 0
    assert report.read == report.imported + report.skipped + report.non_party


def test_uk_non_latin_name_is_as_weak_as_its_row(shared_list):
    """OFSI gives each name variation's original-script form on the same row: a low-quality
    nickname stays weak in both scripts (group 13301: "Abu YASIR" / "Абу Ясир")."""
    report = read_list(shared_list("official/uk-ofsi-conlist-2023-06-05-excerpt.csv"), None, "uk")
    gaziev = by_id(report)["uk-13301"]
    assert "Abu YASIR" in gaziev.weak_aliases and "Абу Ясир" in gaziev.weak_aliases
    assert "Абу Ясир" not in gaziev.aliases
    assert "Тархан Исмаилович Газиев" in gaziev.aliases
