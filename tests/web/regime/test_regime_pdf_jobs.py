"""Library papers, proposals and meeting evaluations as PDF jobs (issue 15 leftovers): each is
made for its reader (only the portions released to them, the banner over what it shows, their
name in the footer) by the job pdf.render and kept under the hash of that; asked again
unchanged it is served at once, the same bytes, from the page and the API alike. A reader
who may not read the paper, proposal or meeting gets "not found" and starts no job; one who
lost clearance since asking does not get the PDF of their job."""

from __future__ import annotations

import datetime as dt

import pytest

from catchall.web.accounts.models import Organisation
from catchall.web.jobs.models import Job, StoredPdf
from catchall.web.jobs.services import run_job
from catchall.web.regime.services import documents as docs
from catchall.web.regime.services import outreach

from .helpers import DECL, previewed
from .test_briefing_pdf_jobs import _body, _client, _text

pytestmark = pytest.mark.django_db

OPEN = "(U) Open paragraph zqopen on spin-forming mandrels."
PARTNERS = "(C//REL TO USA, GBR) Partner paragraph zqpartner on flow-forming rollers."
PREVIEWED = "catch-all for unlisted five-axis machines"  # (C/REL Brazil/South Africa)


def _paper(people, body: str = f"{OPEN}\n\n{PARTNERS}", title: str = "(U) Flow forming"):
    return docs.document_create(
        actor=people["us-delegate"],
        kind="best_practice",
        title=title,
        body=body,
        **DECL,
    )


def _meeting(people):
    m = outreach.meeting_create(
        actor=people["fr-poc"], title="TOM 2009", date=dt.date(2009, 4, 16), place="Paris"
    )
    outreach.meeting_note_add(
        actor=people["fr-poc"],
        meeting=m,
        kind="question",
        country="KZ",
        body="(U) How does 2B201 treat hexapods zqhexapod?",
    )
    outreach.meeting_note_add(
        actor=people["us-delegate"],
        meeting=m,
        kind="follow_up",
        body="(C//REL TO USA, GBR) Partners' follow-up zqfollowup on the guests' answers.",
        **DECL,
    )
    return m


def _pdf_jobs():
    return Job.objects.filter(kind="pdf.render")


@pytest.fixture
def deferred(settings):
    """Jobs wait for a worker, as in a deployment; ``run_job`` is the worker taking one."""
    settings.CATCHALL_JOBS_MODE = "embedded"


def test_each_reader_gets_the_pdf_of_what_is_released_to_them_once_from_page_and_api(people):
    paper = _paper(people)
    url, api = f"/library/{paper.pk}/export.pdf", f"/api/regime/documents/{paper.pk}/pdf"
    gb = _client(people["gb-delegate"])
    first = gb.get(url)
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    assert f'filename="paper-{paper.pk}.pdf"' in first["Content-Disposition"]
    text = _text(first.content)
    assert "zqopen" in text and "zqpartner" in text and "CONFIDENTIAL//REL TO USA, GBR" in text
    assert gb.get(url).content == first.content
    answer = gb.post(api)
    assert answer.status_code == 200 and answer.content == first.content
    assert _pdf_jobs().count() == 1 and StoredPdf.objects.count() == 1
    # the guest and the exporter get the paper without the partners' paragraph, each their own
    for who in ("kz-guest", "de-exporter"):
        c = _client(people[who])
        made = c.get(url)
        text = _text(made.content)
        assert made.status_code == 200 and "zqopen" in text, who
        assert "zqpartner" not in text and "CONFIDENTIAL" not in text, who
        assert c.post(api).content == made.content, who
    assert _pdf_jobs().count() == StoredPdf.objects.count() == 3


def test_a_proposal_pdf_holds_its_readers_portions_and_says_which_proposal(people):
    p = previewed(people)
    url, api = f"/regime/proposals/{p.pk}/export.pdf", f"/api/regime/proposals/{p.pk}/pdf"
    br = _client(people["br-partner"])
    made = br.get(url)
    text = _text(made.content)
    assert made.status_code == 200 and f"Proposal {p.pk}" in text and PREVIEWED in text
    assert br.post(api).content == made.content and _pdf_jobs().count() == 1
    for who in ("kz-guest", "de-exporter", "gb-delegate"):  # not on the release list
        c = _client(people[who])
        page, answer = c.get(url), c.post(api)
        assert page.status_code == answer.status_code == 200, who
        assert answer.content == page.content, who
        text = _text(page.content)
        assert "missile applications of machine tools" in text and PREVIEWED not in text, who


def test_an_evaluation_pdf_is_for_the_meetings_readers_only_and_starts_no_job_for_others(people):
    m = _meeting(people)
    url, api = (
        f"/regime/meetings/{m.pk}/evaluation.pdf",
        f"/api/regime/meetings/{m.pk}/evaluation/pdf",
    )
    poc = _client(people["fr-poc"])
    made = poc.get(url)
    assert made.status_code == 200 and "zqhexapod" in _text(made.content)
    assert "Evaluation of TOM 2009" in _text(made.content)
    assert poc.post(api).content == made.content
    # the partners' follow-up: in the UK delegate's evaluation, never in the guest's
    assert "zqfollowup" in _text(_client(people["gb-delegate"]).get(url).content)
    guest = _client(people["kz-guest"])
    made = guest.get(url)
    text = _text(made.content)
    assert made.status_code == 200 and "zqhexapod" in text and "zqfollowup" not in text
    assert guest.post(api).content == made.content
    exporter = _client(people["de-exporter"])
    assert exporter.get(url).status_code == 404 and exporter.post(api).status_code == 404
    assert _pdf_jobs().count() == 3
    # no such thing: not found, never an error
    for c in (poc, exporter):
        assert c.get("/regime/meetings/999999/evaluation.pdf").status_code == 404
        assert c.post("/api/regime/meetings/999999/evaluation/pdf").status_code == 404
        assert c.get("/library/999999/export.pdf").status_code == 404
        assert c.post("/api/regime/proposals/999999/pdf").status_code == 404
    # asking is a GET on the page (a link): another verb starts nothing
    assert poc.post(url).status_code == 405 and _pdf_jobs().count() == 3


def test_a_paper_nothing_of_which_is_released_to_the_reader_is_not_found(people):
    paper = _paper(people, body=PARTNERS, title="(C//REL TO USA, GBR) Partners' practice")
    guest = _client(people["kz-guest"])
    assert guest.get(f"/library/{paper.pk}/export.pdf").status_code == 404
    assert guest.post(f"/api/regime/documents/{paper.pk}/pdf").status_code == 404
    assert not _pdf_jobs().exists() and not StoredPdf.objects.exists()


def test_while_made_the_page_shows_the_job_then_the_pdf_and_the_way_back(people, deferred):
    m = _meeting(people)
    poc = _client(people["fr-poc"])
    asked = poc.get(f"/regime/meetings/{m.pk}/evaluation.pdf")
    assert asked.status_code == 302 and asked["Location"].startswith("/jobs/")
    page = poc.get(asked["Location"]).content.decode()
    assert '<meta http-equiv="refresh"' in page
    assert f"Making the PDF evaluation-{m.pk}.pdf" in page
    j = _pdf_jobs().get()
    run_job(j.pk)
    page = poc.get(asked["Location"]).content.decode()
    assert f"evaluation-{m.pk}.pdf is ready to download" in page
    assert (
        f'href="/regime/meetings/{m.pk}/evaluation/"' in page and "Back to the evaluation" in page
    )
    made = _body(poc.get(f"/jobs/{j.pk}/download/pdf"))
    assert "zqhexapod" in _text(made)
    assert poc.get(f"/regime/meetings/{m.pk}/evaluation.pdf").content == made
    # the API: 202 with the job for a proposal not made yet, then the same file at once
    p = previewed(people)
    br = _client(people["br-partner"])
    answer = br.post(f"/api/regime/proposals/{p.pk}/pdf")
    assert answer.status_code == 202 and answer.json()["kind"] == "pdf.render"
    run_job(answer.json()["id"])
    done = br.get(answer["Location"]).json()
    assert done["result"]["filename"] == f"proposal-{p.pk}.pdf"
    assert done["result"]["links"] == [
        {"label": "Back to the proposal", "url": f"/regime/proposals/{p.pk}/"}
    ]
    made = _body(br.get(f"/api/jobs/{answer.json()['id']}/download/pdf"))
    assert PREVIEWED in _text(made)
    again = br.post(f"/api/regime/proposals/{p.pk}/pdf")
    assert again.status_code == 200 and again.content == made


def test_a_reader_who_lost_clearance_does_not_get_the_pdf_of_their_job(people, deferred):
    paper = _paper(people)
    person = people["gb-delegate"]
    c = _client(person)
    asked = c.post(f"/api/regime/documents/{paper.pk}/pdf")
    assert asked.status_code == 202
    job = asked.json()["id"]
    run_job(job)
    assert "zqpartner" in _text(_body(c.get(f"/jobs/{job}/download/pdf")))
    # nobody else reads that reader's paper through the job, the authority's staff included
    assert _client(people["us-expert"]).get(f"/api/jobs/{job}").status_code == 404
    # the person now works for a government outside the regime, invited to outreach
    person.profile.role = "outreach_guest"
    person.profile.organisation = Organisation.objects.get(name="Kazakhstan MFA")
    person.profile.save()
    for url in (f"/jobs/{job}/", f"/api/jobs/{job}", f"/jobs/{job}/download/pdf"):
        assert c.get(url).status_code == 404, url
    assert c.get(f"/api/jobs/{job}/download/pdf").status_code == 404
    again = c.post(f"/api/regime/documents/{paper.pk}/pdf")
    assert again.status_code == 202 and again.json()["id"] != job
    run_job(again.json()["id"])
    text = _text(_body(c.get(f"/api/jobs/{again.json()['id']}/download/pdf")))
    assert "zqopen" in text and "zqpartner" not in text
