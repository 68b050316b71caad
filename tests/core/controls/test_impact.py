"""Licensing impact of the 2B201 change: items re-classified under both packaged versions."""

import pytest

from catchall.core.controls.impact import licensing_impact, outcome_of
from catchall.core.controls.lists import packaged_library
from catchall.core.errors import InputError

OLD = packaged_library().version("eu-dual-use", "2022-10")
NEW = packaged_library().version("eu-dual-use", "2023-12")
MTCR = packaged_library().version("mtcr-annex", "2024-03")


def mill(acc: str, **extra):
    params = {
        "nc_capable": True,
        "contouring_axes": 3,
        "linear_axes": 3,
        "rotary_axes": 0,
        "positioning_accuracy": acc,
        "special_purpose": "none",
        **extra,
    }
    return {
        "description": f"3-axis mill {acc}",
        "kind": "machine_tool.milling",
        "parameters": params,
    }


ITEMS = [
    ("case 1", mill("5 um"), True),  # inside 6 um, outside 4.5 um
    ("case 2", mill("4 um"), False),  # inside both
    ("case 3", mill("8 um"), True),  # outside both
    (
        "case 4",
        {"kind": "machine_tool.milling", "parameters": {"positioning_accuracy": "4 kg"}},
        True,
    ),
]


def test_a_mill_between_the_old_and_new_limits_is_decontrolled_and_its_open_case_flagged():
    r = licensing_impact(OLD, NEW, ITEMS)
    by = {i.source: i for i in r.items}
    assert by["case 1"].outcome == "decontrolled"
    assert by["case 1"].old_entries == ["2B201.a"] and by["case 1"].new_entries == []
    assert by["case 2"].outcome == "unchanged"
    assert by["case 3"].outcome == "unchanged" and by["case 3"].old_entries == []
    assert r.open_cases_affected == ["case 1"]


def test_the_reverse_change_makes_the_same_mill_controlled():
    r = licensing_impact(NEW, OLD, ITEMS[:1])
    assert r.items[0].outcome == "became_controlled"


def test_an_item_that_no_longer_parses_is_reported_not_fatal():
    r = licensing_impact(OLD, NEW, ITEMS)
    bad = next(i for i in r.items if i.source == "case 4")
    assert bad.outcome == "invalid" and "not a length" in bad.problem
    assert r.counts()["invalid"] == 1


def test_versions_of_different_lists_are_refused():
    with pytest.raises(InputError, match="one list"):
        licensing_impact(OLD, MTCR, [])


def test_outcomes():
    assert outcome_of([], ["a"]) == "became_controlled"
    assert outcome_of(["a"], []) == "decontrolled"
    assert outcome_of(["a"], ["b"]) == "entry_changed"
    assert outcome_of(["a"], ["a"]) == "unchanged"
