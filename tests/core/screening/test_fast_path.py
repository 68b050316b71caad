"""The fast candidate stage (numpy, core/screening/ranking.py) gives exactly what the
reference loops give: the same rows in the same order, so the same results and decisions,
and both break ties among equally good rows by row number, never by the order of a set."""

from __future__ import annotations

from collections import Counter

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from catchall.core.model import ListEntity, ScreeningQuery
from catchall.core.screening import ScreeningConfig, ScreeningIndex, ranking
from catchall.core.screening import index as index_module
from catchall.core.screening.prepare import prepare_name
from tests.core.screening.engine_lists import ENTITIES, synthetic_people

# Few candidates scored, so that thinning and the one-word ranking happen on a small index.
CONFIG = ScreeningConfig(max_candidates=3)
PEOPLE = synthetic_people(3000, seed=11)
INDEX = ScreeningIndex.build([*ENTITIES, *PEOPLE], CONFIG)
PARTS = sorted({w for e in PEOPLE for w in e.name.split()})


def both(query: ScreeningQuery):
    INDEX.fast = False
    reference = INDEX.screen(query)
    INDEX.fast = True
    return reference, INDEX.screen(query)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PARTS), min_size=1, max_size=3), st.sampled_from([None, "Person"]))
def test_fast_and_reference_paths_give_the_same_results(words, schema):
    reference, fast = both(ScreeningQuery(name=" ".join(words), schema=schema))
    assert fast == reference


def test_the_paths_agree_where_thinning_and_one_word_ranking_happen():
    """The fixture queries reach every branch: too many candidates (thinned), one telling
    word (the shortest rows), common words tested row by row, and a real match."""
    queries = [ScreeningQuery(name=e.name, schema="Person") for e in PEOPLE[:40]] + [
        ScreeningQuery(name=name)
        for name in ("Shahid Hemmat", "SHIG", "Kavi", "Kavi Rimo", "Ka Ri", "Mohammad Ali")
    ]
    thinned = 0
    for query in queries:
        reference, fast = both(query)
        assert fast == reference, query.name
        core = prepare_name(query.name, query.schema).core
        thinned += INDEX.last_stats.candidates > CONFIG.max_candidates * 10 and len(core) > 1
    assert thinned  # the thinning branch was exercised
    assert any(r.decision == "match" for r in (INDEX.screen(q) for q in queries))


def test_screen_many_is_in_input_order_on_both_paths():
    queries = [ScreeningQuery(name=e.name, schema="Person") for e in PEOPLE[:80]]
    INDEX.fast = False
    reference = INDEX.screen_many(queries)
    INDEX.fast = True
    assert INDEX.screen_many(queries, workers=2) == reference
    assert [r.query for r in reference] == queries


def test_a_common_words_rows_are_found_on_each_rows_own_tokens():
    """Rows of words too common to collect (_RowsWith): the array test answers as ``in``."""
    from catchall.core.screening.index import _RowsWith

    rows = _RowsWith(INDEX, frozenset(range(0, INDEX.token_count, 7)), 0)
    candidates = np.arange(INDEX.name_count, dtype=np.int64)
    found = ranking.member(rows, candidates, INDEX)
    assert found.tolist() == [row in rows for row in range(INDEX.name_count)]
    assert 0 < found.sum() < INDEX.name_count


@given(st.lists(st.lists(st.integers(0, 300), max_size=60), max_size=5))
def test_row_array_helpers_answer_as_python_sets(groups):
    arrays = [np.unique(np.array(g, dtype=np.int64)) for g in groups]
    union = set().union(*map(set, groups))
    assert ranking._union(arrays).tolist() == sorted(union)
    flat = np.array([r for g in arrays for r in g.tolist()], dtype=np.int64)
    rows, counts = ranking.unique_counts(flat)
    expected = Counter(flat.tolist())
    assert dict(zip(rows.tolist(), counts.tolist(), strict=True)) == expected
    assert rows.tolist() == sorted(expected)
    probe = np.arange(-2, 305, dtype=np.int64)
    for arr in arrays:
        assert ranking.contains(arr, probe).tolist() == [r in set(arr.tolist()) for r in probe]


@given(st.dictionaries(st.integers(0, 10**5), st.integers(1, 4), max_size=80), st.integers(1, 40))
def test_thinning_keeps_the_most_met_rows_and_the_lower_rows_among_ties(counts, cap):
    """The reference's choice depends on the counts only, not on how its sets were built
    (the order of a set of integers changes with its size and history)."""
    rows = list(counts)
    sets = [(1.0, 1.0, {r for r in rows if counts[r] > k}) for k in range(4)]
    shuffled = [(1.0, 1.0, set(reversed(sorted(s)))) for _, _, s in sets]
    grown = [(1.0, 1.0, set(range(10**6, 10**6 + 5000)) | s) for _, _, s in sets]
    for s in grown:
        s[2].difference_update(range(10**6, 10**6 + 5000))
    expected = set(sorted(rows, key=lambda r: (-counts[r], r))[:cap])
    for variant in (sets, shuffled, grown):
        keep, _ = ScreeningIndex._thin(set(rows), set(), variant, cap)
        assert keep == expected


# Many rows exactly alike: every blocking count and size ties.
TWINS = [
    ListEntity(id=f"twin-{i}", schema="Person", name=name, list_name="twins")
    for i in range(120)
    for name in ("Kavira Montesol", "Kavira Montesol Dunbarrow")
]
TWIN_INDEX = ScreeningIndex.build([*PEOPLE[:500], *TWINS], CONFIG)


def test_ties_are_broken_by_row_on_both_paths():
    """Thinning (240 rows meet both words; 30 are kept) and the one-word ranking (the 12
    shortest rows of one telling word, out of 240 of two sizes) keep the lowest rows among
    equals, on both paths."""
    twin_rows = [r for r in range(TWIN_INDEX.name_count) if TWIN_INDEX._row_entity[r] >= 500]
    shorter = [r for r in twin_rows if TWIN_INDEX._row_nsub[r] == 2]
    assert len(twin_rows) == 240 and len(shorter) == 120
    limit = CONFIG.max_candidates
    for name, kept in (
        ("Kavira Montesol", twin_rows[: limit * 10]),
        ("Montesol", shorter[: limit * 4]),
    ):
        prepared = prepare_name(name, "Person")
        core = [t for t in prepared.core if t.kind in index_module._VOTING]
        cand, special, *_ = ranking.candidates(TWIN_INDEX, prepared, core)
        assert cand.tolist() == kept
        assert not len(special)
        results = []
        for fast in (False, True):
            TWIN_INDEX.fast = fast
            results.append(TWIN_INDEX._candidates(prepared))
            results.append(TWIN_INDEX.screen(ScreeningQuery(name=name, schema="Person")))
        assert results[:2] == results[2:]
        assert results[1].matches[0].name == name or name == "Montesol"


# Names in several scripts, organisations with acronyms, and the synthetic people: queries
# mixing their words (with typos) reach the special rows, abjad and cross-script retrieval.
MIXED = [
    ListEntity(
        id=f"mixed-{i}",
        schema=schema,
        name=name,
        list_name="mixed",
        aliases=aliases,
    )
    for i, (schema, name, aliases) in enumerate(
        [
            ("Person", "Mohammad Ali Hosseini", ("محمد علی حسینی",)),
            ("Person", "Nour al-Din Zaki", ("نور الدين زكي",)),
            ("Person", "Hidayatullah Karimi", ()),
            ("Person", "Wang Xiaoming", ("王小明",)),
            ("Person", "Yamada Taro", ("山田 太郎",)),
            ("Person", "Kim Minjun", ("김민준",)),
            ("Person", "Sergei Ivanovich Petrov", ("Сергей Иванович Петров",)),
            ("Organization", "Van der Bilt Trading Company", ("VBTC",)),
        ]
    )
]
MIXED_INDEX = ScreeningIndex.build([*ENTITIES, *MIXED, *PEOPLE[:1500]], CONFIG)
WORDS = sorted(
    {w for e in (*ENTITIES, *MIXED) for n in (e.name, *e.aliases) for w in n.split()}
    | {"محمد", "هدایت الله", "Vanderbilt", "Hosseyni", "Mohamad", "Petrof", "SHIG", "Xiao Ming"}
    | set(PARTS[::40])
)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=4),
    st.sampled_from([None, "Person", "Organization", "Company"]),
    st.integers(0, 5),
)
def test_the_paths_agree_on_names_in_several_scripts(words, schema, typo):
    if typo and len(words[0]) > 4:  # a dropped letter in the first word
        words = [words[0][:typo] + words[0][typo + 1 :], *words[1:]]
    query = ScreeningQuery(name=" ".join(words), schema=schema)
    results = []
    for fast in (False, True):
        MIXED_INDEX.fast = fast
        results.append((MIXED_INDEX.screen(query), MIXED_INDEX.last_stats))
    assert results[0] == results[1]


def test_a_name_on_several_lists_is_scored_once_per_query(monkeypatch):
    from catchall.core.screening.scoring import PairScorer

    lists = ("un", "eu", "uk", "ofac")
    entities = [
        ListEntity(id=f"{x}-1", schema="Person", name="Abdul Basir Noorzai", list_name=x)
        for x in lists
    ]
    entities.append(ListEntity(id="other", schema="Person", name="Abdul Basir", list_name="un"))
    index = ScreeningIndex.build([*entities, *synthetic_people(300)])
    calls = []
    score = PairScorer.score

    def counted(self, c_tokens, explain=False):
        if not explain:
            calls.append(tuple(t.text for t in c_tokens))
        return score(self, c_tokens, explain)

    monkeypatch.setattr(PairScorer, "score", counted)
    result = index.screen(ScreeningQuery(name="Abdul Basir Nurzai"))
    assert calls and len(calls) == len(set(calls))  # each distinct name scored once
    listed = [m for m in result.matches if m.entity_id.endswith("-1")]
    assert {m.list for m in listed} == set(lists)
    assert len({m.score for m in listed}) == 1 and len({m.rank for m in listed}) == 1


def _typo_search_by_definition(index: ScreeningIndex, form: str, chunk: int) -> set[str]:
    """What the typo search must find: vocabulary spellings within the budget that share the
    first piece (or the last), among the first ``chunk`` of the sorted words sharing it."""
    from rapidfuzz.distance import OSA

    from catchall.core.screening.similarity import edit_budget, intact_piece

    lengths = [n for n in range(len(form), len(form) + 3) if edit_budget(n)]
    if not lengths:
        return set()
    budget = edit_budget(lengths[-1])
    size = min(intact_piece(n) for n in lengths)
    found = set()
    for table, word in ((index._sorted_forms, form), (index._sorted_reversed, form[::-1])):
        sharing = [w for w in table if w.startswith(word[:size])][:chunk]
        for w in sharing:
            if OSA.distance(word, w) <= budget:
                found.add(w if table is index._sorted_forms else w[::-1])
    return found


@settings(max_examples=120, deadline=None)
@given(
    st.sampled_from(PARTS),
    st.integers(min_value=0, max_value=8),
    st.sampled_from("aeiouxyz"),
    st.sampled_from([5000, 40, 3]),
)
def test_the_typo_search_by_word_length_finds_what_the_definition_finds(word, at, letter, chunk):
    """The search looks only at words of lengths in reach; it must find the same spellings
    as measuring every word that shares the piece, also where a piece is shared by more
    words than are searched (the first ones in sorted order, whatever their length)."""
    form = word.lower()
    form = form[:at] + letter + form[at + 1 :]  # a typo, or a letter more at the end
    saved = index_module._FUZZY_CHUNK
    index_module._FUZZY_CHUNK = chunk
    try:
        found = set(INDEX._search_fuzzy(form))
    finally:
        index_module._FUZZY_CHUNK = saved
    assert found == _typo_search_by_definition(INDEX, form, chunk)


def test_a_large_index_is_hidden_from_the_garbage_collector(monkeypatch):
    import gc

    before = gc.get_freeze_count()
    monkeypatch.setattr(index_module, "_FREEZE_ROWS", 10_000_000)
    ScreeningIndex.build(synthetic_people(200))
    assert gc.get_freeze_count() == before  # a small index is left to the collector
    monkeypatch.setattr(index_module, "_FREEZE_ROWS", 100)
    try:
        people = synthetic_people(200)
        index = ScreeningIndex.build(people)
        assert gc.get_freeze_count() > before
        assert index.screen(ScreeningQuery(name=people[0].name)).decision == "match"
    finally:
        gc.unfreeze()
