"""Audit events told as sentences: "Lena Licensing started the review".

The audit log keeps what happened as data (codes, usernames, before and after); people read
names, words and what changed. Each case action has a sentence here; an action without one is
told by its workflow title, never as a dict. Exporters read only the events meant for them
(their own application's steps, letters, questions and answers), told without the authority's
findings and with the authority's staff as "The licensing authority": who worked on a case
and what the assessment or the partners said is the authority's (see accounts/confidentiality).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model

from catchall.core.workflow import ACTIONS, STATES
from catchall.web.accounts.confidentiality import may_receive_confidential
from catchall.web.assessment.readable import OUTCOMES

AUTHORITY_NAME = "The licensing authority"
SYSTEM_NAME = "catchall (automatically)"
DECIDED = {
    "approve": "approved the application",
    "approve_with_conditions": "approved the application with conditions",
    "deny": "refused the application",
}


@dataclass
class Entry:
    seq: int
    at: dt.datetime
    who: str
    sentence: str
    lines: list[str] = field(default_factory=list)


@dataclass
class _Ctx:
    """What a sentence may draw on: the reader's clearance, names, the case's records."""

    confidential: bool
    names: Callable[[Any], str]
    case: Any = None
    cases: dict = field(default_factory=dict)

    def case_of(self, ev):
        """The case an event is about (the audit page mixes cases; a case page has one)."""
        if self.case is not None or ev.object_type != "case" or not ev.object_id.isdigit():
            return self.case
        if ev.object_id not in self.cases:
            from catchall.web.cases.models import Case

            self.cases[ev.object_id] = Case.objects.filter(pk=ev.object_id).first()
        return self.cases[ev.object_id]


def _q(text: Any, limit: int = 300) -> str:
    s = " ".join(str(text or "").split())
    return f"“{s[:limit]}{'…' if len(s) > limit else ''}”"


def _latest(records, ev) -> Any:
    """The record an event wrote: the actor's latest one made before the event."""
    if records is None or ev.actor_id is None:
        return None
    return records.filter(by_id=ev.actor_id, at__lte=ev.at).order_by("-at", "-id").first()


def _status(state: str) -> str:
    return f"“{STATES.get(state, str(state).replace('_', ' ')).lower()}”"


# Each teller returns the sentence after the actor's name and, for cleared readers, lines.
def _created(ev, c):
    return "created the draft application", []


def _draft_edited(ev, c):
    return f"edited the draft (version {(ev.after or {}).get('version', '')})", []


def _submit(ev, c):
    return "submitted the application", []


def _amend(ev, c):
    return f"amended the application (version {ev.details.get('version', '')})", []


def _withdraw(ev, c):
    r = ev.details.get("reason")
    return "withdrew the application" + (f": {_q(r)}" if r else ""), []


def _start_review(ev, c):
    rec = ev.details.get("assessment")
    lines = [f"The automatic assessment recommends: {OUTCOMES.get(rec, rec)}."] if rec else []
    return "started the review", lines


def _assign(ev, c):
    to = c.names(ev.details.get("assigned_to"))
    was = ev.details.get("assigned_from")
    return f"assigned the case to {to}", ([f"It was assigned to {c.names(was)}."] if was else [])


def _rerun(ev, c):
    rec = ev.details.get("assessment")
    return "re-ran the automatic assessment", (
        [f"It now recommends: {OUTCOMES.get(rec, rec)}."] if rec else []
    )


def _request_information(ev, c):
    return f"asked the exporter: {_q(ev.details.get('question'))}", []


def _answer_information(ev, c):
    return f"answered the authority's question: {_q(ev.details.get('answer'))}", []


def _confirm_classification(ev, c):
    lines = []
    for it in ev.details.get("items") or []:
        entries = ", ".join(it.get("entries") or []) or "not listed"
        note = f" ({it['note']})" if it.get("note") else ""
        lines.append(f"Item {int(it.get('index', 0)) + 1}: {entries}{note}.")
    return "confirmed the classification", lines


def _inform_letter(ev, c):
    doc = ev.details.get("document", "")
    return f"informed the exporter of the catch-all licence requirement (letter {doc})", []


def _resolve_consultation(ev, c):
    return (
        f"recorded the partner's answer to consultation {ev.details.get('consultation', '')}: "
        f"{ev.details.get('outcome', '')}",
        [],
    )


def _recommend(ev, c):
    out = ev.details.get("outcome")
    case = c.case_of(ev)
    rec = _latest(case.recommendations if case else None, ev)
    lines = [f"Reasoning: {_q(rec.reasoning, 1000)}"] if rec and rec.reasoning else []
    if rec and rec.conditions:
        lines.append("Conditions: " + "; ".join(str(x) for x in rec.conditions) + ".")
    return f"recommended: {OUTCOMES.get(out, out)}", lines


def _return_to_officer(ev, c):
    return f"returned the case to the officer: {_q(ev.details.get('reason'))}", []


def _decide(ev, c):
    out = ev.details.get("outcome")
    case = c.case_of(ev)
    dec = _latest(case.decisions if case else None, ev)
    # The reason given to the exporter and partners, never an internal note.
    reason = (
        ev.details.get("public_reason")
        or ev.details.get("reason")
        or (dec and (getattr(dec, "public_reason", "") or getattr(dec, "reason", "")))
    )
    sentence = DECIDED.get(out, f"decided: {OUTCOMES.get(out, out)}")
    lines = []
    if ev.details.get("recommendation"):
        rec = ev.details["recommendation"]
        lines.append(f"The officer had recommended: {OUTCOMES.get(rec, rec)}.")
    return sentence + (f": {_q(reason, 1000)}" if reason else ""), lines


def _issue_licence(ev, c):
    return f"issued the licence {ev.details.get('document', '')}", []


def _rate_item(ev, c):
    from catchall.core.controls.rating import OUTCOMES as RATED

    d = ev.details
    what = RATED.get(d.get("rating"), "rated it")
    entries = ", ".join(d.get("entries") or [])
    return f"rated item {d.get('item', '')}: {what}" + (f" ({entries})" if entries else ""), []


def _send_refusal(ev, c):
    n = ev.details.get("denial_notifications")  # notifications made, each to every partner
    lines = (
        [f"{n} denial notification{'s' if n != 1 else ''} shared with the partner governments."]
        if isinstance(n, int) and n
        else []
    )
    return f"sent the refusal {ev.details.get('document', '')}", lines


def _appeal(ev, c):
    return "appealed against the refusal", []


def _decide_appeal(ev, c):
    if ev.details.get("outcome") == "upheld":
        return "upheld the appeal: the review reopens", []
    return "dismissed the appeal", []


def _add_note(ev, c):
    return ("added an internal note" if ev.details.get("internal") else "added a note"), []


def _uploaded(ev, c):
    after = ev.after or {}
    kind = str(after.get("kind") or "document").replace("_", " ")
    return f"uploaded {_q(after.get('upload'), 120)} ({kind})", []


_HIT = re.compile(r"^(?P<party>.*) ~ (?P<entity>.*) \((?P<score>\d(?:\.\d+)?)\)$")


def _rescreened(ev, c):
    """The audit keeps each hit as "party ~ entity (score)"; the history says it in words."""
    from catchall.web.assessment.readable import list_titles
    from catchall.web.screening.words import list_title

    hits = ev.details.get("new_hits") or []
    name = ev.details.get("list") or ""
    on = f" on the list {list_title(name, list_titles())}" if name else ""
    lines = []
    for h in hits:
        m = _HIT.match(str(h))
        lines.append(f"{m['party']} may be {m['entity']}, score {m['score']}" if m else str(h))
    return (
        f"found {len(hits)} new possible match{'es' if len(hits) != 1 else ''}{on} when it changed"
        if on
        else f"found {len(hits)} new possible match{'es' if len(hits) != 1 else ''} "
        "when a screening list changed",
        lines,
    )


# action -> (teller, meant for the exporter)
TELLERS: dict[str, tuple[Callable, bool]] = {
    "case.created": (_created, True),
    "case.draft_edited": (_draft_edited, True),
    "case.submit": (_submit, True),
    "case.amend": (_amend, True),
    "case.withdraw": (_withdraw, True),
    "case.start_review": (_start_review, True),
    "case.assign": (_assign, False),
    "case.rerun_assessment": (_rerun, False),
    "case.request_information": (_request_information, True),
    "case.answer_information": (_answer_information, True),
    "case.confirm_classification": (_confirm_classification, False),
    "case.rate_item": (_rate_item, False),
    "case.issue_inform_letter": (_inform_letter, True),
    "case.resolve_consultation": (_resolve_consultation, False),
    "case.recommend": (_recommend, False),
    "case.return_to_officer": (_return_to_officer, False),
    "case.decide": (_decide, False),
    "case.issue_licence": (_issue_licence, True),
    "case.send_refusal": (_send_refusal, True),
    "case.appeal": (_appeal, True),
    "case.decide_appeal": (_decide_appeal, True),
    "case.add_note": (_add_note, True),
    "case.uploaded": (_uploaded, True),
    "case.rescreened": (_rescreened, False),
}


def _generic(ev, c):
    """An action without its own sentence: its workflow title, or its name in words."""
    name = ev.action.split(".", 1)[-1]
    spec = ACTIONS.get(name)
    if spec is not None:
        title = spec.title
        return title[0].lower() + title[1:], []
    obj = ev.object_type.replace("_", " ")
    return f"{name.replace('_', ' ')} ({obj})", []


def meant_for(ev, confidential: bool) -> bool:
    """Whether a reader with (or without) the authority's clearance reads this event."""
    if confidential:
        return True
    teller = TELLERS.get(ev.action)
    if teller is None or not teller[1]:
        return False
    return not (ev.action == "case.add_note" and ev.details.get("internal"))


def change_in_brief(ev, reader) -> str:
    """ "assign by Lena Licensing" for a conflict message, told as ``reader`` may read it: an
    event not meant for the reader is "a change by the licensing authority"."""
    confidential = may_receive_confidential(reader)
    if not meant_for(ev, confidential):
        return f"a change by {AUTHORITY_NAME[0].lower()}{AUTHORITY_NAME[1:]}"
    who = _Names([ev]).actor(ev, confidential)
    if who == AUTHORITY_NAME:
        who = who[0].lower() + who[1:]
    return f"{ev.action.split('.', 1)[-1].replace('_', ' ')} by {who}"


class _Names:
    """People's names for the events' actors and the usernames in their details."""

    def __init__(self, events: list) -> None:
        User = get_user_model()
        ids = {e.actor_id for e in events if e.actor_id}
        usernames = {e.actor_label for e in events}
        for e in events:
            for k in ("assigned_to", "assigned_from"):
                if isinstance(e.details, dict) and e.details.get(k):
                    usernames.add(e.details[k])
        users = User.objects.filter(pk__in=ids) | User.objects.filter(username__in=usernames)
        self.by_id, self.by_name, self.outsider = {}, {}, {}
        for u in users.select_related("profile"):
            name = u.get_full_name() or u.get_username()
            self.by_id[u.pk] = self.by_name[u.get_username()] = name
            role = getattr(getattr(u, "profile", None), "role", None)
            self.outsider[u.pk] = role == "exporter"

    def __call__(self, username: Any) -> str:
        return self.by_name.get(str(username), "a former user") if username else "nobody"

    def actor(self, ev, confidential: bool) -> str:
        if ev.actor_id is None:
            return SYSTEM_NAME if confidential else AUTHORITY_NAME
        if not confidential and not self.outsider.get(ev.actor_id):
            return AUTHORITY_NAME
        return self.by_id.get(ev.actor_id, "a former user")


def status_change(ev) -> str | None:
    before = (ev.before or {}).get("status") if isinstance(ev.before, dict) else None
    after = (ev.after or {}).get("status") if isinstance(ev.after, dict) else None
    if after and before != after:
        if before:
            return f"Status changed from {_status(before)} to {_status(after)}."
        return f"Status: {_status(after)}."
    return None


def timeline(events: Iterable, reader, case=None) -> list[Entry]:
    """The events the reader may read, oldest first, each as a sentence with its lines."""
    confidential = may_receive_confidential(reader)
    events = [e for e in events if meant_for(e, confidential)]
    names = _Names(events)
    ctx = _Ctx(confidential, names, case)
    out = []
    for ev in events:
        teller = TELLERS.get(ev.action, (_generic, False))[0]
        sentence, lines = teller(ev, ctx)
        if not confidential:
            lines = []  # the lines carry the authority's findings
        change = status_change(ev)
        if change:
            lines = [*lines, change]
        if not sentence.endswith((".", "”", "?", "!")):
            sentence += "."
        out.append(Entry(ev.seq, ev.at, names.actor(ev, confidential), sentence, lines))
    return out
