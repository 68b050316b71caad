"""The Celery application: one task, ``catchall.run_job(job_id)``; the job itself is a row.

Only the job's id travels through the broker (Redis at CATCHALL_BROKER_URL): params, progress
and results stay in the database every web process and worker shares. Late acknowledgement
and a prefetch of one: a worker that dies mid-job leaves its message to another worker, and
``run_job`` claims a job once, so a redelivered message does not run it twice.
"""

from __future__ import annotations

from celery import Celery
from celery.signals import worker_process_init

TASK = "catchall.run_job"
_APP: Celery | None = None


def celery_app() -> Celery:
    global _APP
    if _APP is None:
        from django.conf import settings

        app = Celery("catchall", broker=settings.CATCHALL_BROKER_URL)
        app.conf.update(
            task_default_queue=settings.CATCHALL_JOBS_QUEUE,
            task_ignore_result=True,
            task_acks_late=True,
            task_reject_on_worker_lost=True,
            worker_prefetch_multiplier=1,
            broker_connection_retry_on_startup=True,
            broker_connection_timeout=5,
            worker_hijack_root_logger=False,
            # A message not acknowledged in this time goes to another worker: longer than
            # any job (a 100,000-row batch is split into parts of minutes).
            broker_transport_options={"visibility_timeout": 6 * 60 * 60},
        )
        app.task(name=TASK, ignore_result=True)(_run)
        from catchall.web.core.schedule import configure_beat

        configure_beat(app)  # the scheduled list refresh and reminders (Celery beat)
        _APP = app
    return _APP


def _run(job_id: int) -> None:
    from django.db import close_old_connections

    from catchall.web.jobs.services import run_job

    try:
        run_job(job_id)
    finally:
        close_old_connections()


def send(job_id: int) -> None:
    celery_app().send_task(TASK, args=[job_id])


@worker_process_init.connect
def _warm(**_kwargs) -> None:
    """Each worker process loads the screening index once, before its first job."""
    import threading

    from catchall.web.screening.index import current_index

    threading.Thread(target=lambda: current_index().warm_up(), daemon=True).start()
