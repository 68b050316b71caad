"""The fast candidate stage (numpy, core/screening/ranking.py) gives exactly what the
reference loops give: the same rows in the same order, so the same results and decisions."""

from __future__ import annotations

import random
from collections import Counter

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from catchall.core.model import ScreeningQuery
from catchall.core.screening import ScreeningConfig, ScreeningIndex, ranking
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


@given(st.dictionaries(st.integers(0, 10**6), st.integers(1, 4)))
def test_most_common_keeps_the_counters_order_among_ties(counts):
    counter = Counter(counts)
    for cap in (1, 3, 40):
        assert ranking.most_common(counter, cap) == {r for r, _ in counter.most_common(cap)}


@given(st.sets(st.integers(0, 999)), st.integers(1, 50))
def test_shortest_keeps_set_order_among_equal_sizes(rows, k):
    sizes = np.array([random.Random(r).randint(0, 3) for r in range(1000)], dtype=np.uint8)
    assert ranking.shortest(rows, sizes, k) == sorted(rows, key=sizes.__getitem__)[:k]


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
    found = ranking.member(rows, candidates, candidates.tolist(), INDEX)
    assert found.tolist() == [row in rows for row in range(INDEX.name_count)]
    assert 0 < found.sum() < INDEX.name_count
