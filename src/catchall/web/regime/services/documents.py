"""Marked documents: parse portion-marked text, create, revise (every revision kept)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from catchall.core.errors import InputError, NotAllowed, Problem
from catchall.core.regime.markings import Marking, banner, split_paragraphs, split_portion
from catchall.web.audit.services import record_event
from catchall.web.regime.models import (
    LIBRARY_KINDS,
    Document,
    DocumentRevision,
    Paragraph,
)
from catchall.web.regime.releasability import paragraph_access

LIBRARY_AUTHORS = frozenset(
    {"delegate", "partner_delegate", "technical_expert", "point_of_contact", "licensing_officer"}
)
MAX_TITLE = 300
MAX_PARAGRAPH = 20_000


@dataclass(frozen=True)
class PortionInput:
    marking: Marking
    text: str


def parse_portions(
    *,
    title: str,
    body: str,
    declass_on: dt.date | None = None,
    declass_reason: str = "",
) -> list[PortionInput]:
    """Title and body (paragraphs separated by blank lines, each starting with its portion mark).

    Classified portions take the document's declassification date and reason unless their mark
    carries its own ``//DECL date``; a classified document without one is refused.
    """
    problems: list[Problem] = []
    out: list[PortionInput] = []
    texts = [("title", " ".join((title or "").split()))]
    paras = split_paragraphs(body)
    if not paras:
        problems.append(Problem("body", "write at least one paragraph, e.g. (U) text"))
    texts += [(f"body.paragraph[{i + 1}]", p) for i, p in enumerate(paras)]
    for where, text in texts:
        try:
            m, t = split_portion(text, where)
        except InputError as exc:
            problems += exc.problems
            continue
        limit = MAX_TITLE if where == "title" else MAX_PARAGRAPH
        if len(t) > limit:
            problems.append(Problem(where, f"at most {limit} characters"))
        if m.classified and m.declass_on is None:
            m = m.with_declass(declass_on, declass_reason)
        elif m.classified:
            m = m.with_declass(m.declass_on, m.declass_reason or declass_reason)
        out.append(PortionInput(m, t))
    if not problems and any(p.marking.classified for p in out):
        if any(p.marking.classified and p.marking.declass_on is None for p in out):
            problems.append(
                Problem("declassify_on", "required: a date when classified portions declassify")
            )
        if any(p.marking.classified and not p.marking.declass_reason for p in out):
            problems.append(
                Problem("declassify_reason", "required for classified portions, e.g. 1.4(b), (d)")
            )
    if problems:
        raise InputError(problems)
    return out


def _write(document: Document, number: int, portions: list[PortionInput], actor, note: str) -> None:
    DocumentRevision.objects.create(
        document=document, number=number, created_by=_user(actor), note=note[:300]
    )
    rows = [
        Paragraph(
            document=document,
            revision=number,
            position=i,
            text=p.text,
            level=p.marking.level,
            rel_to=sorted(p.marking.rel_to),
            noforn=p.marking.noforn,
            declass_on=p.marking.declass_on,
            declass_reason=p.marking.declass_reason,
        )
        for i, p in enumerate(portions)
    ]
    with paragraph_access():
        Paragraph.objects.bulk_create(rows)


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def summary(document: Document, portions: list[PortionInput]) -> dict:
    """Audit payload: the marking roll-up and counts, never the text."""
    top = banner([p.marking for p in portions], marked_on=document.dated)
    return {
        "kind": document.kind,
        "revision": document.current_revision,
        "banner": top.text(),
        "portions": len(portions),
    }


def check_tags(tag_kinds: Iterable[str], tag_entries: Iterable[str]) -> tuple[list, list]:
    from catchall.core.vocabulary import vocabulary
    from catchall.web.regime.selectors.lists import known_entry_ids

    problems = []
    kinds = sorted({k.strip() for k in tag_kinds if k.strip()})
    entries = sorted({e.strip() for e in tag_entries if e.strip()})
    for k in kinds:
        if k not in vocabulary().kinds:
            problems.append(Problem("tag_kinds", f"unknown item kind {k!r}"))
    known = known_entry_ids()
    for e in entries:
        if e not in known:
            problems.append(Problem("tag_entries", f"no control entry {e!r} in any list version"))
    if problems:
        raise InputError(problems)
    return kinds, entries


def create_document(
    *,
    actor,
    kind: str,
    originator: str,
    dated: dt.date,
    portions: list[PortionInput],
    tag_kinds: list[str] | None = None,
    tag_entries: list[str] | None = None,
    note: str = "created",
) -> Document:
    """Write a document and its first revision (callers are atomic services)."""
    doc = Document.objects.create(
        kind=kind,
        originator=originator,
        dated=dated,
        created_by=_user(actor),
        tag_kinds=tag_kinds or [],
        tag_entries=tag_entries or [],
    )
    _write(doc, 1, portions, actor, note)
    return doc


def holds_portions(document: Document, portions: list[PortionInput]) -> bool:
    """Whether the document's current revision is exactly these portions, marks included: a
    form sent twice (a double press, a resent page) is then the same text, not new text."""
    with paragraph_access():
        rows = list(
            Paragraph.objects.filter(document=document, revision=document.current_revision)
            .order_by("position")
            .values_list("text", "level", "rel_to", "noforn", "declass_on", "declass_reason")
        )
    wanted = [
        (
            p.text,
            p.marking.level,
            sorted(p.marking.rel_to),
            p.marking.noforn,
            p.marking.declass_on,
            p.marking.declass_reason,
        )
        for p in portions
    ]
    return [tuple(r) for r in rows] == [tuple(w) for w in wanted]


def revise_document(*, actor, document: Document, portions: list[PortionInput], note: str) -> int:
    number = document.current_revision + 1
    _write(document, number, portions, actor, note or f"revision {number}")
    document.current_revision = number
    document.save(update_fields=["current_revision"])
    return number


def actor_country(actor) -> str | None:
    from catchall.web.accounts.roles import country_of

    return country_of(actor)


def actor_role(actor) -> str | None:
    from catchall.web.accounts.roles import role_of

    return role_of(actor)


@transaction.atomic
def document_create(
    *,
    actor,
    kind: str,
    title: str,
    body: str,
    dated: dt.date | None = None,
    declass_on: dt.date | None = None,
    declass_reason: str = "",
    tag_kinds: Iterable[str] = (),
    tag_entries: Iterable[str] = (),
) -> Document:
    """A library paper (information exchange, enforcement, best practice, case summary)."""
    if actor_role(actor) not in LIBRARY_AUTHORS:
        raise NotAllowed("your role may not add papers to the library")
    if kind not in LIBRARY_KINDS:
        raise InputError(f"kind must be one of {', '.join(LIBRARY_KINDS)}", "kind")
    country = actor_country(actor)
    if not country:
        raise NotAllowed("your account belongs to no country; papers need an originator")
    portions = parse_portions(
        title=title, body=body, declass_on=declass_on, declass_reason=declass_reason
    )
    kinds, entries = check_tags(tag_kinds, tag_entries)
    doc = create_document(
        actor=actor,
        kind=kind,
        originator=country,
        dated=dated or timezone.localdate(),
        portions=portions,
        tag_kinds=kinds,
        tag_entries=entries,
    )
    record_event(
        "document.create",
        actor=actor,
        object_type="document",
        object_id=doc.pk,
        after=summary(doc, portions),
    )
    return doc


@transaction.atomic
def document_revise(
    *,
    actor,
    document: Document,
    title: str,
    body: str,
    declass_on: dt.date | None = None,
    declass_reason: str = "",
    note: str = "",
) -> Document:
    """A new revision of a library paper by its originating country; older ones are kept."""
    if document.kind not in LIBRARY_KINDS:
        raise InputError("revise proposals through the proposal workflow", "document")
    if actor_role(actor) not in LIBRARY_AUTHORS or actor_country(actor) != document.originator:
        raise NotAllowed("only the originating country revises a paper")
    portions = parse_portions(
        title=title, body=body, declass_on=declass_on, declass_reason=declass_reason
    )
    before = document.current_revision
    revise_document(actor=actor, document=document, portions=portions, note=note)
    record_event(
        "document.revise",
        actor=actor,
        object_type="document",
        object_id=document.pk,
        before={"revision": before},
        after=summary(document, portions),
        details={"note": note[:300]},
    )
    return document
