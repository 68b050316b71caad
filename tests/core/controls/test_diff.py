"""Diff of the two packaged 2B201 versions, criterion by criterion, with rationale."""

import datetime as dt

import pytest
import yaml

from catchall.core.controls.diff import diff_text, diff_versions
from catchall.core.controls.lists import Library, packaged_library, parse_version

OLD = packaged_library().version("eu-dual-use", "2022-10")
NEW = packaged_library().version("eu-dual-use", "2023-12")


def test_the_2b201_change_shows_each_threshold_with_its_iso_230_2_edition():
    d = diff_versions(OLD, NEW)
    assert [c.entry for c in d.changes] == ["2B201.a", "2B201.b", "2B201.c"]
    assert all(c.change == "changed" for c in d.changes)
    a = d.changes[0]
    acc = next(c for c in a.criteria if c.path == "criteria[2].any[0]")
    assert acc.old == "positioning accuracy ≤ 6 µm (ISO 230-2:1988)"
    assert acc.new == "positioning accuracy ≤ 4.5 µm (ISO 230-2:2006)"
    assert (acc.old_standard, acc.new_standard) == ("ISO 230-2:1988", "ISO 230-2:2006")
    # Issue 10.5: 6 um (1988 edition) -> 4.5 um (2006 edition) is the same limit restated for
    # another edition, not a narrowing (was "narrows" before the expert's correction).
    assert acc.effect == "restatement"


def test_an_exclusion_threshold_change_is_attributed_to_the_exclusion_with_inverted_effect():
    a = diff_versions(OLD, NEW).changes[0]
    x = next(c for c in a.criteria if c.path.startswith("exclusions[long-x-travel"))
    assert "30 µm" in x.old and "22.5 µm" in x.new
    assert x.effect == "restatement"  # 1988 -> 2006 edition: not comparable on the numbers


def test_a_threshold_change_within_one_edition_still_narrows_or_widens():
    raw = yaml.safe_load(yaml.safe_dump(OLD.entries["2B201.a"].raw, allow_unicode=True))
    raw["criteria"][2]["any"][0]["le"] = "5 um"  # same edition (1988), lower limit
    new = _extend(
        {
            "list": "eu-dual-use",
            "version": "t3",
            "effective_date": dt.date(2025, 1, 1),
            "extends": "2022-10",
            "replace": [raw],
        }
    )
    acc = next(
        c for c in diff_versions(OLD, new).changes[0].criteria if c.path == "criteria[2].any[0]"
    )
    assert acc.effect == "narrows"
    assert (
        next(
            c for c in diff_versions(new, OLD).changes[0].criteria if c.path == "criteria[2].any[0]"
        ).effect
        == "widens"
    )


def test_every_change_carries_the_rationale_recorded_in_the_version():
    for c in diff_versions(OLD, NEW).changes:
        assert "ISO 230-2" in c.rationale


def test_unchanged_entries_are_not_reported_and_the_reverse_diff_is_a_restatement_too():
    d = diff_versions(NEW, OLD)
    assert len(d.changes) == 3
    acc = next(c for c in d.changes[0].criteria if c.path == "criteria[2].any[0]")
    assert acc.effect == "restatement"
    assert diff_versions(OLD, OLD).changes == []


def _extend(raw: dict):
    lib = Library([OLD])
    return parse_version(raw, "test", lib.version("eu-dual-use", "2022-10"))


def test_added_and_removed_entries_are_listed_with_their_titles():
    entry = dict(OLD.entries["2B201.a"].raw, id="2B999")
    new = _extend(
        {
            "list": "eu-dual-use",
            "version": "t",
            "effective_date": dt.date(2025, 1, 1),
            "extends": "2022-10",
            "remove": ["2B201.c"],
            "add": [entry],
            "changes": [{"entry": "2B999", "rationale": "test addition"}, {"rationale": "general"}],
        }
    )
    d = diff_versions(OLD, new)
    kinds = {c.entry: c.change for c in d.changes}
    assert kinds == {"2B201.c": "removed", "2B999": "added"}
    assert next(c for c in d.changes if c.entry == "2B999").rationale == "test addition"
    assert d.general_rationale == ["general"]
    text = diff_text(d.as_dict())
    assert "+ 2B999" in text and "- 2B201.c" in text


def test_a_criterion_whose_shape_changes_is_reported_removed_and_added():
    raw = yaml.safe_load(yaml.safe_dump(OLD.entries["2B201.c"].raw, allow_unicode=True))
    raw["criteria"][3] = {"any": [{"param": "max_workpiece_diameter", "gt": "50 mm"}]}
    new = _extend(
        {
            "list": "eu-dual-use",
            "version": "t2",
            "effective_date": dt.date(2025, 1, 1),
            "extends": "2022-10",
            "replace": [raw],
        }
    )
    cc = diff_versions(OLD, new).changes[0].criteria
    assert [c.change for c in cc] == ["removed", "added"]
    assert "35 mm" in cc[0].old and "50 mm" in cc[1].new


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_the_diff_serialises(fmt):
    d = diff_versions(OLD, NEW).as_dict()
    assert d["summary"] == {"added": 0, "removed": 0, "changed": 3}
    if fmt == "text":
        text = diff_text(d)
        assert "6 µm (ISO 230-2:1988) -> positioning accuracy ≤ 4.5 µm" in text
        assert "[restatement]" in text and "[narrows]" not in text


def _text_version(version: str, text: str, extra: list[dict] | None = None):
    from catchall.core.controls.lists import parse_version

    raw = {"list": "t", "version": version, "effective_date": f"20{version}-01-01", "entries": []}
    records = [
        {
            "id": "9A106.c",
            "regime": "MTCR",
            "title": "Thrust vector control sub-systems",
            "text": text,
            "lines": [10, 11],
        },
        *(extra or []),
    ]
    return parse_version(
        raw, version, official={"source": {"document": "test"}, "entries": records}
    )


def test_a_changed_entry_text_is_a_word_level_redline_on_every_face():
    """Text-only entries (most of the list) change by their wording: the diff shows which
    words went and came, as JSON operations, terminal marks and labelled HTML."""
    from catchall.core.controls.diff import diff_text, diff_versions
    from catchall.core.redline import ops_html
    from catchall.core.regime.briefing import briefing_sections

    old = _text_version(
        "21", "Thrust vector control sub-systems usable in rockets of 300 km range;"
    )
    new = _text_version(
        "22",
        "Thrust vector control sub-systems usable in rockets and unmanned aerial vehicles;",
        [
            {
                "id": "9A106.d",
                "regime": "MTCR",
                "title": "Nozzles",
                "text": "Nozzles;",
                "lines": [12, 12],
            }
        ],
    )
    d = diff_versions(old, new)
    change = next(c for c in d.changes if c.entry == "9A106.c")
    assert change.change == "changed" and change.substantive
    ops = change.as_dict()["text"]["ops"]
    assert {"op": "delete", "text": "of 300 km range"} in ops
    assert {"op": "insert", "text": "and unmanned aerial vehicles"} in ops
    assert "".join(o["text"] for o in ops if o["op"] != "insert") == change.text.old
    text = diff_text(d.as_dict())
    assert "text: Thrust vector control sub-systems usable in rockets [-of 300 km range-]" in text
    assert "{+and unmanned aerial vehicles+};" in text
    assert "+ 9A106.d  Nozzles" in text
    html = ops_html(ops)
    assert '<del><span class="redline-label">[deleted: </span>of 300 km range<' in html
    sections = {s.entry: s for s in briefing_sections(d)}
    assert sections["9A106.c"].redline == ops
    assert "wording" in sections["9A106.c"].what[0]
    assert "its text: Nozzles;" in sections["9A106.d"].what[0]


def test_an_unchanged_or_reflowed_text_is_not_a_change():
    from catchall.core.controls.diff import diff_versions

    a = _text_version("21", "Nozzles  for rockets;")
    b = _text_version("22", "Nozzles for\nrockets;")
    assert diff_versions(a, b).changes == []
