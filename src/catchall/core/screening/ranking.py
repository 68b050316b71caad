"""The candidate stage on whole arrays (numpy), with the reference loops' results.

:meth:`ScreeningIndex._candidates` (``fast=False``) collects each query word's rows into
Python sets, intersects them and ranks the survivors row by row. For a name of common
syllables that is tens of thousands of rows handled one by one in Python, most of a slow
query. Here the same steps run on sorted row arrays cut from the postings (compressed-row
form, shared with the index's own arrays): a word's rows are its postings concatenated and
made unique, rows met by two rare words are found by counting, membership by binary search,
and the ranking is one sort. Each step gives exactly the rows the loops give, in the same
order: the same float operations in the same order, and the same order among ties (equal
counts or sizes: the lower row first, in both paths), so decisions do not move.
tests/core/screening/test_fast_path.py and bench/screening_speed.py hold the two paths to it.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from catchall.core.screening.index import ScreeningIndex, _RowsWith
    from catchall.core.screening.prepare import PreparedName
    from catchall.core.screening.tokens import Token

_EMPTY = np.zeros(0, dtype=np.int64)


def _first_of_runs(rows: np.ndarray) -> np.ndarray:
    """Where each run of equal values starts in sorted ``rows``."""
    starts = np.ones(len(rows), dtype=bool)
    np.not_equal(rows[1:], rows[:-1], out=starts[1:])
    return starts


def unique_counts(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted unique ``rows`` and how often each occurs (``np.unique`` hashes in numpy 2.3
    and later, several times slower on these arrays than a sort)."""
    rows = np.sort(rows)
    at = np.flatnonzero(_first_of_runs(rows))
    return rows[at], np.diff(at, append=len(rows))


def _union(arrays: Sequence[np.ndarray]) -> np.ndarray:
    """Sorted unique rows of several arrays."""
    if not arrays:
        return _EMPTY
    if len(arrays) == 1:
        return arrays[0]
    rows = np.sort(np.concatenate(arrays))
    return rows[_first_of_runs(rows)]


def contains(sorted_rows: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Which ``rows`` are in ``sorted_rows`` (sorted, unique), by binary search."""
    if not len(sorted_rows):
        return np.zeros(len(rows), dtype=bool)
    at = np.searchsorted(sorted_rows, rows)
    at[at == len(sorted_rows)] = 0
    return sorted_rows[at] == rows


def member(rows: np.ndarray | _RowsWith, candidates: np.ndarray, index: ScreeningIndex):
    """Which ``candidates`` are in ``rows``: a sorted array, or the rows holding some
    vocabulary tokens (a common word's rows, tested on each candidate's own tokens)."""
    if isinstance(rows, np.ndarray):
        return contains(rows, candidates)
    arrays = index.arrays()
    starts = arrays.row_start[candidates]
    lengths = arrays.row_start[candidates + 1] - starts
    total = int(lengths.sum())
    owner = np.repeat(np.arange(len(candidates)), lengths)
    offsets = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    tokens = arrays.row_tokens[np.repeat(starts, lengths) + offsets]
    tids = np.fromiter(rows.tids, dtype=np.int64, count=len(rows.tids))
    hit = np.isin(tokens, tids)
    return np.bincount(owner[hit], minlength=len(candidates)) > 0


def _special(parts: list[Collection[int]]) -> np.ndarray:
    """The special rows (sorted, unique) from their pieces: postings, initials, small sets."""
    arrays = [
        np.fromiter(part, dtype=np.int64, count=len(part))
        if isinstance(part, set)
        else np.asarray(part, dtype=np.int64)
        for part in parts
        if len(part)
    ]
    if not arrays:
        return _EMPTY
    rows = np.sort(np.concatenate(arrays))
    return rows[_first_of_runs(rows)]


def row_arrays(
    index: ScreeningIndex, token: Token, materialize: bool = False
) -> tuple[np.ndarray | _RowsWith, np.ndarray | _RowsWith]:
    """:meth:`ScreeningIndex._row_set` as sorted row arrays: the rows holding any vocabulary
    token that ``token`` meets, and those holding it as spelled."""
    from catchall.core.screening.index import _COMMON, _RowsWith

    arrays = index.arrays()
    start = arrays.post_start
    limit = index._too_frequent
    tids = []
    size = 0
    for tid, m in index._expand(token).items():
        length = int(start[tid + 1] - start[tid])
        if length <= limit:
            tids.append((tid, m.sim >= 1.0))
            size += length
    if size > _COMMON and not materialize:
        return (
            _RowsWith(index, frozenset(t for t, _ in tids), size),
            _RowsWith(index, frozenset(t for t, exact in tids if exact), size),
        )
    post = arrays.post
    # One token's postings are sorted and unique already (rows are added in order, once).
    rows = _union([post[start[t] : start[t + 1]] for t, _ in tids])
    exact = _union([post[start[t] : start[t + 1]] for t, e in tids if e])
    return rows.astype(np.int64, copy=False), exact.astype(np.int64, copy=False)


def candidates(
    index: ScreeningIndex,
    query: PreparedName,
    core: list[Token],
) -> tuple[np.ndarray, np.ndarray, list, list, int]:
    """The candidate rows and special rows (sorted arrays), the sets and exact sets that rank
    them, and how many rows shared anything with the query: the first half of
    ``_candidates``, on arrays."""
    from catchall.core.screening.index import _is_long
    from catchall.core.screening.scoring import KIND_WEIGHTS

    sets: list[tuple[float, float, object]] = []
    exacts: list[object] = []
    n = max(index.name_count, 1)
    long_sets = 0
    found = [(token, *row_arrays(index, token)) for token in core]
    if not any(isinstance(rows, np.ndarray) and len(rows) for _, rows, _ in found):
        for k in sorted(range(len(found)), key=lambda k: len(found[k][1]))[:2]:
            token = found[k][0]
            found[k] = (token, *row_arrays(index, token, materialize=True))
    for token, rows, exact in found:
        if len(rows):
            weight = KIND_WEIGHTS[token.kind]
            sets.append((weight, weight * math.log(1.0 + n / len(rows)), rows))
            exacts.append(exact)
            long_sets += _is_long(token)
    collected = [rows for _, _, rows in sets if isinstance(rows, np.ndarray)]
    limit = index.config.max_candidates
    cap = limit * 10
    special = _special(index._special_parts(query, core))
    if len(special) > cap:
        special = special[contains(_union(collected), special)]
    rare = sorted(
        (k for k in range(len(sets)) if isinstance(sets[k][2], np.ndarray)),
        key=lambda k: len(sets[k][2]),
    )[:4]
    # A row met by two rare words, or by one when it has no other distinctive word.
    if rare:
        rows, counts = unique_counts(np.concatenate([sets[k][2] for k in rare]))  # type: ignore[misc]
        chosen = (counts >= 2) | index.arrays().short[rows]
        cand, counts = rows[chosen], counts[chosen]
    else:
        cand, counts = _EMPTY, _EMPTY
    touched = len(_union([cand, special])) if len(special) else len(cand)
    if len(cand) > cap or len(special) > cap:
        # Thinning: those meeting most rare words (ties: the lower row), the lowest specials.
        cand = np.sort(cand[np.argsort(-counts, kind="stable")[:cap]])
        special = special[:cap]
    if long_sets == 1 or len(sets) == 1:
        rest = _union(collected)
        rest = rest[~contains(cand, rest)]
        touched += len(rest)
        sizes = index.arrays().row_nsub[rest]
        cand = _union([cand, rest[np.argsort(sizes, kind="stable")[: limit * 4]]])
    return cand, special, sets, exacts, touched


def rank(
    index: ScreeningIndex,
    cand: np.ndarray,
    special: np.ndarray,
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
    cand = _union([cand, special]) if len(special) else cand
    n = len(cand)
    matched_w = np.zeros(n)
    matched_n = np.zeros(n, dtype=np.int64)
    block = np.zeros(n)
    for (weight, idf, met), exact in zip(sets, exacts, strict=True):
        inside = member(met, cand, index)  # type: ignore[arg-type]
        spelled = member(exact, cand, index)  # type: ignore[arg-type]
        matched_w = matched_w + np.where(inside, weight, 0.0)
        matched_n += inside
        block = block + np.where(inside, np.where(spelled, idf, 0.8 * idf), 0.0)
    is_special = contains(special, cand)
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
