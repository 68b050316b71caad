"""The classification of a whole page or PDF: the roll-up of every marked document it shows.

A reader must see at a glance the highest marking on the screen or sheet in front of them
(top and bottom of each page, each page of a PDF). Views put the reader's DocumentViews in
their context; this walks that context and rolls up their banners with the core rule, so a
page can never show a document without the page banner counting it. Withheld portions are
not in a DocumentView's banner, so the page banner covers only what this reader sees.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from typing import Any

from catchall.core.regime.markings import Marking, banner
from catchall.web.regime.releasability import DocumentView

_OWN = "catchall.web.regime"  # dataclasses of this app hold views; core ones never do


def shown_views(obj: Any, _depth: int = 0) -> Iterator[DocumentView]:
    """Every DocumentView reachable from ``obj`` through containers and our dataclasses."""
    if _depth > 6 or obj is None or isinstance(obj, str | bytes | int | float | dt.date):
        return
    if isinstance(obj, DocumentView):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from shown_views(v, _depth + 1)
    elif isinstance(obj, list | tuple | set | frozenset):
        for v in obj:
            yield from shown_views(v, _depth + 1)
    elif dataclasses.is_dataclass(obj) and type(obj).__module__.startswith(_OWN):
        for f in dataclasses.fields(obj):
            yield from shown_views(getattr(obj, f.name), _depth + 1)


def page_marking(ctx: dict[str, Any], today: dt.date) -> Marking:
    """The highest marking among the documents in ``ctx`` (UNCLASSIFIED when there are none)."""
    return banner([v.banner for v in shown_views(ctx)], marked_on=today, today=today)
