"""FollowTheMoney importer: real OpenSanctions samples and the ways a JSON-lines feed goes bad."""

from __future__ import annotations

import gzip
import io
import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catchall.core.errors import InputError
from catchall.core.screening.importers import read_ftm

from .helpers import ftm_line

# Counted independently of the importer: the FtM party schemata we screen.
PARTIES = {"Person", "Company", "Organization", "LegalEntity", "PublicBody"}
TARGET_KINDS = {"Vessel", "Airplane"}


def _records(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.mark.parametrize("name", ["opensanctions-t1.ftm.json", "zala-uav-cluster.ftm.json"])
def test_counts_disagree_with_what_the_sample_holds(shared_list, name):
    records = _records(shared_list(name))
    parties = [r for r in records if r["schema"] in PARTIES]
    targets = [r for r in records if r["schema"] in TARGET_KINDS]

    report = read_ftm(shared_list(name), "os")

    assert report.read == len(records)
    assert report.imported == len(parties) == len(report.entities)
    assert report.skipped == len(targets)
    assert report.non_party == len(records) - len(parties) - len(targets)
    assert report.read == report.imported + report.skipped + report.non_party
    assert [e.id for e in report.entities] == [r["id"] for r in parties]
    assert not [w for w in report.warnings if w.skipped]


def test_sanctions_not_attached_to_the_entity_they_point_at(shared_list):
    path = shared_list("zala-uav-cluster.ftm.json")
    records = _records(path)
    expected_dates: dict[str, list[date]] = {}
    expected_programs: dict[str, set[str]] = {}
    for r in records:
        if r["schema"] != "Sanction":
            continue
        props = r["properties"]
        for target in props.get("entity", []):
            dates = props.get("listingDate", []) + props.get("startDate", [])
            expected_dates.setdefault(target, []).extend(
                date.fromisoformat(d) for d in dates if len(d) == 10
            )
            expected_programs.setdefault(target, set()).update(props.get("programId", []))

    entities = {e.id: e for e in read_ftm(path, "zala").entities}

    sanctioned = [i for i in expected_dates if i in entities]
    assert sanctioned, "the sample should hold sanctioned parties"
    for entity_id in sanctioned:
        entity = entities[entity_id]
        assert entity.listed_on == min(expected_dates[entity_id])
        assert expected_programs[entity_id] <= set(entity.programs)
        assert entity.authority


def test_address_entities_not_filled_into_the_parties_that_reference_them(shared_list):
    path = shared_list("zala-uav-cluster.ftm.json")
    records = _records(path)
    addresses = {r["id"]: r["properties"]["full"][0] for r in records if r["schema"] == "Address"}
    referencing = [
        r for r in records if set(r["properties"].get("addressEntity", [])) & addresses.keys()
    ]
    assert referencing, "the sample should hold a party with an address entity"

    entities = {e.id: e for e in read_ftm(path, "zala").entities}
    for r in referencing:
        for ref in r["properties"]["addressEntity"]:
            if ref in addresses:
                assert addresses[ref] in entities[r["id"]].addresses


def test_sanction_and_address_before_their_entity_are_lost():
    lines = [
        ftm_line(
            "s1",
            "Sanction",
            entity="p1",
            programId="UN-1737",
            listingDate="2006-12-23",
            authority="UN",
        ),
        ftm_line("a1", "Address", full="Tehran, Iran", country="ir"),
        ftm_line("p1", "Organization", name="Shahid Hemmat Industrial Group", addressEntity="a1"),
    ]
    (entity,) = read_ftm(io.StringIO("\n".join(lines)), "x").entities
    assert entity.programs == ("UN-1737",)
    assert entity.listed_on == date(2006, 12, 23)
    assert entity.authority == "UN"
    assert entity.addresses == ("Tehran, Iran",)
    assert entity.countries == ("IR",)


def test_truncated_json_line_aborts_import_or_loses_its_line_number(shared_list, write):
    lines = shared_list("opensanctions-t1.ftm.json").read_text(encoding="utf-8").splitlines()
    broken_id = json.loads(lines[2])["id"]
    lines[2] = lines[2][: len(lines[2]) // 2]
    report = read_ftm(write("cut.ftm.json", "\n".join(lines)), "t1")

    (warning,) = report.warnings
    assert warning.line == 3 and warning.skipped and "JSON" in warning.message
    assert report.skipped == 1
    assert broken_id not in {e.id for e in report.entities}
    assert report.read == len(lines) == report.imported + report.skipped + report.non_party


def test_bare_string_property_split_into_characters():
    line = json.dumps(
        {"id": "p1", "schema": "Company", "properties": {"name": "ACME", "country": "ir"}}
    )
    (entity,) = read_ftm(io.StringIO(line), "x").entities
    assert entity.name == "ACME" and entity.aliases == () and entity.countries == ("IR",)


def test_unknown_schema_imported_as_something():
    text = ftm_line("p1", "Spaceship", name="X") + "\n" + ftm_line("p2", "Person", name="Y")
    report = read_ftm(io.StringIO(text), "x")
    assert [e.id for e in report.entities] == ["p2"]
    assert report.warnings[0].line == 1 and "Spaceship" in report.warnings[0].message


def test_unknown_country_code_drops_the_whole_entity():
    line = ftm_line("p1", "Company", name="ACME", country=["xx", "ir"], jurisdiction="ua-cri")
    report = read_ftm(io.StringIO(line), "x")
    (entity,) = report.entities
    assert entity.countries == ("IR", "UA")
    assert any("'xx'" in w.message and not w.skipped for w in report.warnings)


def test_ten_thousand_character_name_reaches_the_index():
    long_name = "A" * 10_000
    text = "\n".join(
        [
            ftm_line("p1", "Company", name=long_name),
            ftm_line("p2", "Company", name=[long_name, "Real Name"]),
            ftm_line("p3", "Company", name="Fine", alias=long_name),
        ]
    )
    report = read_ftm(io.StringIO(text), "x")
    entities = {e.id: e for e in report.entities}
    assert "p1" not in entities
    assert entities["p2"].name == "Real Name"
    assert entities["p3"].aliases == ()
    assert report.skipped == 1
    assert all(len(n) <= 500 for e in report.entities for n in e.all_names)


def test_control_characters_survive_in_names():
    line = ftm_line("p1", "Person", name="Li\x00 Fang\u200bwei\x07", alias="Karl\tLee")
    report = read_ftm(io.StringIO(line), "x")
    (entity,) = report.entities
    assert entity.name == "Li Fangwei" and entity.aliases == ("Karl Lee",)
    assert any("control characters" in w.message for w in report.warnings)


def test_duplicate_ids_keep_the_last_or_both():
    text = ftm_line("p1", "Company", name="First") + "\n" + ftm_line("p1", "Company", name="Second")
    report = read_ftm(io.StringIO(text), "x")
    assert [e.name for e in report.entities] == ["First"]
    assert report.warnings[0].line == 2 and "duplicate" in report.warnings[0].message


def test_vessels_silently_vanish_from_the_counts():
    text = (
        ftm_line("v1", "Vessel", name="OCEAN STAR")
        + "\n"
        + ftm_line("p1", "PublicBody", name="Ministry")
    )
    report = read_ftm(io.StringIO(text), "x")
    assert [(e.id, e.schema) for e in report.entities] == [("p1", "Organization")]
    assert report.skipped == 1 and report.skipped_by_reason == {"not a party: Vessel": 1}
    assert any(w.line == 0 and "Vessel" in w.message for w in report.warnings)


def test_related_parties_mistaken_for_list_targets():
    lines = [
        json.dumps({"id": "t", "schema": "Company", "target": True, "properties": {"name": ["T"]}}),
        json.dumps(
            {"id": "r", "schema": "Company", "target": False, "properties": {"name": ["R"]}}
        ),
    ]
    everything = read_ftm(io.StringIO("\n".join(lines)), "x")
    assert "not itself a target" in {e.id: e for e in everything.entities}["r"].notes
    only_targets = read_ftm(io.StringIO("\n".join(lines)), "x", targets_only=True)
    assert [e.id for e in only_targets.entities] == ["t"] and only_targets.non_party == 1


@pytest.mark.parametrize("text", ["", "\n\n  \n"])
def test_empty_file_returns_an_empty_list_silently(text):
    with pytest.raises(InputError, match="empty"):
        read_ftm(io.StringIO(text), "x")


def test_csv_fed_to_the_ftm_reader_returns_garbage(shared_list):
    with pytest.raises(InputError, match="not FollowTheMoney"):
        read_ftm(shared_list("us-csl-sample.csv"), "x")


def test_missing_file_raises_something_unhelpful(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_ftm(tmp_path / "nope.json", "x")


def test_gzip_export_cannot_be_read(tmp_path):
    path = tmp_path / "entities.ftm.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write(ftm_line("p1", "Person", name="Li Fangwei") + "\n")
    assert [e.name for e in read_ftm(path, "x").entities] == ["Li Fangwei"]


def test_progress_callback_never_called():
    calls: list[int] = []
    text = "\n".join(ftm_line(f"p{i}", "Person", name=f"N{i}") for i in range(25))
    read_ftm(io.StringIO(text), "x", progress=calls.append, progress_every=10)
    assert calls == [10, 20, 25]


def test_delta_lines_not_understood():
    lines = [
        json.dumps({"op": "ADD", "entity": json.loads(ftm_line("p1", "Person", name="A"))}),
        json.dumps({"op": "DEL", "entity": {"id": "p2", "schema": "Person", "properties": {}}}),
    ]
    report = read_ftm(io.StringIO("\n".join(lines)), "x")
    assert [e.id for e in report.entities] == ["p1"] and report.skipped == 1


_GOOD = st.builds(lambda i: ftm_line(f"p{i}", "Person", name=f"Name {i}"), st.integers(0, 30))
_BAD = st.sampled_from(
    ['{"id": "x", "sch', "[1, 2]", '{"schema": "Person"}', ftm_line("q", "Nope", name="Z")]
)
_CONTEXT = st.builds(lambda i: ftm_line(f"s{i}", "Sanction", entity=f"p{i}"), st.integers(0, 30))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(_GOOD, _BAD, _CONTEXT), max_size=40), _GOOD)
def test_counts_do_not_add_up_or_skipped_rows_leak_entities(mixed, good):
    lines = [*mixed, good]
    report = read_ftm(io.StringIO("\n".join(lines)), "x")
    assert report.read == len(lines)
    assert report.read == report.imported + report.skipped + report.non_party
    ids = [e.id for e in report.entities]
    assert len(ids) == len(set(ids))
    assert all(e.name for e in report.entities)
    assert "q" not in ids and "x" not in ids
