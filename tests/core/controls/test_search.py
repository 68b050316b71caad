"""The pure half of control-list search: entry numbers, synonyms, the product's head words,
the documents the index holds and its content hash (no database)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from catchall.core.controls.lists import Library, packaged_library
from catchall.core.controls.search import (
    MARK_END,
    MARK_START,
    MAX_QUERY_CHARS,
    check_limit,
    check_regime,
    content_hash,
    documents,
    entry_number_candidates,
    head,
    mtcr_counterparts,
    parse_query,
    parse_synonyms,
    snippet_parts,
    snippet_text,
    synonyms,
    words,
)
from catchall.core.errors import InputError


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("2B001", ["2B001"]),
        ("2b001", ["2B001"]),
        ("2b1", ["2B001", "2.B.1"]),
        ("2B001.b.2", ["2B001.b.2"]),
        ("2b001.B.2", ["2B001.b.2"]),
        ("3.B.3", ["3.B.3"]),
        ("3.b.3", ["3.B.3"]),
        ("3b3", ["3B003", "3.B.3"]),
        ("19.A.2", ["19.A.2"]),
        ("9A012.", ["9A012"]),
        ("(2B109)", ["2B109"]),
        ("lathe", []),
        ("5-axis", []),
        ("3D", []),
        ("12K", []),
        ("2B0001", []),
    ],
)
def test_entry_numbers_are_recognised_in_every_common_spelling(token, expected):
    assert entry_number_candidates(token) == expected


def test_mtcr_numbers_map_to_their_dual_use_counterparts():
    assert "2B109" in mtcr_counterparts("3.B.3")
    assert "2B104" in mtcr_counterparts("6.B.3")
    assert {"2B119", "2B122"} <= set(mtcr_counterparts("9.B.2"))  # a range: both ends
    assert "9A004" in mtcr_counterparts("1")  # an Annex item, by its number


def test_trade_synonyms_call_up_the_lists_wording():
    q = parse_query("FOG, tactical grade")
    assert ("gyro",) in q.expansions and "fog" in q.synonyms
    q = parse_query("Used CNC lathe for sale")
    assert ("machine", "tools", "for", "turning") in q.expansions
    # hyphens, case and diacritics do not matter
    for text in ("flow-former", "FLOW FORMER", "Flow-formér"):
        assert ("flow", "forming", "machines") in parse_query(text).expansions, text


def test_the_products_own_name_weighs_more_than_its_application():
    assert head("High-g centrifuge for accelerometer testing") == "High-g centrifuge"
    assert head("CNC lathe, 2-axis, Fanuc control") == "CNC lathe"
    q = parse_query("High-g centrifuge for accelerometer testing")
    assert q.phrases.count(("centrifuge",)) == 2
    assert q.phrases.count(("accelerometer",)) == 1
    # a plural and its singular are one word: asked for once (twice when emphasised)
    assert (
        parse_query("UAV drones").phrases.count(("uavs",))
        + parse_query("UAV drones").phrases.count(("uav",))
        == 2
    )


def test_entry_numbers_and_words_are_separated():
    q = parse_query("2B001 lathe")
    assert q.ids == ("2B001",)
    assert ("lathe",) in q.terms and ("2b001",) not in q.terms


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "enter words"),
        ("   ", "enter words"),
        ("x" * (MAX_QUERY_CHARS + 1), "at most"),
        ("the of and", "no words"),
        (None, "enter words"),
    ],
)
def test_a_bad_query_names_the_field(text, message):
    with pytest.raises(InputError) as exc:
        parse_query(text)
    assert exc.value.problems[0].field == "q"
    assert message in exc.value.problems[0].message


def test_regime_and_limit_are_checked():
    assert check_regime("mtcr") == "MTCR" and check_regime("") is None
    assert check_limit(None) == 10 and check_limit("5") == 5
    for bad, field in ((lambda: check_regime("XX")), "regime"), ((lambda: check_limit("0")), "limit"), ((lambda: check_limit("ten")), "limit"):  # fmt: skip
        with pytest.raises(InputError) as exc:
            bad()
        assert exc.value.problems[0].field == field


def test_every_entry_in_force_is_a_document_with_the_headings_above_it():
    lib = packaged_library()
    docs = {d.entry: d for d in documents(lib)}
    assert len(docs) == sum(len(v.entries) for v in lib.in_force())
    assert len(docs) > 3000
    sub = docs["2B001.b.2"]
    assert "Machine tools for milling" in sub.context  # its parent 2B001.b
    assert "Machine tools and any combination" in sub.context  # and 2B001 above it
    # software named by what it is for: the headings of the entries its text refers to
    assert "Machine tools" in docs["2D001.b"].context
    assert docs["0A001.h"].notes  # the Technical Note under it


def test_the_content_hash_changes_with_any_indexed_text():
    lib = packaged_library()
    docs = documents(lib)
    assert content_hash(docs) == content_hash(documents(lib))
    changed = [replace(docs[0], notes=docs[0].notes + " amended")] + docs[1:]
    assert content_hash(changed) != content_hash(docs)
    assert content_hash(docs[1:]) != content_hash(docs)


def test_snippets_split_into_marked_parts():
    parts = snippet_parts(f"Flow-{MARK_START}forming{MARK_END} machines <b>")
    assert parts == (("Flow-", False), ("forming", True), (" machines <b>", False))
    assert snippet_text(parts) == "Flow-**forming** machines <b>"
    assert snippet_parts(f"two\n  lines {MARK_START}here{MARK_END}") == (
        ("two lines ", False),
        ("here", True),
    )


def test_synonyms_data_cites_each_usage_and_calls_up_words_the_lists_use():
    table = synonyms()
    assert len(table) >= 30
    vocabulary = {w for d in documents(packaged_library()) for w in words(d.title + " " + d.body + " " + d.context + " " + d.notes)}  # fmt: skip

    def known(word: str) -> bool:
        return word in vocabulary or word + "s" in vocabulary or word.rstrip("s") in vocabulary

    for s in table:
        assert s.note and not s.verified
        for phrase in s.means:
            assert any(known(w) for w in phrase), phrase


def test_a_synonym_without_a_note_is_refused():
    with pytest.raises(InputError, match="note"):
        parse_synonyms({"synonyms": [{"terms": ["FOG"], "means": ["gyro"]}]})


def test_an_empty_library_has_no_documents_to_index():
    with pytest.raises(InputError):
        documents(Library())
