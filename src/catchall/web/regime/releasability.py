"""THE one place where paragraph text is read: every view, API endpoint, search, export and PDF
gets portions through these selectors, which apply the core release rule for the reader.

Withheld portions come back as placeholders without text and without marking (a level would
itself leak). A document with nothing released to the reader does not exist for them: the
same NotFound as for a wrong id, and it is left out of lists, counts and search hits.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import F, Q
from django.utils import timezone

from catchall.core.errors import InputError, NotFound
from catchall.core.regime.markings import Marking, banner, releasable
from catchall.web.regime.models import _UNLOCKED, Document, Paragraph

# Need-to-know by role, releasability by country: only government roles read classified
# portions at all; an exporter's staff or a system administrator reads unclassified ones only.
CLEARED_ROLES = frozenset(
    {
        "delegate",
        "partner_delegate",
        "point_of_contact",
        "technical_expert",
        "licensing_officer",
        "senior_officer",
        "partner_liaison",
        "outreach_guest",
    }
)


@dataclass(frozen=True)
class Reader:
    user: object | None
    country: str | None  # None: reads unclassified (and declassified) portions only
    role: str | None
    today: dt.date


def reader_for(user, today: dt.date | None = None) -> Reader:
    from catchall.web.accounts.roles import country_of, role_of

    role = role_of(user)
    country = country_of(user) if role in CLEARED_ROLES else None
    return Reader(user, country, role, today or timezone.localdate())


@contextlib.contextmanager
def paragraph_access() -> Iterator[None]:
    """Open the guarded table; only this module and the document services may use it."""
    token = _UNLOCKED.set(True)
    try:
        yield
    finally:
        _UNLOCKED.reset(token)


def marking_of(p: Paragraph) -> Marking:
    return Marking(p.level, frozenset(p.rel_to), p.noforn, p.declass_on, p.declass_reason)


@dataclass(frozen=True)
class Portion:
    position: int
    released: bool
    text: str | None = None
    marking: Marking | None = None
    declassified: bool = False

    @property
    def portion_mark(self) -> str:
        return self.marking.portion() if self.marking else ""

    def as_dict(self) -> dict:
        if not self.released:
            return {"position": self.position, "withheld": True}
        assert self.marking is not None
        return {
            "position": self.position,
            "withheld": False,
            "marking": self.marking.text(),
            "declassify_on": self.marking.declass_on.isoformat()
            if self.marking.declass_on
            else None,
            "declassified": self.declassified,
            "text": self.text,
        }


WITHHELD_TEXT = "[paragraph withheld: not released to you]"


@dataclass
class DocumentView:
    document: Document
    revision: int
    title: Portion
    paragraphs: list[Portion] = field(default_factory=list)
    banner: Marking = field(default_factory=Marking)

    @property
    def withheld(self) -> int:
        return sum(1 for p in [self.title, *self.paragraphs] if not p.released)

    @property
    def header_released(self) -> bool:
        """A document's header (kind, date, originating country, tags) goes with its title:
        when the title portion is withheld, so is everything that would describe the paper,
        because those facts (who wrote what kind of paper on which item, when) are exactly
        what the classified title would have told. The reader then learns only that a paper
        with released paragraphs exists."""
        return self.title.released

    @property
    def complete(self) -> bool:
        """Every portion is released to the reader (nothing withheld)."""
        return self.withheld == 0

    @property
    def title_text(self) -> str:
        return (
            self.title.text
            if self.title.released
            else f"Document {self.document.pk} (title withheld)"
        )

    def as_dict(self) -> dict:
        d = self.document
        head = self.header_released
        return {
            "id": d.pk,
            "kind": d.kind if head else None,
            "originator": d.originator if head else None,
            "dated": d.dated.isoformat() if head else None,
            "header_withheld": not head,
            "revision": self.revision,
            "banner": self.banner.banner(),
            "withheld": self.withheld,
            "title": self.title.as_dict(),
            "paragraphs": [p.as_dict() for p in self.paragraphs],
            "tags": {"kinds": d.tag_kinds, "entries": d.tag_entries} if head else None,
        }


def _portion(reader: Reader, doc: Document, p: Paragraph) -> Portion:
    m = marking_of(p)
    if releasable(
        m, reader.country, originator=doc.originator, marked_on=doc.dated, today=reader.today
    ):
        return Portion(p.position, True, p.text, m, m.declassified(reader.today))
    return Portion(p.position, False)


def _view(reader: Reader, doc: Document, rows: list[Paragraph], revision: int) -> DocumentView:
    portions = [_portion(reader, doc, p) for p in sorted(rows, key=lambda r: r.position)]
    if not portions or portions[0].position != 0:
        portions.insert(0, Portion(0, False))
    released = [p.marking for p in portions if p.released and p.marking]
    top = banner(released, marked_on=doc.dated, today=reader.today)
    return DocumentView(doc, revision, portions[0], portions[1:], top)


def document_view(reader: Reader, doc: Document, revision: int | None = None) -> DocumentView:
    """The reader's view of one revision (default current); NotFound if nothing is released."""
    rev = revision or doc.current_revision
    with paragraph_access():
        rows = list(Paragraph.objects.filter(document=doc, revision=rev))
    view = _view(reader, doc, rows, rev)
    if not rows or view.withheld == len(rows):
        raise NotFound(f"no document {doc.pk}")
    return view


def paragraphs_for(reader: Reader, doc: Document, revision: int | None = None) -> list[Portion]:
    """Released paragraphs and withheld placeholders (the title is not among them)."""
    return document_view(reader, doc, revision).paragraphs


def views_for(reader: Reader, docs: Iterable[Document]) -> list[DocumentView]:
    """Current revisions of many documents at once; documents with nothing released drop out."""
    docs = list(docs)
    by_doc: dict[int, list[Paragraph]] = {d.pk: [] for d in docs}
    with paragraph_access():
        for p in Paragraph.objects.filter(
            document__in=docs, revision=F("document__current_revision")
        ):
            by_doc[p.document_id].append(p)
    out = []
    for d in docs:
        rows = by_doc[d.pk]
        view = _view(reader, d, rows, d.current_revision)
        if rows and view.withheld < len(rows):
            out.append(view)
    return out


def view_or_none(reader: Reader, doc: Document | None, revision: int | None = None):
    if doc is None:
        return None
    try:
        return document_view(reader, doc, revision)
    except NotFound:
        return None


def complete_view_or_none(reader: Reader, doc: Document | None) -> DocumentView | None:
    """The reader's view only if every portion is released to them, else None.

    For records whose header is not itself marked (an action request's post, host office,
    reply date, and its generated "(U)" title): the header takes the marking of the whole
    record, so a reader who may not read all of it learns nothing of it — not its title, date,
    origin, nor that it exists (it drops out of lists, reminders and counts)."""
    view = view_or_none(reader, doc)
    return view if view is not None and view.complete else None


# --------------------------------------------------------------------------- search


@dataclass
class SearchHit:
    view: DocumentView
    snippets: list[str]


MAX_TERMS = 8


def search_terms(query: str) -> list[str]:
    terms = [t.casefold() for t in re.findall(r"[\w.\-/]+", query or "")]
    terms = [t for t in terms if len(t) >= 2]
    if not terms:
        raise InputError("type at least one word of two or more letters", "q")
    if len(terms) > MAX_TERMS:
        raise InputError(f"at most {MAX_TERMS} words", "q")
    return terms


def search(reader: Reader, query: str, *, kinds: Iterable[str], documents=None) -> list[SearchHit]:
    """Documents whose RELEASED portions contain every word; snippets from released text only.

    Candidates are fetched by any word and filtered by release before anything is counted,
    so neither hits, their number nor their snippets depend on withheld text.
    """
    terms = search_terms(query)
    cond = Q()
    for t in terms:
        cond |= Q(text__icontains=t)
    base = Document.objects.filter(kind__in=list(kinds))
    if documents is not None:
        base = base.filter(pk__in=[d.pk for d in documents])
    with paragraph_access():
        rows = list(
            Paragraph.objects.filter(cond, document__in=base)
            .filter(revision=F("document__current_revision"))
            .select_related("document")
        )
    released: dict[int, list[Portion]] = {}
    docs: dict[int, Document] = {}
    for p in rows:
        portion = _portion(reader, p.document, p)
        if portion.released:
            released.setdefault(p.document_id, []).append(portion)
            docs[p.document_id] = p.document
    hits = []
    for doc_id, portions in released.items():
        text = " ".join(p.text or "" for p in portions).casefold()
        if all(t in text for t in terms):
            view = document_view(reader, docs[doc_id])
            hits.append(SearchHit(view, [_snippet(p.text or "", terms) for p in portions][:3]))
    hits.sort(key=lambda h: (h.view.document.dated, h.view.document.pk), reverse=True)
    return hits


def _snippet(text: str, terms: list[str], width: int = 80) -> str:
    low = text.casefold()
    at = min((low.find(t) for t in terms if low.find(t) >= 0), default=0)
    start = max(0, at - width)
    end = min(len(text), at + width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
