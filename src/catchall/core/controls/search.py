"""Searching the control lists: the pure half (no Django, no SQL).

Exporters ask "which entry is my product?" in the words of their catalogue. This module turns
such a question into something a database's own full-text engine can answer:

- ``entry_number_candidates``: entry numbers in the query (``2B001``, ``2b1``, ``2B001.b.2``,
  ``3.B.3``, ``3b3``) as canonical ids, answered by exact/prefix id match before any text;
- ``parse_query``: the words of the query plus the trade synonyms they call up
  (``data/search_synonyms.yaml``), as OR-groups of words and phrases for the engine to rank;
- ``documents``: what the index holds for each entry in force (title, official text, the
  headings above a sub-item, notes, the MTCR item it correlates to) and the content hash that
  tells the index when to rebuild.

The web half (``catchall.web.classification.search_index``) compiles a ``Query`` for SQLite
FTS5 or PostgreSQL full text and ranks with bm25 / ts_rank.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from catchall.core.controls.lists import REGIMES, Entry, Library, ListVersion, mtcr_items
from catchall.core.errors import InputError

MAX_QUERY_CHARS = 500
DEFAULT_LIMIT = 10
MAX_LIMIT = 100
# Bump when ``documents`` changes what it indexes: the index then rebuilds.
INDEX_FORMAT = "2"
# Snippet markers: the engines wrap matched words in these; faces render them (``<mark>`` on
# pages, ``**`` in JSON and text), escaping everything else.
MARK_START, MARK_END = "\x02", "\x03"

# Words that carry no meaning for a search over the list (English function words and the
# catalogue's filler); bm25 would weigh them near zero anyway, this keeps queries short.
STOPWORDS = frozenset(
    """a an and are as at be by for from has have in into is it its of on or our over per
    than that the their these this those to up via was we were which with within without
    your you new high very ideal ideally suitable use used using series model type""".split()  # noqa: SIM905
)

# An EU/Wassenaar number: category digit, group letter, three digits (or fewer, padded: 2b1),
# then optional sub-paragraphs (.b.2, .b.2.a). An MTCR Annex number: item, group, sub-item.
_EU_NUMBER = re.compile(r"^([0-9])([a-e])([0-9]{1,3})((?:\.[a-z0-9]{1,3})*)\.?$", re.I)
_MTCR_NUMBER = re.compile(
    r"^([0-9]{1,2})\.([a-e])(?:\.([0-9]{1,2})((?:\.[a-z0-9]{1,3})*))?\.?$", re.I
)
_MTCR_COMPACT = re.compile(r"^([0-9]{1,2})([a-e])([0-9]{1,2})$", re.I)


def _eu_id(cat: str, group: str, num: str, tail: str) -> str:
    return f"{cat}{group.upper()}{int(num):03d}{tail.lower()}"


def entry_number_candidates(token: str) -> list[str]:
    """Canonical entry ids a token may mean, most likely first; [] when it is no entry number.

    ``2B001``/``2b1`` -> 2B001 (and MTCR 2.B.1, which is a different thing); ``3.B.3`` -> 3.B.3;
    ``3b3`` -> 3B003 and 3.B.3; ``2B001.b.2`` -> 2B001.b.2."""
    t = token.strip().strip(",;:()[]")
    out: list[str] = []
    m = _EU_NUMBER.match(t)
    if m:
        out.append(_eu_id(*m.groups()))
    m = _MTCR_NUMBER.match(t)
    if m:
        item, group, sub, tail = m.groups()
        mtcr = f"{int(item)}.{group.upper()}" + (
            f".{int(sub)}{(tail or '').lower()}" if sub else ""
        )
        out.append(mtcr)
    m = _MTCR_COMPACT.match(t)
    if m and len(m.group(3)) <= 2:
        mtcr = f"{int(m.group(1))}.{m.group(2).upper()}.{int(m.group(3))}"
        if mtcr not in out:
            out.append(mtcr)
    return out


def _fold(text: str) -> str:
    """Lower case without diacritics, hyphens and slashes as spaces (flow-forming = flow forming)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.lower()


_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """The searchable words of a text: folded, split on anything not a letter or digit, without
    stop words and one-character fragments."""
    return [w for w in _WORD.findall(_fold(text)) if len(w) > 1 and w not in STOPWORDS]


Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Synonym:
    terms: tuple[Phrase, ...]
    means: tuple[Phrase, ...]
    note: str
    verified: bool


@dataclass(frozen=True)
class Query:
    """What to ask the engine: ``ids`` first (entry numbers, as canonical candidates), then the
    text: ``terms`` (the query's own words) OR'd with ``expansions`` (from trade synonyms);
    ``emphasis`` are the words and phrases that name the product itself (see ``head``), asked
    for twice so that the ranking weighs them above the words of its application."""

    text: str
    ids: tuple[str, ...] = ()
    terms: tuple[Phrase, ...] = ()
    expansions: tuple[Phrase, ...] = ()
    synonyms: tuple[str, ...] = field(default=())
    emphasis: tuple[Phrase, ...] = ()

    @property
    def phrases(self) -> tuple[Phrase, ...]:
        """Every word and phrase once (a plural and its singular count as one), then the
        emphasised ones again."""
        seen: dict[Phrase, Phrase] = {}
        for p in self.terms + self.expansions:
            if p:
                seen.setdefault(_singular(p), p)
        unique = tuple(seen.values())
        again = {_singular(p): None for p in self.emphasis if p}
        return unique + tuple(seen[k] for k in again if k in seen)


def _singular(p: Phrase) -> Phrase:
    return tuple(
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in p
    )


# Where a catalogue description stops naming the product and starts on its use or features:
# "High-g centrifuge | for accelerometer testing", "CNC lathe | with Y-axis", "GNSS receiver | ,
# anti-jam". The words before are the product's name (its head).
_HEAD_END = re.compile(r"\s(?:for|with|to|incl\.?|including|featuring)\s|[,;:(]|\s[-–—]\s", re.I)


def head(text: str) -> str:
    """The part of a description that names the product (before "for", "with", a comma ...)."""
    m = _HEAD_END.search(text)
    return text[: m.start()] if m and m.start() > 0 else text


def _phrase(text: str) -> Phrase:
    return tuple(_WORD.findall(_fold(text)))


@cache
def synonyms() -> tuple[Synonym, ...]:
    """The trade synonyms shipped with catchall (data/search_synonyms.yaml)."""
    path = resources.files("catchall") / "data" / "search_synonyms.yaml"
    return parse_synonyms(yaml.safe_load(path.read_text(encoding="utf-8")))


def parse_synonyms(raw: Any) -> tuple[Synonym, ...]:
    if not isinstance(raw, dict) or not isinstance(raw.get("synonyms"), list):
        raise InputError("a synonyms file is a mapping with a list `synonyms`", "synonyms")
    out = []
    for i, s in enumerate(raw["synonyms"]):
        where = f"synonyms[{i}]"
        if not isinstance(s, dict) or not s.get("terms") or not s.get("means"):
            raise InputError("each synonym needs terms and means", where)
        if not str(s.get("note") or "").strip():
            raise InputError("each synonym needs a note of where the usage comes from", where)
        out.append(
            Synonym(
                terms=tuple(_phrase(str(t)) for t in s["terms"]),
                means=tuple(_phrase(str(m)) for m in s["means"]),
                note=str(s["note"]).strip(),
                verified=bool(s.get("verified", False)),
            )
        )
    return tuple(out)


def _contains(haystack: list[str], needle: Phrase) -> bool:
    n = len(needle)
    return n > 0 and any(tuple(haystack[i : i + n]) == needle for i in range(len(haystack) - n + 1))


def check_text(text: Any, field_name: str = "q") -> str:
    """The query text, or an InputError naming the field: empty, too long, not text."""
    if not isinstance(text, str) or not text.strip():
        raise InputError("enter words or an entry number to search for", field_name)
    if len(text) > MAX_QUERY_CHARS:
        raise InputError(
            f"is {len(text):,} characters long; at most {MAX_QUERY_CHARS} are searched", field_name
        )
    return text.strip()


def parse_query(text: str, table: tuple[Synonym, ...] | None = None) -> Query:
    """The query as entry-number candidates and OR'd words/phrases, trade synonyms expanded.

    A synonym matches on whole words of the folded query (``CNC lathe``, ``flow-former``); its
    ``means`` phrases join the query, worded as the control list words them."""
    text = check_text(text)
    table = synonyms() if table is None else table
    ids: list[str] = []
    rest: list[str] = []
    for token in text.split():
        cands = entry_number_candidates(token)
        if cands:
            ids += [c for c in cands if c not in ids]
        else:
            rest.append(token)
    rest_text = " ".join(rest)
    raw_words = _WORD.findall(_fold(rest_text))
    head_words = _WORD.findall(_fold(head(rest_text)))
    expansions: list[Phrase] = []
    emphasis: list[Phrase] = [(w,) for w in words(head(rest_text))]
    used: list[str] = []
    for syn in table:
        hit = next((t for t in syn.terms if _contains(raw_words, t)), None)
        if hit is not None:
            used.append(" ".join(hit))
            expansions += [m for m in syn.means if m not in expansions]
            if _contains(head_words, hit):
                emphasis += list(syn.means)
    terms = tuple((w,) for w in dict.fromkeys(words(rest_text)))
    query = Query(text, tuple(ids), terms, tuple(expansions), tuple(used), tuple(emphasis))
    if not ids and not query.phrases:
        raise InputError("has no words to search for (only short or common words)", "q")
    return query


def check_regime(regime: str | None) -> str | None:
    if regime is None or regime == "":
        return None
    if regime.upper() not in REGIMES:
        raise InputError(f"{regime!r} is not one of {', '.join(REGIMES)}", "regime")
    return regime.upper()


def check_limit(limit: Any) -> int:
    if limit is None or limit == "":
        return DEFAULT_LIMIT
    try:
        n = int(limit)
    except (TypeError, ValueError):
        raise InputError(f"{limit!r} is not a whole number", "limit") from None
    if not 1 <= n <= MAX_LIMIT:
        raise InputError(f"must be between 1 and {MAX_LIMIT}", "limit")
    return n


# --- the documents the index holds -------------------------------------------------------


@dataclass(frozen=True)
class Document:
    entry: str
    list: str
    version: str
    regime: str
    mtcr_item: str
    title: str
    body: str  # the official text (or, for an entry without it, its notes-free description)
    context: str  # headings of the entries above a sub-item, MTCR item title, item kinds
    notes: str
    order: int  # position in the listing (ties in id answers keep the list's order)

    def key(self) -> tuple[str, ...]:
        return (self.entry, self.list, self.version, self.regime, self.mtcr_item, self.title,
                self.body, self.context, self.notes, str(self.order))  # fmt: skip


def _notes(e: Entry) -> str:
    parts = [e.notes] if e.notes else []
    for n in (e.official or {}).get("notes") or ():
        parts.append(str(n.get("text", "")))
    return "\n".join(p for p in parts if p)


def _context(version: ListVersion, e: Entry, kind_titles: dict[str, str]) -> str:
    parts: list[str] = []
    parent = (e.official or {}).get("parent")
    seen = set()
    while parent and parent in version.entries and parent not in seen:
        seen.add(parent)
        above = version.entries[parent]
        parts.append(above.title)
        parent = (above.official or {}).get("parent")
    # "software for the use of equipment specified in 2B001": the headings of the entries the
    # text names, so that the software and technology entries answer in the product's words
    for ref in (e.official or {}).get("refs") or ():
        if ref in version.entries and ref not in seen:
            seen.add(ref)
            parts.append(version.entries[ref].title)
    if e.mtcr_item and e.mtcr_item in mtcr_items():
        parts.append(str(mtcr_items()[e.mtcr_item].get("title", "")))
    parts += [kind_titles.get(k, "") for k in e.kinds]
    return "\n".join(p for p in parts if p)


def documents(library: Library) -> list[Document]:
    """One document per entry and sub-item of every list version in force today."""
    from catchall.core.vocabulary import vocabulary

    kind_titles = {k: d.title for k, d in vocabulary().kinds.items()}
    out = []
    for v in library.in_force():
        for e in v.entries.values():
            out.append(
                Document(
                    entry=e.id,
                    list=v.list,
                    version=v.version,
                    regime=e.regime,
                    mtcr_item=e.mtcr_item or "",
                    title=e.title,
                    body=e.text or e.title,
                    context=_context(v, e, kind_titles),
                    notes=_notes(e),
                    order=len(out),
                )
            )
    return out


def content_hash(docs: list[Document]) -> str:
    h = hashlib.sha256(INDEX_FORMAT.encode())
    for d in docs:
        h.update("\x1f".join(d.key()).encode("utf-8"))
        h.update(b"\x1e")
    return h.hexdigest()


def mtcr_counterparts(number: str) -> list[str]:
    """EU dual-use entries that correspond to an MTCR Annex number (item or sub-item), from the
    catalogue in mtcr-items.yaml."""
    out: list[str] = []
    item = mtcr_items().get(number)
    if item and item.get("eu"):
        eu = item["eu"]
        out += [str(x) for x in (eu if isinstance(eu, list) else [eu])]
    annex = _annex_items().get(number.split(".")[0]) if "." not in number.rstrip(".") else None
    if annex:
        out += [str(x) for x in annex.get("eu") or ()]
    # a range such as "2B119-2B122" names its ends; keep both ends as ids
    flat: list[str] = []
    for x in out:
        flat += x.split("-") if "-" in x else [x]
    return list(dict.fromkeys(flat))


@cache
def _annex_items() -> dict[str, dict[str, Any]]:
    path = resources.files("catchall") / "data" / "controls" / "mtcr-items.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): v for k, v in (raw.get("annex_items") or {}).items()}


# --- hits ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    entry: str
    regime: str
    title: str
    score: float
    snippet: tuple[tuple[str, bool], ...]  # (text, matched) parts
    list: str = ""
    version: str = ""
    matched: str = "text"  # "entry number", "MTCR counterpart", "text"

    def as_dict(self) -> dict[str, Any]:
        return {
            "entry": self.entry,
            "regime": self.regime,
            "title": self.title,
            "score": round(self.score, 4),
            "snippet": snippet_text(self.snippet),
            "list": self.list,
            "version": self.version,
            "matched": self.matched,
        }


def snippet_parts(marked: str) -> tuple[tuple[str, bool], ...]:
    """Split an engine's snippet (matches between MARK_START and MARK_END) into parts, on one
    line."""
    parts: list[tuple[str, bool]] = []
    for i, chunk in enumerate(re.split(f"[{MARK_START}{MARK_END}]", marked)):
        chunk = re.sub(r"\s+", " ", chunk)  # one line: fields and notes are joined by newlines
        if chunk:
            parts.append((chunk, i % 2 == 1))
    return tuple(parts)


def snippet_text(parts: tuple[tuple[str, bool], ...]) -> str:
    """A snippet as plain text, matched words between ``**`` (as Markdown bolds them)."""
    return "".join(f"**{t}**" if m else t for t, m in parts)


def plain_snippet(text: str, chars: int = 160) -> tuple[tuple[str, bool], ...]:
    text = " ".join(text.split())
    return ((text if len(text) <= chars else text[:chars].rsplit(" ", 1)[0] + " …", False),)
