"""The schedule: Celery beat gets the scheduled jobs; the embedded scheduler thread submits
them (with a key, so a second scheduler never runs one twice at once)."""

from __future__ import annotations

import time

import pytest
from celery import Celery

from catchall.web.core.schedule import TASK, configure_beat, run_scheduled, start_thread
from catchall.web.jobs.models import Job

pytestmark = pytest.mark.django_db(transaction=True)


def test_beat_schedules_the_refresh_the_reminders_and_the_pdf_pruning():
    app = Celery("test-schedule")
    configure_beat(app)
    assert {k: v["task"] for k, v in app.conf.beat_schedule.items()} == {
        "lists.refresh_due": TASK,
        "notifications.reminders": TASK,
        "pdfs.prune": TASK,
    }
    assert app.conf.beat_schedule["lists.refresh_due"]["schedule"] == 15 * 60
    assert TASK in app.tasks


def test_the_embedded_scheduler_submits_both_jobs():
    stop = start_thread(tick=0.05)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            kinds = set(Job.objects.filter(state="done").values_list("kind", flat=True))
            if {"lists.refresh_due", "notifications.reminders"} <= kinds:
                break
            time.sleep(0.1)
    finally:
        stop.set()
    assert {"lists.refresh_due", "notifications.reminders"} <= kinds
    assert Job.objects.get(kind="lists.refresh_due").key == "scheduled:lists.refresh_due"


def test_a_scheduled_job_is_submitted_with_its_key():
    j = run_scheduled("lists.refresh_due")
    j.refresh_from_db()
    assert j.state == "done" and j.result == {"lists": []}
