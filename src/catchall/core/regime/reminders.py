"""Reminders as deadlines near: which dated obligations are overdue or due within a window.

The web layer gathers deadlines (feedback due, post replies, Plenary dates, outreach
meetings) through the reader's selectors; this module only decides what is due and how to
say it, so the CLI and the dashboard agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

DEFAULT_WINDOW = 14


@dataclass(frozen=True)
class Deadline:
    due: dt.date
    what: str  # e.g. "feedback due from Brazil"
    subject: str  # the proposal or meeting, as the reader may see it
    link: str = ""
    kind: str = ""


@dataclass(frozen=True)
class Reminder:
    deadline: Deadline
    days: int  # negative when overdue

    @property
    def status(self) -> str:
        if self.days < 0:
            n = -self.days
            return f"overdue by {n} day{'s' if n != 1 else ''}"
        if self.days == 0:
            return "due today"
        return f"due in {self.days} day{'s' if self.days != 1 else ''}"

    @property
    def overdue(self) -> bool:
        return self.days < 0

    def as_dict(self) -> dict:
        d = self.deadline
        return {
            "due": d.due.isoformat(),
            "status": self.status,
            "overdue": self.overdue,
            "what": d.what,
            "subject": d.subject,
            "link": d.link,
            "kind": d.kind,
        }


def due(
    deadlines: Iterable[Deadline], *, today: dt.date, within_days: int = DEFAULT_WINDOW
) -> list[Reminder]:
    """Overdue deadlines and those within ``within_days``, soonest (most overdue) first."""
    out = []
    for d in deadlines:
        days = (d.due - today).days
        if days <= within_days:
            out.append(Reminder(d, days))
    return sorted(out, key=lambda r: (r.deadline.due, r.deadline.what))


def reminders_text(reminders: list[Reminder]) -> str:
    if not reminders:
        return "Nothing due.\n"
    lines = []
    for r in reminders:
        d = r.deadline
        lines.append(f"{d.due.isoformat()}  {r.status:<20} {d.what} - {d.subject}")
    return "\n".join(lines) + "\n"
