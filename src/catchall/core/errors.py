"""Errors the core raises for bad user input.

Every face (CLI, API, web) turns an :class:`InputError` into a field-level message: exit code 2
on the command line, HTTP 422 with a JSON body in the API, a form error on a page.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, named by the path of the field that holds it."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


class InputError(ValueError):
    """The user's input cannot be used; carries one problem per faulty field."""

    def __init__(self, problems: list[Problem] | Problem | str, field: str = ""):
        if isinstance(problems, str):
            problems = [Problem(field, problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))

    def prefixed(self, prefix: str) -> InputError:
        """The same problems with their field paths nested under ``prefix``."""
        out = []
        for p in self.problems:
            if not p.field:
                field = prefix
            elif p.field.startswith("["):
                field = f"{prefix}{p.field}"
            else:
                field = f"{prefix}.{p.field}"
            out.append(Problem(field, p.message))
        return InputError(out)

    def as_dict(self) -> dict:
        return {"error": "invalid input", "problems": [p.as_dict() for p in self.problems]}


class NotAllowed(PermissionError):
    """The acting user may not do this: the one "not allowed" of every service (HTTP 403 in the
    API, the 403 page or the form's message on a page, exit code 2 on the command line)."""


class NotFound(LookupError):
    """A named thing (control entry, list, case) does not exist or is not visible to the reader."""
