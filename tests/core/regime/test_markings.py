"""Markings: every way a marking is written parses to one canonical form; roll-up and release."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catchall.core.errors import InputError
from catchall.core.regime.codes import expand
from catchall.core.regime.markings import (
    Marking,
    banner,
    parse_date_text,
    parse_marking,
    releasable,
    split_paragraphs,
    split_portion,
)

D2008 = dt.date(2008, 9, 15)
TODAY = dt.date(2026, 1, 1)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("C/REL Brazil/South Africa", "C//REL TO BRA, ZAF"),
        ("(C//REL TO USA, BRA, ZAF)", "C//REL TO USA, BRA, ZAF"),
        ("Confidential/Rel MTCR Countries", "C//REL TO MTCR"),
        ("CONFIDENTIAL//REL TO USA, BRA, ZAF", "C//REL TO USA, BRA, ZAF"),
        ("c/rel brazil and south africa", "C//REL TO BRA, ZAF"),
        ("C//REL TO BR, ZA", "C//REL TO BRA, ZAF"),
        ("U", "U"),
        ("(U)", "U"),
        ("Unclassified", "U"),
        ("S//NF", "S//NOFORN"),
        ("SECRET//NOFORN", "S//NOFORN"),
        ("TOP SECRET//REL TO USA, GBR", "TS//REL TO USA, GBR"),
        ("R", "R"),
        ("C//REL TO ZAF, USA, MTCR, BRA", "C//REL TO USA, BRA, ZAF, MTCR"),
    ],
)
def test_every_written_form_parses_to_one_canonical_marking(text, canonical):
    m = parse_marking(text)
    assert m.text() == canonical
    assert parse_marking(m.portion()) == m  # canonical form round-trips


def test_rel_to_renders_usa_first_then_trigraphs_then_groups():
    assert parse_marking("C//REL TO MTCR, ZAF, BRA, USA").banner() == (
        "CONFIDENTIAL//REL TO USA, BRA, ZAF, MTCR"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "required"),
        ("(SBU) text", "administrative control"),
        ("X//REL TO USA", "classification level"),
        ("C/REL Brasil", "did you mean Brazil"),
        ("C//REL TO USA//NOFORN", "cannot both apply"),
        ("U//REL TO USA", "unclassified marking takes no"),
        ("C//REL TO", "at least one"),
        ("C//ORCON", "unknown caveat"),
    ],
)
def test_bad_markings_are_refused_with_a_reason(text, message):
    with pytest.raises(InputError) as exc:
        parse_marking(text, "title")
    assert message in str(exc.value)
    assert exc.value.problems[0].field == "title"


def test_decl_dates_in_cable_capco_and_iso_forms():
    assert parse_date_text("01/31/2033") == dt.date(2033, 1, 31)
    assert parse_date_text("20321215") == dt.date(2032, 12, 15)
    assert parse_date_text("2033-01-31") == dt.date(2033, 1, 31)
    assert parse_marking("C//REL TO MTCR//DECL 01/31/2033").declass_on == dt.date(2033, 1, 31)
    with pytest.raises(InputError):
        parse_date_text("31.01.2033")


def test_a_portion_mark_is_required_on_every_paragraph():
    m, body = split_portion("2. (C/REL Brazil/South Africa) The partners should weigh ...")
    assert m.text() == "C//REL TO BRA, ZAF" and body.startswith("The partners")
    with pytest.raises(InputError, match="without a portion mark"):
        split_portion("The partners should weigh ...")
    with pytest.raises(InputError, match="no text"):
        split_portion("(U)   ")


def test_paragraphs_split_on_blank_lines_only():
    assert split_paragraphs("(U) one\ncontinued\n\n\n(C) two\r\n\r\n") == [
        "(U) one continued",
        "(C) two",
    ]


def test_banner_is_the_highest_level_and_the_intersection_of_release_lists():
    a = parse_marking("C/REL Brazil/South Africa")
    b = parse_marking("S//REL TO USA, BRA")
    u = parse_marking("U")
    top = banner([a, b, u], marked_on=D2008)
    assert top.level == "S" and top.rel_to == {"BR"}


def test_a_classified_portion_without_release_list_leaves_the_banner_without_rel_to():
    top = banner([parse_marking("C//REL TO BRA"), parse_marking("C")], marked_on=D2008)
    assert top.text() == "C"
    nf = banner([parse_marking("C//REL TO BRA"), parse_marking("S//NF")], marked_on=D2008)
    assert nf.text() == "S//NOFORN"


def test_unclassified_portions_do_not_constrain_the_banner_release_list():
    top = banner([parse_marking("C//REL TO BRA, ZAF"), Marking("U")], marked_on=D2008)
    assert top.rel_to == {"BR", "ZA"}


def test_group_and_countries_intersect_through_the_partners_of_the_day():
    top = banner(
        [parse_marking("C//REL TO MTCR"), parse_marking("C//REL TO BRA, IND")], marked_on=D2008
    )
    assert top.rel_to == {"BR"}  # India was no partner in 2008
    same = banner([parse_marking("C//REL TO MTCR")] * 2, marked_on=D2008)
    assert same.text() == "C//REL TO MTCR"


def test_banner_declassifies_at_the_latest_portion_date_and_drops_declassified_portions():
    a = parse_marking("C//REL TO BRA").with_declass(dt.date(2030, 1, 1), "1.4(b)")
    b = parse_marking("S//REL TO BRA").with_declass(dt.date(2033, 1, 31), "1.4(d)")
    assert banner([a, b], marked_on=D2008).declass_on == dt.date(2033, 1, 31)
    assert banner([a, b], marked_on=D2008).declass_reason == "1.4(d)"
    assert banner([a, parse_marking("C")], marked_on=D2008).declass_on is None
    assert banner([a, b], marked_on=D2008, today=dt.date(2031, 1, 1)).level == "S"
    assert banner([a], marked_on=D2008, today=dt.date(2031, 1, 1)).level == "U"


def test_release_rule_originator_rel_to_groups_at_marking_date_and_declassification():
    rel = parse_marking("C/REL Brazil/South Africa")
    kw = {"originator": "US", "marked_on": D2008, "today": TODAY}
    assert releasable(rel, "BR", **kw) and releasable(rel, "ZA", **kw)
    assert releasable(rel, "US", **kw)  # the originator reads its own paper
    assert not releasable(rel, "FR", **kw)
    assert not releasable(rel, None, **kw)
    mtcr = parse_marking("Confidential/Rel MTCR Countries")
    assert releasable(mtcr, "FR", **kw)
    assert not releasable(mtcr, "IN", **kw)  # joined in 2016, after the paper was marked
    assert not releasable(mtcr, "KZ", **kw)
    nf = parse_marking("S//NF")
    assert not releasable(nf, "GB", **kw) and releasable(nf, "US", **kw)
    old = rel.with_declass(dt.date(2020, 1, 1))
    assert releasable(old, "KZ", **kw) and releasable(old, None, **kw)


LEVEL = st.sampled_from(["U", "R", "C", "S", "TS"])
RELS = st.frozensets(st.sampled_from(["US", "BR", "ZA", "FR", "IN", "KZ", "MTCR"]), max_size=4)


@st.composite
def markings(draw):
    level = draw(LEVEL)
    if level == "U":
        return Marking("U")
    if draw(st.booleans()) and draw(st.booleans()):
        return Marking(level, noforn=True)
    return Marking(level, draw(RELS))


def _meaning(m: Marking):
    return (m.level, m.noforn, expand(m.rel_to, D2008))


@settings(max_examples=200, deadline=None)
@given(st.lists(markings(), min_size=1, max_size=5), st.randoms())
def test_banner_is_a_join_order_and_grouping_do_not_matter(ms, rnd):
    shuffled = list(ms)
    rnd.shuffle(shuffled)
    assert _meaning(banner(ms, marked_on=D2008)) == _meaning(banner(shuffled, marked_on=D2008))
    left = banner(
        [banner(ms[:1], marked_on=D2008), banner(ms[1:] or ms[:1], marked_on=D2008)],
        marked_on=D2008,
    )
    assert _meaning(left) == _meaning(banner(ms, marked_on=D2008))
    assert _meaning(banner(ms + ms, marked_on=D2008)) == _meaning(banner(ms, marked_on=D2008))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(markings(), min_size=1, max_size=5), st.sampled_from(["BR", "ZA", "FR", "IN", "KZ"])
)
def test_a_reader_allowed_the_banner_may_read_every_portion(ms, country):
    top = banner(ms, marked_on=D2008)
    kw = {"originator": "US", "marked_on": D2008, "today": D2008}
    if releasable(top, country, **kw):
        assert all(releasable(m, country, **kw) for m in ms)


@settings(max_examples=200, deadline=None)
@given(markings())
def test_canonical_text_round_trips(m):
    assert parse_marking(m.text()) == m
    assert parse_marking(m.banner()) == m
