"""Every case action's audit event is told as a sentence in words (audit/timeline.py): names,
not usernames; outcomes in words; what changed; and, for exporters, only their events."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from catchall.web.audit.services import history, record_event
from catchall.web.audit.timeline import TELLERS, timeline
from catchall.web.cases.models import Case, Consultation
from catchall.web.cases.services import case_act, case_create, case_update_draft
from catchall.web.demo import ensure_user
from tests.web.confidential import with_unlisted

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(users):
    """The fixture's users with names, as people read them."""
    for key, name in {
        "exporter": "Erika Exporter",
        "officer": "Lena Licensing",
        "expert": "Theo Technical",
        "senior": "Sam Senior",
    }.items():
        u = users[key]
        u.first_name, u.last_name = name.split()
        u.save()
    return users


def _act(case, action, actor, **payload):
    return case_act(Case.objects.get(pk=case.pk), action, actor=actor, **payload)


def _sentences(case, reader) -> dict[str, list[str]]:
    """action -> "who sentence lines…" as the reader reads them."""
    events = list(history("case", case.pk))
    told = {e.seq: e for e in timeline(events, reader, case)}
    out: dict[str, list[str]] = {}
    for ev in events:
        t = told.get(ev.seq)
        if t is not None:
            out.setdefault(ev.action, []).append(" ".join([t.who, t.sentence, *t.lines]))
    return out


def _refused_and_appealed(u, app_data):
    app_data = with_unlisted(app_data)  # the catch-all notice concerns its unlisted item
    case = case_create(actor=u["exporter"], data=app_data)
    case_update_draft(case=Case.objects.get(pk=case.pk), actor=u["exporter"], data=app_data)
    _act(case, "submit", u["exporter"])
    _act(case, "amend", u["exporter"], data=app_data, reason="typo")
    _act(case, "start_review", u["officer"])
    _act(case, "assign", u["officer"], user_id=u["expert"].pk)
    _act(case, "rerun_assessment", u["officer"])
    _act(case, "request_information", u["officer"], question="Who owns the end user?")
    _act(case, "answer_information", u["exporter"], answer="Nobody else.")
    Consultation.objects.create(
        case=case, partner="United Kingdom", reference="GB-1", reason="r", opened_at=timezone.now()
    )
    consultation = Consultation.objects.get(case=case, reference="GB-1")
    _act(
        case,
        "resolve_consultation",
        u["officer"],
        consultation_id=consultation.pk,
        outcome="objection",
        note="The UK objects.",
    )
    _act(case, "confirm_classification", u["expert"], note="as assessed")
    _act(case, "issue_inform_letter", u["officer"], reason="Missile end use suspected.")
    _act(case, "recommend", u["officer"], outcome="deny", reasoning="Listed end user.")
    _act(case, "return_to_officer", u["senior"], reason="Cite the list.")
    Case.objects.filter(pk=case.pk).update(status="classification_confirmed")
    _act(case, "recommend", u["officer"], outcome="deny", reasoning="Listed on the UN list.")
    _act(case, "decide", u["senior"], outcome="deny", reason="The end user is designated.")
    _act(case, "send_refusal", u["officer"])
    _act(case, "appeal", u["exporter"], grounds="We disagree.")
    _act(case, "decide_appeal", u["senior"], outcome="dismissed", reason="No new facts.")
    _act(case, "add_note", u["officer"], text="internal", internal=True)
    _act(case, "add_note", u["officer"], text="for the exporter", internal=False)
    record_event(
        "case.uploaded",
        actor=u["exporter"],
        object_type="case",
        object_id=case.pk,
        after={"upload": "euc.pdf", "sha256": "0" * 64, "kind": "end_user_certificate"},
    )
    record_event(
        "case.rescreened",
        actor="system",
        object_type="case",
        object_id=case.pk,
        details={"reference": case.reference, "list": "un-sc", "new_hits": ["A ~ B (0.93)"]},
    )
    return Case.objects.get(pk=case.pk)


OFFICER_READS = {
    "case.created": "Erika Exporter created the draft application",
    "case.draft_edited": "Erika Exporter edited the draft (version 2)",
    "case.submit": "Erika Exporter submitted the application",
    "case.amend": "Erika Exporter amended the application (version 3)",
    "case.start_review": "Lena Licensing started the review. The automatic assessment recommends: refuse",
    "case.assign": "Lena Licensing assigned the case to Theo Technical. It was assigned to Lena Licensing",
    "case.rerun_assessment": "Lena Licensing re-ran the automatic assessment. It now recommends: refuse",
    "case.request_information": "Lena Licensing asked the exporter: “Who owns the end user?”",
    "case.answer_information": "Erika Exporter answered the authority's question: “Nobody else.”",
    "case.resolve_consultation": "Lena Licensing recorded the partner's answer to consultation United Kingdom GB-1: objection",
    "case.confirm_classification": "Theo Technical confirmed the classification. Item 1: 2B009",
    "case.issue_inform_letter": "Lena Licensing informed the exporter of the catch-all licence requirement (letter",
    "case.recommend": "Lena Licensing recommended: refuse. Reasoning: “Listed end user.”",
    "case.return_to_officer": "Sam Senior returned the case to the officer: “Cite the list.”",
    "case.decide": "Sam Senior refused the application: “The end user is designated.”",
    "case.send_refusal": "Lena Licensing sent the refusal",
    "case.appeal": "Erika Exporter appealed against the refusal",
    "case.decide_appeal": "Sam Senior dismissed the appeal",
    "case.add_note": "Lena Licensing added an internal note",
    "case.uploaded": "Erika Exporter uploaded “euc.pdf” (end user certificate)",
    "case.rescreened": "catchall (automatically) found 1 new possible match on the list UN SC when it changed",
}


def test_every_case_action_has_its_sentence(people, app_data):
    # withdraw and licence: test_withdrawal_and_licence; rate_item: test_officer_review
    assert set(OFFICER_READS) >= set(TELLERS) - {
        "case.withdraw",
        "case.issue_licence",
        "case.rate_item",
    }
    case = _refused_and_appealed(people, app_data)
    told = _sentences(case, people["officer"])
    for action, expected in OFFICER_READS.items():
        assert action in told, f"{action}: no event"
        assert any(expected in " ".join(s.split()) for s in told[action]), (action, told[action])
    # the second recommendation names its own reasoning, not the first one's
    assert "“Listed on the UN list.”" in told["case.recommend"][1]
    # what changed, in words
    assert any(
        "Status changed from “recommended (awaiting countersignature)” to “refused”" in s
        for s in told["case.decide"]
    )
    for sentences in told.values():
        for s in sentences:
            assert not re.search(r"\b[a-z]+_[a-z_]+\b|\{|\}|'status'|officer2|None", s), s


def test_withdrawal_and_licence(people, app_data, partner_data):
    u = people
    withdrawn = case_create(actor=u["exporter"], data=app_data)
    _act(withdrawn, "withdraw", u["exporter"], reason="Order cancelled.")
    assert (
        "Erika Exporter withdrew the application: “Order cancelled.”"
        in _sentences(withdrawn, u["officer"])["case.withdraw"][0]
    )
    case = case_create(actor=u["exporter"], data=partner_data)
    _act(case, "submit", u["exporter"])
    _act(case, "start_review", u["officer"])
    _act(case, "confirm_classification", u["expert"])
    _act(
        case,
        "recommend",
        u["officer"],
        outcome="approve_with_conditions",
        reasoning="Partner.",
        conditions=["No re-export"],
    )
    _act(case, "decide", u["senior"], outcome="approve_with_conditions", reason="Agreed.")
    _act(case, "issue_licence", u["officer"])
    told = _sentences(case, u["officer"])
    assert "Lena Licensing recommended: approve with conditions" in told["case.recommend"][0]
    assert (
        "Sam Senior approved the application with conditions: “Agreed.”" in told["case.decide"][0]
    )
    assert "Lena Licensing issued the licence" in told["case.issue_licence"][0]
    exporter = _sentences(case, u["exporter"])
    assert "The licensing authority issued the licence" in exporter["case.issue_licence"][0]


def test_the_exporter_reads_its_own_steps_and_the_authority_as_one(people, app_data):
    case = _refused_and_appealed(people, app_data)
    told = _sentences(case, people["exporter"])
    assert set(told) == {
        "case.created",
        "case.draft_edited",
        "case.submit",
        "case.amend",
        "case.start_review",
        "case.request_information",
        "case.answer_information",
        "case.issue_inform_letter",
        "case.send_refusal",
        "case.appeal",
        "case.decide_appeal",
        "case.add_note",
        "case.uploaded",
    }
    assert len(told["case.add_note"]) == 1, "the internal note is the authority's"
    text = " ".join(s for sentences in told.values() for s in sentences)
    for name in ("Lena Licensing", "Theo Technical", "Sam Senior", "recommends", "partner"):
        assert name not in text, name
    assert "The licensing authority started the review" in text
    assert "Erika Exporter answered the authority's question" in text


def test_a_user_renamed_or_removed_is_never_shown_by_username(people, app_data):
    stranger = ensure_user("jdoe", "licensing_officer", people["officer"].profile.organisation)
    case = case_create(actor=people["exporter"], data=app_data)
    _act(case, "submit", people["exporter"])
    _act(case, "assign", people["officer"], user_id=stranger.pk)
    told = _sentences(case, people["officer"])
    assert "assigned the case to jdoe" in told["case.assign"][0]  # no name recorded: username
    stranger.first_name, stranger.last_name = "Jo", "Doe"
    stranger.save()
    assert "assigned the case to Jo Doe" in _sentences(case, people["officer"])["case.assign"][0]
