"""Whose turn, state by state: what the case waits for, from whom, by when, the reader's next
step, and the required steps named before they block (issue 13, item 2)."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from django.utils import timezone

from catchall.web.cases.models import Consultation
from catchall.web.cases.services import case_act, case_create
from catchall.web.cases.turn import whose_turn
from tests.web.cases.test_rating import APPLICATION, MILL
from tests.web.cases.test_workflow import fresh

pytestmark = pytest.mark.django_db

NEAR_PRESS = {
    "description": "Hot isostatic press, 60 MPa",
    "kind": "press.isostatic",
    "parameters": {
        "max_pressure": "60 MPa",
        "max_temperature": "1200 degC",
        "chamber_inner_diameter": "400 mm",
    },
    "quantity": 1,
}


def submitted(users, data):
    case = case_create(actor=users["exporter"], data=copy.deepcopy(data))
    case_act(case, "submit", actor=users["exporter"])
    return fresh(case)


def reviewed(users, data):
    case = submitted(users, data)
    case_act(case, "start_review", actor=users["officer"])
    return fresh(case)


def confirmed(users, data):
    case = reviewed(users, data)
    case_act(case, "confirm_classification", actor=users["expert"])
    return fresh(case)


def test_a_draft_waits_for_the_exporter_to_submit(users, partner_data):
    case = case_create(actor=users["exporter"], data=partner_data)
    turn = whose_turn(case, users["exporter"])
    assert turn.waits_for == "the application to be submitted"
    assert turn.from_whom == "Neckar Umformtechnik GmbH"
    assert turn.next_step.label == "Submit the application" and turn.yours


def test_a_submitted_case_waits_for_an_officer_and_names_the_experts_rating_early(
    users, partner_data
):
    case = submitted(users, partner_data)
    turn = whose_turn(case, users["officer"])
    assert (turn.waits_for, turn.from_whom) == ("the start of the review", "a licensing officer")
    assert turn.next_step.label == "Start the review"
    assert turn.due == timezone.localdate(case.due_at)
    assert turn.required == ("The technical expert rates the items before an officer recommends.",)
    expert = whose_turn(case, users["expert"])
    assert expert.next_step is None and not expert.yours


def test_the_exporter_is_told_what_the_authority_does_in_words_and_nothing_internal(
    users, partner_data
):
    case = submitted(users, partner_data)
    assert whose_turn(case, users["exporter"]).waits_for == (
        "the start of the licensing authority's review"
    )
    case = reviewed(users, APPLICATION)
    turn = whose_turn(case, users["exporter"])
    assert turn.from_whom == "the licensing authority"
    assert turn.required == () and turn.next_step is None
    assert turn.waits_for == "the licensing authority's decision"


def test_under_review_the_officer_is_asked_to_assign_an_expert_and_told_which_items_block(
    users,
):
    data = copy.deepcopy(APPLICATION)
    data["items"] = [MILL, NEAR_PRESS]
    case = reviewed(users, data)
    turn = whose_turn(case, users["officer"])
    assert turn.waits_for == "the technical expert's rating of the items"
    assert turn.from_whom == "a technical expert (nobody assigned yet)"
    assert turn.next_step.label == "Assign a technical expert"
    assert turn.required == (
        "The technical expert must rate item 1 (Five-axis machining centre for turbine blades: "
        "undetermined, not rated automatically) before a recommendation.",
        "The technical expert must rate item 2 (Hot isostatic press, 60 MPa: near the threshold "
        "of 2B104, 2B204.a) before a recommendation.",
    )


def test_assigned_to_the_expert_it_is_the_experts_turn_to_rate_and_rated_items_drop_out(
    users,
):
    case = reviewed(users, APPLICATION)
    case_act(case, "assign", actor=users["officer"], user_id=users["expert"].pk)
    case = fresh(case)
    officer = whose_turn(case, users["officer"])
    assert officer.from_whom == "expert (technical expert)" and officer.next_step is None
    assert "you may ask the exporter for information meanwhile" in officer.idle
    turn = whose_turn(case, users["expert"])
    assert turn.next_step.label == "Rate the items"
    assert turn.next_step.href == f"/cases/{case.pk}/rate/" and turn.yours
    case_act(
        case, "rate_item", actor=users["expert"], index=0, outcome="not_listed", reasoning="No."
    )
    required = whose_turn(fresh(case), users["expert"]).required
    assert len(required) == 1 and required[0].startswith("The technical expert must rate item 2")


def test_items_found_clearly_are_named_for_confirmation(users, partner_data):
    case = reviewed(users, partner_data)
    assert whose_turn(case, users["officer"]).required == (
        "The technical expert confirms the classification of item 1 before a recommendation.",
    )


def test_an_open_partner_consultation_is_named_before_it_blocks_approval(users, partner_data):
    case = reviewed(users, partner_data)
    Consultation.objects.create(
        case=case,
        partner="United Kingdom (GB)",
        reference="GB-2025-031",
        reason="denied a similar press",
        opened_at=timezone.now(),
    )
    required = whose_turn(case, users["officer"]).required
    assert required[-1] == (
        "The partner consultation with United Kingdom (GB) (GB-2025-031) must be answered with "
        "no objection before the case can be approved."
    )
    assert "GB-2025-031" not in str(whose_turn(case, users["exporter"]))


def test_a_confirmed_classification_is_the_officers_turn_to_recommend(users, partner_data):
    case = confirmed(users, partner_data)
    assert case.assigned_to == users["officer"]
    turn = whose_turn(case, users["officer"])
    assert turn.waits_for == "the officer's recommendation"
    assert turn.from_whom == "officer (licensing officer)"
    assert turn.next_step.label == "Record your recommendation" and turn.yours
    assert whose_turn(case, users["senior"]).next_step is None


def test_a_recommendation_waits_for_another_senior_officer(users, partner_data):
    case = confirmed(users, partner_data)
    case_act(case, "recommend", actor=users["admin"], outcome="approve", reasoning="Fine.")
    case = fresh(case)
    senior = whose_turn(case, users["senior"])
    assert senior.waits_for == "a senior officer's countersignature"
    assert senior.next_step.label == "Countersign the decision"
    admin = whose_turn(case, users["admin"])  # recommended it: may not countersign
    assert admin.next_step is None and "a senior officer other than you" in admin.idle


@pytest.mark.parametrize(
    ("outcome", "label"), [("approve", "Issue the licence"), ("deny", "Send the refusal")]
)
def test_a_decision_waits_for_its_document(users, partner_data, outcome, label):
    case = confirmed(users, partner_data)
    case_act(case, "recommend", actor=users["officer"], outcome=outcome, reasoning="R.")
    case_act(fresh(case), "decide", actor=users["senior"], outcome=outcome, reason="R.")
    assert whose_turn(fresh(case), users["officer"]).next_step.label == label


def test_a_refusal_sent_waits_for_an_appeal_until_the_deadline_then_closes(users, partner_data):
    case = confirmed(users, partner_data)
    case_act(case, "recommend", actor=users["officer"], outcome="deny", reasoning="R.")
    case_act(fresh(case), "decide", actor=users["senior"], outcome="deny", reason="R.")
    case_act(fresh(case), "send_refusal", actor=users["officer"])
    case = fresh(case)
    turn = whose_turn(case, users["exporter"])
    assert (turn.due_label, turn.due) == ("Appeal by", case.appeal_deadline)
    assert turn.next_step.label == "Appeal the refusal" and turn.from_whom == "you"
    case.appeal_deadline = timezone.localdate() - dt.timedelta(days=1)
    assert whose_turn(case, users["exporter"]).closed


def test_information_requested_is_the_exporters_turn(users, partner_data):
    case = reviewed(users, partner_data)
    case_act(case, "request_information", actor=users["officer"], question="Who installs it?")
    case = fresh(case)
    turn = whose_turn(case, users["exporter"])
    assert turn.next_step.label == "Answer the information request" and turn.yours
    assert whose_turn(case, users["officer"]).from_whom == "Neckar Umformtechnik GmbH"


def test_an_overdue_case_says_so(users, partner_data):
    case = submitted(users, partner_data)
    case.due_at = timezone.now() - dt.timedelta(days=2)
    assert whose_turn(case, users["officer"]).overdue


def test_the_case_page_shows_the_panel_first(client, users, partner_data):
    case = submitted(users, partner_data)
    client.force_login(users["officer"])
    html = client.get(f"/cases/{case.pk}/").content.decode()
    panel = html.index('aria-labelledby="turn-h"')
    assert html.index("<h1>") < panel < html.index('id="actions-h"')
    # "Start the review" takes no input: the panel's button does it at once
    assert f'<form method="post" action="/cases/{case.pk}/act/start_review/">' in html
    assert "Start the review</button>" in html


def test_a_case_returned_by_the_senior_officer_asks_the_expert_to_confirm_again(users):
    case = reviewed(users, APPLICATION)
    for index in (0, 1):
        case_act(
            fresh(case),
            "rate_item",
            actor=users["expert"],
            index=index,
            outcome="not_listed",
            reasoning="Not listed.",
        )
    case_act(fresh(case), "recommend", actor=users["officer"], outcome="approve", reasoning="R.")
    case_act(fresh(case), "return_to_officer", actor=users["senior"], reason="Check item 1.")
    turn = whose_turn(fresh(case), users["expert"])
    assert turn.next_step.label == "Confirm the classification"  # the ratings still hold
    assert turn.required == ()
