"""The ``catchall`` command line: thin commands that parse input, call one service, print.

A module per command group; what they share is in :mod:`catchall.cli.common`. User errors print
one line per problem to stderr and exit with code 2; nothing is written.
"""

from __future__ import annotations

import sys

import typer

# Registering the commands is importing their modules (each adds itself to ``app``).
from catchall.cli import (  # noqa: F401
    assess,
    audit,
    cases,
    classify,
    controls,
    denials,
    jobs,
    lists,
    notifications,
    pdfs,
    regime,
    screen,
    serve,
    tokens,
)
from catchall.cli.common import (  # noqa: F401  (re-exported for the sub-apps and tests)
    UserError,
    _db,
    _fail,
    _Progress,
    app,
    emit,
    parse_date,
    read_input,
)
from catchall.core.errors import NotAllowed


def main() -> None:
    """Entry point: run the app, turning user errors into exit code 2."""
    try:
        # Without standalone mode Click returns the exit code instead of exiting: pass it on.
        code = app(standalone_mode=False)
    except UserError as exc:
        for p in exc.problems:
            typer.echo(f"error: {p}", err=True)
        sys.exit(2)
    except NotAllowed as exc:  # the CLI's one mapping of "not allowed"
        typer.echo(f"error: not allowed: {exc}", err=True)
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("aborted", err=True)
        sys.exit(1)
    except Exception as exc:
        # Usage errors (unknown option, missing argument) from Typer's click layer.
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):
            exc.show()
            sys.exit(2 if exc.exit_code in (None, 1, 2) else exc.exit_code)
        raise
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
