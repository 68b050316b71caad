"""``catchall jobs`` (a job's state, or the latest jobs) and ``catchall worker`` (a Celery
worker taking jobs from the broker)."""

from __future__ import annotations

import json
import sys
import time
from typing import Annotated

import typer

from catchall.cli.common import _db, _fail, app
from catchall.core.errors import InputError

NO_BROKER = (
    "no broker configured: set CATCHALL_BROKER_URL (e.g. redis://127.0.0.1:6379/0) for "
    "workers; without one, jobs run inside `catchall serve` (embedded)"
)


def _line(d: dict) -> str:
    p = d["progress"]
    of = f" {p['done']:,}/{p['total']:,}" if p["total"] else ""
    msg = f" — {p['message']}" if p["message"] else ""
    err = f" — {d['error']}" if d["error"] else ""
    return f"{d['id']:>6}  {d['state']:<8}{of}  {d['title']}{msg}{err}"


@app.command()
def jobs(
    job_id: Annotated[int | None, typer.Argument(help="A job's number; none: the latest.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON.")] = False,
    wait: Annotated[
        float | None,
        typer.Option(help="Wait up to this many seconds for the job to finish, showing progress."),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Submit a job that the workers answer in parts; wait for it (see --wait).",
        ),
    ] = False,
    limit: Annotated[int, typer.Option(help="How many of the latest jobs to list.")] = 20,
) -> None:
    """Show a background job (state, progress, result or error), or list the latest ones.
    Exit code 1 when a job shown failed or did not finish within --wait."""
    _db()
    from catchall.web.jobs.models import Job
    from catchall.web.jobs.selectors import job_dict
    from catchall.web.jobs.services import submit

    if check:
        if job_id is not None:
            _fail(InputError("give a job number or --check, not both", "JOB_ID"))
        j = submit("jobs.check", {"parts": 2}, user=None)
        job_id, wait = j.pk, 60.0 if wait is None else wait
    if job_id is None:
        rows = [job_dict(j) for j in Job.objects.filter(parent=None)[: max(1, limit)]]
        if as_json:
            typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            for d in rows:
                typer.echo(_line(d))
        return
    if not Job.objects.filter(pk=job_id).exists():
        _fail(InputError(f"no job {job_id}", "JOB_ID"))
    j = Job.objects.get(pk=job_id)
    if wait:
        deadline = time.monotonic() + wait
        while not j.finished and time.monotonic() < deadline:
            if sys.stderr.isatty():
                sys.stderr.write(f"\r{_line(job_dict(j))}")
            time.sleep(0.2)
            j.refresh_from_db()
        if sys.stderr.isatty():
            sys.stderr.write("\n")
    d = job_dict(j)
    if as_json:
        typer.echo(json.dumps(d, ensure_ascii=False, indent=2))
    else:
        typer.echo(_line(d))
        if d["result"] is not None:
            typer.echo(json.dumps(d["result"], ensure_ascii=False, indent=2))
    if j.state == "failed" or (wait and not j.finished):
        raise typer.Exit(1)


@app.command()
def worker(
    concurrency: Annotated[
        int, typer.Option(help="Worker processes (default: one per CPU core).")
    ] = 0,
    loglevel: Annotated[str, typer.Option(help="Celery's log level.")] = "INFO",
    beat: Annotated[
        bool,
        typer.Option(
            "--beat",
            help="Also run Celery beat: the scheduled list refresh, reminders and PDF pruning. "
            "Give it to one worker only.",
        ),
    ] = False,
) -> None:
    """Run a Celery worker: it takes jobs from the broker at CATCHALL_BROKER_URL and runs them
    against the database every web process uses (exit code 2 when no broker is configured)."""
    from catchall.web.bootstrap import prepare_database

    prepare_database()
    from django.conf import settings
    from django.db import connections

    if settings.CATCHALL_JOBS_MODE != "celery":
        _fail(NO_BROKER)
    from catchall.web.jobs.celery_app import celery_app

    connections.close_all()  # the worker's processes open their own
    argv = [
        "worker",
        f"--loglevel={loglevel}",
        "-Q",
        settings.CATCHALL_JOBS_QUEUE,
        "--without-gossip",
        "--without-mingle",
    ]
    if concurrency > 0:
        argv.append(f"--concurrency={concurrency}")
    if beat:
        argv.append("--beat")
    celery_app().worker_main(argv)
