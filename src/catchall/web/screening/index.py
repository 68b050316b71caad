"""The in-process screening index over the lists in the database.

A module-level cache, one per process, keyed by the lists' versions (:func:`lists_state`):
each web or job worker builds its index once from the database and rebuilds it only when a
list has been re-imported (one cheap query per use tells), never per request or per job.
Safe across several stateless web workers. :func:`warm_worker` loads the index and rigour's
name tables when a worker process starts (a Celery ``worker_process_init`` hook calls it),
so that no job pays for them; :func:`index_builds` counts the builds (tests hold it to one).
"""

from __future__ import annotations

import threading
from typing import Any

from catchall.core.model import ScreeningResult
from catchall.core.screening.index import ScreeningIndex
from catchall.web.screening.selectors import all_entities, lists_state

_lock = threading.Lock()
_cache: dict[str, Any] = {"state": None, "index": None, "builds": 0}


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
            _cache["builds"] += 1
    return _cache["index"]


def index_builds() -> int:
    """How many times this process has built the index (once per list version)."""
    return _cache["builds"]


def warm_worker() -> ScreeningIndex:
    """Load everything a screening worker needs once, at its start: the index of the current
    lists and rigour's name-symbol tables (seconds each, never again for its jobs)."""
    index = current_index()
    index.warm_up()
    return index


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
