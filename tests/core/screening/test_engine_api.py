"""The public API of the screening engine: score_pair, name_variants, screen_many, config."""

from __future__ import annotations

import pytest

from catchall.core.model import ScreeningQuery
from catchall.core.screening import (
    ScreeningConfig,
    ScreeningIndex,
    name_variants,
    score_pair,
)
from tests.core.screening.engine_lists import ENTITIES, synthetic_people


def test_score_pair_scores_as_screen_does():
    index = ScreeningIndex.build(ENTITIES)
    for name in ("Jon Smith", "Smith John", "John Smithson"):
        score, features = score_pair(name, "John Smith", "Person")
        result = index.screen(ScreeningQuery(name=name, schema="Person"))
        hit = next((m for m in result.matches if m.entity_id == "smith"), None)
        if hit is None:
            assert score < index.config.possible_threshold
        else:
            assert hit.score == pytest.approx(score)
        assert all(f.detail for f in features)


def test_short_token_typo_scores_better_than_logic_v2s_half():
    score, features = score_pair("Jon Smith", "John Smith", "Person")
    assert score >= 0.85  # nomenklatura logic-v2 gives 0.5: no fuzzy budget for "Jon"
    assert any(f.name == "fuzzy_token_match" and "1 edit" in f.detail for f in features)


def test_unrelated_names_score_low():
    assert score_pair("Olaf Scholz", "Octavian Scholz", "Person")[0] < 0.6
    assert score_pair("Deutsche Bank", "Volkswagen", "Company")[0] == 0.0


def test_name_variants_show_the_transliterations_and_the_glossary_reading():
    variants = name_variants("گروه صنعتی شهید همت")
    kinds = {v.kind: v for v in variants}
    assert kinds["original"].text == "گروه صنعتی شهید همت"
    assert kinds["transliteration"].text == "grwh snty shhyd hmt"
    assert kinds["glossary"].text == "group industrial shahid hmt"
    assert "Aryanpur" in kinds["glossary"].detail
    korean = {v.kind: v.text for v in name_variants("김정은", "Person")}
    assert korean["transliteration"] == "gim jeong eun"
    assert korean["spelling"] == "kim jong un"


def test_name_variants_show_the_name_without_legal_forms():
    variants = {v.kind: v for v in name_variants("Precision Tools Hadley GmbH")}
    assert variants["without legal forms"].text == "precision tools hadley"
    assert "gmbh" in variants["without legal forms"].detail


def test_screen_many_in_two_processes_gives_the_same_results_as_one():
    index = ScreeningIndex.build([*ENTITIES, *synthetic_people(500)])
    queries = [ScreeningQuery(name=e.name, schema=e.schema) for e in ENTITIES] * 10
    queries += [ScreeningQuery(name="Nobody Atall")] * 10
    one = index.screen_many(queries, workers=1)
    two = index.screen_many(queries, workers=2)
    assert [(r.decision, [m.entity_id for m in r.matches]) for r in one] == [
        (r.decision, [m.entity_id for m in r.matches]) for r in two
    ]


def test_limit_and_thresholds_are_configuration():
    strict = ScreeningConfig(match_threshold=0.99, possible_threshold=0.95, limit=1)
    index = ScreeningIndex.build(ENTITIES, strict)
    result = index.screen(ScreeningQuery(name="Jon Smith", schema="Person"))
    assert result.decision == "clear"
    result = index.screen(ScreeningQuery(name="Jordan Sterling"))
    assert len(result.matches) == 1
    result = index.screen(ScreeningQuery(name="Jordan Sterling"), limit=5)
    assert len(result.matches) == 2
    with pytest.raises(ValueError):
        ScreeningConfig(match_threshold=0.5, possible_threshold=0.7)


def test_build_reports_progress():
    seen: list[int] = []
    ScreeningIndex.build(synthetic_people(25_000), progress=seen.append)
    assert seen[:2] == [10_000, 20_000] and seen[-1] == 25_000


def test_name_written_in_kanji_or_greek_meets_its_latin_form_by_a_shared_name_item():
    # Transliteration reads 山田太郎 as Chinese ("shan tian tai lang"); rigour's name symbols
    # (Wikidata) know 山田 = Yamada and 太郎 = Taro. Loads the symbol table: a few seconds.
    score, features = score_pair("山田太郎", "Yamada Taro", "Person")
    assert score >= 0.8
    assert any(f.name == "name_equivalent" and "Wikidata" in f.detail for f in features)
    assert score_pair("Αλέξανδρος", "Alexander", "Person")[0] >= 0.8
    assert score_pair("山田太郎", "Tanaka Hanako", "Person")[0] < 0.5


PAIRS = [
    ("JC Juncker", "Jean-Claude Juncker"),
    ("Jean-Claude Juncker", "JC Juncker"),
    ("Ramimakhlouf", "Rami Makhlouf"),
    ("Rami Makhlouf", "RamiMakhlouf"),
    ("'Abd al-Aziz al-Nuristani", "Abdul Aziz Nooristani"),
    ("Abdul Aziz Nooristani", "'Abd al-Aziz al-Nuristani"),
    ("Vladimir Putin", "Vladimir Vladimirovich Putin"),
    ("Alexandr Lukashnko", "Alexander Lukashenko"),
    ("Nikolai Patr ushev", "Nikolai Platonovich Patrushev"),
    ("Kim Jong-uun", "Kim Jong-un"),
    ("van der bilt corp", "vanderbilt corp"),
    ("Barack Obama", "Барак Хусеин Обама"),
]


@pytest.mark.parametrize(("query", "listed"), PAIRS)
def test_words_run_together_split_or_abbreviated_are_found_by_the_index(query, listed):
    """The index finds what score_pair scores: merges and initials are not lost in retrieval."""
    from catchall.core.model import ListEntity

    entities = [ListEntity("target", "Person", listed, "l"), *synthetic_people(2000)]
    index = ScreeningIndex.build(entities)
    score, _ = score_pair(query, listed, "Person")
    result = index.screen(ScreeningQuery(name=query, schema="Person"))
    hit = next((m for m in result.matches if m.entity_id == "target"), None)
    assert score >= index.config.possible_threshold
    assert hit is not None and hit.score == pytest.approx(score)
