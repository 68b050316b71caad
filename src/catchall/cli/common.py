"""What every command shares: the root Typer app, user errors (exit 2), JSON output, reading
a file or standard input, dates, the database and progress lines."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import typer

from catchall.core.errors import InputError, NotFound

app = typer.Typer(
    name="catchall",
    help="Export-control decision support for missile technology.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class UserError(Exception):
    """Raised inside commands for bad input; ``main`` prints it and exits 2."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def _fail(exc: InputError | NotFound | str) -> None:
    if isinstance(exc, InputError):
        raise UserError([str(p) for p in exc.problems])
    raise UserError([str(exc)])


def emit(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def read_input(path: str) -> str:
    """Read a file named on the command line ("-" for standard input)."""
    if path == "-":
        return sys.stdin.read()
    p = Path(path)
    if not p.exists():
        _fail(InputError(f"no such file: {path}", "FILE"))
    if p.is_dir():
        _fail(InputError(f"{path} is a directory", "FILE"))
    try:
        return p.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        _fail(InputError(f"{path} is not UTF-8 text", "FILE"))
    return ""


def parse_date(value: str | None, field: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        _fail(InputError(f"{value!r} is not a date in the form YYYY-MM-DD", field))
    return None


def _db() -> None:
    from catchall.web.bootstrap import prepare_database

    prepare_database()


class _Progress:
    """A progress line on stderr for long imports and batches (only on a terminal)."""

    def __init__(self, label: str, total: int | None = None):
        self.label, self.total, self.enabled = label, total, sys.stderr.isatty()

    def __call__(self, done: int) -> None:
        if self.enabled:
            of = f"/{self.total:,}" if self.total else ""
            sys.stderr.write(f"\r{self.label}: {done:,}{of}")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")
