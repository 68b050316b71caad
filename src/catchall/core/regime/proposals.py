"""Plenary proposals as a state machine written as data, and the consensus rule.

A proposal is drafted by a delegation, previewed with selected partners (release list and a
feedback deadline), its feedback answered, circulated to all partners by the Point of
Contact, and decided by the Plenary by consensus: one partner's objection blocks adoption.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from catchall.core.errors import InputError, Problem

TYPES = {
    "annex_amendment": "Annex amendment",
    "guidelines": "Guidelines change",
    "policy": "Policy",
    "outreach": "Outreach",
}
STATES = {
    "draft": "Draft",
    "preview": "Previewed with selected partners",
    "answered": "Feedback collected and answered",
    "circulated": "Circulated to all partners",
    "adopted": "Adopted by the Plenary",
    "deferred": "Deferred by the Plenary",
    "withdrawn": "Withdrawn",
}
FINAL = frozenset({"adopted", "withdrawn"})
EDITABLE = frozenset({"draft", "answered"})  # the previewed text is frozen while partners read it
POSITIONS = ("support", "object")


@dataclass(frozen=True)
class Transition:
    sources: tuple[str, ...]
    target: str
    actor: str  # sponsor | point_of_contact | plenary
    label: str


TRANSITIONS = {
    "preview": Transition(("draft",), "preview", "sponsor", "Preview with selected partners"),
    "close_feedback": Transition(
        ("preview",), "answered", "sponsor", "Close the preview (feedback answered)"
    ),
    "circulate": Transition(
        ("answered",), "circulated", "point_of_contact", "Circulate to all partners"
    ),
    "adopt": Transition(("circulated",), "adopted", "plenary", "Record adoption by consensus"),
    "defer": Transition(("circulated",), "deferred", "plenary", "Record deferral"),
    "withdraw": Transition(
        ("draft", "preview", "answered", "circulated", "deferred"),
        "withdrawn",
        "sponsor",
        "Withdraw",
    ),
    "reopen": Transition(("deferred",), "draft", "sponsor", "Reopen as a draft"),
}
# Which roles act for each kind of actor (accounts.models.ROLES).
ACTOR_ROLES = {
    "sponsor": frozenset({"delegate"}),
    "point_of_contact": frozenset({"point_of_contact"}),
    "plenary": frozenset({"point_of_contact", "delegate"}),
}


def next_state(state: str, action: str) -> str:
    """The state after ``action``, or an InputError naming what is allowed from ``state``."""
    t = TRANSITIONS.get(action)
    if t is None:
        raise InputError(f"unknown action {action!r}; one of {', '.join(TRANSITIONS)}", "action")
    if state not in t.sources:
        allowed = [a for a, tr in TRANSITIONS.items() if state in tr.sources]
        raise InputError(
            f"cannot {action} a proposal that is {STATES.get(state, state).lower()}"
            + (f"; possible: {', '.join(allowed)}" if allowed else "; it is final"),
            "action",
        )
    return t.target


def actions_from(state: str) -> list[str]:
    return [a for a, t in TRANSITIONS.items() if state in t.sources]


def may_act(action: str, *, role: str | None, country: str | None, sponsor: str) -> bool:
    t = TRANSITIONS[action]
    if role not in ACTOR_ROLES[t.actor]:
        return False
    return t.actor != "sponsor" or country == sponsor


def preview_problems(
    *,
    release_list: Iterable[str],
    sponsor: str,
    partners: frozenset[str],
    deadline: dt.date | None,
    today: dt.date,
) -> list[Problem]:
    """A preview goes to partners other than the sponsor, with a deadline still ahead."""
    problems = []
    rl = list(release_list)
    if not rl:
        problems.append(Problem("release_list", "name at least one partner to preview with"))
    for c in rl:
        if c == sponsor:
            problems.append(Problem("release_list", f"{c} is the sponsor itself"))
        elif c not in partners:
            problems.append(Problem("release_list", f"{c} is not an MTCR partner on {today}"))
    if deadline is None:
        problems.append(Problem("feedback_deadline", "a feedback deadline is required"))
    elif deadline <= today:
        problems.append(Problem("feedback_deadline", "the feedback deadline must be in the future"))
    return problems


def close_feedback_problems(
    *,
    release_list: Iterable[str],
    responded: dict[str, bool],
    deadline: dt.date,
    today: dt.date,
) -> list[Problem]:
    """Feedback is collected by the deadline (or from everyone) and every item is answered.

    ``responded`` maps each partner that gave feedback to whether all of it is answered.
    """
    problems = []
    waiting = [c for c in release_list if c not in responded]
    if waiting and today <= deadline:
        problems.append(
            Problem(
                "feedback",
                f"the deadline ({deadline}) has not passed and {', '.join(waiting)} "
                "has not given feedback yet",
            )
        )
    unanswered = sorted(c for c, answered in responded.items() if not answered)
    if unanswered:
        problems.append(
            Problem("feedback", f"answer the feedback of {', '.join(unanswered)} first")
        )
    return problems


def consensus_problems(outcome: str, positions: dict[str, str]) -> list[Problem]:
    """Adoption needs consensus: any partner's objection blocks it (defer or withdraw instead)."""
    objecting = sorted(c for c, p in positions.items() if p == "object")
    if outcome == "adopt" and objecting:
        return [
            Problem(
                "decision",
                f"no consensus: {', '.join(objecting)} object(s); record a deferral or withdraw",
            )
        ]
    return []


def late(received_on: dt.date, deadline: dt.date | None) -> bool:
    return deadline is not None and received_on > deadline
