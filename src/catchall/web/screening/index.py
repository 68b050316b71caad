"""The in-process screening index over the lists in the database.

Each worker builds its own index from the database and rebuilds it when any list has been
re-imported (one cheap query per use tells). Safe across several stateless web workers.
"""

from __future__ import annotations

import threading
from typing import Any

from catchall.core.model import ScreeningResult
from catchall.core.screening.index import ScreeningIndex
from catchall.web.screening.selectors import all_entities, lists_state

_lock = threading.Lock()
_cache: dict[str, Any] = {"state": None, "index": None}


def current_index() -> ScreeningIndex:
    from catchall.web.screening.services import ensure_starter_list

    state = lists_state()
    if not state:
        ensure_starter_list()
        state = lists_state()
    if _cache["state"] == state and _cache["index"] is not None:
        return _cache["index"]
    with _lock:
        if _cache["state"] != state or _cache["index"] is None:
            _cache["index"] = ScreeningIndex.build(all_entities())
            _cache["state"] = state
    return _cache["index"]


def reset_index() -> None:
    with _lock:
        _cache["state"] = None
        _cache["index"] = None


def result_to_dict(r: ScreeningResult) -> dict[str, Any]:
    return {
        "id": r.query.id,
        "query": {"name": r.query.name, "country": r.query.country, "schema": r.query.schema},
        "decision": r.decision,
        "matches": [m.as_dict() for m in r.matches],
    }
