"""The licence workflow from draft to decision: allowed and refused transitions per role."""

from __future__ import annotations

import pytest

from catchall.core.errors import InputError
from catchall.core.workflow import NotAllowed, WrongState
from catchall.web.audit.models import AuditEvent
from catchall.web.audit.services import verify_chain
from catchall.web.cases.models import AssessmentRun, Case
from catchall.web.cases.services import case_act, case_create

pytestmark = pytest.mark.django_db


def fresh(case) -> Case:
    return Case.objects.get(pk=case.pk)


def to_recommended(users, data, outcome="deny"):
    case = case_create(actor=users["exporter"], data=data)
    case_act(case, "submit", actor=users["exporter"])
    case_act(fresh(case), "start_review", actor=users["officer"])
    case_act(fresh(case), "confirm_classification", actor=users["expert"])
    case_act(
        fresh(case),
        "recommend",
        actor=users["officer"],
        outcome=outcome,
        reasoning="Listed end user.",
        # an approval with conditions names at least one
        **({"conditions": ["No re-export"]} if outcome == "approve_with_conditions" else {}),
    )
    return fresh(case)


def test_refusal_flow_keeps_every_step_with_its_audit_event(users, app_data):
    case = to_recommended(users, app_data)
    run = case.assessments.first()
    assert run.recommendation == "deny"  # the end user is a designated missile-programme entity
    case_act(
        case,
        "decide",
        actor=users["senior"],
        outcome="deny",
        reason="End user is designated for Iran's missile programme.",
    )
    case_act(fresh(case), "send_refusal", actor=users["officer"])
    case = fresh(case)
    assert case.status == "refusal_sent" and case.appeal_deadline is not None
    assert case.documents.filter(kind="refusal").exists()
    actions = list(
        AuditEvent.objects.filter(object_type="case", object_id=str(case.pk)).values_list(
            "action", flat=True
        )
    )
    assert (
        actions[:2] == ["case.created", "case.submit"]
        and "case.decide" in actions
        and actions[-1] == "case.send_refusal"
    )
    assert verify_chain().ok


def test_submitted_case_gets_an_assessment_when_review_starts_and_reruns_are_kept(
    users, partner_data
):
    case = case_create(actor=users["exporter"], data=partner_data)
    case_act(case, "submit", actor=users["exporter"])
    case_act(fresh(case), "start_review", actor=users["officer"])
    case_act(fresh(case), "rerun_assessment", actor=users["expert"])
    assert AssessmentRun.objects.filter(case=case).count() == 2
    assert fresh(case).auto_recommendation == "approve_with_conditions"


def test_information_request_and_answer_go_back_and_forth(users, partner_data):
    case = case_create(actor=users["exporter"], data=partner_data)
    case_act(case, "submit", actor=users["exporter"])
    case_act(fresh(case), "start_review", actor=users["officer"])
    case_act(
        fresh(case),
        "request_information",
        actor=users["officer"],
        question="Who installs the press?",
    )
    assert fresh(case).status == "information_requested"
    case_act(
        fresh(case), "answer_information", actor=users["exporter"], answer="Our own engineers."
    )
    case = fresh(case)
    assert case.status == "under_review"
    assert case.information_requests.get().answer == "Our own engineers."


def test_amending_a_submitted_application_creates_a_new_version_and_keeps_the_old(
    users, partner_data
):
    case = case_create(actor=users["exporter"], data=partner_data)
    case_act(case, "submit", actor=users["exporter"])
    changed = {**partner_data, "end_use": "Turbine blades"}
    case_act(
        fresh(case), "amend", actor=users["exporter"], data=changed, reason="end use clarified"
    )
    versions = list(fresh(case).versions.values_list("number", "data__end_use"))
    assert versions == [(1, partner_data["end_use"]), (2, "Turbine blades")]


def test_an_amended_destination_shows_in_the_queue_summary(users, partner_data):
    case = case_create(actor=users["exporter"], data=partner_data)
    case_act(case, "submit", actor=users["exporter"])
    case_act(
        fresh(case), "amend", actor=users["exporter"], data={**partner_data, "destination": "JP"}
    )
    case = fresh(case)
    assert case.destination == "JP" and case.summary.endswith("to Japan")  # a name people read


def test_an_invalid_amendment_is_refused_and_nothing_changes(users, partner_data):
    case = case_create(actor=users["exporter"], data=partner_data)
    case_act(case, "submit", actor=users["exporter"])
    bad = {**partner_data, "destination": "ZZ"}
    with pytest.raises(InputError):
        case_act(fresh(case), "amend", actor=users["exporter"], data=bad)
    assert fresh(case).versions.count() == 1 and fresh(case).lock_version == case.lock_version


def test_the_recommending_officer_may_not_countersign(users, app_data):
    case = to_recommended(users, app_data)
    users["officer"].profile.role = "senior_officer"
    users["officer"].profile.save()
    with pytest.raises(NotAllowed, match="countersign"):
        case_act(case, "decide", actor=users["officer"], outcome="deny", reason="x")


@pytest.mark.parametrize(
    ("role", "action"),
    [
        ("exporter", "start_review"),
        ("exporter", "decide"),
        ("officer", "decide"),
        ("expert", "recommend"),
        ("liaison", "decide"),
        ("senior", "submit"),
    ],
)
def test_roles_cannot_take_actions_that_are_not_theirs(users, app_data, role, action):
    case = to_recommended(users, app_data)
    with pytest.raises(NotAllowed):
        case_act(case, action, actor=users[role], outcome="deny", reason="x")


def test_an_action_from_the_wrong_state_is_refused(users, partner_data):
    case = case_create(actor=users["exporter"], data=partner_data)
    with pytest.raises(NotAllowed):
        case_act(case, "start_review", actor=users["officer"])  # an officer cannot see drafts
    case_act(case, "submit", actor=users["exporter"])
    with pytest.raises(WrongState):
        case_act(fresh(case), "confirm_classification", actor=users["expert"])


def test_an_exporter_cannot_act_on_another_organisations_case(users, partner_data):
    case = case_create(actor=users["exporter"], data=partner_data)
    with pytest.raises(NotAllowed):
        case_act(case, "submit", actor=users["other_exporter"])


def test_catch_all_inform_letter_makes_a_licence_required_for_an_unlisted_item(users):
    data = {
        "exporter": {"name": "Neckar Umformtechnik GmbH", "country": "DE"},
        "destination": "PK",
        "parties": [{"role": "end_user", "name": "Lahore Engineering Works", "country": "PK"}],
        "end_use": "General machining",
        "items": [
            {
                "kind": "machine_tool.milling",
                "parameters": {
                    "nc_capable": True,
                    "linear_axes": 3,
                    "rotary_axes": 0,
                    "contouring_axes": 3,
                    "positioning_repeatability": "15 um",
                    "axis_travel": "500 mm",
                },
            }
        ],
    }
    case = case_create(actor=users["exporter"], data=data)
    case_act(case, "submit", actor=users["exporter"])
    case_act(fresh(case), "start_review", actor=users["officer"])
    assert fresh(case).assessments.first().licence_required is False
    case_act(
        fresh(case),
        "issue_inform_letter",
        actor=users["officer"],
        reason="Information on the end user's missile work.",
    )
    case = fresh(case)
    run = case.assessments.first()
    assert run.licence_required and run.catch_all_invoked
    assert case.documents.filter(kind="inform_letter").exists()


def test_approval_waits_for_an_open_partner_consultation(users, partner_data):
    from catchall.web.cases.models import Consultation

    case = to_recommended(users, partner_data, outcome="approve_with_conditions")
    Consultation.objects.create(
        case=case,
        partner="France (FR)",
        reference="FR-1",
        reason="denied",
        opened_at=case.created_at,
    )
    with pytest.raises(WrongState, match="no-undercut"):
        case_act(case, "decide", actor=users["senior"], outcome="approve", reason="ok")
    c = case.consultations.get()
    case_act(
        fresh(case),
        "resolve_consultation",
        actor=users["liaison"],
        consultation_id=c.pk,
        outcome="no objection",
        note="France does not object",
    )
    case_act(
        fresh(case), "decide", actor=users["senior"], outcome="approve_with_conditions", reason="ok"
    )
    case_act(fresh(case), "issue_licence", actor=users["officer"])
    assert fresh(case).status == "licence_issued"


def test_an_appeal_after_the_deadline_is_refused(users, app_data):
    import datetime as dt

    case = to_recommended(users, app_data)
    case_act(case, "decide", actor=users["senior"], outcome="deny", reason="x")
    case_act(fresh(case), "send_refusal", actor=users["officer"])
    Case.objects.filter(pk=case.pk).update(appeal_deadline=dt.date(2000, 1, 1))
    with pytest.raises(WrongState, match="appeal period"):
        case_act(fresh(case), "appeal", actor=users["exporter"], grounds="We disagree")


def test_an_upheld_appeal_reopens_the_review(users, app_data):
    case = to_recommended(users, app_data)
    case_act(case, "decide", actor=users["senior"], outcome="deny", reason="x")
    case_act(fresh(case), "send_refusal", actor=users["officer"])
    case_act(
        fresh(case),
        "appeal",
        actor=users["exporter"],
        grounds="The end user is a different company.",
    )
    case_act(
        fresh(case),
        "decide_appeal",
        actor=users["senior2"],
        outcome="upheld",
        reason="New evidence",
    )
    assert fresh(case).status == "under_review"
