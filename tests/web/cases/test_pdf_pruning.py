"""Pruning stored PDFs (issue 15 leftovers): a stored PDF nobody was served for the configured
age is deleted, by the daily job or ``catchall pdfs prune``; one served since stays; an issued
letter's PDF, kept with the letter, is never deleted; a dry run counts and writes nothing; a
run that deletes writes one audit event. Asked for again, a pruned PDF is made again, the same
bytes (the renderer makes the same file from the same HTML)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from catchall.core.errors import InputError
from catchall.web.audit.models import AuditEvent
from catchall.web.core.schedule import run_scheduled, schedule
from catchall.web.jobs.models import Job, StoredPdf
from catchall.web.jobs.pdfs import Prepared, html_to_pdf, save_stored
from catchall.web.jobs.prune import keep_days, prune_stored_pdfs
from tests.web.cases.test_documents import pdf_text
from tests.web.cases.test_pdf_jobs import _refuse

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _age(row: StoredPdf, days: float) -> None:
    StoredPdf.objects.filter(pk=row.pk).update(
        last_used_at=timezone.now() - dt.timedelta(days=days)
    )


def _stored(name: str) -> StoredPdf:
    html = f"<p>{name}</p>"
    prepared = Prepared(html, f"{name}.pdf")
    save_stored(prepared, {}, html_to_pdf(html))
    return StoredPdf.objects.get(key=prepared.key)


def _pruned_events():
    return AuditEvent.objects.filter(action="pdfs.pruned")


def test_what_is_kept_what_goes_and_a_dry_run_writes_nothing(users, app_data):
    case = _refuse(users, app_data)
    letter = case.documents.get(kind="refusal")
    letter_pdf = bytes(letter.pdf)
    officer, exporter = _client(users["officer"]), _client(users["exporter"])
    summary_url = f"/cases/{case.pk}/summary.pdf"
    summary = officer.get(summary_url).content
    old = StoredPdf.objects.get()
    summary_job = Job.objects.get(kind="pdf.render", params__source="case.summary")
    recent, young = _stored("recent"), _stored("young")
    _age(old, 40)
    _age(young, 29)  # within the default 30 days
    assert keep_days(None) == 30
    before = (StoredPdf.objects.count(), _pruned_events().count(), Job.objects.count())

    dry = prune_stored_pdfs(dry_run=True)
    assert (dry.count, dry.bytes, dry.dry_run) == (1, len(summary), True)
    assert dry.summary().startswith("would delete 1 stored PDFs")
    assert (StoredPdf.objects.count(), _pruned_events().count(), Job.objects.count()) == before

    # served since: the officer downloads the summary again, so it stays
    assert officer.get(summary_url).content == summary
    assert prune_stored_pdfs().count == 0 and not _pruned_events().exists()

    _age(old, 40)
    done = prune_stored_pdfs(actor="cli")
    assert (done.count, done.bytes, done.dry_run) == (1, len(summary), False)
    assert set(StoredPdf.objects.values_list("pk", flat=True)) == {recent.pk, young.pk}
    [event] = _pruned_events()
    assert event.actor_label == "cli" and event.object_type == "stored_pdf"
    assert event.details["count"] == 1 and event.details["bytes"] == len(summary)
    assert event.details["older_than_days"] == 30
    # the issued letter's PDF is the letter's: untouched, served as before
    letter.refresh_from_db()
    assert bytes(letter.pdf) == letter_pdf
    assert exporter.get(f"/cases/{case.pk}/documents/{letter.pk}.pdf").content == letter_pdf
    # the job that made the pruned summary says so; asked again, it is made again, the same
    assert officer.get(f"/jobs/{summary_job.pk}/download/pdf").status_code == 404
    again = officer.get(summary_url)
    assert again.status_code == 200 and again.content == summary
    assert "Case summary" in pdf_text(again.content)
    assert Job.objects.filter(kind="pdf.render", params__source="case.summary").count() == 2

    # an age of its own: everything unused for a day goes, the letter still stays
    for row in StoredPdf.objects.all():
        _age(row, 2)
    assert prune_stored_pdfs(1).count == 3 and not StoredPdf.objects.exists()
    letter.refresh_from_db()
    assert bytes(letter.pdf) == letter_pdf and _pruned_events().count() == 2


def test_a_served_pdf_is_marked_used_at_most_once_an_hour(users, app_data):
    case = _refuse(users, app_data)
    officer = _client(users["officer"])
    officer.get(f"/cases/{case.pk}/summary.pdf")
    row = StoredPdf.objects.get()
    _age(row, 0.5 / 24)  # half an hour ago: serving it again writes nothing
    stamp = StoredPdf.objects.get().last_used_at
    officer.get(f"/cases/{case.pk}/summary.pdf")
    assert StoredPdf.objects.get().last_used_at == stamp
    _age(row, 2 / 24)
    officer.get(f"/cases/{case.pk}/summary.pdf")
    assert StoredPdf.objects.get().last_used_at > timezone.now() - dt.timedelta(minutes=1)


def test_the_daily_job_prunes_with_the_configured_age(settings):
    assert schedule()["pdfs.prune"] == dt.timedelta(days=1)
    settings.CATCHALL_PDF_KEEP_DAYS = 5
    old, kept = _stored("old"), _stored("kept")
    _age(old, 6)
    _age(kept, 4)
    j = run_scheduled("pdfs.prune")
    j.refresh_from_db()
    assert j.state == "done" and j.key == "scheduled:pdfs.prune"
    assert j.result["count"] == 1 and j.result["older_than_days"] == 5
    assert list(StoredPdf.objects.values_list("pk", flat=True)) == [kept.pk]
    [event] = _pruned_events()
    assert event.actor_label == "system"


@pytest.mark.parametrize("bad", ["0", "-3", "2.5", "ten", "", " "])
def test_an_age_that_is_not_a_whole_number_of_days_is_refused_naming_the_field(bad):
    _stored("kept")
    with pytest.raises(InputError) as exc:
        prune_stored_pdfs(bad)
    assert exc.value.problems[0].field == "older_than"
    assert StoredPdf.objects.count() == 1
