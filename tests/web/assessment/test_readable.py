"""Evidence strings as pages show them: the claim in words, each source a numbered footnote
kept once (assessment/readable.py)."""

from catchall.web.assessment.readable import Footnotes, evidence, in_words

ECFR = "https://www.ecfr.gov/part-740"
TWO_SOURCES = (
    "In US Country Group D:4 on 2026-12-07 — 15 CFR Part 740, Supplement No. 1 "
    f"<{ECFR}> (not confirmed in an official text); BIS display (excerpt) <https://bis.gov/x>"
)


def test_a_claim_with_two_sources_gets_two_footnotes():
    notes = Footnotes()
    e = evidence(TWO_SOURCES, notes)
    assert e.text == "In US Country Group D:4 on 2026-12-07"
    assert e.refs == [1, 2]
    first, second = notes.sources
    assert (first.title, first.url) == ("15 CFR Part 740, Supplement No. 1", ECFR)
    assert first.notes == ["not confirmed in an official text"]
    assert (second.title, second.url) == ("BIS display (excerpt)", "https://bis.gov/x")


def test_a_source_cited_again_keeps_its_number():
    notes = Footnotes()
    evidence(TWO_SOURCES, notes)
    again = evidence(f"US arms embargo (whole country) — 15 CFR Part 740 <{ECFR}>", notes)
    assert again.refs == [1]
    assert len(notes.sources) == 2


def test_a_remark_without_an_address_stays_with_the_claim():
    notes = Footnotes()
    e = evidence(
        "EU arms embargo, since a date not recorded — Crisis Group <https://c.org/t>; "
        "recalled, not found in any source read",
        notes,
    )
    assert (
        e.text
        == "EU arms embargo, since a date not recorded (recalled, not found in any source read)"
    )
    assert e.refs == [1]


def test_a_documentation_path_becomes_words_and_an_unlinked_footnote():
    notes = Footnotes()
    e = evidence("Missile concern high under the rule in docs/reference-data.md", notes)
    assert e.text == "Missile concern high under catchall's reference data"
    assert notes.sources[0].url is None and "docs/" not in notes.sources[0].title


def test_a_bare_citation_is_a_source_only():
    notes = Footnotes()
    e = evidence("UNODA Treaties Database <https://treaties.unoda.org/>", notes)
    assert e.refs == [1] and notes.sources[0].title == "UNODA Treaties Database"


def test_codes_become_words_and_a_rule_name_gives_way_to_its_meaning():
    rules = {"listed_party_match": "A party is a confirmed match."}
    text = "rests on other findings: listed_party_match (A party is a confirmed match.)"
    assert in_words(text, rules) == "rests on other findings: A party is a confirmed match."
    assert (
        in_words("would become approve_with_conditions") == "would become approve with conditions"
    )
    assert in_words("end_user 'X'", {"end_user": "end user"}) == "end user 'X'"
