"""The production web server: waitress, in one process or in several sharing one socket.

Python runs one thread of a process at a time, so one waitress process, however many threads
it has, uses about one core for pages. ``serve(processes=N)`` binds the listening socket once
and forks N processes that each accept from it with their own thread pool: every core serves
pages, and a process busy with a long page leaves the others to accept the next requests.
Processes share nothing but the database (sessions live there, the secret key is the same),
as separate machines behind a balancer do. Without ``os.fork`` (Windows) it runs one process.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
from collections.abc import Callable


def default_processes() -> int:
    """One process per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    sock.setblocking(False)
    return sock


def serve(
    application,
    *,
    host: str,
    port: int,
    threads: int,
    processes: int = 1,
    in_each: Callable[[int], None] | None = None,
) -> None:
    """Serve until stopped (SIGTERM or Ctrl+C stops every process). ``in_each(i)`` runs in
    each serving process (i = 0..N-1) before it accepts: threads started before a fork do
    not exist in the children, so anything that runs in the background starts there."""
    from waitress import serve as wsgi_serve

    sock = listen(host, port)
    if processes <= 1 or not hasattr(os, "fork"):
        if in_each:
            in_each(0)
        wsgi_serve(application, sockets=[sock], threads=threads, _quiet=True)
        return
    from django.db import connections

    connections.close_all()  # a connection must not be shared by two processes
    children: list[int] = []
    for i in range(processes):
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                if in_each:
                    in_each(i)
                wsgi_serve(application, sockets=[sock], threads=threads, _quiet=True)
            except BaseException:  # noqa: BLE001 - the child's end, reported on stderr
                import traceback

                traceback.print_exc()
                code = 1
            finally:
                os._exit(code)
        children.append(pid)
    sock.close()

    def stop(*_):
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        # A child that dies takes the server down with it, rather than leaving it half-sized.
        os.wait()
    finally:
        stop()
        for pid in children:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)


def main(argv: list[str] | None = None) -> None:
    """``python -m catchall.web.server --listen HOST:PORT --threads 8 --processes 2``: the
    WSGI application alone, as ``catchall serve`` runs it without migrations or jobs (the
    load benchmark serves this way)."""
    import argparse

    ap = argparse.ArgumentParser(description=main.__doc__.splitlines()[0])
    ap.add_argument("--listen", default="127.0.0.1:8000")
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--processes", type=int, default=default_processes())
    args = ap.parse_args(argv)
    host, _, port = args.listen.rpartition(":")
    from catchall.web.wsgi import application

    serve(
        application,
        host=host.strip("[]"),
        port=int(port),
        threads=args.threads,
        processes=args.processes,
    )


if __name__ == "__main__":
    main()
