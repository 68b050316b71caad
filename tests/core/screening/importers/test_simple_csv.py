"""Simple CSV importer: the documented example, header mistakes and bad cells."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest

from catchall.core.errors import InputError
from catchall.core.screening.importers import read_simple_csv

DOC = Path(__file__).resolve().parents[4] / "docs" / "list-formats.md"
HEADER = "id,name,schema,aliases,weak_aliases,countries,addresses,identifiers,programs,source_url,authority,listed_on,notes"


def _read(text: str):
    return read_simple_csv(io.StringIO(text), "mine")


def test_documented_example_no_longer_imports():
    blocks = re.findall(r"```csv\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert blocks, "docs/list-formats.md should hold a ```csv example"
    report = _read(blocks[0])
    assert report.skipped == 0 and not report.warnings
    assert report.imported == len(blocks[0].strip().splitlines()) - 1
    acme = report.entities[0]
    assert acme.aliases and acme.countries and acme.listed_on


def test_minimal_file_needs_more_than_id_and_name():
    (entity,) = _read("id,name\np1,ACME Rocket Works\n").entities
    assert (entity.id, entity.name, entity.schema, entity.list_name) == (
        "p1",
        "ACME Rocket Works",
        "LegalEntity",
        "mine",
    )


def test_multi_values_not_split_or_trimmed():
    text = (
        HEADER
        + "\np1,ACME,Company, ACME Ltd ; ACME GmbH ;,ARW,ir; de,Street 1;Street 2,REG-1;VAT-2,NPWMD,https://x,Our Authority,2024-01-31,a note\n"
    )
    (entity,) = _read(text).entities
    assert entity.aliases == ("ACME Ltd", "ACME GmbH") and entity.weak_aliases == ("ARW",)
    assert entity.countries == ("IR", "DE") and entity.addresses == ("Street 1", "Street 2")
    assert entity.identifiers == ("REG-1", "VAT-2") and entity.programs == ("NPWMD",)
    assert (entity.source_url, entity.authority, entity.notes) == (
        "https://x",
        "Our Authority",
        "a note",
    )
    assert entity.listed_on == date(2024, 1, 31)


def test_csl_file_read_as_simple_csv_without_naming_missing_columns(shared_list):
    with pytest.raises(InputError) as err:
        read_simple_csv(shared_list("us-csl-sample.csv"), "x")
    assert any("missing required column(s): id" in p.message for p in err.value.problems)
    assert all(p.field == "columns" for p in err.value.problems)


def test_missing_name_column_goes_unnoticed():
    with pytest.raises(InputError, match="missing required column.*name"):
        _read("id,aliases\np1,X\n")


def test_misspelt_column_silently_drops_its_data():
    with pytest.raises(InputError, match="unknown column.*alias"):
        _read("id,name,alias\np1,ACME,ACM\n")
    (entity,) = _read("id,name,x_internal_ref\np1,ACME,42\n").entities
    assert entity.name == "ACME"


def test_doubled_column_silently_overwrites():
    with pytest.raises(InputError, match="twice"):
        _read("id,name,name\np1,A,B\n")


@pytest.mark.parametrize("text", ["", "\n", " , \n"])
def test_empty_file_returns_an_empty_list_silently(text):
    with pytest.raises(InputError, match="empty"):
        _read(text)


def test_bad_rows_abort_the_file_or_lose_their_line_numbers():
    long_name = "B" * 10_000
    text = "\n".join(
        [
            "id,name,schema,countries,listed_on",
            "p1,Good One,Company,IR,2020-01-02",
            "p2,,Person,,",  # no name
            "p3,Odd,Spaceship,,",  # unknown schema
            f"p4,{long_name},,,",  # absurd name
            "p1,Second p1,,,",  # duplicate id
            ",No Id,,,",  # no id
            "p5,Shifted,Company,IR,2020-01-01,extra",  # more values than header
            "p6,Kept,,XX;Iran,2020-02-30",  # bad codes and date: row kept
        ]
    )
    report = _read(text)
    assert [e.id for e in report.entities] == ["p1", "p6"]
    assert (report.read, report.imported, report.skipped) == (8, 2, 6)
    skipped_lines = sorted(w.line for w in report.warnings if w.skipped)
    assert skipped_lines == [3, 4, 5, 6, 7, 8]
    kept = report.entities[1]
    assert kept.countries == () and kept.listed_on is None
    fixes = " ".join(w.message for w in report.warnings if w.line == 9)
    assert "'XX'" in fixes and "did you mean IR" in fixes and "2020-02-30" in fixes
    assert "Second p1" not in {e.name for e in report.entities}


def test_control_characters_survive_in_names():
    (entity,) = _read('id,name,aliases\np1,"AC\x00ME\u200b Rocket\x1f",Karl\x07 Lee\n').entities
    assert entity.name == "ACME Rocket" and entity.aliases == ("Karl Lee",)


def test_schema_case_rejects_hand_written_values():
    entities = _read("id,name,schema\np1,A,person\np2,B,ORGANIZATION\n").entities
    assert [e.schema for e in entities] == ["Person", "Organization"]


def test_byte_order_mark_breaks_the_header(write):
    path = write("bom.csv", "\ufeffid,name\np1,ACME\n")
    assert [e.id for e in read_simple_csv(path, "x").entities] == ["p1"]


def test_unbalanced_quote_swallows_the_following_rows_into_one_name():
    report = _read('id,name\np1,A\np2,"unterminated\np3,C\np4,D\n')
    assert [e.id for e in report.entities] == ["p1"]
    (warning,) = report.warnings
    assert warning.skipped and warning.line == 3 and "unbalanced quote" in warning.message


def test_progress_reports_the_final_count_twice():
    calls: list[int] = []
    rows = "".join(f"p{i},N{i}\n" for i in range(20))
    read_simple_csv(io.StringIO("id,name\n" + rows), "x", progress=calls.append, progress_every=10)
    assert calls == [10, 20]
