"""OFAC's classic CSV release read as a set: sdn.csv with alt.csv and add.csv, as several files
or one ZIP. The fixtures under tests/fixtures/lists/ofac-classic-csv/ follow the published
layout (no header, ``-0-`` for empty, CRLF); sdn.csv is the real extract, the alias and address
rows were written for these parties in OFAC's format. Expected values read off the fixtures."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from catchall.core.errors import InputError
from catchall.core.screening.importers import detect_format, read_list

SET = Path(__file__).resolve().parents[3] / "fixtures" / "lists" / "ofac-classic-csv"
FILES = [SET / "sdn.csv", SET / "alt.csv", SET / "add.csv"]


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def release_zip(tmp_path: Path, **extra: bytes) -> Path:
    members = {p.name: p.read_bytes() for p in FILES} | extra
    return make_zip(tmp_path / "sdn_csv.zip", members)


def check_release(report) -> None:
    assert report.format == "ofac-csv"
    # 7 parties (one a vessel), 7 alias rows and 6 address rows as context records
    assert (report.read, report.imported, report.skipped, report.non_party) == (20, 6, 1, 13)
    found = {e.id: e for e in report.entities}
    bank = found["ofac-306"]
    assert bank.aliases == ("NATIONAL BANK OF CUBA",)  # alt.csv: a strong alias
    assert bank.weak_aliases == ("BNC",)  # the remarks' a.k.a.: weak
    assert bank.addresses == (
        "Zweierstrasse 35, Zurich CH-8022, Switzerland",
        "Avenida de Concha Espina 8, Madrid E-28036, Spain",
    )
    assert set(bank.countries) == {"CH", "ES"}
    zawahiri = found["ofac-2676"]
    assert zawahiri.aliases == ("Ayman AL-ZAWAHIRI", "Ahmad Fuad SALIM")  # natural order
    assert zawahiri.addresses == ()  # an address row of nothing but -0-
    assert "EG" in found["ofac-2677"].countries
    assert found["ofac-6531"].aliases == ("COLCERDOS LTDA.",)
    assert "CO" in found["ofac-6531"].countries
    imperial = found["ofac-7156"]
    assert imperial.properties["previousName"] == ("DISTRIBUIDORA IMPERIAL DE BAJA CALIFORNIA",)
    dropped = [w for w in report.warnings if "99999" in w.message]
    assert len(dropped) == 1 and "alt.csv" in dropped[0].message  # no such party
    assert not any("4243" in w.message for w in report.warnings)  # the vessel's rows: silent


def test_the_three_files_given_together_in_any_order():
    check_release(read_list(FILES, None, "sdn"))
    check_release(read_list(list(reversed(FILES)), "ofac", "sdn"))


def test_sdn_csv_alone_still_reads_with_its_remarks():
    report = read_list([SET / "sdn.csv"], None, "sdn")
    assert report.imported == 6
    assert {e.id: e for e in report.entities}["ofac-306"].aliases == ()


def test_a_zip_of_the_release_is_detected_and_read(tmp_path):
    archive = release_zip(tmp_path, **{"sdn_comments.csv": b'306,"more remarks"\r\n'})
    renamed = tmp_path / "download.bin"  # the name says nothing
    renamed.write_bytes(archive.read_bytes())
    assert detect_format(renamed) == "ofac"
    report = read_list(renamed, None, "sdn")
    check_release(report)
    assert any("sdn_comments.csv" in w.message and "not read" in w.message for w in report.warnings)


def test_a_zip_in_a_folder_and_without_alt_and_add(tmp_path):
    archive = make_zip(tmp_path / "x.zip", {"SDN/sdn.csv": FILES[0].read_bytes()})
    assert read_list(archive, "ofac", "sdn").imported == 6


@pytest.mark.parametrize(
    ("members", "says"),
    [
        ({"../sdn.csv": b"x"}, "outside the archive"),
        ({"/etc/sdn.csv": b"x"}, "outside the archive"),
        ({"C:/sdn.csv": b"x"}, "outside the archive"),
        ({f"f{n}.csv": b"x" for n in range(17)}, "at most 16"),
        ({"readme.txt": b"hello"}, "holds no sdn.csv"),
    ],
)
def test_a_hostile_or_foreign_zip_is_refused_by_name(tmp_path, members, says):
    archive = make_zip(tmp_path / "bad.zip", members)
    for fmt in (None, "ofac"):
        with pytest.raises(InputError) as err:
            read_list(archive, fmt, "sdn")
        assert says in err.value.problems[0].message
        assert err.value.problems[0].field in ("file", "format")


def test_a_zip_bomb_is_refused_under_the_unpacked_cap(tmp_path, monkeypatch):
    big = FILES[0].read_bytes() + b"\r\n".join([b"1" * 1000] * 200)
    archive = make_zip(tmp_path / "bomb.zip", {"sdn.csv": big})
    monkeypatch.setenv("CATCHALL_MAX_UNPACKED_BYTES", "50000")
    with pytest.raises(InputError) as err:
        read_list(archive, "ofac", "sdn")
    assert "zip bomb" in err.value.problems[0].message


def test_several_files_must_be_the_ofac_release(tmp_path):
    other = tmp_path / "list.csv"
    other.write_text("id,name\n1,Someone\n")
    with pytest.raises(InputError) as err:
        read_list([FILES[0], other], None, "sdn")
    assert "list.csv is none of sdn.csv, alt.csv or add.csv" in err.value.problems[0].message
    with pytest.raises(InputError, match="both alt.csv"):
        read_list([FILES[0], FILES[1], FILES[1]], None, "sdn")
    with pytest.raises(InputError, match="no sdn.csv"):
        read_list([FILES[1], FILES[2]], None, "sdn")
    with pytest.raises(InputError) as err:
        read_list(FILES, "csv", "sdn")
    assert err.value.problems[0].field == "format"


def test_a_zip_given_as_another_format_is_refused_by_name(tmp_path):
    archive = release_zip(tmp_path)
    with pytest.raises(InputError, match="zip-compressed"):
        read_list(archive, "csv", "sdn")
