"""``catchall serve``: the web application on this machine (demo data with --demo)."""

from __future__ import annotations

from typing import Annotated

import typer

from catchall.cli.common import app


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
    threads: Annotated[int, typer.Option(help="Worker threads.")] = 8,
) -> None:
    """Run the web application (SQLite in CATCHALL_HOME unless DATABASE_URL is set)."""
    import os

    from catchall.web.bootstrap import PRIVATE_UMASK, ensure_home, migrate, setup_django

    # Everything this server writes (database, its -wal/-shm files, temporary uploads) is
    # readable by its owner only. The data folder and the secret key come before the settings.
    os.umask(PRIVATE_UMASK)
    home = ensure_home()
    setup_django()
    migrate()
    if demo:
        from catchall.web.demo import load_demo

        for line in load_demo(f"http://{host}:{port}"):
            typer.echo(line)
    import threading

    from waitress import serve as wsgi_serve

    from catchall.web.screening.index import current_index
    from catchall.web.wsgi import application

    # Load the screening index and the name tables now, not on a user's first query.
    threading.Thread(target=lambda: current_index().warm_up(), name="warm-up", daemon=True).start()

    typer.echo(f"catchall data folder: {home}")
    typer.echo(f"catchall is serving on http://{host}:{port}/  (Ctrl+C to stop)")
    wsgi_serve(application, host=host, port=port, threads=threads, _quiet=True)
