"""Ties at the top share a rank, the Arabic article's Latin forms are all one article, and a
query given without a schema whose own words name an organisation is screened as one
(issue 14)."""

from __future__ import annotations

from catchall.core.model import ListEntity, ScreeningQuery
from catchall.core.screening import ScreeningIndex, score_pair
from catchall.core.screening.prepare import inferred_schema, prepare_name


def _index(*entities: ListEntity) -> ScreeningIndex:
    return ScreeningIndex.build(list(entities))


def test_equal_scores_share_a_rank_and_a_lower_score_ranks_after_them():
    index = _index(
        ListEntity(id="a", schema="Person", name="ABD AL-RAHMAN", list_name="un"),
        ListEntity(id="b", schema="Person", name="ABD UR-RAHMAN", list_name="uk"),
        ListEntity(id="c", schema="Person", name="ABD AL-RAHMAN AL-SINDHI", list_name="un"),
    )
    matches = index.screen(ScreeningQuery(name="عبد الرحمن")).matches
    by_id = {m.entity_id: m for m in matches}
    assert by_id["a"].score == by_id["b"].score
    assert by_id["a"].rank == by_id["b"].rank == 1
    assert by_id["c"].score < by_id["a"].score
    assert by_id["c"].rank == 3
    assert matches[0].as_dict()["rank"] == 1


def test_a_single_best_entity_is_ranked_alone():
    index = _index(
        ListEntity(id="a", schema="Person", name="IVAN PETROV", list_name="un"),
        ListEntity(id="b", schema="Person", name="IVAN PETROVSKY", list_name="un"),
    )
    matches = index.screen(ScreeningQuery(name="Ivan Petrov")).matches
    assert [m.rank for m in matches] == list(range(1, len(matches) + 1))
    assert matches[0].entity_id == "a"


def test_the_written_article_has_no_preferred_latin_form():
    # ال before a sun letter: al-, el-, ar-, ur- all read it; none is nearer than another
    literal = score_pair("عبد الرحمن", "ABD AL-RAHMAN", "Person")[0]
    assert score_pair("عبد الرحمن", "ABD UR-RAHMAN", "Person")[0] == literal
    assert score_pair("عبد الرحمن", "ABD EL-RAHMAN", "Person")[0] == literal
    assert (
        score_pair("نور الدين", "NUR UD-DIN", "Person")[0]
        == score_pair("نور الدين", "NUR AL-DIN", "Person")[0]
    )


def test_organisation_words_infer_an_organisation():
    assert inferred_schema(prepare_name("Acme Trading Limited")) == ("Organization", ("limited",))
    assert inferred_schema(prepare_name("Acme Ltd"))[0] == "Organization"
    assert inferred_schema(prepare_name("Volkswagen GmbH"))[0] == "Organization"
    # a glossary word rendered as a legal form or an organisation word
    schema, words = inferred_schema(prepare_name("شركة النور للتجارة"))
    assert schema == "Organization" and words


def test_personal_names_infer_nothing():
    # short legal forms that are also names, sector words that are also names, and a glossary
    # word that is also a given name (شهید Shahid is "martyr" in Shahid Hemmat Industrial Group)
    for name in ("Yu Wei", "Sem de Vos", "Marine Le Pen", "شهید احمد", "عبد الرحمن"):
        assert inferred_schema(prepare_name(name)) == (None, ()), name


def test_a_given_schema_is_kept():
    assert inferred_schema(prepare_name("Acme Ltd", "Person"))[0] == "Person"


def test_an_inferred_organisation_is_not_matched_to_a_person():
    index = _index(
        ListEntity(id="p", schema="Person", name="JOHN SMITH", list_name="un"),
        ListEntity(id="o", schema="Company", name="SMITH TRADING LTD", list_name="un"),
    )
    # without organisation words the query may be the person
    assert index.screen(ScreeningQuery(name="John Smith")).matches[0].entity_id == "p"
    result = index.screen(ScreeningQuery(name="Smith Trading Limited"))
    assert [m.entity_id for m in result.matches] == ["o"]
    assert "'limited' is an organisation word" in result.matches[0].explanation
    assert index.screen(ScreeningQuery(name="John Smith Limited")).decision == "clear"
    # the schema a caller gives still decides
    given = index.screen(ScreeningQuery(name="John Smith Limited", schema="Person"))
    assert given.matches and given.matches[0].entity_id == "p"
