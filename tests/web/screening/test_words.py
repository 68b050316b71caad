"""Screening reasons in words: each feature's text as a reviewer reads it, grouped, with the
countries named, the weights left out, and the list named by its title."""

from __future__ import annotations

import pytest

from catchall.web.screening.words import feature_words, match_for_people, reasons


@pytest.mark.parametrize(
    ("name", "detail", "words"),
    [
        ("token_match", "'ali' = 'ali'", "'ali' and 'ali' are the same word"),
        (
            "fuzzy_token_match",
            "'industries' ~ 'industrial' (2 edits)",
            "'industries' and 'industrial' differ by 2 letters",
        ),
        (
            "fuzzy_token_match",
            "'hemat' ~ 'hemmat' (1 edit)",
            "'hemat' and 'hemmat' differ by one letter",
        ),
        (
            "phonetic_match",
            "'sanat' sounds like 'sanaat' (metaphone SNT)",
            "'sanat' sounds like 'sanaat'",
        ),
        (
            "initials_match",
            "'ksp' = initials of 'kavoshgaran sanat pars'",
            "'ksp' are the initials of 'kavoshgaran sanat pars'",
        ),
        (
            "merged_tokens",
            "'shamsuddin' = 'shams al din' written together",
            "'shamsuddin' is 'shams al din' written as one word",
        ),
        (
            "name_equivalent",
            "'mohammed' and 'محمد' are one name in two scripts (Wikidata Q4927, via rigour's name symbols)",
            "'mohammed' and 'محمد' are one name in two scripts",
        ),
        (
            "glossary_translation",
            "'شهید' means 'shahid' (glossary fa)",
            "'شهید' means 'shahid' (Persian glossary)",
        ),
        (
            "transliteration",
            "'باقری' (Arabic script, read 'baqry') = 'baqri' by transliteration",
            "'باقری' (Arabic script, read 'baqry') and 'baqri' are one name in two scripts",
        ),
        ("token_mismatch", "'ali' vs 'omar'", "'ali' and 'omar' differ"),
        ("country_match", "both in IR", "Both in Iran"),
        (
            "country_mismatch",
            "query in DE, list entry in IR/SY",
            "The party is in Germany; the listed entity is in Iran, Syria",
        ),
        ("nationality_match", "nationality IR matches", "Nationality Iran matches"),
        (
            "nationality_mismatch",
            "nationality DE, listed IR",
            "Nationality Germany; the listed one's Iran",
        ),
        (
            "schema_mismatch",
            "a Person cannot be the Organization on the list",
            "A person cannot be the organisation on the list",
        ),
        ("dob_match", "date of birth 1972-09-18 matches", "Date of birth 1972-09-18 matches"),
    ],
)
def test_each_feature_reads_as_words(name, detail, words):
    assert feature_words(name, detail) == words


def test_features_are_grouped_and_their_weights_left_out():
    groups = reasons(
        [
            {"name": "token_match", "weight": 0.4, "detail": "'ali' = 'ali'"},
            {"name": "dob_year_match", "weight": 0.05, "detail": "year of birth 1970 matches"},
            {"name": "extra_token", "weight": -0.08, "detail": "'group' only in the list name"},
            {"name": "glossary_source", "weight": 0.0, "detail": "glossary fa: a dictionary"},
            {
                "name": "name_inverted",
                "weight": 0.0,
                "detail": "'Last, First' was read as 'First Last'",
            },
        ]
    )
    assert [(g["heading"], g["lines"]) for g in groups] == [
        ("How the names met", ["'ali' and 'ali' are the same word"]),
        ("Evidence beyond the name", ["Year of birth 1970 matches"]),
        ("What speaks against it", ["'group' only in the list name"]),
        ("Notes", ["'Last, First' was read as 'First Last'"]),
    ]
    assert "0.4" not in repr(groups) and "token_match" not in repr(groups)


def test_a_match_names_its_list_by_title_and_keeps_the_id_only_as_reference():
    m = {
        "entity_id": "w2",
        "list": "national-watch",
        "name": "Kavoshgaran Sanat Pars Co.",
        "matched_name": "KSP",
        "score": 0.7,
        "decision": "possible",
        "explanation": "'K.S.P.' met 'KSP' … Score 0.70 >= possible-match threshold 0.64.",
        "features": [],
        "schema": "Company",
        "countries": ["IR"],
        "programs": [],
        "rank": 1,
    }
    shown = match_for_people(m, {}, "K.S.P.")
    assert shown["list_title"] == "National watch"  # no title imported: its name in words
    assert match_for_people({**m, "list": "un-sc"}, {})["list_title"] == "UN SC"
    assert (
        match_for_people(m, {"national-watch": "Our watch list"})["list_title"] == "Our watch list"
    )
    assert (shown["countries"], shown["kind"], shown["verdict"]) == (
        ["Iran"],
        "company",
        "Possible match",
    )
    assert shown["alias"] and shown["reference"] == "w2"
    assert shown["summary"] == (
        "“K.S.P.” met “KSP”, a name the list gives for Kavoshgaran Sanat Pars Co., on National "
        "watch. Its score, 0.70, reaches the possible-match threshold of 0.64."
    )


def test_contradicting_evidence_speaks_against_the_match():
    groups = reasons(
        [
            {"name": "country_mismatch", "weight": -0.1, "detail": "query in DE, list entry in IR"},
            {"name": "dob_match", "weight": 0.1, "detail": "date of birth 1964-07-17 matches"},
        ]
    )
    headings = {g["heading"]: g["lines"] for g in groups}
    assert len(headings["What speaks against it"]) == 1
    assert "Germany" in headings["What speaks against it"][0]
    assert len(headings["Evidence beyond the name"]) == 1
