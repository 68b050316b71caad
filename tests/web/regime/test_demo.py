"""The founding scenario loads once, as described, and a second load changes nothing."""

import pytest
from django.test import RequestFactory

from catchall.web.audit.models import AuditEvent
from catchall.web.regime.demo import load_regime_demo
from catchall.web.regime.models import Document, OutreachMeeting, Proposal
from catchall.web.regime.releasability import document_view, reader_for

pytestmark = pytest.mark.django_db


def test_the_2008_scenario_is_two_previewed_proposals_marked_for_brazil_and_south_africa():
    lines = load_regime_demo()
    assert any("demo-delegate" in line for line in lines)
    props = list(Proposal.objects.order_by("pk"))
    assert [p.type for p in props] == ["policy", "outreach"]
    for p in props:
        assert p.state == "preview" and p.release_list == ["BR", "ZA"]
        assert (
            str(p.feedback_deadline) == "2008-09-29" and p.plenary_date.isoformat() == "2008-11-05"
        )
    from django.contrib.auth import get_user_model

    za = reader_for(get_user_model().objects.get(username="demo-partner-za"))
    view = document_view(za, props[0].document)
    assert view.withheld == 0
    assert view.paragraphs[1].marking.text() == "C//REL TO BRA, ZAF"
    guest = reader_for(get_user_model().objects.get(username="demo-guest"))
    gview = document_view(guest, props[0].document)
    assert gview.withheld == 4 and gview.paragraphs[0].released


def test_loading_twice_changes_nothing_and_users_log_in_with_demo(client):
    load_regime_demo()
    counts = (
        Proposal.objects.count(),
        Document.objects.count(),
        OutreachMeeting.objects.count(),
        AuditEvent.objects.count(),
    )
    load_regime_demo()
    assert counts == (
        Proposal.objects.count(),
        Document.objects.count(),
        OutreachMeeting.objects.count(),
        AuditEvent.objects.count(),
    )
    for name in ("demo-delegate", "demo-partner-br", "demo-partner-za", "demo-poc", "demo-guest"):
        # django-axes counts logins per address, so authenticate() needs the request.
        assert client.login(
            request=RequestFactory().post("/login/"), username=name, password="demo"
        )


def test_the_2009_meeting_invites_applicants_and_agreed_destinations_not_partners():
    load_regime_demo()
    m = OutreachMeeting.objects.get(date__year=2009)
    invited = set(m.invitations.values_list("country", flat=True))
    assert {"CN", "LY"} <= invited and not invited & {"BR", "ZA", "US", "FR"}


def test_the_documented_walk_through_runs_on_the_demo_data():
    import datetime as dt

    from django.contrib.auth import get_user_model

    from catchall.web.regime.demo import DECL
    from catchall.web.regime.services import exchanges as ex
    from catchall.web.regime.services import proposals as ps

    load_regime_demo()
    u = {
        n: get_user_model().objects.get(username=n)
        for n in ("demo-delegate", "demo-partner-za", "demo-poc", "demo-guest")
    }
    mt = Proposal.objects.get(type="policy")
    ex.feedback_add(
        actor=u["demo-partner-za"],
        proposal=mt,
        body="(U) South Africa agrees.",
        received_on=dt.date(2008, 9, 27),
    )
    for fb in mt.feedback.all():
        ex.feedback_answer(actor=u["demo-delegate"], feedback=fb, body="(U) Thank you.")
    ps.proposal_close_feedback(actor=u["demo-delegate"], proposal=mt)
    view = document_view(reader_for(u["demo-delegate"]), mt.document)
    body = "\n\n".join(
        f"{'(U)' if p.marking.level == 'U' else '(Confidential/Rel MTCR Countries)'} {p.text}"
        for p in view.paragraphs
    )
    ps.proposal_revise(
        actor=u["demo-delegate"], proposal=mt, title=f"(U) {view.title.text}", body=body, **DECL
    )
    ps.proposal_circulate(actor=u["demo-poc"], proposal=mt, today=dt.date(2008, 10, 3))
    ps.proposal_decide(
        actor=u["demo-poc"], proposal=mt, outcome="adopt", decided_on=dt.date(2008, 11, 7)
    )
    assert mt.state == "adopted"
    assert document_view(reader_for(u["demo-guest"]), mt.document).withheld == 4
