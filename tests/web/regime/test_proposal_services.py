"""Proposal services: the workflow, its guards, consensus, adoption producing a list version,
and nothing written when a step is refused."""

import datetime as dt
import re

import pytest

from catchall.core.errors import InputError, NotAllowed
from catchall.web.audit.models import AuditEvent
from catchall.web.regime.models import ControlListVersionRecord, Document, Proposal
from catchall.web.regime.releasability import paragraphs_for, reader_for
from catchall.web.regime.selectors.lists import library_with_imports
from catchall.web.regime.selectors.proposals import redline_for
from catchall.web.regime.services import exchanges as ex
from catchall.web.regime.services import proposals as ps

from .helpers import AMENDMENT, CIRCULATE_BODY, D2008, DECL, answered, circulated, draft, previewed

pytestmark = pytest.mark.django_db


def test_the_whole_workflow_ends_adopted_with_one_audit_event_per_step(people):
    before = AuditEvent.objects.count()
    p = circulated(people)
    ex.position_record(actor=people["br-partner"], proposal=p, position="support")
    ps.proposal_decide(
        actor=people["fr-poc"], proposal=p, outcome="adopt", decided_on=dt.date(2008, 11, 7)
    )
    p.refresh_from_db()
    assert p.state == "adopted" and p.circulated_to and "IN" not in p.circulated_to
    actions = list(AuditEvent.objects.filter(seq__gt=before).values_list("action", flat=True))
    assert actions == [
        "proposal.create",
        "proposal.preview",
        "proposal.feedback",
        "proposal.answer",
        "proposal.feedback",
        "proposal.answer",
        "proposal.close_feedback",
        "proposal.revise",
        "proposal.circulate",
        "proposal.position",
        "proposal.adopt",
    ]


def test_audit_events_never_carry_paragraph_text(people):
    before = AuditEvent.objects.count()
    circulated(people)
    for ev in AuditEvent.objects.filter(seq__gt=before):
        blob = str(ev.before) + str(ev.after) + str(ev.details)
        assert "catch-all" not in blob and "Comments of" not in blob


def test_preview_is_refused_when_a_portion_is_not_releasable_to_a_previewed_partner(people):
    p = draft(people, body="(U) Purpose.\n\n(C//NF) Negotiating room.")
    with pytest.raises(InputError) as exc:
        ps.proposal_preview(
            actor=people["us-delegate"],
            proposal=p,
            release_list=["BR"],
            feedback_deadline=dt.date(2008, 9, 29),
            today=D2008,
        )
    assert exc.value.problems[0].field == "body.paragraph[2]"
    assert "not releasable to Brazil" in exc.value.problems[0].message
    p.refresh_from_db()
    assert p.state == "draft" and p.release_list == []


def test_preview_needs_partners_and_a_future_deadline_with_field_level_messages(people):
    p = draft(people)
    with pytest.raises(InputError) as exc:
        ps.proposal_preview(
            actor=people["us-delegate"],
            proposal=p,
            release_list=["Kazakhstan", "Atlantis"],
            feedback_deadline=dt.date(2008, 9, 1),
            today=D2008,
        )
    fields = {pr.field for pr in exc.value.problems}
    assert fields == {"release_list", "feedback_deadline"}


def test_only_the_sponsor_previews_and_only_previewed_partners_give_feedback(people):
    p = draft(people)
    with pytest.raises(NotAllowed):
        ps.proposal_preview(
            actor=people["gb-delegate"],
            proposal=p,
            release_list=["BR"],
            feedback_deadline=dt.date(2008, 9, 29),
            today=D2008,
        )
    p = previewed(people)
    with pytest.raises(NotAllowed):
        ex.feedback_add(actor=people["gb-delegate"], proposal=p, body="(U) x")
    with pytest.raises(NotAllowed):
        ex.feedback_add(actor=people["kz-guest"], proposal=p, body="(U) x")


def test_feedback_after_the_deadline_is_recorded_as_late(people):
    p = previewed(people)
    fb = ex.feedback_add(
        actor=people["za-partner"],
        proposal=p,
        body="(U) Late words.",
        received_on=dt.date(2008, 10, 1),
    )
    assert fb.late


def test_the_preview_cannot_close_before_the_deadline_while_a_partner_is_silent(people):
    p = previewed(people)
    fb = ex.feedback_add(
        actor=people["br-partner"], proposal=p, body="(U) Fine.", received_on=dt.date(2008, 9, 15)
    )
    ex.feedback_answer(actor=people["us-delegate"], feedback=fb, body="(U) Thanks.")
    with pytest.raises(InputError, match="South Africa|ZA"):
        ps.proposal_close_feedback(
            actor=people["us-delegate"], proposal=p, today=dt.date(2008, 9, 20)
        )
    ps.proposal_close_feedback(actor=people["us-delegate"], proposal=p, today=dt.date(2008, 9, 30))
    p.refresh_from_db()
    assert p.state == "answered"


def test_the_text_is_frozen_during_preview(people):
    p = previewed(people)
    with pytest.raises(InputError, match="frozen"):
        ps.proposal_revise(actor=people["us-delegate"], proposal=p, title="(U) t", body="(U) b")


def test_circulation_is_refused_until_every_partner_may_read_every_portion(people):
    p = answered(people)
    with pytest.raises(InputError, match="re-mark"):
        ps.proposal_circulate(actor=people["fr-poc"], proposal=p, today=dt.date(2008, 10, 3))
    with pytest.raises(NotAllowed):
        ps.proposal_circulate(actor=people["us-delegate"], proposal=p, today=dt.date(2008, 10, 3))
    ps.proposal_revise(
        actor=people["us-delegate"], proposal=p, title="(U) t", body=CIRCULATE_BODY, **DECL
    )
    ps.proposal_circulate(actor=people["fr-poc"], proposal=p, today=dt.date(2008, 10, 3))
    assert p.circulated_revision == 2 and p.previewed_revision == 1


def test_one_partners_objection_blocks_adoption_and_nothing_is_written(people):
    p = circulated(people)
    ex.position_record(actor=people["br-partner"], proposal=p, position="support")
    ex.position_record(actor=people["za-partner"], proposal=p, position="object")
    n = AuditEvent.objects.count()
    with pytest.raises(InputError, match="no consensus: ZA"):
        ps.proposal_decide(actor=people["fr-poc"], proposal=p, outcome="adopt")
    assert AuditEvent.objects.count() == n
    p.refresh_from_db()
    assert p.state == "circulated"
    ps.proposal_decide(actor=people["fr-poc"], proposal=p, outcome="defer")
    assert p.state == "deferred"
    ps.proposal_reopen(actor=people["us-delegate"], proposal=p)
    assert p.state == "draft"


def test_a_partner_may_change_its_position_until_the_decision(people):
    p = circulated(people)
    ex.position_record(actor=people["za-partner"], proposal=p, position="object")
    ex.position_record(actor=people["za-partner"], proposal=p, position="support")
    ps.proposal_decide(actor=people["fr-poc"], proposal=p, outcome="adopt")
    assert p.state == "adopted"


def test_an_adopted_annex_amendment_produces_the_next_list_version(people):
    p = circulated(people, type="annex_amendment", amendment=AMENDMENT)
    ps.proposal_decide(
        actor=people["fr-poc"], proposal=p, outcome="adopt", decided_on=dt.date(2008, 11, 7)
    )
    rec = ControlListVersionRecord.objects.get()
    assert rec.key == "eu-dual-use@2030-01" and rec.origin == "proposal" and rec.proposal == p
    lib = library_with_imports()
    v = lib.version("eu-dual-use", "2030-01")
    assert "6 um" in v.entries["2B201.a"].title and len(v.entries) == len(
        lib.version("eu-dual-use", "2023-12").entries
    )


def test_an_annex_amendment_without_or_with_bad_yaml_is_refused_at_drafting(people):
    with pytest.raises(InputError) as exc:
        draft(people, type="annex_amendment")
    assert exc.value.problems[0].field == "amendment_yaml"
    with pytest.raises(InputError, match="line"):
        draft(people, type="annex_amendment", amendment="list: [unclosed")
    with pytest.raises(InputError, match="already exists"):
        draft(people, type="annex_amendment", amendment=AMENDMENT.replace('"2030-01"', '"2023-12"'))
    with pytest.raises(InputError, match="only an Annex amendment"):
        draft(people, type="policy", amendment=AMENDMENT)
    assert not Document.objects.exists() and not Proposal.objects.exists()


def test_a_classified_text_without_declassification_is_refused(people):
    from catchall.web.regime.services.proposals import proposal_create

    with pytest.raises(InputError) as exc:
        proposal_create(
            actor=people["us-delegate"],
            type="policy",
            title="(U) t",
            body="(C//REL TO BRA) secret",
            dated=D2008,
        )
    assert {p.field for p in exc.value.problems} == {"declassify_on", "declassify_reason"}


def test_every_revision_is_kept_and_the_redline_shows_word_changes(people):
    p = circulated(people)
    us = reader_for(people["us-delegate"])
    old_rev, new_rev, rows = redline_for(us, p)
    assert (old_rev, new_rev) == (1, 2)
    para2 = next(r for r in rows if r.position == 2)
    assert '<del><span class="redline-label">[deleted: </span>should' in para2.html
    plain = re.sub(r'<span class="redline-label">[^<]*</span>', "", para2.html)
    assert "<del>should</del><ins>shall</ins>" in plain
    assert "machines<ins> bound for programs of concern</ins>." in plain
    assert para2.old_marking == "(C//REL TO BRA, ZAF)" and para2.new_marking == "(C//REL TO MTCR)"
    assert [len(paragraphs_for(us, p.document, r)) for r in (1, 2)] == [2, 2]


def test_a_reader_who_could_not_read_the_previewed_text_gets_no_deletions_in_the_redline(people):
    p = circulated(people)
    gb = reader_for(people["gb-delegate"])  # not previewed: sees only the circulated text
    _, _, rows = redline_for(gb, p)
    para2 = next(r for r in rows if r.position == 2)
    assert "<del>" not in para2.html and para2.note == "earlier text withheld"
    assert "should use" not in para2.html


def test_circulation_is_dated_and_goes_to_the_partners_of_that_day(people):
    from .helpers import answered

    p = answered(people, dated=D2008)
    ps.proposal_revise(
        actor=people["us-delegate"], proposal=p, title="(U) t", body=CIRCULATE_BODY, **DECL
    )
    with pytest.raises(InputError) as exc:
        ps.proposal_circulate(actor=people["fr-poc"], proposal=p)  # today India is a partner
    assert "India" in str(exc.value)
    with pytest.raises(InputError, match="before the preview"):
        ps.proposal_circulate(actor=people["fr-poc"], proposal=p, today=dt.date(2008, 9, 1))
    with pytest.raises(InputError, match="future"):
        ps.proposal_circulate(
            actor=people["fr-poc"], proposal=p, today=dt.date.today() + dt.timedelta(days=1)
        )
    ps.proposal_circulate(actor=people["fr-poc"], proposal=p, today=dt.date(2008, 10, 3))
    assert len(p.circulated_to) == 34 and "IN" not in p.circulated_to
