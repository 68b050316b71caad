"""The control lists in force: the one service every face asks (CLI, pages, API, assessment).

The lists an installation applies are the packaged versions plus the versions the authority
stored (imported or adopted through the regime workbench), and the taxonomy its technical
experts edited. Asking here, and nowhere else, is what makes ``catchall classify``, the
classification page and ``POST /api/classify`` give one answer for one item on one date; the
same for ``controls show``/``list``, the control pages and ``/api/controls``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps import apps

from catchall.core.controls.classifier import Classification, classify
from catchall.core.controls.lists import Entry, Library, ListVersion, packaged_library
from catchall.core.items import Item


def active_library() -> Library:
    """Every version of every list this installation knows (packaged and stored)."""
    if apps.is_installed("catchall.web.regime"):
        from catchall.web.regime.selectors.lists import library_with_imports

        return library_with_imports()
    return packaged_library()


def active_taxonomy() -> dict[str, Any] | None:
    if apps.is_installed("catchall.web.regime"):
        from catchall.web.regime.selectors.taxonomy import current_taxonomy

        return current_taxonomy()
    return None


def lists_in_force(at: dt.date | None = None) -> list[ListVersion]:
    """The version of every list in force on ``at`` (today when None)."""
    return active_library().in_force(at)


CANDIDATES = 5


def classify_item(item: Item, at: dt.date | None = None) -> Classification:
    """``item`` against the lists in force on ``at`` (today when None). An item the classifier
    does not rate (kind ``other``) gets the entries whose text answers its description as
    candidates for the technical expert, never a "not listed"."""
    lib = active_library()
    result = classify(item, at=at, library=lib, relevance_table=active_taxonomy())
    if result.controlled is None and item.description.strip():
        result.candidates = candidate_entries(item.description, lib)
    return result


def candidate_entries(description: str, lib: Library) -> list[dict[str, Any]]:
    """Search hits for a description, as ``{"entry", "score", "why"}``, best first."""
    from catchall.core.controls.search import MAX_QUERY_CHARS, snippet_text
    from catchall.core.errors import InputError
    from catchall.web.classification.search import search_controls

    try:
        hits = search_controls(description[:MAX_QUERY_CHARS], None, CANDIDATES, library=lib)
    except InputError:  # a description of stop words only finds nothing to search for
        return []
    return [
        {
            "entry": h.entry,
            "score": round(h.score, 2),
            "why": f"{h.title} — the description's words appear in: {snippet_text(h.snippet)}",
        }
        for h in hits
    ]


def control_rows(at: dt.date | None = None, regime: str | None = None) -> list[dict[str, Any]]:
    """One summary row per entry in force on ``at``, optionally of one regime."""
    return active_library().entry_rows(at, regime)


def control_entry(entry_id: str, at: dt.date | None = None) -> tuple[ListVersion, Entry]:
    """The entry ``entry_id`` in the version in force on ``at``; NotFound when none has it."""
    return active_library().find_entry(entry_id, at)


def all_versions() -> list[ListVersion]:
    """Every version of every list, list by list in date order."""
    lib = active_library()
    return [v for name in lib.list_names for v in lib.versions(name)]
