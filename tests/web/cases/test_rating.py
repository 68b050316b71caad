"""The technical expert rates each item (confirm, change entries, not listed; reasoning always),
through the API and the rating page: validated against the lists in force, audited, used by
the assessment, and the case returns to its officer when every item is rated (issues 11, 13).

Decided and tested here: the rating and its reasoning are internal to the authority, like the
assessment. An exporter gets neither the rating page nor the ratings in the API or on the case
page."""

from __future__ import annotations

import copy
import re

import pytest

from catchall.web.audit.models import AuditEvent
from catchall.web.cases.models import ClassificationConfirmation, ItemRating
from catchall.web.cases.services import case_act, case_create
from tests.web.cases.test_api import get, post
from tests.web.cases.test_workflow import fresh

pytestmark = pytest.mark.django_db

MILL = {
    "description": "Five-axis machining centre for turbine blades",
    "kind": "other",
    "quantity": 1,
}
PUMP = {"description": "Centrifugal water pump, 40 m head", "kind": "other", "quantity": 2}
APPLICATION = {
    "reference": "R-1",
    "exporter": {"name": "Neckar Umformtechnik GmbH", "country": "DE"},
    "destination": "CH",
    "parties": [{"role": "end_user", "name": "Zurich Pump Works AG", "country": "CH"}],
    "end_use": "Waterworks pumps",
    "items": [MILL, PUMP],
}
WHY = "Five simultaneous contouring axes and 4 um positioning: 2B001."


def rules(case) -> list[str]:
    return [r["rule"] for r in case.assessments.first().result["decision_rules"]]


def events(case, action=None) -> list[AuditEvent]:
    qs = AuditEvent.objects.filter(object_type="case", object_id=str(case.pk))
    return list(qs.filter(action=action) if action else qs)


@pytest.fixture
def reviewed(users):
    """Under review by "officer", assigned to the technical expert."""
    case = case_create(actor=users["exporter"], data=copy.deepcopy(APPLICATION))
    case_act(case, "submit", actor=users["exporter"])
    case_act(fresh(case), "start_review", actor=users["officer"])
    case_act(fresh(case), "assign", actor=users["officer"], user_id=users["expert"].pk)
    return fresh(case)


def rate(client, case, who="expert", **body):
    return post(client, f"/api/cases/{case.pk}/actions/rate_item", body, who)


def test_an_undetermined_item_rated_2B001_is_no_longer_undetermined(client, users, reviewed):
    assert "undetermined_item" in rules(reviewed)
    r = rate(client, reviewed, index=0, outcome="change", entries=["2b1"], reasoning=WHY)
    assert r.status_code == 200, r.content
    case = fresh(reviewed)
    result = case.assessments.first().result
    item = result["items"][0]
    assert item["controlled"] is True and [e["entry"] for e in item["entries"]] == ["2B001"]
    assert item["expert_rating"]["reasoning"] == WHY
    assert result["licence_required"]["undetermined_items"] == [1]  # the pump is still open
    assert result["licence_required"]["required"] is True
    [rating] = r.json()["ratings"]
    assert (rating["index"], rating["outcome"], rating["entries"]) == (0, "change", ["2B001"])
    assert rating["engine_entries"] == []
    [event] = events(case, "case.rate_item")
    assert event.details["item"] == 1 and event.details["entries"] == ["2B001"]
    assert event.details["reasoning"] == WHY and event.actor == users["expert"]
    # one item is left: the case stays with the expert, under review
    assert case.status == "under_review" and case.assigned_to == users["expert"]


def test_the_last_rating_confirms_the_classification_and_returns_the_case_to_its_officer(
    client, users, reviewed
):
    rate(client, reviewed, index=0, outcome="change", entries=["2B001"], reasoning=WHY)
    r = rate(
        client,
        fresh(reviewed),
        index=1,
        outcome="not_listed",
        reasoning="A water pump: no entry applies.",
    )
    assert r.status_code == 200, r.content
    case = fresh(reviewed)
    assert case.status == "classification_confirmed"
    assert case.assigned_to == users["officer"]  # not left with the expert
    result = case.assessments.first().result
    assert "undetermined_item" not in rules(case)
    assert result["licence_required"]["required"] is True
    assert "undetermined_items" not in result["licence_required"]
    assert result["items"][1]["controlled"] is False
    assert "rated not listed by the technical expert" in result["items"][1]["headline"]
    confirmation = ClassificationConfirmation.objects.get(case=case)
    assert [(i["index"], i["entries"], i["rating"]) for i in confirmation.items] == [
        (0, ["2B001"], "change"),
        (1, [], "not_listed"),
    ]
    [last] = events(case, "case.rate_item")[-1:]
    assert last.details["assigned_to"] == "officer" and last.after["status"] == (
        "classification_confirmed"
    )


def test_the_confirm_action_returns_the_case_to_the_officer_who_started_the_review(users, app_data):
    case = case_create(actor=users["exporter"], data=app_data)
    case_act(case, "submit", actor=users["exporter"])
    case_act(fresh(case), "start_review", actor=users["officer2"])
    case_act(fresh(case), "assign", actor=users["officer2"], user_id=users["expert"].pk)
    case_act(fresh(case), "confirm_classification", actor=users["expert"])
    case = fresh(case)
    assert case.status == "classification_confirmed" and case.assigned_to == users["officer2"]


def test_the_confirm_action_waits_for_the_rating_of_an_undetermined_item(client, users, reviewed):
    r = post(client, f"/api/cases/{reviewed.pk}/actions/confirm_classification", {}, "expert")
    assert r.status_code == 409, r.content
    assert "could not rate item 1, 2: rate it first" in r.json()["problems"][0]["message"]
    assert fresh(reviewed).status == "under_review"


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"index": 0, "reasoning": WHY}, "outcome", "required"),
        ({"index": 0, "outcome": "perhaps", "reasoning": WHY}, "outcome", "one of"),
        ({"index": 0, "outcome": "change", "reasoning": WHY}, "entries", "give at least one"),
        (
            {"index": 0, "outcome": "change", "entries": ["2B999"], "reasoning": WHY},
            "entries",
            "not an entry of the control lists in force: 2B999",
        ),
        (
            {"index": 0, "outcome": "confirm", "reasoning": WHY},
            "outcome",
            "the classifier could not rate this item",
        ),
        ({"index": 0, "outcome": "not_listed", "reasoning": "  "}, "reasoning", "required"),
        ({"index": 7, "outcome": "not_listed", "reasoning": WHY}, "index", "no item"),
    ],
    ids=["no-outcome", "bad-outcome", "no-entries", "unknown-entry", "confirm", "no-why", "index"],
)
def test_a_bad_rating_names_the_field_and_writes_nothing(
    client, users, reviewed, body, field, message
):
    before = len(events(reviewed))
    r = rate(client, reviewed, **body)
    assert r.status_code == 422, r.content
    [problem] = r.json()["problems"]
    assert problem["field"] == field and problem["message"].startswith(message)
    assert not ItemRating.objects.exists() and len(events(reviewed)) == before


@pytest.mark.parametrize("who", ["officer", "senior", "liaison", "exporter", "other_exporter"])
def test_only_a_technical_expert_rates(client, users, reviewed, who):
    r = rate(client, reviewed, index=1, outcome="not_listed", reasoning="A pump.")
    assert r.status_code == 200  # the expert may
    ItemRating.objects.all().delete()  # (ratings are append-only in use; reset for the check)
    user = users[who]
    body = {"index": 1, "outcome": "not_listed", "reasoning": "A pump."}
    r = rate(client, fresh(reviewed), user.get_username(), **body)
    assert r.status_code in (403, 404) and not ItemRating.objects.exists()
    client.force_login(user)
    r = client.post(
        f"/cases/{reviewed.pk}/rate/", {**body, "lock_version": fresh(reviewed).lock_version}
    )
    assert r.status_code in (403, 404) and not ItemRating.objects.exists()


def test_the_exporter_never_reads_the_rating_or_its_reasoning(client, users, reviewed):
    rate(client, reviewed, index=0, outcome="change", entries=["2B001"], reasoning=WHY)
    api = get(client, f"/api/cases/{reviewed.pk}", "exporter").json()
    assert "ratings" not in api and WHY not in str(api)
    client.force_login(users["exporter"])
    assert WHY not in client.get(f"/cases/{reviewed.pk}/").content.decode()
    assert client.get(f"/cases/{reviewed.pk}/rate/").status_code == 403
    officer = get(client, f"/api/cases/{reviewed.pk}", "officer").json()
    assert officer["ratings"][0]["reasoning"] == WHY


def test_a_rating_holds_while_the_item_is_unchanged_and_lapses_when_it_changes(
    client, users, reviewed
):
    rate(client, reviewed, index=0, outcome="change", entries=["2B001"], reasoning=WHY)
    data = copy.deepcopy(APPLICATION)
    data["end_use"] = "Waterworks pumps and turbine blades"
    case_act(fresh(reviewed), "amend", actor=users["exporter"], data=data)
    assert fresh(reviewed).assessments.first().result["items"][0]["controlled"] is True
    data["items"][0] = {**MILL, "description": "Five-axis machining centre, 2 um"}
    case_act(fresh(reviewed), "amend", actor=users["exporter"], data=data)
    assert fresh(reviewed).assessments.first().result["items"][0]["controlled"] is None


# ------------------------------------------------------------------------- the rating page


def test_the_page_lists_the_items_in_words_with_radios_and_nothing_preselected(
    client, users, reviewed
):
    client.force_login(users["expert"])
    r = client.get(f"/cases/{reviewed.pk}/rate/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "Item 1: Five-axis machining centre for turbine blades" in html
    assert "Item 2: Centrifugal water pump, 40 m head" in html
    assert "Undetermined" in html and "Entries whose text answers the description" in html
    assert html.count('name="outcome"') == 4  # change and not listed, per undetermined item
    assert 'value="confirm"' not in html  # nothing to confirm for an undetermined item
    assert " checked" not in html
    # the officer reads it without the forms
    client.force_login(users["officer"])
    html = client.get(f"/cases/{reviewed.pk}/rate/").content.decode()
    assert 'name="outcome"' not in html and "Only a technical expert rates items." in html


def test_a_page_rating_without_outcome_or_reasoning_shows_the_govuk_error_pattern(
    client, users, reviewed
):
    client.force_login(users["expert"])
    r = client.post(
        f"/cases/{reviewed.pk}/rate/",
        {"index": "1", "entries": "", "reasoning": "", "lock_version": reviewed.lock_version},
    )
    assert r.status_code == 422
    html = r.content.decode()
    assert re.search(r"<title>Error: ", html)
    assert 'class="govuk-error-summary"' in html
    assert '<a href="#outcome-1" autofocus>Choose how you rate item 2</a>' in html
    assert '<a href="#reasoning-1">Give your reasoning for item 2</a>' in html
    assert 'id="reasoning-1" name="reasoning" rows="3"' in html
    assert re.search(r'id="reasoning-1"[^>]*aria-invalid="true"', html)
    assert not ItemRating.objects.exists()


def test_an_unknown_entry_on_the_page_is_an_error_by_the_field_and_the_typing_is_kept(
    client, users, reviewed
):
    client.force_login(users["expert"])
    r = client.post(
        f"/cases/{reviewed.pk}/rate/",
        {
            "index": "0",
            "outcome": "change",
            "entries": "2B001, 2B999",
            "reasoning": WHY,
            "lock_version": reviewed.lock_version,
        },
    )
    assert r.status_code == 422
    html = r.content.decode()
    assert (
        '<a href="#entries-0" autofocus>Item 1: not an entry of the control lists in force: '
        "2B999</a>" in html
    )
    assert 'value="2B001, 2B999"' in html and WHY in html
    assert re.search(r'value="change" checked', html)
    assert not ItemRating.objects.exists()


def test_rating_every_item_on_the_page_returns_the_case_to_the_officer(client, users, reviewed):
    client.force_login(users["expert"])
    r = client.post(
        f"/cases/{reviewed.pk}/rate/",
        {
            "index": "0",
            "outcome": "change",
            "entries": "2B001",
            "reasoning": WHY,
            "lock_version": reviewed.lock_version,
        },
        follow=True,
    )
    assert r.redirect_chain[-1][0] == f"/cases/{reviewed.pk}/rate/"
    assert "Item 1 rated. 1 item left to rate." in r.content.decode()
    r = client.post(
        f"/cases/{reviewed.pk}/rate/",
        {
            "index": "1",
            "outcome": "not_listed",
            "reasoning": "A water pump.",
            "lock_version": fresh(reviewed).lock_version,
        },
        follow=True,
    )
    assert r.redirect_chain[-1][0] == f"/cases/{reviewed.pk}/"
    assert "the classification is confirmed and the case is back with officer" in (
        r.content.decode()
    )
    assert fresh(reviewed).assigned_to == users["officer"]


def test_the_case_pages_action_form_takes_the_same_rating(client, users, reviewed):
    """Faces answer the same: the generic action URL reads entries typed as on the rating page."""
    client.force_login(users["expert"])
    r = client.post(
        f"/cases/{reviewed.pk}/act/rate_item/",
        {
            "index": "0",
            "outcome": "change",
            "entries": "2B001; 2B201.a",
            "reasoning": WHY,
            "lock_version": reviewed.lock_version,
        },
    )
    assert r.status_code == 302
    assert ItemRating.objects.get().entries == ["2B001", "2B201.a"]
