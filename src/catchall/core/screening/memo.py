"""Bounded memo tables for the index's per-word work, and the key that makes them exact.

A query word's expansion (the vocabulary spellings it meets, with their similarities) and its
similarity to one list word depend only on the word and the index. Batches and the stream of
single queries repeat words heavily (common given and family names, legal forms), so the index
keeps them, per process, in least-recently-used tables with a hard cap on what they hold. The
tables belong to the index object: a rebuilt index (a list changed) starts with empty ones.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

from catchall.core.screening.tokens import Token

V = TypeVar("V")

# Caps per index and process. Measured (tracemalloc, 300,000-name index) at about 220 bytes
# per stored match and 250 per pair similarity, keys and table included: at most about 90 MB
# and 50 MB, beside the index's own 350 MB for a million names (docs/screening.md).
EXPANSION_WORDS = 50_000  # query words whose expansion is kept
EXPANSION_MATCHES = 400_000  # vocabulary matches held over all of them
PAIR_SIMS = 200_000  # (query word, list word) similarities the pair scorer asked for


def token_key(token: Token) -> tuple:
    """Every field of ``token``: tokens compare by identity, yet two with the same fields
    meet every other token in the same way (all the similarity rules read only fields)."""
    return (
        token.text,
        token.forms,
        token.kind,
        token.native,
        token.script,
        token.gloss,
        token.legal,
        token.flags,
        token.phonetic,
        token.skeleton,
        token.number,
        token.squeezed,
    )


class BoundedMemo(Generic[V]):
    """A least-recently-used table holding at most ``max_entries`` values and at most
    ``max_weight`` in total (a value's weight is given when it is stored: e.g. its size)."""

    __slots__ = ("max_entries", "max_weight", "weight", "_data", "hits", "misses")

    def __init__(self, max_entries: int, max_weight: int | None = None) -> None:
        self.max_entries = max_entries
        self.max_weight = max_weight if max_weight is not None else max_entries
        self.weight = 0
        self._data: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._data

    def get(self, key: Hashable) -> tuple[bool, V | None]:
        """(found, value); a hit becomes the most recently used entry."""
        item = self._data.get(key)
        if item is None:
            self.misses += 1
            return False, None
        self._data.move_to_end(key)
        self.hits += 1
        return True, item[0]

    def put(self, key: Hashable, value: V, weight: int = 1) -> None:
        """Store ``value``, dropping the least recently used entries beyond the caps. A value
        heavier than the whole cap is not stored."""
        if weight > self.max_weight:
            return
        old = self._data.pop(key, None)
        if old is not None:
            self.weight -= old[1]
        self._data[key] = (value, weight)
        self.weight += weight
        data = self._data
        while len(data) > self.max_entries or self.weight > self.max_weight:
            _, (_, dropped) = data.popitem(last=False)
            self.weight -= dropped

    def clear(self) -> None:
        self._data.clear()
        self.weight = 0
