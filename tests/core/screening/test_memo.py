"""The index's per-word memo tables (core/screening/memo.py) give what a fresh computation
gives, stay within their caps, and belong to one index: a rebuilt index starts afresh."""

from __future__ import annotations

import pytest

from catchall.core.errors import InputError
from catchall.core.model import ListEntity, ScreeningQuery
from catchall.core.screening import ScreeningIndex
from catchall.core.screening.memo import BoundedMemo
from catchall.core.screening.prepare import name_mode, prepare_name
from catchall.core.screening.scoring import PairScorer
from tests.core.screening.engine_lists import ENTITIES, synthetic_people

PEOPLE = synthetic_people(1500, seed=5)
INDEX = ScreeningIndex.build([*ENTITIES, *PEOPLE])
WORDS = sorted({w for e in PEOPLE[:200] for w in e.name.split()})


def core_tokens(name: str):
    return prepare_name(name, "Person", 200).core


def test_a_memoised_expansion_equals_a_fresh_search():
    for word in WORDS[:120]:
        for token in core_tokens(word):
            first = INDEX._expand(token)
            again = INDEX._expand(token)  # from the memo
            assert again is first
            assert again == INDEX._search_expansion(token)


def test_a_word_spelled_the_same_in_another_query_finds_the_memoised_expansion():
    (a,) = core_tokens("Hassan")
    (b,) = prepare_name("Ali Hassan", "Person", 200).core[1:]
    INDEX._expand(a)
    hits = INDEX._expansions.hits
    assert INDEX._expand(b) == INDEX._search_expansion(b)
    assert INDEX._expansions.hits == hits + 1


def test_pair_similarities_kept_across_queries_score_as_fresh_ones():
    rows = range(min(INDEX.name_count, 400))
    names = ["Ali Hassan", WORDS[3] + " " + WORDS[40], "Мухаммад Хасан", "محمد حسن", "Kim Jong Un"]
    for name in names * 2:  # the second time from the memo
        prepared = prepare_name(name, "Person", 200)
        mode = name_mode("Person")
        memoised = INDEX._scorer(ScreeningQuery(name=name, schema="Person"), prepared, mode)
        fresh = PairScorer(prepared, memoised.mode, INDEX.config)  # no index help at all
        for row in rows:
            tokens = INDEX.row_tokens(row)
            assert memoised.score(tokens) == fresh.score(tokens)
    assert len(INDEX._pair_sims) > 0


def test_the_memo_keeps_the_most_recently_used_within_both_caps():
    memo: BoundedMemo[str] = BoundedMemo(max_entries=3, max_weight=10)
    for key in "abc":
        memo.put(key, key.upper(), weight=2)
    assert memo.get("a") == (True, "A")  # now the most recent
    memo.put("d", "D", weight=2)  # four entries: the least recent ("b") goes
    assert "b" not in memo and len(memo) == 3
    memo.put("e", "E", weight=7)  # four entries, weight 13: "c" goes, then "a" (weight 11)
    assert "c" not in memo and "a" not in memo and memo.weight <= 10
    assert memo.get("e") == (True, "E") and memo.get("d") == (True, "D")
    memo.put("huge", "H", weight=11)  # heavier than the whole cap: not kept
    assert "huge" not in memo and memo.get("huge") == (False, None)


def test_the_index_expansion_memo_stays_bounded():
    index = ScreeningIndex.build(PEOPLE[:600])
    index._expansions = BoundedMemo(max_entries=25, max_weight=200)
    for word in WORDS:
        for token in core_tokens(word):
            assert index._expand(token) == index._search_expansion(token)
    assert len(index._expansions) <= 25 and index._expansions.weight <= 200


def test_a_rebuilt_index_does_not_see_the_old_memo():
    old = ScreeningIndex.build([ListEntity(id="1", schema="Person", name="Jon Smith")])
    new = ScreeningIndex.build([ListEntity(id="2", schema="Person", name="John Smyth")])
    (token,) = core_tokens("John")
    before = old._expand(token)
    assert len(new._expansions) == 0
    after = new._expand(token)
    assert {m.right for m in after.values()} == {"john"}
    assert {m.right for m in before.values()} == {"jon"}
    assert new.screen(ScreeningQuery(name="John Smyth")).matches[0].entity_id == "2"


def test_a_batch_screens_a_repeated_query_once_and_answers_each_with_its_own_query():
    names = [e.name for e in PEOPLE[:40]]
    queries = [ScreeningQuery(name=n, id=f"q{i}") for i, n in enumerate(names * 3)]
    before = INDEX.scored_rows
    results = INDEX.screen_many(queries)
    once = INDEX.scored_rows - before
    fresh = ScreeningIndex.build([*ENTITIES, *PEOPLE])
    for q, result in zip(queries, results, strict=True):
        assert result.query is q
        assert result == fresh.screen(q)
    before = INDEX.scored_rows
    INDEX.screen_many(queries[:40])
    assert INDEX.scored_rows - before == once  # the repeats cost nothing


def test_a_bad_repeated_query_is_reported_at_its_first_position():
    queries = [ScreeningQuery(name="Ali Hassan"), ScreeningQuery(name="Ali", schema="Ship")] * 2
    with pytest.raises(InputError) as caught:
        INDEX.screen_many(queries)
    assert "queries[1]" in str(caught.value)
