"""How a classification reports what is not a plain match (issue 10.5): entries removed by an
exclusion Note (``excluded_by``), near misses only within the documented margin, and answers
that rest on a figure measured to another edition of ISO 230-2 (said in the headline)."""

from __future__ import annotations

import pytest

from catchall.core.controls.classifier import NEAR_MISS_MARGIN, classify
from catchall.core.controls.render import classification_text
from tests.core.controls.entry_cases import BEFORE_2B201_CHANGE, classify_dict, with_

# --------------------------------------------------------------------------- excluded_by

SWISS = {
    "nc_capable": True,
    "contouring_axes": 2,
    "positioning_repeatability": "0.5 um",
    "axis_travel": "500 mm",
    "swiss_type": True,
    "has_chuck": False,
    "max_bar_diameter": "42 mm",
    "special_purpose": "none",
}


@pytest.mark.parametrize(
    ("bar", "excluded"),
    [("42 mm", True), ("41.9 mm", True), ("42.1 mm", False), ("1.65 in", True), ("1.66 in", False)],
    ids=["at-42mm", "below-41.9mm", "above-42.1mm", "below-1.65in", "above-1.66in"],
)
def test_an_entry_removed_by_its_exclusion_note_is_reported_with_the_note(bar, excluded):
    r = classify_dict("machine_tool.turning", with_(SWISS, max_bar_diameter=bar))
    hit = {e["entry"] for e in r["entries"]}
    by = {x["entry"]: x["excluded_by"] for x in r["excluded"]}
    if excluded:
        assert "2B001.a" not in hit
        assert by["2B001.a"]["id"] == "swiss-type-bar-machines"
        assert "2B001.a Note 2" in by["2B001.a"]["text"]
        assert "2B001.a" in r["headline"] and "Note 2" in r["headline"]
        assert "swiss-type-bar-machines" in classification_text(r)
    else:
        assert "2B001.a" in hit and "2B001.a" not in by


def test_an_entry_whose_criteria_fail_is_not_reported_as_excluded():
    r = classify_dict("machine_tool.turning", with_(SWISS, positioning_repeatability="5 um"))
    assert "2B001.a" not in {x["entry"] for x in r["excluded"]}


# --------------------------------------------------------------------------- near-miss margin

MILL5 = {
    "nc_capable": True,
    "linear_axes": 3,
    "rotary_axes": 2,
    "contouring_axes": 5,
    "rotary_contouring_axes": 2,
    "axis_travel": "800 mm",
    "special_purpose": "none",
}


@pytest.mark.parametrize(
    ("repeatability", "near"),
    [
        ("1.12 um", True),  # 24.4 % over 0.9 um
        ("4.4e-5 in", True),  # 1.1176 um, 24.2 %
        ("1.13 um", False),  # 25.6 %: outside the margin
        ("4.5e-5 in", False),  # 1.143 um, 27 %
        ("2 um", False),
    ],
    ids=["1.12um-within", "in-within", "1.13um-outside", "in-outside", "2um-far"],
)
def test_a_near_miss_is_only_within_the_documented_margin(repeatability, near):
    assert NEAR_MISS_MARGIN == 0.25
    r = classify_dict("machine_tool.milling", with_(MILL5, positioning_repeatability=repeatability))
    names = {n["entry"] for n in r["near_misses"]}
    assert ("2B001.b.2" in names) == near
    for n in r["near_misses"]:
        for f in n["failed"]:
            assert f["gap_percent"] is not None and f["gap_percent"] <= 25


def test_a_failed_yes_no_criterion_is_not_a_near_miss():
    r = classify_dict(
        "machine_tool.milling", with_(MILL5, nc_capable=False, positioning_repeatability="0.5 um")
    )
    assert "2B001.b.2" not in {n["entry"] for n in r["near_misses"]}


# --------------------------------------------------------------------------- ISO 230-2 editions

GRINDER = {
    "nc_capable": True,
    "contouring_axes": 3,
    "rotary_contouring_axes": 0,
    "positioning_repeatability": "2 um",
    "special_purpose": "none",
    "grinder_type": "other",
}


def _grinder(value: str, standard: str) -> dict:
    return with_(GRINDER, positioning_accuracy={"value": value, "standard": standard})


@pytest.mark.parametrize(
    ("value", "standard", "controlled", "caveat"),
    [
        ("4 um", "ISO 230-2:2006", True, True),  # at the 1988 limit, measured per 2006
        ("3.9 um", "ISO 230-2:2006", True, True),
        ("4.1 um", "ISO 230-2:2006", False, True),  # just above: not listed, but says why
        ("1.6e-4 in", "ISO 230-2:2014", False, True),  # 4.064 um
        ("4 um", "ISO 230-2:1988", True, False),  # same edition: no caveat
        ("4.1 um", "ISO 230-2:1988", False, False),
        ("20 um", "ISO 230-2:2006", False, False),  # far off: the edition cannot decide it
    ],
    ids=["at-2006", "below-2006", "above-2006", "inches-2014", "at-1988", "above-1988", "far"],
)
def test_the_headline_says_when_another_edition_decides_the_entry(
    value, standard, controlled, caveat
):
    c = classify(
        {"kind": "machine_tool.grinding", "parameters": _grinder(value, standard)},
        at=BEFORE_2B201_CHANGE,
    )
    assert ("2B201.b" in {h.entry.id for h in c.entries}) == controlled
    d = c.as_dict()
    caveats = [x for x in d["edition_caveats"] if x["entry"] == "2B201.b"]
    if not caveat:
        assert caveats == [] and "Caution" not in d["headline"]
        return
    (x,) = caveats
    assert (x["item_standard"], x["entry_standard"]) == (standard, "ISO 230-2:1988")
    assert x["decides"] == ("controlled" if controlled else "not listed")
    assert d["headline"].startswith("CONTROLLED" if controlled else "NOT LISTED")
    assert "Caution" in d["headline"] and standard in d["headline"]
    assert "ISO 230-2:1988" in d["headline"]
    assert "CAUTION" in classification_text(d)


def test_a_figure_measured_to_the_2006_edition_decides_the_2023_entry_without_caveat():
    r = classify_dict("machine_tool.grinding", _grinder("3 um", "ISO 230-2:2006"))
    assert "2B201.b" in {e["entry"] for e in r["entries"]}
    assert r["edition_caveats"] == []
