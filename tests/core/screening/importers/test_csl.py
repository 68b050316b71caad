"""US Consolidated Screening List importer: the real CSV sample, the JSON form, broken input."""

from __future__ import annotations

import csv
import io
import json

import pytest

from catchall.core.errors import InputError
from catchall.core.screening.importers import read_csl
from catchall.core.screening.importers.csl import CSL_COLUMNS

NOT_PARTIES = {"Vessel", "Aircraft"}


def _rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _name(raw: str) -> str:
    """The name as the importer should clean it: trimmed, Excel's right quote repaired."""
    return " ".join(raw.replace("\x92", "’").split())


def _csv(*rows: dict[str, str]) -> io.StringIO:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSL_COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return io.StringIO(out.getvalue())


def test_counts_disagree_with_what_the_sample_holds(shared_list):
    path = shared_list("us-csl-sample.csv")
    rows = _rows(path)
    vessels = [r for r in rows if r["type"] in NOT_PARTIES]

    report = read_csl(path, "us-csl")

    assert report.format == "csl"
    assert report.read == len(rows)
    assert report.skipped == len(vessels)
    assert report.imported == len(rows) - len(vessels) == len(report.entities)
    assert report.read == report.imported + report.skipped + report.non_party
    assert {e.name for e in report.entities} == {
        _name(r["name"]) for r in rows if r["type"] not in NOT_PARTIES
    }


def test_csl_types_mapped_to_the_wrong_schema(shared_list):
    path = shared_list("us-csl-sample.csv")
    expected = {"Individual": "Person", "Entity": "Organization", "": "LegalEntity"}
    by_name = {e.name: e for e in read_csl(path, "us-csl").entities}
    for row in _rows(path):
        if row["type"] in expected:
            assert by_name[_name(row["name"])].schema == expected[row["type"]]


def test_countries_lost_from_address_suffix_and_nationality(shared_list):
    entities = {e.name: e for e in read_csl(shared_list("us-csl-sample.csv"), "us-csl").entities}
    assert entities["7TH OF TIR"].countries == ("IR",)
    assert "SY" in entities["AL-AKHRAS, Safwan"].countries
    assert set(entities["AL-AKHTAR TRUST INTERNATIONAL"].countries) == {"PK", "AF"}
    # A US domestic address without a country code yields no guessed country.
    assert entities["ADRIAN MANUEL HERNANDEZ"].countries == ()


def test_sanctions_remarks_taken_for_identifiers(shared_list):
    entities = {e.name: e for e in read_csl(shared_list("us-csl-sample.csv"), "us-csl").entities}
    assert entities["200G PSA HOLDINGS LLC"].identifiers == ("80-0890696",)
    assert entities["7TH OF TIR"].identifiers == ()
    assert "RKBZCHZZ" in entities["GAZPROMBANK (SWITZERLAND) LTD"].identifiers
    assert not any("@" in i or "www" in i for e in entities.values() for i in e.identifiers)


def test_programs_and_authority_not_carried_over(shared_list):
    entities = {e.name: e for e in read_csl(shared_list("us-csl-sample.csv"), "us-csl").entities}
    tir = entities["7TH OF TIR"]
    assert {"NPWMD", "IFSR", "SDN"} <= set(tir.programs)
    assert tir.authority == "US Treasury Department"
    regiment = entities["183rd Guard Air Defense Missile Regiment"]
    assert {"INKSNA", "ISN"} <= set(regiment.programs)
    assert regiment.listed_on.isoformat() == "2018-04-30"


def test_windows_1252_mojibake_left_in_names(shared_list):
    report = read_csl(shared_list("us-csl-sample.csv"), "us-csl")
    names = [n for e in report.entities for n in e.all_names]
    assert "Gui’an New District Huawei Investment Co., Ltd., Guiyang, Guizhou" in names
    assert not any(0x80 <= ord(c) <= 0x9F for n in names for c in n)


def test_generated_ids_unstable_or_colliding(shared_list):
    path = shared_list("us-csl-sample.csv")
    first = [e.id for e in read_csl(path, "a").entities]
    second = [e.id for e in read_csl(path, "b").entities]
    assert first == second
    assert len(first) == len(set(first))
    assert "csl-sdn-10863" in first  # OFAC entity number, readable and stable


def test_vessels_imported_as_parties():
    report = read_csl(
        _csv(
            {"source": "SDN", "type": "Vessel", "name": "OCEAN STAR"},
            {"source": "SDN", "type": "Entity", "name": "ACME"},
        ),
        "x",
    )
    assert [e.name for e in report.entities] == ["ACME"]
    assert report.skipped_by_reason == {"not a party: Vessel": 1}
    assert any("Vessel" in w.message and w.line == 0 for w in report.warnings)


def test_explicit_duplicate_id_keeps_both():
    report = read_csl(
        _csv(
            {"_id": "a1", "source": "EL", "name": "First"},
            {"_id": "a1", "source": "EL", "name": "Second"},
        ),
        "x",
    )
    assert [e.name for e in report.entities] == ["First"]
    assert report.warnings[0].line == 3 and "duplicate" in report.warnings[0].message


def test_row_with_stray_values_imported_shifted():
    text = ",".join(CSL_COLUMNS) + "\n" + "EL source,,Entity,,Name One" + ",x" * 40 + "\n"
    report = read_csl(io.StringIO(text), "x")
    assert report.entities == [] and report.skipped == 1
    assert report.warnings[0].line == 2 and report.warnings[0].skipped


def test_missing_name_returns_a_nameless_entity():
    report = read_csl(
        _csv({"source": "EL", "name": "   "}, {"source": "EL", "name": "\x00\x07"}), "x"
    )
    assert report.entities == [] and report.skipped == 2


def test_simple_csv_fed_to_the_csl_reader_is_accepted(write):
    path = write("mine.csv", "id,name\np1,ACME\n")
    with pytest.raises(InputError) as err:
        read_csl(path, "x")
    message = str(err.value)
    for column in ("source", "type", "alt_names"):
        assert column in message


def test_empty_file_returns_an_empty_list_silently(write):
    with pytest.raises(InputError, match="empty"):
        read_csl(write("empty.csv", "\n\n"), "x")


def test_csl_json_form_not_read_like_the_csv():
    data = {
        "results": [
            {
                "id": "j1",
                "source": "Entity List (EL) - Bureau of Industry and Security",
                "type": None,
                "name": "Beijing Alite Technologies Co., Ltd.",
                "alt_names": ["ALCO"],
                "programs": [],
                "addresses": [{"address": "No. 1", "city": "Beijing", "country": "CN"}],
                "ids": [
                    {"type": "Registration ID", "number": "123"},
                    {"type": "Website", "number": "x.cn"},
                ],
                "start_date": "2006-06-13",
                "citizenships": None,
            },
            {
                "id": "j2",
                "source": "SDN",
                "type": "Individual",
                "name": "LI, Fangwei",
                "nationalities": ["CN"],
            },
            "not an object",
            {"id": "j3", "source": "SDN", "type": "Vessel", "name": "SHIP"},
        ]
    }
    report = read_csl(io.StringIO(json.dumps(data, indent=1)), "x")
    assert report.format == "csl-json"
    assert (report.read, report.imported, report.skipped) == (4, 2, 2)
    alite, li = report.entities
    assert alite.schema == "LegalEntity" and alite.aliases == ("ALCO",)
    assert alite.addresses == ("No. 1, Beijing, CN",) and alite.countries == ("CN",)
    assert alite.identifiers == ("123",) and alite.programs == ("EL",)
    assert alite.authority == "US Bureau of Industry and Security"
    assert li.schema == "Person" and li.countries == ("CN",)
    assert any(w.line == 3 and w.skipped for w in report.warnings)


def test_broken_csl_json_half_imported():
    with pytest.raises(InputError, match="not valid JSON"):
        read_csl(io.StringIO('{"results": [{"name": "A"}, {"na'), "x")
    with pytest.raises(InputError, match="results"):
        read_csl(io.StringIO('{"total": 0}'), "x")


def test_unbalanced_quote_swallows_the_following_rows_into_one_name():
    header = ",".join(CSL_COLUMNS)
    text = f'{header}\n,EL,,,,"Broken Name\n,EL,,,,Next One\n'
    report = read_csl(io.StringIO(text), "x")
    assert report.entities == [] and report.skipped == 1
    assert "unbalanced quote" in report.warnings[0].message and report.warnings[0].line == 2
