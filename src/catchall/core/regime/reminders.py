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
    # who owes it (a country, a post), so that one proposal's many similar deadlines
    # can be said once: "feedback due from Brazil and South Africa"
    party: str = ""


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


@dataclass(frozen=True)
class ReminderGroup:
    """Reminders of one kind on one subject with one due date, said once with every party."""

    first: Reminder
    parties: tuple[str, ...]
    count: int

    @property
    def what(self) -> str:
        d = self.first.deadline
        if not self.parties or self.count == 1:
            return d.what
        return f"{_PHRASES.get(d.kind, d.kind)} {_joined(self.parties)}"

    @property
    def deadline(self) -> Deadline:
        return self.first.deadline

    @property
    def status(self) -> str:
        return self.first.status

    @property
    def overdue(self) -> bool:
        return self.first.overdue


# How a group of one kind starts ("feedback due from" + the parties).
_PHRASES = {
    "feedback": "feedback due from",
    "answer": "answer the feedback of",
    "post": "reply due from",
}


def _joined(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def grouped(reminders: list[Reminder]) -> list[ReminderGroup]:
    """One line per subject, kind and due date, in the order of the reminders (soonest first)."""
    order: list[tuple] = []
    members: dict[tuple, list[Reminder]] = {}
    for r in reminders:
        d = r.deadline
        key = (d.link or d.subject, d.kind, d.due) if d.party else (id(r),)
        if key not in members:
            order.append(key)
            members[key] = []
        members[key].append(r)
    out = []
    for key in order:
        rs = members[key]
        parties = tuple(r.deadline.party for r in rs if r.deadline.party)
        out.append(ReminderGroup(rs[0], parties, len(rs)))
    return out


def capped(items: list, limit: int) -> tuple[list, int]:
    """The first ``limit`` items and how many more there are ("and 4 more")."""
    return items[:limit], max(0, len(items) - limit)


def reminders_text(reminders: list[Reminder]) -> str:
    """For the terminal: grouped like the workbench ("feedback due from Brazil and South
    Africa"), uncapped (a terminal list is read whole or piped)."""
    if not reminders:
        return "Nothing due.\n"
    lines = []
    for g in grouped(reminders):
        d = g.deadline
        lines.append(f"{d.due.isoformat()}  {g.status:<20} {g.what} - {d.subject}")
    return "\n".join(lines) + "\n"
