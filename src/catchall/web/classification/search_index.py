"""The control-list search index in the database, one backend per vendor.

SQLite: an FTS5 virtual table (porter stemmer over unicode61 without diacritics), ranked by
bm25 with the title weighted above the official text, the headings above it and the notes.
PostgreSQL: a table with a GIN-indexed tsvector ('english' configuration: Snowball stemmer and
stop words), weights A/B/C/D on the same four fields, ranked by ts_rank (see NORMALIZATION).

The index is a cache of the active library: ``ensure_current`` compares the library's content
hash with the one stored in ``SearchIndexState`` and rebuilds when they differ (on the first
search after a list import, or after an upgrade that changes the packaged lists).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from catchall.core.controls.lists import Library
from catchall.core.controls.search import (
    MARK_END,
    MARK_START,
    Document,
    Query,
    content_hash,
    documents,
)
from catchall.web.classification.models import SearchIndexState

TABLE = "classification_controlsearch"
INDEX_NAME = "controls"
# Field weights: title, official text, headings above (context), notes.
WEIGHTS = {"title": 8.0, "body": 4.0, "context": 2.0, "notes": 1.0}
# PostgreSQL ranks with ts_rank, not ts_rank_cd: on the labelled set of bench/search_relevance.py
# cover density (which rewards query words standing together) put the right entry in the top 3
# for 74-77 % of descriptions, whatever its normalisation; ts_rank, which like bm25 adds up the
# weight of each word found, for 89 %. Normalisation 0: document length left alone (as measured).
NORMALIZATION = 0


@dataclass(frozen=True)
class Row:
    entry: str
    regime: str
    title: str
    list: str
    version: str
    score: float
    snippet: str  # the engine's snippet, matches between MARK_START and MARK_END


class Backend(Protocol):
    def insert(self, cursor, docs: list[Document]) -> None: ...
    def search(self, cursor, query: Query, regime: str | None, limit: int) -> list[Row]: ...


def _phrase_text(phrase: tuple[str, ...]) -> str:
    return " ".join(phrase)


def _columns(d: Document) -> tuple:
    """A document's values in the order of the table's columns."""
    return (d.entry, d.list, d.version, d.regime, d.mtcr_item, d.order, *_texts(d))


def _texts(d: Document) -> tuple[str, ...]:
    """The weighted texts, title first (PostgreSQL also feeds them to the tsvector)."""
    return (d.title, d.body, d.context, d.notes)


class SQLiteBackend:
    def insert(self, cursor, docs: list[Document]) -> None:
        cursor.executemany(
            f"INSERT INTO {TABLE} (entry, list, version, regime, mtcr_item, ord, title, body,"
            " context, notes) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            [_columns(d) for d in docs],
        )

    @staticmethod
    def match(query: Query) -> str:
        """An FTS5 query: every word and phrase quoted (no operator can slip in), OR'd."""
        return " OR ".join(f'"{_phrase_text(p)}"' for p in query.phrases)

    def search(self, cursor, query: Query, regime: str | None, limit: int) -> list[Row]:
        w = WEIGHTS
        sql = (
            f"SELECT entry, regime, title, list, version,"
            f" bm25({TABLE}, 0, 0, 0, 0, 0, 0, {w['title']}, {w['body']}, {w['context']},"
            f" {w['notes']}) AS rank,"
            f" snippet({TABLE}, -1, %s, %s, ' … ', 24)"
            f" FROM {TABLE} WHERE {TABLE} MATCH %s"
        )
        params: list = [MARK_START, MARK_END, self.match(query)]
        if regime:
            sql += " AND regime = %s"
            params.append(regime)
        sql += " ORDER BY rank, ord LIMIT %s"
        params.append(limit)
        cursor.execute(sql, params)
        return [Row(e, r, t, li, v, -rank, s) for e, r, t, li, v, rank, s in cursor.fetchall()]


class PostgresBackend:
    def insert(self, cursor, docs: list[Document]) -> None:
        cursor.executemany(
            f"INSERT INTO {TABLE} (entry, list, version, regime, mtcr_item, ord, title, body,"
            " context, notes, document) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s,"
            " setweight(to_tsvector('english', %s), 'A') ||"
            " setweight(to_tsvector('english', %s), 'B') ||"
            " setweight(to_tsvector('english', %s), 'C') ||"
            " setweight(to_tsvector('english', %s), 'D'))",
            [_columns(d) + _texts(d) for d in docs],
        )

    @staticmethod
    def match(query: Query) -> str:
        """A websearch_to_tsquery text: phrases in double quotes, OR'd (words are letters and
        digits only, so nothing else in it is syntax)."""
        return " or ".join(
            f'"{_phrase_text(p)}"' if len(p) > 1 else _phrase_text(p) for p in query.phrases
        )

    def search(self, cursor, query: Query, regime: str | None, limit: int) -> list[Row]:
        w = WEIGHTS
        top = w["title"]
        # ts_rank weights are {D, C, B, A}, each at most 1: the same proportions.
        ratios = [str(round(w[k] / top, 4)) for k in ("notes", "context", "body", "title")]
        weights = "{" + ",".join(ratios) + "}"
        options = f'StartSel="{MARK_START}", StopSel="{MARK_END}", MaxWords=30, MinWords=12, MaxFragments=1, FragmentDelimiter=" … "'
        sql = (
            f"WITH q AS (SELECT websearch_to_tsquery('english', %s) AS query)"
            f" SELECT entry, regime, title, list, version,"
            f" ts_rank(%s::float4[], document, q.query, %s) AS rank,"
            f" ts_headline('english', title || ' ' || body || ' ' || notes, q.query, %s)"
            f" FROM {TABLE}, q WHERE document @@ q.query"
        )
        params: list = [self.match(query), weights, NORMALIZATION, options]
        if regime:
            sql += " AND regime = %s"
            params.append(regime)
        sql += " ORDER BY rank DESC, ord LIMIT %s"
        params.append(limit)
        cursor.execute(sql, params)
        return [
            Row(e, r, t, li, v, float(rank), s) for e, r, t, li, v, rank, s in cursor.fetchall()
        ]


BACKENDS: dict[str, Backend] = {"sqlite": SQLiteBackend(), "postgresql": PostgresBackend()}


def backend() -> Backend:
    try:
        return BACKENDS[connection.vendor]
    except KeyError:  # pragma: no cover - settings allow SQLite and PostgreSQL only
        raise RuntimeError(f"no control-list search for {connection.vendor}") from None


# The documents and hash of the last library seen, kept with its versions: the packaged lists
# are loaded once per process, so most searches skip re-hashing 3,000 entries.
_memo: list[tuple[tuple, list[Document], str]] = []


def _documents_and_hash(library: Library) -> tuple[list[Document], str]:
    versions = tuple(library.in_force())
    if _memo:
        seen, docs, digest = _memo[0]
        if len(seen) == len(versions) and all(a is b for a, b in zip(seen, versions, strict=True)):
            return docs, digest
    docs = documents(library)
    digest = content_hash(docs)
    _memo[:] = [(versions, docs, digest)]
    return docs, digest


def ensure_current(library: Library) -> str:
    """Rebuild the index when it was not built from this library's content; its hash."""
    docs, digest = _documents_and_hash(library)
    state = SearchIndexState.objects.filter(name=INDEX_NAME).first()
    if state and state.content_hash == digest:
        return digest
    try:
        with transaction.atomic():
            locked = SearchIndexState.objects.select_for_update().filter(name=INDEX_NAME).first()
            if locked and locked.content_hash == digest:
                return digest  # another process built it meanwhile
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {TABLE}")
                backend().insert(cursor, docs)
            SearchIndexState.objects.update_or_create(
                name=INDEX_NAME,
                defaults={
                    "content_hash": digest,
                    "documents": len(docs),
                    "built_at": timezone.now(),
                },
            )
    except IntegrityError:  # pragma: no cover - two first builds at once; the other one won
        pass
    return digest


def search_text(query: Query, regime: str | None, limit: int) -> list[Row]:
    if not query.phrases:
        return []
    with connection.cursor() as cursor:
        return backend().search(cursor, query, regime, limit)


def rows_by_id(ids: list[str], mtcr: list[str], regime: str | None) -> list[dict]:
    """Index rows whose id is one of ``ids`` or under one (sub-items), or whose MTCR item is one
    of ``mtcr`` or under one; in list order."""
    if not ids and not mtcr:
        return []
    clauses, params = [], []
    for i in ids:
        clauses += ["entry = %s", "entry LIKE %s"]
        params += [i, f"{i}.%"]
    for m in mtcr:
        clauses += ["mtcr_item = %s", "mtcr_item LIKE %s"]
        params += [m, f"{m}.%"]
    sql = (
        f"SELECT entry, regime, title, list, version, mtcr_item, body FROM {TABLE}"
        f" WHERE ({' OR '.join(clauses)})"
    )
    if regime:
        sql += " AND regime = %s"
        params.append(regime)
    sql += " ORDER BY ord"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        cols = ("entry", "regime", "title", "list", "version", "mtcr_item", "body")
        return [dict(zip(cols, r, strict=True)) for r in cursor.fetchall()]
