"""Response shapes of the classification API, for the OpenAPI document."""

from __future__ import annotations

from typing import Any

from ninja import Schema


class TraceStep(Schema):
    criterion: str
    parameter: str
    op: str
    value: str | None
    threshold: str | None
    met: bool | None
    assumed: bool | None = None
    warning: str | None = None


class EntryHitOut(Schema):
    entry: str
    list: str
    version: str
    regime: str
    mtcr_item: str | None
    mtcr_category: str | None
    reasons: list[str]
    title: str
    production_facility: bool
    trace: list[TraceStep]
    source: dict[str, Any]
    notes: list[str] | None = None


class NearMissOut(Schema):
    entry: str
    list: str
    regime: str
    mtcr_item: str | None
    mtcr_category: str | None
    title: str
    reason: str
    failed: list[dict[str, Any]]


class MissingParameter(Schema):
    entry: str
    parameter: str


class Relevance(Schema):
    kind: str
    level: str
    uses: list[str]
    rationale: str = ""
    sources: list[Any] = []
    from_kind: str | None = None


class ClassificationOut(Schema):
    item: dict[str, Any]
    list_date: str
    lists: list[dict[str, Any]]
    # None for an item of kind "other": not rated automatically, a technical expert rates it
    controlled: bool | None
    reason: str | None = None
    # kind "other" only: entries whose text answers the description, for the technical expert
    candidates: list[dict[str, Any]] = []
    # One sentence; says when the answer rests on an exclusion Note or another ISO 230-2 edition.
    headline: str = ""
    entries: list[EntryHitOut]
    # Entries whose criteria hold but which an exclusion Note removes, with that Note.
    excluded: list[dict[str, Any]] = []
    edition_caveats: list[dict[str, Any]] = []
    near_misses: list[NearMissOut]
    missing_parameters: list[MissingParameter]
    expert_review: list[dict[str, str]]
    warnings: list[str]
    # Values far outside what their parameter measures ("4 furlongs" for an accuracy), each
    # with the question to ask: {"parameter", "value", "question"}. Check them before relying.
    questioned_values: list[dict[str, str]] = []
    missile_relevance: Relevance


class EntrySummary(Schema):
    entry: str
    list: str
    version: str
    regime: str
    mtcr_item: str | None
    mtcr_category: str | None
    title: str
    rated: bool  # False: a text-only entry (official wording, never rated by the classifier)


class SearchHitOut(Schema):
    """One answer of a control-list search (``GET /api/controls?q=``), best first."""

    entry: str
    regime: str
    title: str
    score: float  # engine rank (bm25 on SQLite, ts_rank on PostgreSQL); 1000, 900, 800, 700 for entry-number answers
    snippet: str  # where the words matched, matched words between ** (Markdown bold)
    list: str
    version: str
    matched: str  # "text", "entry number", "MTCR counterpart", "sub-item", "MTCR correlation"
