"""What runs on a schedule, and the two ways it is started.

- ``lists.refresh_due`` every CATCHALL_SCHEDULER_MINUTES (15): lists whose source is due;
- ``notifications.reminders`` every hour: the daily deadline digest (each person gets it once
  a day, so running it hourly only picks up the day's first chance after midnight).
- ``pdfs.prune`` every day: stored PDFs nobody was served for CATCHALL_PDF_KEEP_DAYS are
  deleted (web/jobs/prune.py).

With Celery, beat (``catchall worker --beat``, on one worker only) sends ``catchall.scheduled``
at those intervals and a worker submits the job. Without a broker, ``catchall serve`` runs
:func:`start_thread`: a daemon thread that submits the same jobs. Both submit with a key, so a
second scheduler (two web processes) never runs a job twice at once, and the jobs are
idempotent (a list is refreshed only when due, a digest goes once a day, a pruned PDF is gone).
Without either, cron can run ``catchall lists refresh``, ``catchall notifications remind`` and
``catchall pdfs prune``.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time

from django.conf import settings

log = logging.getLogger("catchall.schedule")
TASK = "catchall.scheduled"


def schedule() -> dict[str, dt.timedelta]:
    minutes = settings.CATCHALL_SCHEDULER_MINUTES or 15
    return {
        "lists.refresh_due": dt.timedelta(minutes=minutes),
        "notifications.reminders": dt.timedelta(hours=1),
        "pdfs.prune": dt.timedelta(days=1),
    }


def run_scheduled(kind: str):
    """Submit one scheduled job (or return the same kind's unfinished one)."""
    from catchall.web.jobs.services import submit

    return submit(kind, {}, key=f"scheduled:{kind}")


def configure_beat(app) -> None:
    """Register the task beat sends and the beat schedule on the Celery app."""

    def scheduled(kind: str) -> None:
        from django.db import close_old_connections

        try:
            run_scheduled(kind)
        finally:
            close_old_connections()

    from catchall.web.bootstrap import home_dir

    app.task(name=TASK, ignore_result=True)(scheduled)
    app.conf.beat_schedule_filename = str(home_dir() / "celerybeat-schedule")
    app.conf.beat_schedule = {
        kind: {"task": TASK, "schedule": every.total_seconds(), "args": [kind]}
        for kind, every in schedule().items()
    }


def _loop(stop: threading.Event, tick: float) -> None:
    from django.db import close_old_connections

    due = dict.fromkeys(schedule(), 0.0)
    while not stop.is_set():
        now = time.monotonic()
        for kind, every in schedule().items():
            if now >= due[kind]:
                try:
                    run_scheduled(kind)
                except Exception:  # a scheduler that dies silently refreshes nothing
                    log.exception("scheduled job %s could not be submitted", kind)
                finally:
                    close_old_connections()
                due[kind] = now + every.total_seconds()
        stop.wait(tick)


def start_thread(tick: float = 30.0) -> threading.Event | None:
    """The embedded scheduler; returns the event that stops it (None when turned off)."""
    if settings.CATCHALL_SCHEDULER_MINUTES <= 0:
        return None
    stop = threading.Event()
    threading.Thread(target=_loop, args=(stop, tick), name="scheduler", daemon=True).start()
    return stop
