"""One test per failure mode of name screening: each asserts what a user would see (the
decision and the list name or alias that was met), not the engine's internals."""

from __future__ import annotations

import pytest

from catchall.core.model import ScreeningQuery
from catchall.core.screening import ScreeningIndex
from tests.core.screening.engine_lists import ENTITIES, synthetic_people


@pytest.fixture(scope="module")
def index() -> ScreeningIndex:
    return ScreeningIndex.build(ENTITIES)


def top(index: ScreeningIndex, name: str, **kw):
    result = index.screen(ScreeningQuery(name=name, **kw))
    return result, (result.matches[0] if result.matches else None)


def feature_names(match) -> set[str]:
    return {f.name for f in match.features}


# --- characters ----------------------------------------------------------------------------


def test_homoglyph_cyrillic_letter_inside_latin_name_does_not_hide_the_entity(index):
    result, m = top(index, "Shаhid Hemmat Industrial Group")  # Cyrillic "а"
    assert result.decision == "match"
    assert m.entity_id == "shig" and m.matched_name == "SHAHID HEMMAT INDUSTRIAL GROUP"
    assert "homoglyph_folded" in feature_names(m)


def test_zero_width_and_bidi_characters_do_not_hide_the_entity(index):
    result, m = top(index, "Sha\u200bhid He\u200dmmat\u202e Industrial\ufeff Group")
    assert result.decision == "match"
    assert m.entity_id == "shig"
    assert "invisible_removed" in feature_names(m)


# --- words ---------------------------------------------------------------------------------


def test_word_order_reversed_still_matches(index):
    result, m = top(index, "Industrial Group Hemmat Shahid")
    assert result.decision == "match"
    assert m.entity_id == "shig"


def test_family_name_first_with_comma_still_matches_the_person(index):
    result, m = top(index, "PUTIN, Vladimir", schema="Person")
    assert result.decision == "match"
    assert m.entity_id == "putin"


def test_legal_form_added_or_changed_does_not_decide_the_match(index):
    for name in (
        "Precision Tools Hadley",
        "Precision Tools Hadley LLC",
        "Precision Tools Hadley Co., Ltd.",
    ):
        result, m = top(index, name, schema="Company")
        assert result.decision == "match", name
        assert m.entity_id == "tools"
    assert "legal_form_ignored" in feature_names(m)


def test_shared_legal_form_alone_does_not_create_a_match(index):
    result, _ = top(index, "Hadley Foods GmbH", schema="Company")
    assert result.decision == "clear"
    result, _ = top(index, "Korea Trading Corporation", schema="Company")
    assert result.decision != "match"


@pytest.mark.parametrize(
    ("acronym", "entity_id"),
    [("CPMIEC", "cpmiec"), ("KOMID", "komid"), ("SHIG", "shig"), ("AIO", "aio")],
)
def test_acronym_meets_the_full_name_it_abbreviates(acronym, entity_id):
    # An index without the acronym aliases: the acronym must be read from the full name.
    stripped = [
        e.__class__(e.id, e.schema, e.name, e.list_name, countries=e.countries) for e in ENTITIES
    ]
    index = ScreeningIndex.build(stripped)
    result, m = top(index, acronym, schema="Organization")
    assert result.decision == "match"
    assert m.entity_id == entity_id and m.matched_name == m.name
    assert "acronym" in feature_names(m)


def test_full_name_meets_an_entry_listed_only_by_its_acronym():
    from catchall.core.model import ListEntity

    index = ScreeningIndex.build([ListEntity("k", "Company", "KOMID", "poc")])
    result, m = top(index, "Korea Mining Development Trading Corp.", schema="Company")
    assert result.decision == "match"
    assert m.matched_name == "KOMID"


# --- scripts -------------------------------------------------------------------------------


def test_native_script_persian_name_meets_the_english_entry(index):
    result, m = top(index, "گروه صنعتی شهید همت")
    assert result.decision == "match"
    assert m.entity_id == "shig"
    names = feature_names(m)
    assert "glossary_translation" in names and "transliteration" in names


def test_native_script_chinese_name_meets_the_english_entry(index):
    result, m = top(index, "中国精密机械进出口总公司")
    assert result.decision == "match"
    assert m.entity_id == "cpmiec"
    assert "glossary_translation" in feature_names(m)


def test_native_script_korean_company_name_meets_the_english_entry(index):
    result, m = top(index, "조선광업개발무역회사")
    assert result.decision == "match"
    assert m.entity_id == "komid"


def test_native_script_korean_personal_name_meets_the_romanised_entry(index):
    result, m = top(index, "김정은", schema="Person")
    assert result.decision == "match"
    assert m.entity_id == "kju"


def test_cyrillic_name_meets_the_latin_entry(index):
    result, m = top(index, "Владимир Путин", schema="Person")
    assert result.decision == "match"
    assert m.entity_id == "putin"


def test_vowelless_romanisation_meets_the_spelled_out_name(index):
    result, m = top(index, "shhyd hmt industrial group")
    assert result.decision == "match"
    assert m.entity_id == "shig"
    assert "consonant_skeleton_match" in feature_names(m)


# --- spelling --------------------------------------------------------------------------------


def test_typo_within_the_length_scaled_budget_still_matches(index):
    result, m = top(index, "Vladimir Vladimirovich Putn", schema="Person")
    assert result.decision == "match" and m.entity_id == "putin"
    assert "fuzzy_token_match" in feature_names(m)
    result, m = top(index, "Shahid Hemat Industrial Groop")
    assert result.decision == "match" and m.entity_id == "shig"
    assert m.matched_name == "SHAHID HEMMAT INDUSTRIAL GROUP"


def test_different_name_beyond_the_budget_does_not_match(index):
    result, _ = top(index, "Vladimir Petrov", schema="Person")
    assert result.decision != "match"


def test_short_name_one_letter_off_matches(index):
    result, m = top(index, "Jon Smith", schema="Person")
    assert result.decision == "match"
    assert m.entity_id == "smith"


def test_short_unrelated_names_do_not_match(index):
    for name in ("Jan Smit", "Tom Smythe", "Kim Jin Ho", "John Smithers"):
        result, _ = top(index, name, schema="Person")
        assert result.decision != "match", name


# --- qualifiers ------------------------------------------------------------------------------


def test_country_qualifier_moves_the_score_a_little_and_unknown_is_neutral(index):
    _, same = top(index, "Shahid Hemmat Industrial Groupe", country="IR")
    _, other = top(index, "Shahid Hemmat Industrial Groupe", country="FR")
    _, unknown = top(index, "Shahid Hemmat Industrial Groupe")
    assert same.score > unknown.score > other.score
    assert same.score - other.score < 0.15
    assert "country_match" in feature_names(same)
    assert "country_mismatch" in feature_names(other)
    assert other.decision == "match"  # a country alone never overturns a strong name


def test_person_query_does_not_match_a_company_entity(index):
    result = index.screen(ScreeningQuery(name="Jordan Sterling", schema="Person"))
    assert result.decision == "match"
    assert {m.entity_id for m in result.matches} == {"sterling-person"}
    result = index.screen(ScreeningQuery(name="Jordan Sterling", schema="Company"))
    assert {m.entity_id for m in result.matches} == {"sterling-company"}


def test_legal_entity_or_unknown_schema_query_matches_persons_and_companies(index):
    for schema in ("LegalEntity", None):
        result = index.screen(ScreeningQuery(name="Jordan Sterling", schema=schema))
        assert {m.entity_id for m in result.matches} >= {"sterling-person", "sterling-company"}


def test_weak_alias_matches_only_exactly_and_never_decides_a_match(index):
    result, m = top(index, "Mahdi", schema="Organization")
    assert result.decision == "possible"
    assert m.entity_id == "ymig" and m.matched_name == "MAHDI"
    assert m.score <= index.config.weak_alias_score
    assert "weak_alias" in feature_names(m)
    result, _ = top(index, "Mahdy", schema="Organization")
    assert result.decision == "clear"


# --- the index ---------------------------------------------------------------------------------


def test_index_never_scores_every_entity():
    entities = [*ENTITIES, *synthetic_people(3000)]
    index = ScreeningIndex.build(entities)
    before = index.scored_rows
    result = index.screen(ScreeningQuery(name="Jon Smith", schema="Person"))
    assert result.decision == "match" and result.matches[0].entity_id == "smith"
    scored = index.scored_rows - before
    assert 0 < scored == index.last_stats.scored
    assert scored < index.config.max_candidates < index.name_count
    # A synthetic name: found among 3,000 look-alikes by scoring only a few of them.
    target = entities[len(ENTITIES) + 1234]
    result = index.screen(ScreeningQuery(name=target.name, schema="Person"))
    assert result.matches[0].entity_id == target.id
    assert index.last_stats.scored < 100


def test_lists_argument_restricts_the_lists_searched(index):
    result = index.screen(ScreeningQuery(name="John Smith", schema="Person"), lists=["un"])
    assert result.decision == "clear"
    result = index.screen(ScreeningQuery(name="John Smith", schema="Person"), lists=["eu"])
    assert result.matches[0].entity_id == "smith"


def test_explanation_names_the_query_the_alias_met_and_the_threshold(index):
    _, m = top(index, "S.H.I.G.")
    assert m.matched_name == "SHIG" and m.name == "SHAHID HEMMAT INDUSTRIAL GROUP"
    assert "'S.H.I.G.' met 'SHIG' (alias of 'SHAHID HEMMAT INDUSTRIAL GROUP')" in m.explanation
    assert "threshold 0.80" in m.explanation
