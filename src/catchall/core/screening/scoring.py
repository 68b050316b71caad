"""Scoring one name against another: align their tokens, weigh what met and what did not.

The score is a ratio: the weight of the tokens that met (times how well they met) over that
weight plus the penalties for what did not meet. A word that has a different counterpart in
the other name ("Octavian" vs "Olaf") is a contradiction and costs much; a word that is
simply absent from the other name (a middle name, "Europe" after a company name) is an
omission and costs little. Legal forms and stopwords do not count at all. Small qualifiers
follow: word order, a father's name swapped around "bin", differing legal forms.

Every step can be written out as :class:`~catchall.core.model.Feature` objects for the
explanation; the plain scoring path skips that work.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product

from rapidfuzz.distance import OSA

from catchall.core.model import Feature
from catchall.core.screening.abjad import abjad_match, coarse_keys, reading_keys, run_readings
from catchall.core.screening.acronym import looks_like_acronym, match_acronym
from catchall.core.screening.config import ScreeningConfig
from catchall.core.screening.features import (
    FEATURE_NAMES,
    gloss_sources,
    legal_features,
    pair_detail,
    shown,
)
from catchall.core.screening.memo import BoundedMemo, token_key
from catchall.core.screening.prepare import (
    ANY,
    ORG_MODE,
    PERSON_MODE,
    PreparedName,
    name_mode,
    prepare_name,
)
from catchall.core.screening.similarity import (
    EQUIVALENT,
    SKELETON,
    TokenMatch,
    edit_budget,
    token_similarity,
)
from catchall.core.screening.symbols import SYMBOL_SCRIPTS, joined_symbols, token_symbols
from catchall.core.screening.text import ARABIC
from catchall.core.screening.tokens import (
    ACRONYM,
    GENERIC,
    INITIAL,
    KIND_NAMES,
    LEGAL,
    LOCATION,
    NUMBER,
    PARTICLE,
    PATRONYMIC,
    STOP,
    TITLE,
    WORD,
    Token,
)

# How much each kind of token weighs (indexed by kind).
KIND_WEIGHTS = (1.0, 0.5, 0.6, 0.5, 0.5, 0.2, 0.1, 0.0, 0.0)
# A contradiction: both names have a word here, and they differ.
SUBSTITUTION_COST = 1.5
CROSS_SCRIPT_SUBSTITUTION = 0.67
# An omission: one name has a word the other lacks. Persons often drop middle names and
# patronymics; organisations rarely drop words, so there it costs more.
OMISSION_COST = {PERSON_MODE: 0.15, ORG_MODE: 0.45, ANY: 0.3}
# Two different numbers ("Fund VIII" vs "Fund IX"): series of one family, a mild contradiction.
NUMBER_MISMATCH_COST = 0.6
# Only one name part in common between two multi-part personal names.
SINGLE_PART_FACTOR = 0.85
# Nothing but initials met ("N.N." vs "Nursultan Nazarbayev").
INITIALS_ONLY_CAP = 0.5
MERGED = 0.95

_SUBSTITUTABLE = frozenset({WORD, GENERIC, LOCATION, INITIAL})
_ORACLE_KINDS = frozenset({WORD, GENERIC, LOCATION, NUMBER})


@dataclass(frozen=True, slots=True)
class NameScore:
    """The score of one name pair, the parts of it, and (when asked) the explanation."""

    score: float
    name_score: float
    features: tuple[Feature, ...] = ()
    how: str = "tokens"  # tokens | acronym | exact


@dataclass(slots=True)
class _Pair:
    qi: tuple[int, ...]  # query core token positions (two or more for a merge)
    ci: tuple[int, ...]  # candidate core token positions
    match: TokenMatch
    mass: float


def _weights(tokens: tuple[Token, ...]) -> list[float]:
    return [KIND_WEIGHTS[t.kind] for t in tokens]


def _concat_forms(tokens: list[Token]) -> list[str]:
    forms = ["".join(p) for p in product(*(t.forms[:3] for t in tokens))]
    return forms[:12]


_CHAIN_PARTICLES = frozenset({"al", "bin", "ibn", "ben", "abu", "bint"})


def _arabic_chain(core: tuple[Token, ...]) -> bool:
    """An Arabic-style name chain: written in Arabic script, or with al-/bin/abu in it."""
    return len(core) >= 3 and any(
        t.script == ARABIC or (t.kind == PARTICLE and t.text in _CHAIN_PARTICLES) for t in core
    )


def _free_runs(n: int, used: set[int]) -> list[tuple[int, ...]]:
    """Runs of two and three adjacent unused positions (the words a merge may join)."""
    free = [k not in used for k in range(n)]
    runs = []
    for size in (2, 3):
        for start in range(n - size + 1):
            if all(free[start : start + size]):
                runs.append(tuple(range(start, start + size)))
    return runs


def _oracle(token: Token) -> bool:
    """Whether the index's vocabulary search finds every match of this token (plain Latin
    words do; initials, particles, native scripts and vowel-less words are compared here)."""
    return token.kind in _ORACLE_KINDS and not token.native and not token.vowel_losing


# The Latin spellings of عبد standing alone before the rest of a compound name ("Abdul Qader").
_ABD = frozenset({"abd", "abdul", "abdel", "abdal", "abdol", "abdoul", "abdu", "abdou", "abdur"})


def _name_part(token: Token) -> bool:
    return token.kind == WORD and token.native != "عبد" and token.text not in _ABD


def _coarse_readings(token: Token) -> set[str]:
    if token.vowel_losing:
        return reading_keys(token.readings)
    return set(coarse_keys(token.text))


def _merge_feasible(single: Token, parts: list[Token]) -> bool:
    """Cheap test before :func:`_merge_match`: could these words ever meet run together?"""
    first = parts[0]
    heads = {first.skeleton[:1]}
    if first.kind == PARTICLE and len(parts) > 1:  # "al" + "dyn" vs "uddin"
        heads.add(parts[1].skeleton[:1])
    if single.vowel_losing != first.vowel_losing:
        # "shhyd" vs "sha hid": the first letters agree, read coarsely and with the other
        # readings of an abjad's letters (ث as s: "ثناء الله" is Sanaullah)
        starts = {single.skeleton[:1], *(k[:1] for k in _coarse_readings(single))}
        for token in parts[:2] if first.kind == PARTICLE else parts[:1]:
            heads.update(k[:1] for k in _coarse_readings(token))
        if single.script != first.script and (
            single.script in SYMBOL_SCRIPTS or first.script in SYMBOL_SCRIPTS
        ):
            return True
        return not starts.isdisjoint(heads)
    if single.script != first.script:
        return single.script in SYMBOL_SCRIPTS or first.script in SYMBOL_SCRIPTS
    n = len(single.text)
    if n == len(parts) and (n <= 3 or single.flags & ACRONYM):
        # initials: "jc" vs "jean claude"
        return all(p.text[:1] == ch for p, ch in zip(parts, single.text, strict=True))
    total = sum(len(p.text) for p in parts)
    return abs(total - n) <= 2 and single.text[:1] == first.text[:1]


def _merge_match(single: Token, parts: list[Token]) -> TokenMatch | None:
    """Does one token equal several adjacent ones run together ("ramimakhlouf", "jc")?"""
    joined = _concat_forms(parts)
    shown = " + ".join(t.text for t in parts)
    for s in single.forms[:3]:
        if s in joined:
            return TokenMatch(MERGED, "merged", s, shown)
    if single.kind == WORD and any(p.script != single.script for p in parts):
        # "Yamada" is 山田: the symbol table knows the whole name (never for abjads).
        if single.native:
            own = token_symbols(single)
            shared = set(own).intersection(joined_symbols(parts)) if own else set()
        else:
            span = joined_symbols(parts)
            shared = set(span).intersection(token_symbols(single)) if span else set()
        if shared:
            return TokenMatch(EQUIVALENT, "equivalent", single.text, shown, 0, min(shared))
    bare_parts = all(p.vowel_losing for p in parts) and not single.vowel_losing
    bare_single = single.vowel_losing and not any(p.vowel_losing for p in parts)
    if (
        bare_parts
        and any(
            abjad_match(texts, single.text)
            for texts in run_readings(
                [p.readings if p.kind != PARTICLE else (p.text,) for p in parts]
            )
        )
    ) or (
        bare_single
        and any(abjad_match((r,), "".join(p.text for p in parts)) for r in single.readings)
    ):
        return TokenMatch(SKELETON, "skeleton", single.text, shown)
    if (
        (single.flags & ACRONYM or len(single.text) <= 3)
        and not any(p.native for p in parts)  # Arabic or Han words are not initials
        and len(single.text) == len(parts)
        and all(p.text[:1] == ch for p, ch in zip(parts, single.text, strict=True))
    ):
        return TokenMatch(0.85, "initials", single.text, " + ".join(t.text for t in parts))
    if single.flags & ACRONYM:
        return None
    best: TokenMatch | None = None
    for s in single.forms[:2]:
        for j in joined[:4]:
            length = max(len(s), len(j))
            budget = edit_budget(length)
            if abs(len(s) - len(j)) > budget or length < 5:
                continue
            d = OSA.distance(s, j, score_cutoff=budget)
            if d <= budget:
                sim = MERGED * (1.0 - 0.8 * d / length)
                if best is None or sim > best.sim:
                    best = TokenMatch(sim, "merged", s, " + ".join(t.text for t in parts), d)
    return best


class PairScorer:
    """Scores one query name against candidate token sequences, caching token similarities."""

    __slots__ = (
        "query",
        "q_core",
        "q_weights",
        "mode",
        "config",
        "_cache",
        "_q_acronym",
        "_known",
        "_floor",
        "_symbol_scripts",
        "_memo",
        "_q_keys",
    )

    def __init__(
        self,
        query: PreparedName,
        mode: int,
        config: ScreeningConfig,
        known: list[dict[int, TokenMatch]] | None = None,
        memo: BoundedMemo[TokenMatch | None] | None = None,
    ) -> None:
        """``known``: for each core query token, the matches the index's vocabulary search
        found, keyed by ``id()`` of the list token. For plain Latin words that search is
        complete (it applies the same rules), so a pair it did not find does not meet.
        ``memo``: the index's table of similarities between query words and its own tokens
        (kept across queries; list tokens live as long as the index, so ``id()`` names them).
        """
        self.query = query
        self.q_core = query.core
        self.q_weights = _weights(self.q_core)
        self.mode = mode
        self.config = config
        self._cache: dict[tuple[int, int], TokenMatch | None] = {}
        self._q_acronym = _acronym_candidate(self.q_core)
        self._known = known
        self._memo = memo
        self._q_keys = [token_key(t) for t in self.q_core] if memo is not None else None
        self._floor = config.possible_threshold
        self._symbol_scripts = any(t.script in SYMBOL_SCRIPTS for t in self.q_core)

    # -- token level ---------------------------------------------------------------------------

    def _sim(self, i: int, b: Token) -> TokenMatch | None:
        known = self._known
        if known is not None:
            found = known[i].get(id(b))
            if found is not None or (_oracle(b) and _oracle(self.q_core[i])):
                return found
        key = (i, id(b))
        try:
            return self._cache[key]
        except KeyError:
            pass
        a = self.q_core[i]
        memo = self._memo
        if memo is None or a is b:
            m = token_similarity(a, b)
        else:
            shared = (self._q_keys[i], id(b))  # type: ignore[index]
            found, m = memo.get(shared)
            if not found:
                m = token_similarity(a, b)
                memo.put(shared, m)
        self._cache[key] = m
        return m

    def _align(self, c_core: tuple[Token, ...], c_weights: list[float]) -> list[_Pair]:
        q_core = self.q_core
        nq, nc = len(q_core), len(c_core)
        cands = []
        for i in range(nq):
            for j in range(nc):
                m = self._sim(i, c_core[j])
                if m is not None:
                    cands.append((m.sim, -abs(i * nc - j * nq), i, j, m))
        cands.sort(key=lambda c: (c[0], c[1]), reverse=True)
        used_q: set[int] = set()
        used_c: set[int] = set()
        pairs: list[_Pair] = []
        for _sim, _, i, j, m in cands:
            if i in used_q or j in used_c:
                continue
            used_q.add(i)
            used_c.add(j)
            pairs.append(_Pair((i,), (j,), m, (self.q_weights[i] + c_weights[j]) / 2))
        if (
            len(used_q) < nq
            and len(used_c) < nc
            and self._merges_may_help(pairs, c_weights, used_q, used_c)
        ):
            pairs.extend(self._merges(c_core, c_weights, used_q, used_c))
        return pairs

    def _merges_may_help(
        self, pairs: list[_Pair], c_weights: list[float], used_q: set[int], used_c: set[int]
    ) -> bool:
        """Whether merging every leftover token could still lift the name to review level."""
        left = (
            sum(w for i, w in enumerate(self.q_weights) if i not in used_q)
            + sum(w for j, w in enumerate(c_weights) if j not in used_c)
        ) / 2
        matched = sum(p.mass * p.match.sim for p in pairs)
        mass = sum(p.mass for p in pairs)
        return (matched + left) / (mass + left) >= self.config.possible_threshold

    def _merges(
        self,
        c_core: tuple[Token, ...],
        c_weights: list[float],
        used_q: set[int],
        used_c: set[int],
    ) -> list[_Pair]:
        """Tokens split or run together: one leftover token against 2-3 adjacent leftovers."""
        out: list[_Pair] = []
        q_core = self.q_core
        for single_side, singles, multis, used_s, used_m in (
            ("q", q_core, c_core, used_q, used_c),
            ("c", c_core, q_core, used_c, used_q),
        ):
            runs = _free_runs(len(multis), used_m)
            if not runs:
                continue
            for s_idx, single in enumerate(singles):
                if s_idx in used_s or single.kind in (NUMBER, PARTICLE, TITLE):
                    continue
                for idxs in runs:
                    if any(k in used_m for k in idxs):
                        continue
                    parts = [multis[k] for k in idxs]
                    if not _merge_feasible(single, parts):
                        continue
                    m = _merge_match(single, parts)
                    if m is None:
                        continue
                    if single_side == "q":
                        mass = (self.q_weights[s_idx] + sum(c_weights[k] for k in idxs)) / 2
                        out.append(_Pair((s_idx,), idxs, m, mass))
                    else:
                        mass = (c_weights[s_idx] + sum(self.q_weights[k] for k in idxs)) / 2
                        out.append(_Pair(idxs, (s_idx,), m, mass))
                    used_s.add(s_idx)
                    used_m.update(idxs)
                    break
        out.extend(self._cross_script_pairs(c_core, c_weights, used_q, used_c))
        return out

    def _cross_script_pairs(
        self,
        c_core: tuple[Token, ...],
        c_weights: list[float],
        used_q: set[int],
        used_c: set[int],
    ) -> list[_Pair]:
        """Two adjacent words against two, across scripts: 正恩 is "Jong Un"."""
        q_core = self.q_core
        if not self._symbol_scripts and not any(t.script in SYMBOL_SCRIPTS for t in c_core):
            return []
        out: list[_Pair] = []
        for i in range(len(q_core) - 1):
            qi = (i, i + 1)
            if any(k in used_q for k in qi):
                continue
            q_syms = joined_symbols([q_core[i], q_core[i + 1]])
            if not q_syms:
                continue
            for j in range(len(c_core) - 1):
                ci = (j, j + 1)
                if any(k in used_c for k in ci) or q_core[i].script == c_core[j].script:
                    continue
                shared = set(q_syms).intersection(joined_symbols([c_core[j], c_core[j + 1]]))
                if shared:
                    shown_q = " + ".join(q_core[k].text for k in qi)
                    shown_c = " + ".join(c_core[k].text for k in ci)
                    m = TokenMatch(EQUIVALENT, "equivalent", shown_q, shown_c, 0, min(shared))
                    mass = (sum(self.q_weights[k] for k in qi) + sum(c_weights[k] for k in ci)) / 2
                    out.append(_Pair(qi, ci, m, mass))
                    used_q.update(qi)
                    used_c.update(ci)
                    break
        return out

    # -- name level ----------------------------------------------------------------------------

    def score(self, c_tokens: tuple[Token, ...], explain: bool = False) -> NameScore:
        """Score the query against one candidate name given as its full token sequence."""
        c_core = tuple([t for t in c_tokens if t.kind < STOP])  # (a list: no generator per row)
        if not c_core or not self.q_core:
            return NameScore(0.0, 0.0)
        result = self._token_score(c_tokens, c_core, explain)
        if self._could_be_acronym(c_core):
            acr = self._acronym_score(c_tokens, c_core, explain)
            if acr is not None and acr.score > result.score:
                return acr
        return result

    def _token_score(
        self, c_tokens: tuple[Token, ...], c_core: tuple[Token, ...], explain: bool
    ) -> NameScore:
        q_core = self.q_core
        c_weights = _weights(c_core)
        if len(q_core) == len(c_core) and all(
            a.text == b.text and a.native == b.native and a.kind == b.kind
            for a, b in zip(q_core, c_core, strict=True)
        ):
            pairs = [
                _Pair((i,), (i,), TokenMatch(1.0, "exact", a.text, a.text), self.q_weights[i])
                for i, a in enumerate(q_core)
            ]
        else:
            pairs = self._align(c_core, c_weights)
        if not pairs:
            return NameScore(0.0, 0.0)
        matched = sum(p.mass * p.match.sim for p in pairs)
        mass = sum(p.mass for p in pairs)
        used_q = {i for p in pairs for i in p.qi}
        used_c = {j for p in pairs for j in p.ci}
        left_q = [q_core[i] for i in range(len(q_core)) if i not in used_q]
        left_c = [c_core[j] for j in range(len(c_core)) if j not in used_c]
        penalties = self._penalties(left_q, left_c, explain)
        total_penalty = sum(p[0] for p in penalties)
        name_score = matched / (mass + total_penalty)
        if not explain and name_score + self.config.country_match_bonus < self._floor:
            return NameScore(round(name_score, 4), round(name_score, 4))  # cannot reach review

        caps: list[tuple[str, float, str]] = []
        # Name parts met: a merge counts each word it joins ("شمس ال دین" = "Shamsuddin" is
        # two), not the article or "bin" between them.
        # "Abd" is half of a compound name (Abd al-Qadir): it is no name part of its own.
        word_parts = sum(
            max(
                sum(1 for i in p.qi if _name_part(q_core[i])),
                sum(1 for j in p.ci if _name_part(c_core[j])),
            )
            for p in pairs
            if any(q_core[i].kind == WORD for i in p.qi)
            and any(c_core[j].kind == WORD for j in p.ci)
        )
        if not any(
            p.match.how not in ("initial", "initials")
            and all(q_core[i].kind != INITIAL for i in p.qi)
            for p in pairs
        ):
            caps.append(("initials_only", INITIALS_ONLY_CAP, "only initials met"))
        elif (
            self.mode == PERSON_MODE
            and word_parts <= 1
            and max(
                sum(1 for t in q_core if _name_part(t)), sum(1 for t in c_core if _name_part(t))
            )
            >= 2
        ):
            caps.append(
                ("single_name_part", name_score * SINGLE_PART_FACTOR, "only one name part met")
            )
        capped = name_score
        for _, value, _ in caps:
            capped = min(capped, value)

        qualifiers = self._qualifiers(pairs, c_tokens, c_core)
        score = max(0.0, min(1.0, capped + sum(q[1] for q in qualifiers)))
        features: tuple[Feature, ...] = ()
        if explain:
            features = self._explain_tokens(
                pairs, c_core, penalties, matched, mass + total_penalty, caps, name_score
            )
            features += tuple(Feature(n, round(w, 4), d) for n, w, d in qualifiers)
            features += legal_features(self.query.tokens, c_tokens)
        return NameScore(round(score, 4), round(capped, 4), features)

    def _penalties(
        self, left_q: list[Token], left_c: list[Token], explain: bool
    ) -> list[tuple[float, str, str]]:
        """(cost, feature name, detail) for every token that met nothing (details if asked)."""
        out: list[tuple[float, str, str]] = []
        paired: set[int] = set()
        nums_q = [t for t in left_q if t.kind == NUMBER]
        nums_c = [t for t in left_c if t.kind == NUMBER]
        for a, b in zip(nums_q, nums_c, strict=False):
            paired.update((id(a), id(b)))
            cost = NUMBER_MISMATCH_COST * KIND_WEIGHTS[NUMBER]
            out.append((cost, "number_mismatch", f"'{a.text}' vs '{b.text}'" if explain else ""))
        subs_q = sorted(
            (t for t in left_q if t.kind in _SUBSTITUTABLE), key=lambda t: -KIND_WEIGHTS[t.kind]
        )
        subs_c = sorted(
            (t for t in left_c if t.kind in _SUBSTITUTABLE), key=lambda t: -KIND_WEIGHTS[t.kind]
        )
        for a, b in zip(subs_q, subs_c, strict=False):
            paired.update((id(a), id(b)))
            cost = SUBSTITUTION_COST * (KIND_WEIGHTS[a.kind] + KIND_WEIGHTS[b.kind]) / 2
            if a.vowel_losing != b.vowel_losing and a.script != b.script:
                # A vowel-less word and a Latin spelling that did not meet may still be one
                # name spelled by an unusual convention (صلاح as "Shalah"): a weaker
                # contradiction than two Latin words that differ.
                cost *= CROSS_SCRIPT_SUBSTITUTION
            detail = f"'{shown(a)}' vs '{shown(b)}'" if explain else ""
            out.append((cost, "token_mismatch", detail))
        om = OMISSION_COST[self.mode]
        for side, tokens in (("query", left_q), ("list name", left_c)):
            dropped = 0
            for t in tokens:
                cost = om * KIND_WEIGHTS[t.kind]
                if cost and id(t) not in paired:
                    if self.mode == PERSON_MODE and side == "query" and _name_part(t):
                        # One name part of the query left out is usual (a middle name, a
                        # grandfather in a chain); each further one says more that this is
                        # someone else who shares a common part or two ("Ali Hussein" for
                        # "Ali Saddam Hussein al-Tikriti"). Lists often give a longer chain
                        # than the papers screened: parts only in the list name do not add up.
                        dropped += 1
                        cost *= dropped

                    detail = (
                        f"'{shown(t)}' ({KIND_NAMES[t.kind]}) only in the {side}" if explain else ""
                    )
                    out.append((cost, "extra_token", detail))
        return out

    def _lineage(self, pairs: list[_Pair], c_core: tuple[Token, ...]) -> str:
        """In an Arabic name chain (own name, father's, grandfather's, family), a name that is
        the other without its first given name names the father: "Uday Saddam Hussein
        al-Tikriti" is not "Saddam Hussein al-Tikriti". Returns the reason, or ""."""
        q_core = self.q_core
        if self.mode != PERSON_MODE or not (_arabic_chain(q_core) or _arabic_chain(c_core)):
            return ""
        words = [p for p in pairs if len(p.qi) == 1 and len(p.ci) == 1]
        met = {(p.qi[0], p.ci[0]) for p in words}
        used_q = {i for p in pairs for i in p.qi}
        used_c = {j for p in pairs for j in p.ci}
        if len(words) < 2:
            return ""
        for longer, used, first, side in (
            (q_core, used_q, (1, 0), "query"),
            (c_core, used_c, (0, 1), "list name"),
        ):
            if 0 in used or longer[0].kind != WORD or first not in met:
                continue
            return (
                f"'{shown(longer[0])}' begins the {side} and the other name goes on from the "
                "next word: one may be the parent of the other"
            )
        return ""

    def _qualifiers(
        self, pairs: list[_Pair], c_tokens: tuple[Token, ...], c_core: tuple[Token, ...]
    ) -> list[tuple[str, float, str]]:
        cfg = self.config
        out: list[tuple[str, float, str]] = []
        q_core = self.q_core
        # Word order: distinctive words met in a different order.
        order = sorted(
            (p.qi[0], p.ci[0]) for p in pairs if q_core[p.qi[0]].kind == WORD and len(p.qi) == 1
        )
        inversions = sum(
            1
            for x in range(len(order))
            for y in range(x + 1, len(order))
            if order[x][1] > order[y][1]
        )
        if inversions and cfg.word_order_penalty:
            out.append(("word_order", -cfg.word_order_penalty, "the words met in another order"))
        # "X bin Y" vs "Y bin X": the father's name is swapped.
        swap = self._patronymic_swap(pairs, c_core)
        if swap:
            out.append(("patronymic_swap", -cfg.patronymic_swap_penalty, swap))
        missing = self._lineage(pairs, c_core)
        if missing:
            out.append(("given_name_missing", -cfg.given_name_missing_penalty, missing))
        # Legal forms of different classes (an AG is not a GmbH).
        q_legal = {t.legal for t in self.query.tokens if t.kind == LEGAL and t.legal}
        c_legal = {t.legal for t in c_tokens if t.kind == LEGAL and t.legal}
        if q_legal and c_legal and not (q_legal & c_legal):
            out.append(
                (
                    "legal_form_mismatch",
                    -cfg.legal_form_mismatch_penalty,
                    f"legal forms differ ({'/'.join(sorted(q_legal))} vs {'/'.join(sorted(c_legal))})",
                )
            )
        return out

    def _patronymic_swap(self, pairs: list[_Pair], c_core: tuple[Token, ...]) -> str:
        def after_particle(core: tuple[Token, ...]) -> int:
            for k, t in enumerate(core[:-1]):
                if t.flags & PATRONYMIC and k > 0:
                    return k + 1
            return -1

        qa, ca = after_particle(self.q_core), after_particle(c_core)
        if qa < 0 or ca < 0:
            return ""
        q_to_c = {p.qi[0]: p.ci[0] for p in pairs if len(p.qi) == 1 and len(p.ci) == 1}
        father_in_c = q_to_c.get(qa)
        if father_in_c is None or father_in_c == ca:
            return ""
        c_to_q = {v: k for k, v in q_to_c.items()}
        son_in_q = c_to_q.get(ca)
        if son_in_q is not None and son_in_q < qa - 1:
            return (
                f"'{self.q_core[qa].text}' follows '{self.q_core[qa - 1].text}' in the query "
                f"but not in the list name: father and son swapped"
            )
        return ""

    # -- acronyms ------------------------------------------------------------------------------

    def _could_be_acronym(self, c_core: tuple[Token, ...]) -> bool:
        if self.mode == PERSON_MODE:
            return False  # people are not abbreviated ("FAIZ" is no "Faina Zuyev")
        if self._q_acronym is not None and len(c_core) >= 2:
            return True
        return len(self.q_core) >= 2 and _acronym_candidate(c_core) is not None

    def _acronym_score(
        self, c_tokens: tuple[Token, ...], c_core: tuple[Token, ...], explain: bool
    ) -> NameScore | None:
        best: NameScore | None = None
        for short_core, long_tokens, side in (
            (self.q_core, c_tokens, "query"),
            (c_core, self.query.tokens, "list name"),
        ):
            found = _acronym_candidate(short_core)
            if found is None:
                continue
            acronym, others = found
            m = match_acronym(acronym.text, long_tokens)
            if m is None:
                continue
            om = OMISSION_COST[self.mode]
            extra = sum(om * KIND_WEIGHTS[t.kind] for t in others)
            score = m.sim / (1.0 + extra)
            if best is not None and score <= best.score:
                continue
            features: tuple[Feature, ...] = ()
            if explain:
                features = (
                    Feature(
                        "acronym",
                        round(score, 4),
                        f"'{acronym.text.upper()}' in the {side} abbreviates '{m.expansion}'",
                    ),
                    *(
                        Feature("extra_token", 0.0, f"'{shown(t)}' only in the {side}")
                        for t in others
                    ),
                    *legal_features(self.query.tokens, c_tokens),
                )
            best = NameScore(round(score, 4), round(score, 4), features, how="acronym")
        return best

    # -- explanation ---------------------------------------------------------------------------

    def _explain_tokens(
        self,
        pairs: list[_Pair],
        c_core: tuple[Token, ...],
        penalties: list[tuple[float, str, str]],
        matched: float,
        denominator: float,
        caps: list[tuple[str, float, str]],
        name_score: float,
    ) -> tuple[Feature, ...]:
        out: list[Feature] = []
        q_core = self.q_core
        for p in sorted(pairs, key=lambda p: p.qi):
            qs = [q_core[i] for i in p.qi]
            cs = [c_core[j] for j in p.ci]
            share = p.mass * p.match.sim / denominator
            out.append(
                Feature(FEATURE_NAMES[p.match.how], round(share, 4), pair_detail(p.match, qs, cs))
            )
        for cost, name, detail in penalties:
            marginal = matched / (denominator - cost) - matched / denominator
            out.append(Feature(name, -round(marginal, 4), detail))
        for name, value, detail in caps:
            if value < name_score:
                out.append(Feature(name, -round(name_score - value, 4), detail))
        glossed = [
            t
            for p in pairs
            if p.match.how == "glossary"
            for t in (*(q_core[i] for i in p.qi), *(c_core[j] for j in p.ci))
        ]
        return tuple(out) + gloss_sources(glossed)


def _acronym_candidate(core: tuple[Token, ...]) -> tuple[Token, list[Token]] | None:
    """The one word of a name that may be an acronym, and the other (qualifying) tokens."""
    words = [t for t in core if t.kind == WORD]
    if len(words) != 1 or not looks_like_acronym(words[0]):
        return None
    others = [t for t in core if t is not words[0]]
    if any(t.kind == WORD for t in others):
        return None
    return words[0], others


def score_pair(
    name1: str,
    name2: str,
    schema: str | None = None,
    config: ScreeningConfig | None = None,
) -> tuple[float, tuple[Feature, ...]]:
    """Score two names the way :meth:`ScreeningIndex.screen` scores a query against a list name.

    ``name1`` plays the query, ``name2`` the list name. Returns the calibrated score (0..1)
    and the features that moved it.
    """
    config = config or ScreeningConfig()
    q = prepare_name(name1, schema, config.max_name_length)
    c = prepare_name(name2, schema, config.max_name_length)
    result = PairScorer(q, name_mode(schema), config).score(c.tokens, explain=True)
    return result.score, result.features
