"""The screening index: list names stored compactly, found through blocking keys, scored.

A query never scores every list name. Its tokens are looked up in a vocabulary (exact
spellings, spellings within the edit budget found by prefix and suffix ranges, sound keys,
consonant skeletons, words run together or split), the postings of those vocabulary tokens
vote for name rows with inverse-frequency weights, acronym keys add their rows, and only the
best ``max_candidates`` rows are scored (see :mod:`scoring`).

Memory: every distinct token is stored once; name rows are runs in one ``array`` of token
ids; postings are one ``array`` with offsets (compressed-row form). A million names take a
few hundred megabytes, most of it the caller's own ``ListEntity`` objects.
"""

from __future__ import annotations

import gc
import math
import os
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from catchall.core.errors import InputError
from catchall.core.model import (
    SCHEMATA,
    Feature,
    ListEntity,
    ScreeningMatch,
    ScreeningQuery,
    ScreeningResult,
)
from catchall.core.screening import ranking
from catchall.core.screening.abjad import (
    abjad_match,
    abjad_pattern,
    coarse_keys,
    reading_keys,
    run_readings,
)
from catchall.core.screening.acronym import (
    acronym_keys,
    initials_keys,
    looks_like_acronym,
    possible_acronyms,
)
from catchall.core.screening.batch import can_fork, screen_in_processes
from catchall.core.screening.config import ScreeningConfig
from catchall.core.screening.evidence import (
    entity_identifier_index,
    evidence_qualifiers,
    validate_evidence,
)
from catchall.core.screening.explain import explanation, query_features
from catchall.core.screening.memo import (
    EXPANSION_MATCHES,
    EXPANSION_WORDS,
    PAIR_SIMS,
    BoundedMemo,
    token_key,
)
from catchall.core.screening.prepare import (
    PERSON_MODE,
    PreparedName,
    inferred_schema,
    name_mode,
    prepare_name,
    unspaced_parts,
)
from catchall.core.screening.scoring import (
    KIND_WEIGHTS,
    OMISSION_COST,
    SUBSTITUTION_COST,
    NameScore,
    PairScorer,
)
from catchall.core.screening.similarity import (
    TokenMatch,
    edit_budget,
    intact_piece,
    token_similarity,
)
from catchall.core.screening.symbols import joined_symbols, name_symbols, token_symbols
from catchall.core.screening.text import ARABIC
from catchall.core.screening.tokens import (
    GENERIC,
    INITIAL,
    LEGAL,
    LOCATION,
    NUMBER,
    PARTICLE,
    STOP,
    TITLE,
    WORD,
    Token,
)

# Schema compatibility: who may match whom (FollowTheMoney: Company is an Organization, both
# are LegalEntities; a Person is a LegalEntity but never an Organization).
_SCHEMA_CODES = {None: 0, "LegalEntity": 0, "Person": 1, "Company": 2, "Organization": 3}


def schemata_compatible(query_schema: str | None, entity_schema: str | None) -> bool:
    a = _SCHEMA_CODES.get(query_schema, 0)
    b = _SCHEMA_CODES.get(entity_schema, 0)
    return a == 0 or b == 0 or a == b or (a >= 2 and b >= 2)


# Alias positions in a row: 0 is the entity's name, 1.. its aliases, WEAK + k its weak aliases.
WEAK = 1 << 15
_NO_RETRIEVAL = frozenset({PARTICLE, TITLE, STOP, LEGAL})
_VOTING = frozenset({WORD, GENERIC, LOCATION, NUMBER})
# A word in more rows than this is tested row by row, not collected into a set.
_COMMON = 15_000
_FREEZE_ROWS = 100_000  # indexes of this many name rows are hidden from the collector
_FUZZY_CHUNK = 5000  # words searched for typos per shared first or last piece


class _RowsWith:
    """The rows holding one of ``tids``, tested on each row's own tokens (for common words,
    whose postings would cost more to collect than the few candidates cost to test)."""

    __slots__ = ("index", "tids", "size")

    def __init__(self, index: ScreeningIndex, tids: frozenset[int], size: int) -> None:
        self.index = index
        self.tids = tids
        self.size = size

    def __contains__(self, row: object) -> bool:
        start = self.index._row_start
        r = int(row)  # type: ignore[call-overload]
        return not self.tids.isdisjoint(self.index._row_tokens[start[r] : start[r + 1]])

    def __len__(self) -> int:
        return self.size


_Rows = set[int] | _RowsWith


def _abjad_native(token: Token) -> bool:
    """An Arabic-script name word (the vocabulary search cannot vouch for finding all of
    its Latin spellings, so the candidate filter gives it the benefit of the doubt)."""
    return token.script == ARABIC and token.kind in _SUBSTITUTABLE and len(token.native) >= 2


def _with_evidence(score: float, qualifiers: list[tuple[str, float, str]], cfg) -> float:
    """The final score: a matching identifier decides; a contradicting date of birth alone
    holds a strong name match for review (it never clears it)."""
    names = {q[0] for q in qualifiers}
    if "identifier_match" in names:
        return max(min(score, 1.0), cfg.identifier_match_score)
    if "dob_mismatch" in names and score + cfg.dob_mismatch_penalty >= cfg.match_threshold:
        score = min(max(score, cfg.possible_threshold), cfg.match_threshold - 0.001)
        qualifiers.append(
            (
                "dob_held_for_review",
                0.0,
                "a contradicting date of birth alone does not clear a strong name match:"
                " held for review",
            )
        )
    return max(0.0, min(1.0, score))


def _is_long(token: Token) -> bool:
    """Four letters or more: a word that stands alone (shorter ones may be initials or parts
    of a word written apart, "JC", "abd al")."""
    return len(token.text) >= 4 or (bool(token.native) and len(token.native) >= 2)


_SUBSTITUTABLE = frozenset({WORD, GENERIC, LOCATION, INITIAL})
_SCAN_LIMIT = 400  # vocabulary tokens verified per sound or skeleton key
_WARM_PATTERNS = 40_000  # below abjad_pattern's cache size, so that queries still fit


@dataclass(slots=True)
class QueryStats:
    """What one query cost: rows voted for, rows scored (never all of them)."""

    candidates: int = 0
    scored: int = 0


@dataclass(frozen=True, slots=True)
class RowArrays:
    """numpy views of the row arrays and postings (no copies but ``row_start``,
    ``post_start`` and ``short``), for the vectorised candidate stage."""

    row_start: np.ndarray
    row_tokens: np.ndarray
    row_nsub: np.ndarray
    row_nlong: np.ndarray
    row_wsub: np.ndarray
    post_start: np.ndarray
    post: np.ndarray
    short: np.ndarray  # rows with at most one long distinctive word, as a mask


@dataclass(slots=True)
class _Builder:
    token_ids: dict[tuple, int] = field(default_factory=dict)
    tokens: list[Token] = field(default_factory=list)
    postings: list[list[int]] = field(default_factory=list)
    initials: dict[str, list[int]] = field(default_factory=dict)


class ScreeningIndex:
    """Screening lists in a searchable, memory-lean form. Build with :meth:`build`.

    ``fast`` (the default) runs the candidate stage's row-by-row steps on numpy arrays
    (:mod:`ranking`); ``fast=False`` runs the reference loops, which give the same rows in the
    same order (tests and bench/screening_speed.py hold them to it).
    """

    fast = True

    def __init__(self, config: ScreeningConfig | None = None, fast: bool | None = None) -> None:
        self.config = config or ScreeningConfig()
        if fast is not None:
            self.fast = fast
        self._arrays: RowArrays | None = None
        self._entities: list[ListEntity] = []
        self._entity_list = array("H")
        self._list_names: list[str] = []
        self._list_ids: dict[str, int] = {}
        self._tokens: list[Token] = []
        self._row_entity = array("I")
        self._row_alias = array("H")
        self._row_start = array("I", [0])
        self._row_tokens = array("I")
        self._row_nsub = array("B")  # distinctive (substitutable) core tokens per row, capped
        self._row_nlong = array("B")  # those of four letters or more (short ones may merge)
        self._row_wsub = array("f")  # and their weight
        self._short_rows: set[int] = set()  # rows with at most one such token
        self._post_start = array("I", [0])
        self._post = array("I")
        self._forms: dict[str, int | tuple[int, ...]] = {}
        self._sorted_forms: list[str] = []
        self._sorted_reversed: list[str] = []
        # The same two tables cut by word length, for the typo search (see _search_fuzzy).
        self._by_length: dict[int, list[str]] = {}
        self._reversed_by_length: dict[int, list[str]] = {}
        self._phonetic: dict[str, array] = {}
        self._skeleton: dict[str, array] = {}
        self._skeleton_bare: dict[str, array] = {}  # see _freeze
        self._coarse: dict[str, array] = {}  # Latin words by coarse consonant key (abjads)
        self._entity_row = array("I")  # each entity's first name row
        self._by_identifier: dict[str, list[int]] = {}  # normalised identifier -> entities
        self._initials: dict[str, array] = {}
        self._squeezed: dict[str, array] = {}  # tokens with doubled letters, by squeezed form
        self._latin_symbols_map: dict[str, array] | None = None
        # Per-word memo tables (module memo): a word's expansion, and its similarity to one
        # list word as the pair scorer asks for it; bounded, and new with every index.
        self._expansions: BoundedMemo[tuple[dict[int, TokenMatch], dict[int, TokenMatch]]] = (
            BoundedMemo(EXPANSION_WORDS, EXPANSION_MATCHES)
        )
        self._pair_sims: BoundedMemo[TokenMatch | None] = BoundedMemo(PAIR_SIMS)
        self._fuzzy_cache: dict[str, list[str]] = {}
        self.scored_rows = 0  # rows scored over the index's life, for tests and monitoring
        self.last_stats = QueryStats()

    # -- building ------------------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        entities: Iterable[ListEntity],
        config: ScreeningConfig | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> ScreeningIndex:
        """Index every name, alias and weak alias of ``entities``.

        ``progress`` is called with the number of entities read, every 10,000 and at the end.
        Names that normalise to nothing are skipped; an entity with no usable name is kept
        (it can never match).
        """
        index = cls(config)
        builder = _Builder()
        count = 0
        for count, entity in enumerate(entities, 1):
            index._add(entity, builder)
            if progress is not None and count % 10_000 == 0:
                progress(count)
        index._freeze(builder)
        if index.name_count >= _FREEZE_ROWS:
            # A large index is millions of objects that live as long as it does: moved out of
            # the collector's sight, a full collection no longer walks them all (a twentieth
            # of a query's time at a million names) and forked workers do not touch their
            # pages. Garbage is collected first so that none is kept for good.
            gc.collect()
            gc.freeze()
        if progress is not None:
            progress(count)
        return index

    def _intern(self, token: Token, builder: _Builder) -> int:
        key = (
            token.text,
            token.forms,
            token.kind,
            token.native,
            token.script,
            token.legal,
            token.flags,
            token.number,
        )
        tid = builder.token_ids.get(key)
        if tid is None:
            tid = len(builder.tokens)
            builder.token_ids[key] = tid
            builder.tokens.append(token)
            builder.postings.append([])
        return tid

    def _add(self, entity: ListEntity, builder: _Builder) -> None:
        eid = len(self._entities)
        self._entities.append(entity)
        list_id = self._list_ids.get(entity.list_name)
        if list_id is None:
            list_id = len(self._list_names)
            self._list_ids[entity.list_name] = list_id
            self._list_names.append(entity.list_name)
        self._entity_list.append(list_id)
        self._entity_row.append(len(self._row_entity))
        for number in entity_identifier_index(entity):
            self._by_identifier.setdefault(number, []).append(eid)
        names = [(0, entity.name)]
        names += [(k, a) for k, a in enumerate(entity.aliases, 1)]
        names += [(WEAK + k, a) for k, a in enumerate(entity.weak_aliases)]
        seen: set[tuple[int, ...]] = set()
        org = entity.schema != "Person"
        for alias, text in names:
            if not text or not text.strip():
                continue
            try:
                prepared = prepare_name(text, entity.schema, self.config.max_name_length)
            except InputError:
                continue
            ids = tuple(self._intern(t, builder) for t in prepared.tokens)
            weak = alias >= WEAK
            if (ids, weak) in seen:
                continue
            seen.add((ids, weak))
            row = len(self._row_entity)
            self._row_entity.append(eid)
            self._row_alias.append(alias)
            self._row_tokens.extend(ids)
            self._row_start.append(len(self._row_tokens))
            subs = [t for t in prepared.tokens if t.kind in _SUBSTITUTABLE]
            long = sum(1 for t in subs if _is_long(t))
            self._row_nsub.append(min(len(subs), 255))
            self._row_nlong.append(min(long, 255))
            self._row_wsub.append(sum(KIND_WEIGHTS[t.kind] for t in subs))
            if long <= 1:
                self._short_rows.add(row)
            for tid in set(ids):
                if builder.tokens[tid].kind not in _NO_RETRIEVAL:
                    builder.postings[tid].append(row)
            if org and not weak:
                for key in initials_keys(prepared.tokens):
                    builder.initials.setdefault(key, []).append(row)

    def _freeze(self, builder: _Builder) -> None:
        """Turn the build lists into compact arrays and look-up tables."""
        self._tokens = builder.tokens
        for rows in builder.postings:
            self._post.extend(rows)
            self._post_start.append(len(self._post))
        builder.postings.clear()
        forms: dict[str, list[int]] = {}
        phonetic: dict[str, list[int]] = {}
        skeleton: dict[str, list[int]] = {}
        coarse: dict[str, list[int]] = {}
        squeezed: dict[str, list[int]] = {}
        for tid, token in enumerate(self._tokens):
            if token.kind in _NO_RETRIEVAL:
                continue
            if token.squeezed != token.text:
                squeezed.setdefault(token.squeezed, []).append(tid)
            for form in (*token.forms, token.native):
                if form:
                    forms.setdefault(form, []).append(tid)
            if token.phonetic:
                phonetic.setdefault(token.phonetic, []).append(tid)
            if token.skeleton:
                skeleton.setdefault(token.skeleton, []).append(tid)
            if token.text.isascii() and not token.vowel_losing and token.kind in _SUBSTITUTABLE:
                for key in coarse_keys(token.text):
                    coarse.setdefault(key, []).append(tid)
        self._forms = {f: (ids[0] if len(ids) == 1 else tuple(ids)) for f, ids in forms.items()}
        self._sorted_forms = sorted(f for f in self._forms if f.isascii())
        self._sorted_reversed = sorted(f[::-1] for f in self._sorted_forms)
        for table, cut in (
            (self._sorted_forms, self._by_length),
            (self._sorted_reversed, self._reversed_by_length),
        ):
            for form in table:  # in sorted order, so each length's list is sorted too
                cut.setdefault(len(form), []).append(form)
        self._phonetic = {k: array("I", v) for k, v in phonetic.items()}
        self._squeezed = {k: array("I", v) for k, v in squeezed.items()}
        self._skeleton = {k: array("I", v) for k, v in skeleton.items()}
        # What a spelled-out word looks for by its skeleton: the vowel-less words among the
        # first that many with that skeleton, set aside once rather than sifted per query.
        tokens = self._tokens
        self._skeleton_bare = {}
        for k, v in self._skeleton.items():
            bare = array("I", [t for t in v[:_SCAN_LIMIT] if tokens[t].vowel_losing])
            if bare:
                self._skeleton_bare[k] = bare
        self._coarse = {k: array("I", v) for k, v in coarse.items()}
        self._initials = {k: array("I", v) for k, v in builder.initials.items()}
        builder.token_ids.clear()
        builder.initials.clear()

    def _latin_symbols(self) -> dict[str, array]:
        """Wikidata name items of the Latin vocabulary, made on the first cross-script query."""
        if self._latin_symbols_map is None:
            latin: dict[str, list[int]] = {}
            for tid, token in enumerate(self._tokens):
                if not token.native and token.kind == WORD and token.text.isalpha():
                    for symbol in token_symbols(token):
                        latin.setdefault(symbol, []).append(tid)
            self._latin_symbols_map = {k: array("I", v) for k, v in latin.items()}
        return self._latin_symbols_map

    def warm_up(self) -> None:
        """Load rigour's name-symbol table now (several seconds, once per process) rather than
        on the first query that compares Han, kana or Greek names with Latin ones, the
        numpy views of the rows (shared by forked workers), and the patterns that read the
        vocabulary's vowel-less romanisations (Arabic script: "hmd") against Latin spellings,
        which a cold worker would otherwise compile one by one in its first queries (a
        tenth of a millisecond each, thousands of them in a large index)."""
        name_symbols("warm up")
        self.arrays()
        bare = {t.text for t in self._tokens if t.vowel_losing and t.skeleton}
        for text in sorted(bare)[:_WARM_PATTERNS]:
            abjad_pattern((text,))

    def arrays(self) -> RowArrays:
        """numpy views of the frozen row arrays, made on first use."""
        arrays = getattr(self, "_arrays", None)
        if arrays is None:
            arrays = self._arrays = RowArrays(
                row_start=np.frombuffer(self._row_start, dtype=np.uint32).astype(np.int64),
                row_tokens=np.frombuffer(self._row_tokens, dtype=np.uint32),
                row_nsub=np.frombuffer(self._row_nsub, dtype=np.uint8),
                row_nlong=np.frombuffer(self._row_nlong, dtype=np.uint8),
                row_wsub=np.frombuffer(self._row_wsub, dtype=np.float32),
                post_start=np.frombuffer(self._post_start, dtype=np.uint32).astype(np.int64),
                post=np.frombuffer(self._post, dtype=np.uint32),
                short=np.zeros(len(self._row_entity), dtype=bool),
            )
            arrays.short[list(self._short_rows)] = True
        return arrays

    # -- sizes ---------------------------------------------------------------------------------

    @property
    def entity_count(self) -> int:
        return len(self._entities)

    @property
    def name_count(self) -> int:
        """Name rows: names, aliases and weak aliases after de-duplication."""
        return len(self._row_entity)

    @property
    def token_count(self) -> int:
        return len(self._tokens)

    def row_tokens(self, row: int) -> tuple[Token, ...]:
        tokens = self._tokens
        return tuple(
            tokens[t] for t in self._row_tokens[self._row_start[row] : self._row_start[row + 1]]
        )

    def _postings(self, tid: int) -> memoryview:
        return memoryview(self._post)[self._post_start[tid] : self._post_start[tid + 1]]

    def _form_ids(self, form: str) -> tuple[int, ...]:
        ids = self._forms.get(form)
        if ids is None:
            return ()
        return (ids,) if isinstance(ids, int) else ids

    # -- retrieval -----------------------------------------------------------------------------

    def _fuzzy_forms(self, form: str) -> list[str]:
        cached = self._fuzzy_cache.get(form)
        if cached is None:
            if len(self._fuzzy_cache) > 100_000:
                self._fuzzy_cache.clear()
            cached = self._fuzzy_cache[form] = self._search_fuzzy(form)
        return cached

    def _search_fuzzy(self, form: str) -> list[str]:
        """Vocabulary spellings within the edit budget of ``form``.

        With k edits, one of k+1 pieces of the word is unchanged; the first piece is looked up
        as a prefix and the last as a suffix (a sorted list each), then verified. A spelling
        more than k letters longer or shorter is k edits away or more, so only the lists of
        the lengths in reach are searched (one sorted list per length): the same spellings,
        without measuring the distance to every word that shares the piece.
        """
        # The other word may be up to two letters longer, with a larger budget; similarity
        # requires a whole first or last piece (see intact_piece), so these ranges hold all.
        lengths = [n for n in range(len(form), len(form) + 3) if edit_budget(n)]
        if not lengths:
            return []
        budget = edit_budget(lengths[-1])
        size = min(intact_piece(n) for n in lengths)
        found: list[str] = []
        for table, by_length, word in (
            (self._sorted_forms, self._by_length, form),
            (self._sorted_reversed, self._reversed_by_length, form[::-1]),
        ):
            key = word[:size]
            lo = bisect_left(table, key)
            hi = bisect_left(table, key + "\uffff", lo)
            if hi <= lo:
                continue
            if hi - lo > _FUZZY_CHUNK:
                # A piece shared by very many words: the first of them in sorted order are
                # searched, whatever their length (the cut is part of what the search finds).
                chunk = table[lo : lo + _FUZZY_CHUNK]
            else:
                chunk = []
                for n in range(len(word) - budget, len(word) + budget + 1):
                    same = by_length.get(n)
                    if same:
                        at = bisect_left(same, key)
                        chunk += same[at : bisect_left(same, key + "\uffff", at)]
            for hit, _, _ in process.extract(
                word, chunk, scorer=OSA.distance, score_cutoff=budget, limit=None
            ):
                found.append(hit if table is self._sorted_forms else hit[::-1])
        return found

    def _sound_alikes(self, token: Token) -> list[int]:
        """Tokens with the same sound key, pre-filtered by edit distance in C."""
        bucket = self._phonetic.get(token.phonetic)
        if not bucket:
            return []
        tokens = self._tokens
        texts = [tokens[t].text for t in bucket]
        cutoff = edit_budget(len(token.text) + 2) + 1
        hits = process.extract(
            token.text, texts, scorer=OSA.distance, score_cutoff=cutoff, limit=None
        )
        return [bucket[i] for _, _, i in hits]

    def _expand(self, token: Token) -> dict[int, TokenMatch]:
        """Vocabulary tokens that ``token`` meets, with their similarity (memoised per index)."""
        return self._expansion(token)[0]

    def _known(self, token: Token) -> dict[int, TokenMatch]:
        """:meth:`_expand` keyed by ``id()`` of the vocabulary token, as the pair scorer
        looks them up."""
        return self._expansion(token)[1]

    def _expansion(self, token: Token) -> tuple[dict[int, TokenMatch], dict[int, TokenMatch]]:
        key = token_key(token)
        found, cached = self._expansions.get(key)
        if found:
            return cached  # type: ignore[return-value]
        out = self._search_expansion(token)
        tokens = self._tokens
        entry = (out, {id(tokens[tid]): m for tid, m in out.items()})
        self._expansions.put(key, entry, weight=len(out) + 1)
        return entry

    def _search_expansion(self, token: Token) -> dict[int, TokenMatch]:
        """The vocabulary search behind :meth:`_expand`: spellings, typos, sounds,
        skeletons and Wikidata name items, each verified by ``token_similarity``."""
        candidates: set[int] = set()
        for form in (*token.forms, token.native):
            if form:
                candidates.update(self._form_ids(form))
        if token.squeezed != token.text:
            candidates.update(self._form_ids(token.squeezed))
        candidates.update(self._squeezed.get(token.squeezed, ()))
        if token.text.isascii():
            for form in token.forms[:3]:
                for hit in self._fuzzy_forms(form):
                    candidates.update(self._form_ids(hit))
            if token.phonetic and len(token.phonetic) >= 2:
                candidates.update(self._sound_alikes(token))
            if token.skeleton and len(token.skeleton) >= 2:
                if token.vowel_losing:
                    candidates.update(self._skeleton.get(token.skeleton, ())[:_SCAN_LIMIT])
                else:
                    candidates.update(self._skeleton_bare.get(token.skeleton, ()))
        if _abjad_native(token):
            # An Arabic-script word finds the Latin spellings of its letters (Djamel, Jamal).
            for key in reading_keys(token.readings):
                candidates.update(self._coarse.get(key, ())[:_SCAN_LIMIT])
        if token.kind == WORD and token.native and token_symbols(token):
            # A native-script word finds the Latin spellings of the same name (lists are
            # mostly in Latin script; the symbol table loads on the first such query).
            table = self._latin_symbols()
            for symbol in token_symbols(token):
                candidates.update(table.get(symbol, ())[:_SCAN_LIMIT])
        out: dict[int, TokenMatch] = {}
        for tid in candidates:
            m = token_similarity(token, self._tokens[tid])
            if m is not None:
                out[tid] = m
        return out

    def _row_set(self, token: Token, materialize: bool = False) -> tuple[_Rows, _Rows]:
        """Rows holding any vocabulary token that ``token`` meets, and those holding it as
        spelled (they rank first). A common word's rows are not collected but tested one
        by one (:class:`_RowsWith`) unless ``materialize``."""
        post_start = self._post_start
        tids = [
            (tid, m)
            for tid, m in self._expand(token).items()
            if post_start[tid + 1] - post_start[tid] <= self._too_frequent
        ]
        size = sum(post_start[tid + 1] - post_start[tid] for tid, _ in tids)
        if size > _COMMON and not materialize:
            return (
                _RowsWith(self, frozenset(t for t, _ in tids), size),
                _RowsWith(self, frozenset(t for t, m in tids if m.sim >= 1.0), size),
            )
        rows: set[int] = set()
        exact: set[int] = set()
        for tid, m in tids:
            postings = memoryview(self._post)[post_start[tid] : post_start[tid + 1]]
            rows.update(postings)
            if m.sim >= 1.0:
                exact.update(postings)
        return rows, exact

    @property
    def _too_frequent(self) -> int:
        """Tokens in more rows than this (a third of the index) do not retrieve anything."""
        return max(10_000, self.name_count // 3)

    def _special_rows(self, query: PreparedName, core: list[Token]) -> set[int]:
        """Rows found by words run together or split, by acronyms and by two-word names."""
        rows: set[int] = set()
        for part in self._special_parts(query, core):
            rows.update(part)
        return rows

    def _special_parts(self, query: PreparedName, core: list[Token]) -> list[Collection[int]]:
        """The pieces of :meth:`_special_rows` (postings, mostly), for each path to join."""
        rows: list[Collection[int]] = []
        ids = self._form_ids
        every = query.core  # particles too: "van der bilt" is "Vanderbilt"
        for size in (2, 3):
            for start in range(len(every) - size + 1):
                joined = "".join(t.text for t in every[start : start + size])
                # (a vowel-less romanisation is no spelling to allow typos in: see _abjad_runs)
                fuzzy = joined.isascii() and not any(
                    t.vowel_losing for t in every[start : start + size]
                )
                hits = {joined, *self._fuzzy_forms(joined)} if fuzzy else {joined}
                for form in hits:
                    for tid in ids(form):
                        rows.append(self._postings(tid))
        rows.append(self._abjad_runs(every))
        for a, b in zip(core, core[1:], strict=False):
            symbols = joined_symbols([a, b]) if a.native and b.native else ()
            if symbols:  # one name in two written words: 山 田 as "Yamada"
                table = self._latin_symbols()
                for symbol in symbols:
                    for tid in table.get(symbol, ())[:_SCAN_LIMIT]:
                        rows.append(self._postings(tid))
        for token in core:
            if _abjad_native(token) and not self._expand(token):
                # two Arabic-script words written without the space (it does not show)
                for left, right in unspaced_parts(token):
                    met = self._row_set(left, materialize=True)[0]
                    rows.append(met & self._row_set(right, materialize=True)[0])  # type: ignore[operator]
            text = token.text
            if len(text) >= 6 and text.isascii() and not ids(text):
                for cut in range(2, len(text) - 1):
                    left, right = ids(text[:cut]), ids(text[cut:])
                    if left and right:
                        rows.append(set(self._postings(left[0])) & set(self._postings(right[0])))
        if query.schema == "Person":
            return rows
        words = [t for t in query.core if t.kind == WORD]
        if len(words) == 1 and looks_like_acronym(words[0]):
            for key in acronym_keys(words[0].text):
                rows.append(self._initials.get(key, ()))
        if len(core) >= 2:
            for acronym in possible_acronyms(query.tokens):
                for tid in ids(acronym):
                    rows.append(self._postings(tid))
        return rows

    def _abjad_runs(self, tokens: tuple[Token, ...]) -> set[int]:
        """Rows with one Latin word for two or three Arabic-script words run together
        ("هدایت الله" = Hidayatullah, "نور الدین" = Noureddine), the article kept or not."""
        rows: set[int] = set()
        for size in (2, 3):
            for start in range(len(tokens) - size + 1):
                parts = tokens[start : start + size]
                if not all(_abjad_native(t) or t.native == "ال" for t in parts):
                    continue
                if parts[0].native == "ال" or parts[-1].native == "ال":
                    continue
                for texts in run_readings(
                    [t.readings if t.native != "ال" else ("al",) for t in parts]
                ):
                    plain = "".join(
                        x for x, t in zip(texts, parts, strict=True) if t.native != "ال"
                    )
                    for key in reading_keys(("".join(texts), plain)):
                        for tid in self._coarse.get(key, ())[:_SCAN_LIMIT]:
                            if abjad_match(texts, self._tokens[tid].text):
                                rows.update(self._postings(tid))
        return rows

    @staticmethod
    def _thin(
        cand: set[int],
        special: set[int],
        sets: list[tuple[float, float, _Rows]],
        cap: int,
    ) -> tuple[set[int], set[int]]:
        """Too many candidates (a name of common syllables): keep those meeting most words.

        Among rows meeting as many words, the lower rows are kept (the order of a set of
        integers is no rule: it changes with the set's size and history)."""
        counts: Counter[int] = Counter()
        for _, _, rows in sets:
            counts.update(rows & cand)
        best = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:cap]
        keep = {row for row, _ in best}
        return keep, set(sorted(special)[:cap]) if len(special) > cap else special

    def _best_case_terms(self, core: list[Token]) -> tuple[int, int, float, float, float, float]:
        """What a candidate's best possible score is made of: the query's long words, those
        of them that may be missed (Arabic script), the lightest of their weights, the
        review threshold, the cheapest omission and the substitution cost."""
        long_q = [t for t in core if t.kind in _SUBSTITUTABLE and _is_long(t)]
        unmatched_floor = min((KIND_WEIGHTS[t.kind] for t in long_q), default=1.0)
        unsure = sum(1 for t in long_q if _abjad_native(t))
        omission = min(OMISSION_COST.values())
        floor = self.config.possible_threshold
        return len(long_q), unsure, unmatched_floor, floor, omission, SUBSTITUTION_COST

    def _candidates(self, query: PreparedName) -> tuple[list[int], int]:
        """Rows worth scoring, best first, and how many rows shared anything with the query.

        Each retrievable query token gives the set of rows it meets. A row is a candidate when
        it meets two query tokens, or one and it has no other distinctive word; words run
        together, acronyms and two-word names add their rows. Candidates whose best possible
        score (every met token perfect, every contradiction as cheap as it can be) stays below
        the review threshold are dropped before scoring.
        """
        core = [t for t in query.core if t.kind in _VOTING]
        if self.fast:
            cand_rows, special_rows, met, spelled, touched = ranking.candidates(self, query, core)
            ranked_rows = ranking.rank(
                self, cand_rows, special_rows, met, spelled, *self._best_case_terms(core)
            )
            return ranked_rows, touched
        sets: list[tuple[float, float, _Rows]] = []
        exacts: list[_Rows] = []
        n = max(self.name_count, 1)
        long_sets = 0
        found = [(token, *self._row_set(token)) for token in core]
        # A name of common words only ("Mohammad Ali"): collect the two least common anyway.
        if not any(isinstance(rows, set) and rows for _, rows, _ in found):
            for k in sorted(range(len(found)), key=lambda k: len(found[k][1]))[:2]:
                token = found[k][0]
                found[k] = (token, *self._row_set(token, materialize=True))
        for token, rows, exact in found:
            if len(rows):
                weight = KIND_WEIGHTS[token.kind]
                sets.append((weight, weight * math.log(1.0 + n / len(rows)), rows))
                exacts.append(exact)
                long_sets += _is_long(token)
        collected = [rows for _, _, rows in sets if isinstance(rows, set)]
        limit = self.config.max_candidates
        cap = limit * 10
        special = self._special_rows(query, core)
        if len(special) > cap:  # e.g. a common two-syllable given name: keep what else met
            special &= set().union(*collected)
        # Candidates come from the rarest words; common ones (김, "mohammad") only rank.
        rare = sorted(
            (k for k in range(len(sets)) if isinstance(sets[k][2], set)),
            key=lambda k: len(sets[k][2]),
        )[:4]
        cand: set[int] = set()
        for i, x in enumerate(rare):
            cand |= sets[x][2] & self._short_rows
            for y in rare[i + 1 :]:
                cand |= sets[x][2] & sets[y][2]
        touched = len(cand | special) if special else len(cand)
        if len(cand) > cap or len(special) > cap:
            cand, special = self._thin(cand, special, [sets[k] for k in rare], cap)
        if long_sets == 1 or len(sets) == 1:
            # One telling word ("Juncker" in "JC Juncker"): rows that have it, the shortest
            # first (the others are words the query may abbreviate).
            rest = set().union(*collected) - cand
            touched += len(rest)
            nsub = self._row_nsub
            cand |= set(sorted(rest, key=lambda row: (nsub[row], row))[: limit * 4])
        q_long, unsure, unmatched_floor, floor, omission, _ = self._best_case_terms(core)
        nlong, wsub = self._row_nlong, self._row_wsub
        ranked: list[tuple[float, int]] = []
        for row in cand | special:
            matched_w = 0.0
            matched_n = 0
            block = 0.0
            for (weight, idf, rows), exact in zip(sets, exacts, strict=True):
                if row in rows:
                    matched_w += weight
                    matched_n += 1
                    block += idf if row in exact else 0.8 * idf
            if row not in special and matched_n:
                # Best case: every met token perfect, contradictions and omissions as light
                # as the kinds allow (query side: its lightest token; list side: 0.5); short
                # words are left out, since they may merge with a neighbour.
                left_q = max(0, q_long - matched_n - unsure)
                left_c = max(0, nlong[row] - matched_n - unsure)
                k = min(left_q, left_c)
                penalty = k * SUBSTITUTION_COST * (unmatched_floor + 0.5) / 2
                penalty += omission * (unmatched_floor * (left_q - k) + 0.5 * (left_c - k))
                if penalty and matched_w / (matched_w + penalty) < floor:
                    continue
            elif row in special:
                block += 1.0  # met by a merge or an acronym: the sets do not see it all
            block -= 0.01 * max(0, int(wsub[row] * 2) - 2 * matched_n)
            ranked.append((block, row))
        ranked.sort(reverse=True)
        return [row for _, row in ranked], touched

    # -- screening -----------------------------------------------------------------------------

    def screen(
        self,
        query: ScreeningQuery,
        lists: Collection[str] | None = None,
        limit: int | None = None,
    ) -> ScreeningResult:
        """Screen one party. Raises :class:`InputError` for an unusable name or schema."""
        config = self.config
        prepared = _prepare_query(query, config)
        born, nationality, identifiers = validate_evidence(
            query.dob, query.nationality, query.identifiers
        )
        limit = limit or config.limit
        ranked, touched = self._candidates(prepared)
        allowed = None
        if lists is not None:
            allowed = {self._list_ids[n] for n in lists if n in self._list_ids}
        # A query without a schema whose own words name an organisation is screened as one.
        schema, _ = inferred_schema(prepared)
        rows = self._select(ranked, allowed, schema)
        for _, number in identifiers:  # an identifier finds its entity whatever the name
            for eid in self._by_identifier.get(number, ()):
                row = self._entity_row[eid]
                if row >= len(self._row_entity) or self._row_entity[row] != eid:
                    continue  # the entity has no usable name
                if row not in rows and (allowed is None or self._entity_list[eid] in allowed):
                    rows.append(row)
        scorers: dict[int, PairScorer] = {}
        best: dict[int, tuple[float, int, NameScore, list[tuple[str, float, str]]]] = {}
        # The same name on several lists (the UN's people are on the EU's, the UK's and OFAC's)
        # is the same words in the same order: scored once per query.
        named: dict[tuple[int, bytes], NameScore] = {}
        entities, row_start, row_words = self._entities, self._row_start, self._row_tokens
        for row in rows:
            eid = self._row_entity[row]
            entity = entities[eid]
            mode = name_mode(schema) if schema else name_mode(entity.schema)
            scorer = scorers.get(mode)
            if scorer is None:
                scorer = scorers[mode] = self._scorer(query, prepared, mode)
            words = (mode, row_words[row_start[row] : row_start[row + 1]].tobytes())
            result = named.get(words)
            if result is None:
                result = named[words] = scorer.score(self.row_tokens(row))
            score = result.score
            if self._row_alias[row] >= WEAK:
                if score < 0.99:
                    continue
                score = min(score, config.weak_alias_score)
            qualifiers = self._entity_qualifiers(query, entity, schema)
            if born or nationality or identifiers:
                qualifiers += evidence_qualifiers(entity, born, nationality, identifiers, config)
            score = _with_evidence(score + sum(q[1] for q in qualifiers), qualifiers, config)
            held = best.get(eid)
            if held is None or score > held[0]:
                best[eid] = (score, row, result, qualifiers)
        self.scored_rows += len(rows)
        self.last_stats = QueryStats(candidates=touched, scored=len(rows))
        return self._result(query, prepared, best, limit, scorers)

    def _scorer(self, query: ScreeningQuery, prepared: PreparedName, mode: int) -> PairScorer:
        """A scorer for one kind of list entry; a query without a schema is read as a
        person's name against persons and as an organisation's against organisations, unless
        its own words name an organisation (:func:`inferred_schema`): then it is
        screened as an organisation's, as if the schema had been given."""
        if query.schema is None and mode != name_mode(None):
            schema = "Person" if mode == PERSON_MODE else "Organization"
            prepared = prepare_name(query.name, schema, self.config.max_name_length)
        known = [self._known(t) for t in prepared.core]
        return PairScorer(prepared, mode, self.config, known, self._pair_sims)

    def _select(self, ranked: list[int], allowed: set[int] | None, schema: str | None) -> list[int]:
        """The rows to score: the best candidates on the wanted lists and schemata."""
        k = self.config.max_candidates
        row_entity, entity_list, entities = self._row_entity, self._entity_list, self._entities
        cfg = self.config
        skip_mismatch = 1.0 - cfg.schema_mismatch_penalty < cfg.possible_threshold
        rows = []
        for row in ranked:
            eid = row_entity[row]
            if allowed is not None and entity_list[eid] not in allowed:
                continue
            if skip_mismatch and not schemata_compatible(schema, entities[eid].schema):
                continue
            rows.append(row)
            if len(rows) >= k:
                break
        return rows

    def _entity_qualifiers(
        self, query: ScreeningQuery, entity: ListEntity, schema: str | None
    ) -> list[tuple[str, float, str]]:
        cfg = self.config
        out: list[tuple[str, float, str]] = []
        if query.country and entity.countries:
            if query.country in entity.countries:
                out.append(("country_match", cfg.country_match_bonus, f"both in {query.country}"))
            else:
                out.append(
                    (
                        "country_mismatch",
                        -cfg.country_mismatch_penalty,
                        f"query in {query.country}, list entry in {'/'.join(entity.countries)}",
                    )
                )
        if not schemata_compatible(schema, entity.schema):
            party = f"a {schema}" if query.schema else "an organisation (read from its words)"
            out.append(
                (
                    "schema_mismatch",
                    -cfg.schema_mismatch_penalty,
                    f"{party} cannot be the {entity.schema} on the list",
                )
            )
        return out

    def _result(
        self,
        query: ScreeningQuery,
        prepared: PreparedName,
        best: dict[int, tuple[float, int, NameScore, list[tuple[str, float, str]]]],
        limit: int,
        scorers: dict[int, PairScorer],
    ) -> ScreeningResult:
        cfg = self.config
        ranked = sorted(
            ((score, eid, row, res, q) for eid, (score, row, res, q) in best.items()),
            key=lambda x: (-x[0], x[1]),
        )
        matches = []
        schema, org_words = inferred_schema(prepared)
        read_as: list[Feature] = []
        if org_words:
            read_as.append(
                Feature(
                    "read_as_organisation",
                    0.0,
                    "no schema given; "
                    + ", ".join(f"'{w}'" for w in org_words)
                    + (
                        " are organisation words"
                        if len(org_words) > 1
                        else " is an organisation word"
                    )
                    + ": the name is read as an organisation's",
                )
            )
        said: list[Feature] | None = None  # what was done to the query: the same for each match
        for score, eid, row, _, qualifiers in ranked:
            decision = cfg.decide(score)
            if decision == "clear" or len(matches) >= limit:
                break
            entity = self._entities[eid]
            mode = name_mode(schema) if schema else name_mode(entity.schema)
            detailed = scorers[mode].score(self.row_tokens(row), explain=True)
            if said is None:
                said = [*query_features(prepared), *read_as]
            features: list[Feature] = [*said, *detailed.features]
            alias = self._row_alias[row]
            if alias >= WEAK:
                matched_name = entity.weak_aliases[alias - WEAK]
                features.append(
                    Feature(
                        "weak_alias",
                        round(min(0.0, cfg.weak_alias_score - detailed.score), 4),
                        f"'{matched_name}' is a weak alias: met exactly, scored at most "
                        f"{cfg.weak_alias_score:.2f}",
                    )
                )
            else:
                matched_name = entity.name if alias == 0 else entity.aliases[alias - 1]
            features += [Feature(n, round(w, 4), d) for n, w, d in qualifiers]
            score = round(score, 4)
            # Equal scores share a rank: the order among them says nothing about the name.
            rank = matches[-1].rank if matches and matches[-1].score == score else len(matches) + 1
            matches.append(
                ScreeningMatch(
                    entity_id=entity.id,
                    list=entity.list_name,
                    name=entity.name,
                    matched_name=matched_name,
                    score=score,
                    decision=decision,
                    explanation=explanation(
                        prepared.original, entity, matched_name, score, decision, features, cfg
                    ),
                    features=tuple(features),
                    schema=entity.schema,
                    countries=entity.countries,
                    programs=entity.programs,
                    rank=rank,
                )
            )
        decision = matches[0].decision if matches else "clear"
        return ScreeningResult(query=query, decision=decision, matches=tuple(matches))

    # -- batches -------------------------------------------------------------------------------

    def screen_many(
        self,
        queries: Sequence[ScreeningQuery] | Iterable[ScreeningQuery],
        lists: Collection[str] | None = None,
        workers: int = 1,
    ) -> list[ScreeningResult]:
        """Screen many parties, in ``workers`` forked processes when more than one.

        A query with an unusable name raises :class:`InputError` naming its position. A query
        that repeats an earlier one (the same fields; its ``id`` aside) is screened once: its
        result is the earlier one's, carrying its own query.
        """
        queries = list(queries)
        lists = None if lists is None else list(lists)
        workers = max(1, min(workers, os.cpu_count() or 1))
        first: dict[ScreeningQuery, int] = {}  # query without its id -> place among the unique
        slot: list[int] = []
        unique: list[ScreeningQuery] = []
        positions: list[int] = []  # each unique query's first position in ``queries``
        for i, q in enumerate(queries):
            key = replace(q, id=None) if q.id is not None else q
            at = first.get(key)
            if at is None:
                at = first[key] = len(unique)
                unique.append(q)
                positions.append(i)
            slot.append(at)
        if workers == 1 or len(unique) < 64 or not can_fork():
            done = [self._screen_at(i, q, lists) for i, q in zip(positions, unique, strict=True)]
        else:
            done, scored = screen_in_processes(self, unique, positions, lists, workers)
            self.scored_rows += scored
        out = []
        for q, at in zip(queries, slot, strict=True):
            result = done[at]
            out.append(result if result.query is q else replace(result, query=q))
        return out

    def _screen_at(self, i: int, query: ScreeningQuery, lists: list[str] | None) -> ScreeningResult:
        try:
            return self.screen(query, lists)
        except InputError as exc:
            raise exc.prefixed(f"queries[{i}]") from None


def _prepare_query(query: ScreeningQuery, config: ScreeningConfig) -> PreparedName:
    if query.schema is not None and query.schema not in SCHEMATA:
        raise InputError(f"must be one of {', '.join(SCHEMATA)}", field="schema")
    if query.country is not None and (len(query.country) != 2 or not query.country.isalpha()):
        raise InputError("must be an ISO 3166 alpha-2 code such as 'IR'", field="country")
    return prepare_name(query.name, query.schema, config.max_name_length)


__all__ = ["QueryStats", "ScreeningIndex", "schemata_compatible"]
