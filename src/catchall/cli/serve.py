"""``catchall serve``: the web application on this machine (demo data with --demo)."""

from __future__ import annotations

from typing import Annotated

import typer

from catchall.cli.common import _fail, app


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    demo: Annotated[
        bool,
        typer.Option(
            "--demo/--no-demo",
            help="Load demo users (password 'demo', one an administrator) and example cases. "
            "For trying catchall out only, never on a real installation.",
        ),
    ] = False,
    threads: Annotated[int, typer.Option(help="Worker threads (per process).")] = 8,
    processes: Annotated[
        int,
        typer.Option(
            min=1,
            help="Server processes sharing the port (one per core uses every core for pages; "
            "each holds its own screening index in memory).",
        ),
    ] = 1,
    with_worker: Annotated[
        bool,
        typer.Option(
            "--with-worker",
            help="Also run a Celery worker (`catchall worker`) for the jobs, stopped with the "
            "server: web and worker on one machine. Needs CATCHALL_BROKER_URL.",
        ),
    ] = False,
) -> None:
    """Run the web application (SQLite in CATCHALL_HOME unless DATABASE_URL is set).

    Background jobs run in this process's threads unless CATCHALL_BROKER_URL names a broker;
    then workers run them (`catchall worker`, or --with-worker here)."""
    import os

    from catchall.web.bootstrap import PRIVATE_UMASK, ensure_home, migrate, setup_django

    # Everything this server writes (database, its -wal/-shm files, temporary uploads) is
    # readable by its owner only. The data folder and the secret key come before the settings.
    os.umask(PRIVATE_UMASK)
    home = ensure_home()
    setup_django()
    from django.conf import settings

    if with_worker and settings.CATCHALL_JOBS_MODE != "celery":
        from catchall.cli.jobs import NO_BROKER

        _fail(NO_BROKER)
    migrate()
    if demo:
        from catchall.web.demo import load_demo

        for line in load_demo(f"http://{host}:{port}"):
            typer.echo(line)
    import threading

    from catchall.web.screening.index import current_index
    from catchall.web.server import serve as wsgi_serve
    from catchall.web.wsgi import application

    embedded = settings.CATCHALL_JOBS_MODE == "embedded"

    def in_each(i: int) -> None:
        # Load the screening index and the name tables now, not on a user's first query.
        threading.Thread(
            target=lambda: current_index().warm_up(), name="warm-up", daemon=True
        ).start()
        if embedded and i == 0:
            from catchall.web.core.schedule import start_thread

            start_thread()  # scheduled list refresh and reminders (CATCHALL_SCHEDULER_MINUTES)

    worker = None
    if embedded:
        from catchall.web.jobs.services import recover_embedded

        recover_embedded()  # jobs a previous run left behind
    elif with_worker:
        import signal
        import subprocess
        import sys

        worker = subprocess.Popen(
            [sys.executable, "-c", "from catchall.cli import main; main()", "worker", "--beat"]
        )
        # Stopped by a service manager (SIGTERM) as by Ctrl+C: the worker stops with us.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    typer.echo(f"catchall data folder: {home}")
    typer.echo(f"background jobs: {_jobs_mode(settings, worker)}")
    typer.echo(
        f"catchall is serving on http://{host}:{port}/ with {processes} process"
        f"{'es' if processes > 1 else ''} of {threads} threads  (Ctrl+C to stop)"
    )
    try:
        wsgi_serve(
            application,
            host=host,
            port=port,
            threads=threads,
            processes=processes,
            in_each=in_each,
        )
    finally:
        if worker is not None:
            worker.terminate()
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()


def _jobs_mode(settings, worker) -> str:
    if settings.CATCHALL_JOBS_MODE == "celery":
        where = f"a worker started with this server (process {worker.pid})" if worker else "workers"
        return f"run by {where} through the broker ({_safe_url(settings.CATCHALL_BROKER_URL)})"
    return f"run inside this server ({settings.CATCHALL_JOBS_MODE})"


def _safe_url(url: str) -> str:
    """The broker's address without a password."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    host = parts.hostname or ""
    return f"{parts.scheme}://{host}{f':{parts.port}' if parts.port else ''}{parts.path}"
