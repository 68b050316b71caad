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


def may_draft(role: str | None, country: str | None) -> bool:
    """Only a government's delegate drafts (and so sponsors) a proposal; pages offer
    "Draft a proposal" to exactly these readers, and the service refuses everyone else."""
    return role in ACTOR_ROLES["sponsor"] and bool(country)


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


# --------------------------------------------------------------------------- whose turn


@dataclass(frozen=True)
class Turn:
    """Who a proposal waits for, to do what (a verb phrase), by when; ``yours`` when the
    reader is that party: "Waiting for {who} to {what}, by {by}"."""

    what: str
    who: str
    by: dt.date | None = None
    yours: bool = False

    def as_dict(self) -> dict:
        return {
            "what": self.what,
            "who": self.who,
            "by": self.by.isoformat() if self.by else None,
            "yours": self.yours,
        }


def whose_turn(
    *,
    state: str,
    sponsor: str,
    sponsor_name: str,
    release_list: Iterable[str],
    feedback: dict[str, bool],
    deadline: dt.date | None,
    plenary: str,
    plenary_date: dt.date | None,
    today: dt.date,
    reader_role: str | None,
    reader_country: str | None,
    names: dict[str, str],
) -> Turn | None:
    """The next step of a proposal, in words, for one reader.

    ``feedback`` maps each previewed partner that commented to whether it is answered. The
    names of partners still to comment go only to the sponsor: another partner learns that
    comments are awaited, and whether its own are, not who else has or has not replied.
    None for a closed proposal (adopted or withdrawn)."""
    delegation = f"the {sponsor_name} delegation"
    is_sponsor = reader_role == "delegate" and reader_country == sponsor
    poc = reader_role == "point_of_contact"
    plenary_name = plenary or "the Plenary"
    if state == "draft":
        return Turn("preview it with selected partners", delegation, None, is_sponsor)
    if state == "preview":
        rl = list(release_list)
        waiting = [c for c in rl if c not in feedback]
        unanswered = sorted(c for c, done in feedback.items() if not done)
        open_for_comments = bool(waiting) and (deadline is None or today <= deadline)
        if open_for_comments:
            if is_sponsor:
                who = ", ".join(names.get(c, c) for c in waiting)
            elif reader_country in waiting:
                who = f"{names.get(reader_country, reader_country)} (you) and perhaps others"
            else:
                who = "the partners it was previewed with"
            return Turn(
                "comment on the previewed text",
                who,
                deadline,
                reader_country in waiting and reader_role in ("partner_delegate", "delegate"),
            )
        if unanswered:
            return Turn(
                "answer the comments received"
                if not is_sponsor
                else "answer the comments of " + ", ".join(names.get(c, c) for c in unanswered),
                delegation,
                deadline,
                is_sponsor,
            )
        return Turn("close the preview", delegation, None, is_sponsor)
    if state == "answered":
        return Turn(
            f"circulate it to all partners before {plenary_name}",
            "the Point of Contact",
            plenary_date,
            poc,
        )
    if state == "circulated":
        return Turn(
            "decide it by consensus (the Point of Contact records the decision)",
            plenary_name,
            plenary_date,
            poc or reader_role == "delegate",
        )
    if state == "deferred":
        return Turn("reopen it as a draft or withdraw it", delegation, None, is_sponsor)
    return None
