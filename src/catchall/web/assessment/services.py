"""Assessment with the installation's lists: the core engine fed with the database's screening
index and the partner-denial check; every screening it does is recorded.

What the assessment may draw on depends on who receives the result (``reader``, by default the
actor), and ``accounts.confidentiality`` decides it: a reader without the authority's clearance
is screened against public lists only and gets no partner-denial check, so neither a "deny"
recommendation, a party match, a consultation nor the explanation can tell an exporter or a
regime guest that a party is on a partner's denial list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from catchall.core.assessment.application import Application, parse_application
from catchall.core.assessment.engine import Assessment, DenialCheck, assess
from catchall.core.model import ScreeningQuery, ScreeningResult
from catchall.web.accounts.confidentiality import may_receive_confidential

# Case management registers the partner-denial (no-undercut) check here.
DENIAL_CHECKS: list[DenialCheck] = []
_ACTOR = object()


def _denials(app, items, parties):
    out = []
    for check in DENIAL_CHECKS:
        out += check(app, items, parties)
    return out


def screener(
    *, actor=None, context: str = "", lists: list[str] | None = None
) -> Callable[[ScreeningQuery], ScreeningResult]:
    """Screen one party against ``lists`` (None: every list) and record it."""
    from catchall.web.screening.index import current_index
    from catchall.web.screening.services import index_config, screening_record

    index = current_index()

    def screen(q: ScreeningQuery) -> ScreeningResult:
        result = index.screen(q, lists=lists)
        screening_record(
            [result], actor=actor, context=context, lists=lists, config=index_config(index)
        )
        return result

    return screen


def installation_jurisdiction():
    """The installation's jurisdiction profile (setting CATCHALL_JURISDICTION: a packaged code
    or the path of the authority's own profile file)."""
    from django.conf import settings

    from catchall.core.law.profile import load_profile

    return load_profile(getattr(settings, "CATCHALL_JURISDICTION", "EU"))


def assess_application(
    data: dict[str, Any] | Application,
    *,
    actor=None,
    context: str = "",
    at: dt.date | None = None,
    reader=_ACTOR,
    jurisdiction=None,
    ratings=None,
) -> Assessment:
    """Validate and assess one application against the lists ``reader`` may receive (the actor
    unless the result goes elsewhere, as a case's assessment goes to the authority's file),
    under the installation's jurisdiction unless the caller (the CLI's --jurisdiction) names
    another. ``ratings``: the technical expert's, by item index (a case's, as plain data)."""
    from catchall.web.screening.selectors import screening_lists_for

    reader = actor if reader is _ACTOR else reader
    app = data if isinstance(data, Application) else parse_application(data)
    ctx = context or f"assessment {app.reference or ''}".strip()
    from catchall.web.classification.library import active_library, active_taxonomy

    return assess(
        app,
        screen=screener(actor=actor, context=ctx, lists=screening_lists_for(reader)),
        denials=_denials if may_receive_confidential(reader) else None,
        at=at,
        library=active_library(),
        relevance_table=active_taxonomy(),
        jurisdiction=jurisdiction or installation_jurisdiction(),
        ratings=ratings,
    )
