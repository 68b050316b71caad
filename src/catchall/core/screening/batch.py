"""Batch screening in forked processes: the index is shared copy-on-write, not pickled.

A million-name index takes seconds to build and hundreds of megabytes; forking after the
build lets two workers read the same pages. Each worker screens a slice of the queries and
sends back plain result values.
"""

from __future__ import annotations

import multiprocessing
from typing import TYPE_CHECKING

from catchall.core.errors import InputError
from catchall.core.model import ScreeningQuery, ScreeningResult

if TYPE_CHECKING:
    from catchall.core.screening.index import ScreeningIndex

_FORKED: ScreeningIndex | None = None


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def screen_in_processes(
    index: ScreeningIndex,
    queries: list[ScreeningQuery],
    positions: list[int],
    lists: list[str] | None,
    workers: int,
) -> tuple[list[ScreeningResult], int]:
    """Results in query order and the rows scored; the first bad query's InputError is raised,
    naming its place in the caller's list (``positions``: each query's place there)."""
    global _FORKED
    size = -(-len(queries) // (workers * 4))
    chunks = [
        (positions[i : i + size], queries[i : i + size], lists)
        for i in range(0, len(queries), size)
    ]
    _FORKED = index
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_screen_chunk, chunks)
    finally:
        _FORKED = None
    out: list[ScreeningResult] = []
    scored = 0
    for results, rows, error in parts:
        if error is not None:
            raise error
        out.extend(results)
        scored += rows
    return out, scored


def _screen_chunk(
    chunk: tuple[list[int], list[ScreeningQuery], list[str] | None],
) -> tuple[list[ScreeningResult], int, InputError | None]:
    positions, queries, lists = chunk
    index = _FORKED
    assert index is not None
    before = index.scored_rows
    try:
        results = [index._screen_at(i, q, lists) for i, q in zip(positions, queries, strict=True)]
    except InputError as exc:
        return [], 0, exc
    return results, index.scored_rows - before, None
