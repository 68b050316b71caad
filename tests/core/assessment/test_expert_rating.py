"""The technical expert's rating decides a rated item: an undetermined item rated to an entry
needs a licence under it, one rated "not listed" is not listed with the expert's name and
reasoning as the evidence, and a rating that does not fit the item is refused (issue 11, 13)."""

import pytest

from catchall.core.assessment.engine import assess
from catchall.core.controls.classifier import classify
from catchall.core.controls.lists import packaged_library
from catchall.core.controls.rating import ExpertRating, rate
from catchall.core.errors import InputError
from tests.core.assessment.test_undetermined_item import _application

OTHER = {"kind": "other", "description": "Five-axis machining centre for turbine blades"}
FLOW_FORMER = {
    "kind": "machine_tool.flow_forming",
    "parameters": {"contouring_axes": 3, "roller_force": "90 kN", "nc_capable": True},
}


def _rules(d):
    return [r["rule"] for r in d["decision_rules"]]


def test_an_undetermined_item_rated_to_an_entry_needs_a_licence_under_it():
    rating = ExpertRating("change", "Five contouring axes: 2B001.", ("2B001",), by="Tom Tech")
    d = assess(_application([OTHER]), ratings={0: rating}).as_dict()
    [item] = d["items"]
    assert item["controlled"] is True and [e["entry"] for e in item["entries"]] == ["2B001"]
    assert item["expert_rating"]["by"] == "Tom Tech"
    assert "rated 2B001 by the technical expert Tom Tech" in item["headline"]
    assert "undetermined_item" not in _rules(d)
    assert d["licence_required"]["required"] is True
    assert "undetermined_items" not in d["licence_required"]


def test_an_undetermined_item_rated_not_listed_is_not_listed_with_the_experts_reasoning():
    rating = ExpertRating("not_listed", "A hand tool: no entry applies.", by="Tom Tech")
    d = assess(_application([OTHER]), ratings={0: rating}).as_dict()
    [item] = d["items"]
    assert item["controlled"] is False and item["entries"] == []
    assert d["licence_required"]["required"] is False
    assert d["recommendation"] == "approve"
    [evidence] = [r["evidence"] for r in d["decision_rules"] if r["rule"] == "not_required"]
    assert (
        "item 1 is not listed: rated not listed by the technical expert Tom Tech: "
        "A hand tool: no entry applies." in evidence
    )


def test_a_listed_item_rated_not_listed_loses_its_entries_and_confirm_keeps_them():
    listed = assess(_application([FLOW_FORMER])).as_dict()
    assert listed["licence_required"]["required"] is True
    found = [e["entry"] for e in listed["items"][0]["entries"]]
    confirmed = assess(
        _application([FLOW_FORMER]), ratings={0: ExpertRating("confirm", "As found.")}
    ).as_dict()
    assert [e["entry"] for e in confirmed["items"][0]["entries"]] == found
    unlisted = assess(
        _application([FLOW_FORMER]), ratings={0: ExpertRating("not_listed", "Two rollers only.")}
    ).as_dict()
    assert unlisted["items"][0]["controlled"] is False
    assert unlisted["licence_required"]["required"] is False


def test_an_entry_the_classifier_also_found_keeps_its_trace():
    c = classify(FLOW_FORMER)
    entry = c.entries[0].entry.id
    rated = rate(c, ExpertRating("change", "Agreed.", (entry,)), packaged_library())
    assert rated.entries[0].trace == c.entries[0].trace
    assert "rated " + entry in rated.entries[0].notes[-1]


@pytest.mark.parametrize(
    ("rating", "field", "message"),
    [
        (ExpertRating("confirm", "x"), "outcome", "the classifier could not rate this item"),
        (ExpertRating("change", "x"), "entries", "give at least one entry number"),
        (ExpertRating("change", "x", ("2B999",)), "entries", "not an entry of the control"),
        (ExpertRating("not_listed", "x", ("2B001",)), "entries", "give entries only when"),
        (ExpertRating("maybe", "x"), "outcome", "one of confirm, change, not_listed"),
    ],
    ids=["confirm-undetermined", "change-without", "unknown-entry", "entries-not-listed", "bad"],
)
def test_a_rating_that_does_not_fit_the_item_is_refused_naming_the_field(rating, field, message):
    with pytest.raises(InputError) as exc:
        rate(classify(OTHER), rating, packaged_library())
    [problem] = exc.value.problems
    assert problem.field == field and problem.message.startswith(message)


def test_entry_numbers_are_read_as_people_write_them():
    rated = rate(classify(OTHER), ExpertRating("change", "x", ("2b1",)), packaged_library())
    assert [h.entry.id for h in rated.entries] == ["2B001"]
