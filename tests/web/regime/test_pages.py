"""Regime and library pages: field-level errors (422, nothing written), withheld stubs, diff,
imports, taxonomy history, meetings, briefings, and the guard on the paragraph table."""

import datetime as dt
import re
from pathlib import Path

import pytest

from catchall.web.audit.models import AuditEvent
from catchall.web.regime.models import (
    ControlListVersionRecord,
    Document,
    OutreachMeeting,
    Paragraph,
    Proposal,
    ReleasabilityBypass,
    TaxonomyRevision,
)
from catchall.web.regime.selectors.taxonomy import current_taxonomy

from .helpers import AMENDMENT, DECL, circulated, draft

pytestmark = pytest.mark.django_db
SRC = Path(__file__).resolve().parents[3] / "src" / "catchall"


def test_reading_the_paragraph_table_outside_the_selector_fails_loudly(people):
    draft(people)
    with pytest.raises(ReleasabilityBypass):
        list(Paragraph.objects.all())


def test_no_module_but_the_selector_and_document_services_touches_paragraph_rows():
    allowed = {"models.py", "releasability.py", "services/documents.py", "services/proposals.py"}
    offenders = []
    for path in (SRC / "web").rglob("*.py"):
        rel = path.relative_to(SRC / "web" / "regime") if "regime" in path.parts else path
        if str(rel) in allowed or "migrations" in path.parts:
            continue
        if re.search(r"\bParagraph\b", path.read_text(encoding="utf-8")):
            offenders.append(str(path))
    assert offenders == []


def test_pages_need_a_login(client):
    for url in ("/regime/", "/library/", "/regime/versions/", "/regime/briefing/"):
        r = client.get(url)
        assert r.status_code == 302 and "/login/" in r["Location"]


def test_a_bad_draft_shows_every_problem_by_field_and_writes_nothing(client, people):
    client.force_login(people["us-delegate"])
    n = AuditEvent.objects.count()
    r = client.post(
        "/regime/proposals/new/",
        {
            "type": "policy",
            "title": "no mark",
            "body": "(C//REL TO Atlantis) x",
            "plenary_date": "5 Nov 2008",
        },
    )
    html = r.content.decode()
    assert r.status_code == 422
    assert "plenary_date" in html and "title" in html and "Atlantis" in html
    assert AuditEvent.objects.count() == n and not Document.objects.exists()


def test_a_draft_through_the_page_redirects_to_the_proposal(client, people):
    client.force_login(people["us-delegate"])
    r = client.post(
        "/regime/proposals/new/",
        {
            "type": "policy",
            "title": "(U) Title",
            "body": "(U) One.\n\n(C//REL TO BRA) Two.",
            "declassify_on": "2033-09-30",
            "declassify_reason": "1.4(b)",
        },
    )
    assert r.status_code == 302
    p = Proposal.objects.get()
    assert r["Location"] == f"/regime/proposals/{p.pk}/"


def test_a_partner_cannot_draft_and_is_told_why(client, people):
    client.force_login(people["br-partner"])
    r = client.post("/regime/proposals/new/", {"type": "policy", "title": "(U) t", "body": "(U) b"})
    assert r.status_code == 403 and "delegate" in r.content.decode()


def test_the_guest_sees_released_paragraphs_and_withheld_stubs_with_a_tear_line_banner(
    client, people
):
    p = circulated(people)
    client.force_login(people["kz-guest"])
    html = client.get(f"/regime/proposals/{p.pk}/").content.decode()
    assert "weigh missile applications" in html
    assert "catch-all" not in html and "withheld" in html
    assert "UNCLASSIFIED" in html and "CONFIDENTIAL" not in html  # stubs carry no level
    client.force_login(people["gb-delegate"])
    assert "catch-all" in client.get(f"/regime/proposals/{p.pk}/").content.decode()


def test_a_proposal_with_nothing_released_is_not_found_like_a_wrong_id(client, people):
    from catchall.web.regime.services.proposals import proposal_revise

    p = draft(people, body="(C//NF) Only ours.")
    proposal_revise(
        actor=people["us-delegate"],
        proposal=p,
        title="(C//NF) Ours",
        body="(C//NF) Only ours.",
        **DECL,
    )
    client.force_login(people["kz-guest"])
    assert client.get(f"/regime/proposals/{p.pk}/").status_code == 404
    assert client.get("/regime/proposals/9999/").status_code == 404
    assert f"/regime/proposals/{p.pk}/" not in client.get("/regime/").content.decode()


def test_workflow_forms_on_the_detail_page_report_errors_by_field(client, people):
    p = draft(people)
    client.force_login(people["us-delegate"])
    r = client.post(
        f"/regime/proposals/{p.pk}/preview/",
        {"release_list": "Brazil", "feedback_deadline": "soon"},
    )
    assert r.status_code == 422 and "feedback_deadline" in r.content.decode()
    r = client.post(
        f"/regime/proposals/{p.pk}/preview/",
        {"release_list": "Brazil, South Africa", "feedback_deadline": "2999-01-01"},
    )
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.state == "preview"


def test_the_diff_page_shows_the_2b201_thresholds_and_why(client, people):
    client.force_login(people["kz-guest"])
    html = client.get("/regime/diff/?new=eu-dual-use@2023-12").content.decode()
    assert (
        "2B201.a" in html and "6 µm (ISO 230-2:1988)" in html and "4.5 µm (ISO 230-2:2006)" in html
    )
    assert "2006 edition of ISO 230-2" in html
    assert (
        client.get("/regime/diff/?old=eu-dual-use@2022-10&new=mtcr-annex@2024-03").status_code
        == 422
    )


def test_importing_a_version_on_the_page_stores_it_and_bad_yaml_says_where(client, people):
    client.force_login(people["us-expert"])
    r = client.post("/regime/versions/", {"yaml_text": "list: [oops"})
    assert r.status_code == 422 and "line" in r.content.decode()
    yaml_text = AMENDMENT.replace('"2030-01"', '"2031-01"')
    r = client.post("/regime/versions/", {"yaml_text": yaml_text})
    assert (
        r.status_code == 302 and ControlListVersionRecord.objects.get().key == "eu-dual-use@2031-01"
    )
    assert "eu-dual-use@2031-01" in client.get("/regime/versions/").content.decode()
    client.force_login(people["kz-guest"])
    assert client.post("/regime/versions/", {"yaml_text": yaml_text}).status_code == 403


def test_a_taxonomy_edit_is_kept_with_history_audited_and_feeds_current_taxonomy(client, people):
    client.force_login(people["us-expert"])
    url = "/library/taxonomy/machine_tool.grinding/"
    r = client.post(
        url,
        {
            "level": "high",
            "uses": "nozzle throats\nbearing races",
            "rationale": "TEM review 2009",
            "note": "",
        },
    )
    assert r.status_code == 422 and "note" in r.content.decode()
    r = client.post(
        url,
        {
            "level": "high",
            "uses": "nozzle throats",
            "rationale": "TEM review 2009",
            "note": "raised after TEM",
        },
    )
    assert r.status_code == 302
    assert current_taxonomy()["machine_tool.grinding"]["level"] == "high"
    assert TaxonomyRevision.objects.get().number == 1
    assert AuditEvent.objects.filter(
        action="taxonomy.edit", object_id="machine_tool.grinding"
    ).exists()
    page = client.get(url).content.decode()
    assert "raised after TEM" in page
    # the kind and the editor by name, not by code and username
    assert "<h1>Grinding machines" in page and "<h1>machine_tool.grinding" not in page
    expert = people["us-expert"]
    assert f"by {expert.get_full_name() or expert.username}:" in page
    table = client.get("/library/taxonomy/").content.decode()
    assert '/machine_tool.grinding/">Grinding machines' in table
    client.force_login(people["br-partner"])
    assert client.post(url, {"level": "low", "rationale": "x", "note": "y"}).status_code == 403


def test_current_taxonomy_feeds_missile_relevance():
    from catchall.core.controls.relevance import missile_relevance

    table = current_taxonomy()
    assert missile_relevance("machine_tool.flow_forming", table=table)["level"] == "high"


def test_library_papers_are_tagged_searchable_and_exportable(client, people):
    client.force_login(people["us-delegate"])
    r = client.post(
        "/library/new/",
        {
            "kind": "case_summary",
            "title": "(U) Flow-former diverted",
            "tag_kinds": "machine_tool.flow_forming",
            "tag_entries": "2B109.a",
            "body": "(U) A three-roller flow-forming machine.\n\n(C//REL TO GBR) Front company Zeta.",
        },
    )
    assert r.status_code == 422  # classified text needs declassification
    r = client.post(
        "/library/new/",
        {
            "kind": "case_summary",
            "title": "(U) Flow-former diverted",
            "tag_kinds": "machine_tool.flow_forming",
            "tag_entries": "2B109.a",
            "body": "(U) A three-roller flow-forming machine.\n\n(C//REL TO GBR) Front company Zeta.",
            "declassify_on": "2033-01-01",
            "declassify_reason": "1.4(b)",
        },
    )
    assert r.status_code == 302
    bad = client.post(
        "/library/new/",
        {
            "kind": "case_summary",
            "title": "(U) t",
            "body": "(U) b",
            "tag_entries": "9Z999",
            "tag_kinds": "lathe",
        },
    )
    assert (
        bad.status_code == 422
        and "9Z999" in bad.content.decode()
        and "lathe" in bad.content.decode()
    )
    client.force_login(people["br-partner"])
    assert "Flow-former diverted" in client.get("/library/?item_kind=machine_tool").content.decode()
    assert "Flow-former diverted" not in client.get("/library/?entry=2B201.a").content.decode()
    assert "1 result" in client.get("/library/?q=three-roller").content.decode()
    assert "0 results" in client.get("/library/?q=Zeta").content.decode()


def test_meetings_invitees_attendance_notes_and_the_evaluation_report(client, people):
    client.force_login(people["fr-poc"])
    r = client.post(
        "/regime/meetings/new/", {"title": "TOM 2009", "date": "2009-04-16", "place": "Paris"}
    )
    assert r.status_code == 302
    m = OutreachMeeting.objects.get()
    kz = m.invitations.get(country="KZ")
    client.post(
        f"/regime/meetings/{m.pk}/attendance/",
        {"invitation": kz.pk, "attended": "on", "attendees": "MFA export control"},
    )
    r = client.post(
        f"/regime/meetings/{m.pk}/note/",
        {"kind": "question", "country": "KZ", "body": "(U) How does 2B201 treat hexapods?"},
    )
    assert r.status_code == 302
    r = client.post(
        f"/regime/meetings/{m.pk}/note/", {"kind": "question", "country": "BR", "body": "(U) x"}
    )
    assert r.status_code == 422
    client.post(f"/regime/meetings/{m.pk}/evaluate/", {"held": "on", "hold_another": "yes"})
    html = client.get(f"/regime/meetings/{m.pk}/evaluation/").content.decode()
    assert "hexapods" in html and "Hold another" in html and "1 of" in html
    pdf = client.get(f"/regime/meetings/{m.pk}/evaluation.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    client.force_login(people["kz-guest"])
    page = client.get(f"/regime/meetings/{m.pk}/").content.decode()
    assert "hexapods" in page and ">CN<" not in page  # a guest sees only its own invitation
    client.force_login(people["de-exporter"])
    assert client.get(f"/regime/meetings/{m.pk}/").status_code == 404


def test_the_briefing_shows_change_impact_examples_and_only_released_decision_text(client, people):
    from catchall.web.regime.services.proposals import proposal_decide

    p = circulated(people, type="annex_amendment", amendment=AMENDMENT)
    proposal_decide(
        actor=people["fr-poc"], proposal=p, outcome="adopt", decided_on=dt.date(2008, 11, 7)
    )
    client.force_login(people["kz-guest"])
    html = client.get("/regime/briefing/?new=eu-dual-use@2030-01").content.decode()
    assert "2B201.a" in html and "catch three-axis mills of 6 um again" in html
    assert "three-axis machining centre, 5 um" in html
    # the licence claim names its legal basis in the configured jurisdiction (EU by default)
    assert "now needs a licence under EU 2021/821 Art. 3(1)" in html
    assert "applies the law of this installation: European Union" in html
    assert "weigh missile applications" in html and "catch-all" not in html
    pdf = client.get("/regime/briefing.pdf?new=eu-dual-use@2030-01")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_dashboard_lists_due_items(client, people):
    p = draft(people)
    from catchall.web.regime.services.proposals import proposal_preview

    proposal_preview(
        actor=people["us-delegate"],
        proposal=p,
        release_list=["BR"],
        feedback_deadline=dt.date.today() + dt.timedelta(days=3),
    )
    client.force_login(people["us-delegate"])
    html = client.get("/regime/").content.decode()
    assert "feedback due from Brazil" in html and "due in 3 days" in html


def test_only_the_sponsor_opens_the_edit_form_so_a_draft_amendment_stays_inside(client, people):
    p = draft(people, type="annex_amendment", amendment=AMENDMENT)
    client.force_login(people["kz-guest"])
    r = client.get(f"/regime/proposals/{p.pk}/edit/")
    assert r.status_code == 403 and "2030-01" not in r.content.decode()
    assert "2030-01" not in client.get(f"/regime/proposals/{p.pk}/").content.decode()
    client.force_login(people["us-delegate"])
    assert "2030-01" in client.get(f"/regime/proposals/{p.pk}/edit/").content.decode()


def test_closing_the_preview_and_withdrawing_ask_first_and_write_nothing_until_confirmed(
    client, people
):
    from .helpers import previewed

    p = previewed(people)
    client.force_login(people["us-delegate"])
    for action, warning in (
        ("close_feedback", "can no longer send feedback"),
        ("withdraw", "for good"),
    ):
        before = AuditEvent.objects.count()
        r = client.post(f"/regime/proposals/{p.pk}/{action}/")
        html = r.content.decode()
        assert r.status_code == 200 and warning in html
        assert "govuk-button--warning" in html and 'name="confirm" value="yes"' in html
        assert AuditEvent.objects.count() == before
        assert Proposal.objects.get(pk=p.pk).state == "preview"
    client.post(f"/regime/proposals/{p.pk}/withdraw/", {"confirm": "yes"})
    assert Proposal.objects.get(pk=p.pk).state == "withdrawn"


def test_a_partner_is_not_offered_the_sponsors_confirmation(client, people):
    from .helpers import previewed

    p = previewed(people)
    client.force_login(people["gb-delegate"])
    r = client.post(f"/regime/proposals/{p.pk}/withdraw/")
    assert r.status_code in (403, 404) and "Withdraw the proposal" not in r.content.decode()
