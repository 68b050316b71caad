"""The case's PDFs as jobs (issue 15 item 2): a letter's or the summary's PDF is made by a job
and kept under the hash of what it is made from; asked again for the same content, it is
served at once, byte for byte the same. A job's PDF is given only to who may read the letter
or the case when downloading it, not merely when they asked. The summary carries the
technical expert's ratings (who, when, outcome, entries, reasoning); letters never do."""

from __future__ import annotations

import copy
import hashlib

import pytest
from django.test import Client
from django.utils import timezone

from catchall.web.cases.services import case_act, case_create
from catchall.web.jobs.models import Job, StoredPdf
from catchall.web.jobs.pdfs import html_to_pdf
from catchall.web.jobs.services import run_job
from tests.web.cases.test_documents import REFUSAL_REASON, pdf_text
from tests.web.cases.test_workflow import fresh, to_recommended

pytestmark = pytest.mark.django_db

MILL = {
    "description": "Five-axis machining centre for turbine blades",
    "kind": "other",
    "quantity": 1,
}
APPLICATION = {
    "reference": "R-1",
    "exporter": {"name": "Neckar Umformtechnik GmbH", "country": "DE"},
    "destination": "CH",
    "parties": [{"role": "end_user", "name": "Zurich Pump Works AG", "country": "CH"}],
    "end_use": "Turbine blades for waterworks",
    "items": [MILL],
}
WHY = "Five simultaneous contouring axes and 4 um positioning repeatability: 2B001."


@pytest.fixture
def deferred(settings):
    """Jobs wait for a worker, as in a deployment (the embedded runner starts a job after the
    submitting transaction commits, which a test's transaction never does); ``run_job`` is
    the worker taking it."""
    settings.CATCHALL_JOBS_MODE = "embedded"


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _refuse(users, app_data):
    case = to_recommended(users, app_data)
    case_act(case, "decide", actor=users["senior"], outcome="deny", reason=REFUSAL_REASON)
    case_act(fresh(case), "send_refusal", actor=users["officer"])
    return fresh(case)


def _pdf_jobs():
    return Job.objects.filter(kind="pdf.render")


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def test_an_issued_letters_pdf_is_made_once_and_every_download_is_the_same_file(users, app_data):
    case = _refuse(users, app_data)
    doc = case.documents.get(kind="refusal")
    # issuing asked for the PDF: the job made it and kept it with the letter
    assert _pdf_jobs().filter(state="done").count() == 1
    assert bytes(doc.pdf).startswith(b"%PDF-")
    assert doc.sha256 == hashlib.sha256(bytes(doc.pdf)).hexdigest()
    exporter = _client(users["exporter"])
    url = f"/cases/{case.pk}/documents/{doc.pk}.pdf"
    first, second = exporter.get(url), exporter.get(url)
    api = exporter.post(f"/api/cases/{case.pk}/documents/{doc.pk}/pdf")
    assert first.status_code == second.status_code == api.status_code == 200
    assert first["Content-Type"] == api["Content-Type"] == "application/pdf"
    assert first.content == second.content == api.content == bytes(doc.pdf)
    assert _pdf_jobs().count() == 1, "a stored PDF is served at once, without a job"
    # the renderer gives the same bytes for the same issued HTML: the stored file is the one
    # any process would make from the letter
    assert html_to_pdf(doc.html) == first.content
    assert REFUSAL_REASON in pdf_text(first.content)


def test_while_the_pdf_is_made_the_page_shows_the_job_then_offers_the_stored_pdf(
    users, app_data, deferred
):
    case = _refuse(users, app_data)
    doc = case.documents.get(kind="refusal")
    assert doc.sha256 == "" and bytes(doc.pdf) == b"", "nothing made before a worker runs"
    exporter = _client(users["exporter"])
    url = f"/cases/{case.pk}/documents/{doc.pk}.pdf"
    asked = exporter.get(url)
    assert asked.status_code == 302
    j = Job.objects.get(pk=int(asked["Location"].strip("/").split("/")[-1]))
    assert (j.kind, j.state, j.created_by) == ("pdf.render", "queued", users["exporter"])
    assert exporter.get(url)["Location"] == asked["Location"], "one job per reader and content"
    page = exporter.get(asked["Location"]).content.decode()
    assert '<meta http-equiv="refresh"' in page and f"Making the PDF {doc.number}.pdf" in page
    run_job(j.pk)  # a worker takes it
    page = exporter.get(asked["Location"]).content.decode()
    assert "http-equiv" not in page and f"{doc.number}.pdf is ready to download" in page
    assert f'href="/jobs/{j.pk}/download/pdf"' in page and f"{doc.number}.pdf (PDF)" in page
    assert f'href="/cases/{case.pk}/"' in page  # back to the case
    download = exporter.get(f"/jobs/{j.pk}/download/pdf")
    assert download["Content-Type"] == "application/pdf"
    made = _body(download)
    doc.refresh_from_db()
    assert made == bytes(doc.pdf) == exporter.get(url).content
    assert doc.sha256 == hashlib.sha256(made).hexdigest()
    # the officer's job, asked when the letter was issued, finds it made: the same file stays
    officers = _pdf_jobs().get(created_by=users["officer"])
    run_job(officers.pk)
    doc.refresh_from_db()
    assert bytes(doc.pdf) == made and Job.objects.get(pk=officers.pk).state == "done"


def test_the_api_asks_gets_a_job_and_downloads_the_same_pdf(users, app_data, deferred):
    case = _refuse(users, app_data)
    doc = case.documents.get(kind="refusal")
    exporter = _client(users["exporter"])
    asked = exporter.post(f"/api/cases/{case.pk}/documents/{doc.pk}/pdf")
    assert asked.status_code == 202 and asked["Location"].startswith("/api/jobs/")
    body = asked.json()
    assert body["kind"] == "pdf.render" and body["state"] == "queued"
    run_job(body["id"])
    done = exporter.get(asked["Location"]).json()
    assert done["state"] == "done" and done["result"]["filename"] == f"{doc.number}.pdf"
    [download] = done["downloads"]
    assert download["format"] == "pdf"
    made = _body(exporter.get(f"/api/jobs/{body['id']}/download/pdf"))
    assert (
        made.startswith(b"%PDF-") and hashlib.sha256(made).hexdigest() == done["result"]["sha256"]
    )
    again = exporter.post(f"/api/cases/{case.pk}/documents/{doc.pk}/pdf")
    assert again.status_code == 200 and again.content == made
    # another organisation's exporter gets nothing: not the letter, not the job
    other = _client(users["other_exporter"])
    assert other.post(f"/api/cases/{case.pk}/documents/{doc.pk}/pdf").status_code == 404
    assert other.get(f"/api/jobs/{body['id']}").status_code == 404
    assert other.get(f"/api/jobs/{body['id']}/download/pdf").status_code == 404


def _move(user, role: str, org) -> None:
    user.profile.role, user.profile.organisation = role, org
    user.profile.save()


def test_who_lost_the_right_to_read_the_case_does_not_get_the_pdf_of_a_job_they_started(
    users, app_data, deferred
):
    case = _refuse(users, app_data)
    doc = case.documents.get(kind="refusal")
    exporter = _client(users["exporter"])
    letter = exporter.post(f"/api/cases/{case.pk}/documents/{doc.pk}/pdf").json()["id"]
    officer = _client(users["officer2"])
    summary = officer.get(f"/cases/{case.pk}/summary.pdf")
    summary_job = int(summary["Location"].strip("/").split("/")[-1])
    for pk in (letter, summary_job):
        run_job(pk)
    for c, pk in ((exporter, letter), (officer, summary_job)):
        assert c.get(f"/jobs/{pk}/").status_code == 200
        assert c.get(f"/jobs/{pk}/download/pdf").status_code == 200
    # the exporter's person moves to another firm; the officer leaves the authority for it
    other_firm = users["other_exporter"].profile.organisation
    _move(users["exporter"], "exporter", other_firm)
    _move(users["officer2"], "exporter", other_firm)
    for c, pk in ((exporter, letter), (officer, summary_job)):
        assert c.get(f"/jobs/{pk}/").status_code == 404
        assert c.get(f"/api/jobs/{pk}").status_code == 404
        assert c.get(f"/jobs/{pk}/download/pdf").status_code == 404
        assert c.get(f"/api/jobs/{pk}/download/pdf").status_code == 404
    # the authority still oversees the letter's job: it may read that letter
    overseer = _client(users["senior"])
    assert overseer.get(f"/jobs/{letter}/download/pdf").status_code == 200


@pytest.fixture
def rated(users):
    """A case whose one item the technical expert rated 2B001, with reasoning."""
    case = case_create(actor=users["exporter"], data=copy.deepcopy(APPLICATION))
    case_act(case, "submit", actor=users["exporter"])
    case_act(fresh(case), "start_review", actor=users["officer"])
    case_act(fresh(case), "assign", actor=users["officer"], user_id=users["expert"].pk)
    case_act(
        fresh(case),
        "rate_item",
        actor=users["expert"],
        index=0,
        outcome="change",
        entries=["2B001"],
        reasoning=WHY,
    )
    return fresh(case)


def test_the_summary_pdf_gives_the_experts_ratings_and_is_made_again_only_when_changed(
    users, rated
):
    officer = _client(users["officer"])
    url = f"/cases/{rated.pk}/summary.pdf"
    first = officer.get(url)
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    text = pdf_text(first.content)
    r = rated.ratings.get()
    at = timezone.localtime(r.at)
    assert "The technical expert's ratings" in text
    assert f"Item 1: {MILL['description']}" in text
    assert "Rating: Changed the entries. Entries as rated: 2B001." in text
    assert f"Rated by expert on {at:%-d %B %Y} at {at:%H:%M}." in text
    assert f"Reasoning: {WHY}" in text
    assert officer.get(url).content == first.content
    assert _pdf_jobs().count() == 1 and StoredPdf.objects.count() == 1
    # the expert rates again: the summary says something else, so a new PDF is made
    case_act(
        fresh(rated),
        "rate_item",
        actor=users["expert"],
        index=0,
        outcome="not_listed",
        reasoning="Three contouring axes only, on a closer look.",
    )
    changed = officer.get(url)
    assert changed.content != first.content and _pdf_jobs().count() == 2
    text = pdf_text(changed.content)
    assert "Rating: Not listed. Entries as rated: none." in text
    assert "Three contouring axes only, on a closer look." in text and WHY not in text
    # the exporter's letters never carry the expert's reasoning
    case_act(fresh(rated), "issue_inform_letter", actor=users["officer"], reason="Missile use.")
    letter = fresh(rated).documents.get(kind="inform_letter")
    assert "closer look" not in letter.html and "expert's ratings" not in letter.html
    assert "closer look" not in pdf_text(bytes(letter.pdf))


def test_an_erp_system_with_a_read_token_asks_for_the_letter_and_gets_the_same_file(
    users, app_data
):
    from catchall.web.tokens.services import token_create

    case = _refuse(users, app_data)
    doc = case.documents.get(kind="refusal")
    users["exporter"].profile.org_admin = True
    users["exporter"].profile.save()
    secret = token_create(actor=users["exporter"], name="ERP", scopes=["read"]).secret
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    answer = Client().post(f"/api/cases/{case.pk}/documents/{doc.pk}/pdf", **bearer)
    assert answer.status_code == 200 and answer.content == bytes(doc.pdf)
    listed = Client().get(f"/api/cases/{case.pk}", **bearer).json()["documents"]
    assert {d["pdf"] for d in listed} == {f"/api/cases/{case.pk}/documents/{doc.pk}/pdf"}
