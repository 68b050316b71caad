"""A PDF made by a job, in Chromium: the job's page while it waits for a worker (refreshing
itself), then done with the PDF to download and the way back (to the case, to the meeting's
evaluation); the downloaded file is the stored one. Axe at 1366 and 390 px, no sideways
scrolling, screenshots of each."""

from __future__ import annotations

import copy
import functools
from pathlib import Path

import pytest

from tests.browser.conftest import audit_widths

pytest.importorskip("axe_playwright_python.sync_playwright")  # axe-core, for audit_widths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


_audit = functools.partial(audit_widths, prefix="pdf-job")


@pytest.fixture
def world(transactional_db):
    from catchall.web.accounts.models import Organisation
    from catchall.web.cases.services import case_act, case_create
    from catchall.web.demo import ensure_user
    from tests.web.cases.conftest import FLOW_FORMER

    authority = Organisation.objects.create(name="Authority", kind="authority", country="DE")
    firm = Organisation.objects.create(
        name="Neckar Umformtechnik GmbH", kind="exporter", country="DE"
    )
    officer = ensure_user(
        "olga", "licensing_officer", authority, "Olga Officer", password="pass phrase 77"
    )
    exporter = ensure_user("erik", "exporter", firm, "Erik Exporter")
    case = case_create(actor=exporter, data=copy.deepcopy(FLOW_FORMER))
    case_act(case, "submit", actor=exporter)
    case.refresh_from_db()
    case_act(case, "start_review", actor=officer)
    case.refresh_from_db()
    return {"officer": officer, "case": case}


def _waits_then_offers_the_stored_pdf(
    browser, live_server, user, password: str, source: str, params: dict, label: str
) -> tuple[str, bytes]:
    """The job page of the PDF ``source`` of ``params`` asked by ``user``: waiting for a
    worker, then done with its download and the way back (``label``); the downloaded file's
    text and bytes. axe and widths at each step; screenshots named after ``label``."""
    from pypdf import PdfReader

    from catchall.web.jobs.models import Job
    from catchall.web.jobs.pdfs import SOURCES
    from catchall.web.jobs.services import run_job

    prepared = SOURCES[source].prepare(user, params)
    back = SOURCES[source].back(params)
    # asked for, waiting for a worker (the job a page's link starts when none is stored)
    job = Job.objects.create(
        kind="pdf.render",
        params={
            "source": source,
            "params": params,
            "key": prepared.key,
            "filename": prepared.filename,
        },
        created_by=user,
    )
    ctx = browser.new_context(
        base_url=live_server.url, viewport={"width": 1366, "height": 900}, accept_downloads=True
    )
    pg = ctx.new_page()
    pg.set_default_timeout(120_000)
    problems: list[str] = []
    pg.goto("/login/")
    pg.get_by_label("Username").fill(user.get_username())
    pg.get_by_label("Password").fill(password)
    pg.get_by_role("button", name="Log in").click()

    pg.goto(f"/jobs/{job.pk}/")
    assert pg.get_by_role("heading", name=f"Making the PDF {prepared.filename}").is_visible()
    assert "Waiting to start." in pg.content()
    # the meta refresh is offered to be stopped (WCAG 2.2.1); axe cannot see the offer
    _audit(pg, f"{label}-waiting", problems, {"rules": {"meta-refresh": {"enabled": False}}})

    run_job(job.pk)  # a worker takes it
    pg.goto(f"/jobs/{job.pk}/")
    assert f"{prepared.filename} is ready to download" in pg.content()
    link = pg.get_by_role("link", name=f"{prepared.filename} (PDF)")
    assert link.is_visible()
    assert pg.get_by_role("link", name=back[0]).get_attribute("href") == back[1]
    _audit(pg, f"{label}-done", problems)
    with pg.expect_download() as info:
        link.click()
    path = info.value.path()
    data = Path(path).read_bytes()
    assert info.value.suggested_filename == prepared.filename
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)
    ctx.close()
    assert not problems, "\n\n".join(problems)
    return text, data


def test_the_summary_pdf_job_page_waits_then_offers_the_stored_pdf(browser, live_server, world):
    from django.test import Client

    officer, case = world["officer"], world["case"]
    text, data = _waits_then_offers_the_stored_pdf(
        browser,
        live_server,
        officer,
        "pass phrase 77",
        "case.summary",
        {"case": case.pk},
        "summary",
    )
    assert f"Case summary {case.reference}" in text
    # the case page's link now gives the stored file at once, the same bytes
    c = Client()
    c.force_login(officer)
    assert c.get(f"/cases/{case.pk}/summary.pdf").content == data


def test_the_evaluation_pdf_job_page_leads_back_to_the_evaluation(browser, live_server):
    import datetime as dt

    from django.test import Client

    from catchall.web.accounts.models import Organisation
    from catchall.web.demo import ensure_user
    from catchall.web.regime.services import outreach

    poc_org = Organisation.objects.create(
        name="MTCR Point of Contact", kind="point_of_contact", country="FR"
    )
    poc = ensure_user("fanny", "point_of_contact", poc_org, "Fanny Point", "pass phrase 77")
    m = outreach.meeting_create(
        actor=poc, title="TOM 2009", date=dt.date(2009, 4, 16), place="Paris"
    )
    outreach.meeting_note_add(
        actor=poc, meeting=m, kind="question", country="KZ", body="(U) Hexapods under 2B201?"
    )
    text, data = _waits_then_offers_the_stored_pdf(
        browser,
        live_server,
        poc,
        "pass phrase 77",
        "regime.evaluation",
        {"meeting": m.pk},
        "evaluation",
    )
    assert "Evaluation of TOM 2009" in text and "Hexapods under 2B201?" in text
    assert "Fanny Point, MTCR Point of Contact" in text  # the reader, in every page's footer
    c = Client()
    c.force_login(poc)
    assert c.get(f"/regime/meetings/{m.pk}/evaluation.pdf").content == data
