"""End-use scanning: multilingual missile indicators, negation scope, normalisation, speed."""

from __future__ import annotations

import time
import unicodedata
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catchall.core.assessment import end_use as eu
from catchall.core.assessment.end_use import scan_end_use
from catchall.core.vocabulary import read_packaged_yaml


def found(text: str) -> list[tuple[str, bool]]:
    return [(i.matched, i.negated) for i in scan_end_use(text).indicators]


@pytest.mark.parametrize(
    ("text", "matched", "language"),
    [
        ("Flow-forming lathe for rocket motor cases", "rocket motor cases", "en"),
        ("Machine for ballistic missile airframes", "ballistic missile", "en"),
        ("Usinage de corps de propulseur", "corps de propulseur", "fr"),
        ("Pour des moteurs-fusées à propergol solide", "moteurs-fusées", "fr"),
        ("Fertigung von Raketenmotorgehäusen", "Raketenmotorgehäusen", "de"),
        ("Prüfstand für Lenkflugkörper", "Lenkflugkörper", "de"),
        ("для корпусов ракетных двигателей", "ракетных двигателей", "ru"),
        ("для баллистической ракеты", "баллистической ракеты", "ru"),
        ("dlya ballisticheskoy rakety", "ballisticheskoy rakety", "ru-Latn"),
        ("ساخت بدنه موشک بالستیک", "موشک بالستیک", "fa"),
        ("برای کلاهک جنگی", "کلاهک جنگی", "fa"),
        ("for the moushak project", "moushak", "fa-Latn"),
        ("sanaye mooshaki", "mooshaki", "fa-Latn"),
    ],
)
def test_indicators_fire_in_each_language(text, matched, language):
    scan = scan_end_use(text)
    assert scan.missile_indicated, scan.explanation()
    hit = scan.indicators[0]
    assert (hit.matched, hit.language, hit.strength, hit.negated) == (
        matched,
        language,
        "strong",
        False,
    )
    assert text[hit.start : hit.end] == matched and matched in hit.snippet


@pytest.mark.parametrize(
    "text",
    [
        "not for missiles",
        "No military or missile use.",
        "not intended for rocket motors",
        "never used in ballistic missiles",
        "excluding missiles",
        "ce n'est pas destiné aux missiles balistiques",
        "pas pour les missiles",
        "nicht für Raketenmotoren",
        "kein Einsatz in Lenkflugkörpern",
        "не для ракетных двигателей",
        "нет баллистических ракет",
        "این دستگاه برای موشک نیست",
        "غیر موشکی",
    ],
)
def test_negated_mentions_are_not_indicators(text):
    scan = scan_end_use(text)
    assert scan.indicators and all(i.negated and i.cue for i in scan.indicators), found(text)
    assert not scan.missile_indicated
    assert "Negated, not counted" in scan.explanation()


def test_comma_ends_negation_scope():
    text = "gas cylinders, not fire extinguishers, for rocket motor cases"
    assert found(text) == [("rocket motor cases", False)]
    assert scan_end_use(text).missile_indicated


def test_contrast_word_ends_negation_scope():
    assert found("not for cars but for missiles") == [("missiles", False)]
    assert found("nicht für Autos, sondern für Raketenmotoren") == [("Raketenmotoren", False)]


def test_negation_reaches_only_a_few_tokens():
    text = "not a lathe that the buyer will ever put to use on any missile"
    assert found(text) == [("missile", False)]


def test_rocket_in_an_unrelated_context_is_weak_only():
    scan = scan_end_use("rocket science lectures for the canteen")
    assert [i.strength for i in scan.indicators] == ["weak"]
    assert not scan.missile_indicated


def test_false_friends_are_not_reported():
    scan = scan_end_use("rocket salad and rocket stoves for the canteen")
    assert scan.indicators == [] and not scan.missile_indicated


def test_two_weak_indicators_of_different_categories_indicate_missile_use():
    assert scan_end_use("nozzle and gyroscope test bench").missile_indicated
    assert not scan_end_use("nozzle and combustion chamber").missile_indicated  # one category
    assert not scan_end_use("aerospace nozzle").missile_indicated  # context never counts


def test_terms_match_only_whole_words():
    assert found("dismissiles and premissile") == []
    assert found("rocketry club") == [("rocketry", False)]


def test_persian_letter_variants_and_zwnj_are_normalised():
    arabic_kaf = "برای موشك"  # Arabic kaf instead of Persian keheh
    assert found(arabic_kaf) == [("موشك", False)]
    assert found("موشک\u200cها") == [("موشک", False)]  # plural written with ZWNJ
    assert found("موشکها") == [("موشکها", False)]


def test_bad_input_gives_an_empty_scan():
    for text in (None, "", "   \n"):
        scan = scan_end_use(text)
        assert scan.indicators == [] and not scan.missile_indicated
        assert scan.explanation() == "No missile indicator recognised in the end-use text."


def test_long_text_scans_fast_and_very_long_text_is_capped():
    text = ("The lathe machines pump housings for a water utility, not for missiles. " * 2000)[
        :100_000
    ]
    t0 = time.perf_counter()
    scan = scan_end_use(text)
    assert time.perf_counter() - t0 < 2.0
    assert scan.indicators and not scan.missile_indicated
    long = "x" * (eu.MAX_CHARS + 10) + " rocket motor case"
    assert scan_end_use(long).truncated and scan_end_use(long).indicators == []


def test_scan_serialises_with_its_explanation():
    out = scan_end_use("for rocket motor cases, not for missiles").as_dict()
    assert out["missile_indicated"] is True
    assert [i["negated"] for i in out["indicators"]] == [False, True]


def test_vocabulary_covers_required_languages_with_citations():
    raw = read_packaged_yaml("end_use_indicators.yaml")
    counts = eu.vocabulary().term_count
    assert set(counts) == {
        *("en", "fr", "de", "ru", "ru-Latn", "fa", "fa-Latn"),
        *("ar", "zh-Hans", "zh-Hant", "ko"),
    }
    for group in raw["terms"]:
        assert group["source"] in raw["sources"]
    assert set(raw["negation"]) >= {"en", "fr", "de", "ru", "fa", "ar", "zh-Hans", "ko"}


def test_duplicate_patterns_are_refused():
    raw = read_packaged_yaml("end_use_indicators.yaml")
    raw["terms"][0]["entries"].append(
        {"term": "Missile*", "category": "systems", "strength": "weak"}
    )
    with pytest.raises(ValueError, match="duplicates"):
        eu.parse_vocabulary(raw)


# --------------------------------------------------------------------------- properties

FRAGMENTS = [
    "rocket motor case",
    "missile",
    "ballistic",
    "nozzle",
    "gyroscope",
    "rocket",
    "salad",
    "not",
    "no",
    "for",
    "never",
    "but",
    "the",
    "lathe",
    "pump",
    "housing",
    "5",
    ",",
    ".",
    ";",
    "moteur-fusée",
    "tuyère",
    "pas",
    "ne",
    "Lenkflugkörper",
    "Düse",
    "nicht",
    "kein",
    "ракета",
    "баллистической",
    "ракетных",
    "двигателей",
    "не",
    "для",
    "нет",
    "موشک",
    "بالستیک",
    "نیست",
    "غیر",
    "کلاهک",
    "mushak",
    "aerospace",
    "warhead",
    "heat shield",
]
texts = st.lists(st.sampled_from(FRAGMENTS), max_size=25).map(" ".join)


def counted_terms(text: str) -> Counter:
    return Counter(i.term for i in scan_end_use(text).indicators if not i.negated)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_adding_not_for_missiles_never_creates_an_indicator(text):
    before = counted_terms(text)
    for variant in (text + " not for missiles", "not for missiles " + text):
        after = counted_terms(variant)
        assert not (after - before), (variant, after - before)
        if not scan_end_use(text).missile_indicated:
            assert not scan_end_use(variant).missile_indicated


def _accent(text: str, flags: list[bool]) -> str:
    out = []
    for ch, flag in zip(text, flags + [False] * len(text), strict=False):
        out.append(ch)
        if flag and "a" <= ch.lower() <= "z":
            out.append("\u0301")
    return "".join(out)


def signature(text: str):
    scan = scan_end_use(text)
    return [(i.term, i.negated) for i in scan.indicators], scan.missile_indicated


@settings(max_examples=300, deadline=None)
@given(
    texts,
    st.lists(st.booleans(), max_size=400),
    st.sampled_from(["upper", "lower", "title", "swap"]),
)
def test_case_and_diacritic_changes_never_change_the_result(text, flags, case):
    changed = _accent(getattr(text, case if case != "swap" else "swapcase")(), flags)
    assert signature(changed) == signature(text)
    assert signature(unicodedata.normalize("NFD", text)) == signature(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes_and_offsets_point_into_it(text):
    scan = scan_end_use(text)
    for i in scan.indicators:
        assert 0 <= i.start < i.end <= len(text)
