"""The candidate stage's row-by-row steps on whole arrays (numpy), with the reference's results.

:meth:`ScreeningIndex._candidates` ranks every row that met the query by its blocking score,
drops those that cannot reach review, keeps the most-met rows when there are too many and the
shortest rows for a one-word query. Written as Python loops, those steps cost most of a slow
query (tens of thousands of rows for a common name). Here each is one pass over arrays, and
each gives exactly what the loop gives: the same float operations in the same order, and the
same order among ties (a stable sort of the rows in the order the loop would meet them), so
decisions do not move. ``ScreeningIndex(fast=False)`` keeps the loops as the reference that
tests and bench/screening_speed.py compare against.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from catchall.core.screening.index import ScreeningIndex


def most_common(counts: Counter[int], cap: int) -> set[int]:
    """``{row for row, _ in counts.most_common(cap)}``: a stable sort by count keeps the
    counter's order among equal counts, as ``most_common`` does."""
    n = len(counts)
    rows = np.fromiter(counts.keys(), dtype=np.int64, count=n)
    hits = np.fromiter(counts.values(), dtype=np.int64, count=n)
    return set(rows[np.argsort(-hits, kind="stable")[:cap]].tolist())


def shortest(rows: Collection[int], sizes: np.ndarray, k: int) -> list[int]:
    """``sorted(rows, key=sizes.__getitem__)[:k]`` (stable, so equal sizes keep set order)."""
    arr = np.fromiter(rows, dtype=np.int64, count=len(rows))
    return arr[np.argsort(sizes[arr], kind="stable")[:k]].tolist()


def member(rows: object, candidates: np.ndarray, listed: list[int], index: ScreeningIndex):
    """Which ``candidates`` are in ``rows``: a set, or the rows holding some vocabulary tokens
    (a common word's rows, tested on each candidate's own tokens)."""
    if isinstance(rows, set):
        return np.fromiter(map(rows.__contains__, listed), dtype=bool, count=len(listed))
    arrays = index.arrays()
    starts = arrays.row_start[candidates]
    lengths = arrays.row_start[candidates + 1] - starts
    total = int(lengths.sum())
    owner = np.repeat(np.arange(len(candidates)), lengths)
    offsets = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    tokens = arrays.row_tokens[np.repeat(starts, lengths) + offsets]
    tids = np.fromiter(rows.tids, dtype=np.int64, count=len(rows.tids))  # type: ignore[attr-defined]
    hit = np.isin(tokens, tids)
    return np.bincount(owner[hit], minlength=len(candidates)) > 0


def rank(
    index: ScreeningIndex,
    rows: set[int],
    special: set[int],
    sets: Sequence[tuple[float, float, object]],
    exacts: Sequence[object],
    q_long: int,
    unsure: int,
    unmatched_floor: float,
    floor: float,
    omission: float,
    substitution: float,
) -> list[int]:
    """The loop at the end of ``_candidates``: rows by blocking score, best first (ties: the
    higher row first), without those whose best possible score stays below ``floor``."""
    listed = list(rows)
    cand = np.array(listed, dtype=np.int64)
    n = len(listed)
    matched_w = np.zeros(n)
    matched_n = np.zeros(n, dtype=np.int64)
    block = np.zeros(n)
    for (weight, idf, met), exact in zip(sets, exacts, strict=True):
        inside = member(met, cand, listed, index)
        spelled = member(exact, cand, listed, index)
        matched_w = matched_w + np.where(inside, weight, 0.0)
        matched_n += inside
        block = block + np.where(inside, np.where(spelled, idf, 0.8 * idf), 0.0)
    is_special = (
        np.fromiter(map(special.__contains__, listed), dtype=bool, count=n)
        if special
        else np.zeros(n, dtype=bool)
    )
    arrays = index.arrays()
    left_q = np.maximum(0, q_long - matched_n - unsure)
    left_c = np.maximum(0, arrays.row_nlong[cand].astype(np.int64) - matched_n - unsure)
    k = np.minimum(left_q, left_c)
    penalty = k * substitution * (unmatched_floor + 0.5) / 2
    penalty = penalty + omission * (unmatched_floor * (left_q - k) + 0.5 * (left_c - k))
    with np.errstate(divide="ignore", invalid="ignore"):
        low = matched_w / (matched_w + penalty) < floor
    dropped = ~is_special & (matched_n > 0) & (penalty != 0) & low
    block = block + np.where(is_special, 1.0, 0.0)
    wsub = np.trunc(arrays.row_wsub[cand].astype(np.float64) * 2).astype(np.int64)
    block = block - 0.01 * np.maximum(0, wsub - 2 * matched_n)
    keep = ~dropped
    cand, block = cand[keep], block[keep]
    return cand[np.lexsort((cand, block))[::-1]].tolist()
