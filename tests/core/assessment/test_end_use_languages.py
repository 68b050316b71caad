"""End-use text in French, German, Russian, Arabic, Chinese and Korean (issue 10, item 4).

Inflected forms match by Snowball stem, German compounds by the terms inside them, Chinese and
Korean character by character; negation is kept per language; false friends are not reported.
"""

from __future__ import annotations

import pathlib
import time

import pytest

from catchall.core.assessment.end_use import NOTHING_RECOGNISED, scan_end_use
from catchall.core.assessment.engine import assess
from tests.core.assessment.helpers import AT, HIGH, MILL_5AXIS, application

# The expert's four cases: each assessed as "nothing points to a missile end use" before.
EXPERT_CASES = [
    ("propulseurs à poudre pour engins balistiques sol-sol", "fr", True),
    ("Fourniture de roquettes d'artillerie", "fr", True),
    ("Fertigung von Feststoffraketenmotoren", "de", True),
    ("для ракетных комплексов", "ru", True),
]


@pytest.mark.parametrize(("text", "language", "strong"), EXPERT_CASES)
def test_expert_cases_indicate_missile_work(text, language, strong):
    scan = scan_end_use(text)
    assert scan.missile_indicated, scan.explanation()
    assert any(i.language == language and i.strength == "strong" for i in scan.basis)


POSITIVE = {
    "fr": [
        "Usinage de tuyères et centrales inertielles",
        "moteurs de fusée à ergols liquides",
        "têtes militaires pour missiles de croisière",
        "rampes de lancement et guidage inertiel",
        "corps de propulseurs pour engins balistiques",
    ],
    "de": [
        "Raketentriebwerk",
        "Feststofftreibstoff",
        "Flüssigkeitsraketentriebwerk",
        "Marschflugkörpern",
        "Wiedereintrittskörper",
        "Gefechtsköpfe",
        "Lenkflugkörpern",
        "Trägerraketen",
        "Startrampe und Kreisel",
    ],
    "ru": [
        "для баллистических ракет",
        "твердотопливных двигателей",
        "боеголовок и систем наведения",
        "крылатых ракет",
        "ракетные комплексы",
    ],
    "ar": [
        "لأغراض الصواريخ الباليستية",
        "محركات صاروخية",
        "رؤوس حربية",
        "الوقود الصلب ونظام التوجيه",
        "صاروخ كروز",
    ],
    "zh": [
        "用于弹道导弹的零件",
        "火箭发动机壳体",
        "固体推进剂和惯性导航",
        "巡航導彈與彈頭",
        "運載火箭",
        "不锈钢导弹壳体",  # 不锈 (stainless) is not a negation
    ],
    "ko": [
        "탄도미사일용 부품",
        "로켓 엔진 노즐",
        "고체추진제",
        "재진입체와 탄두",
        "순항미사일을 위한",
    ],
}


@pytest.mark.parametrize(
    "text", [t for texts in POSITIVE.values() for t in texts], ids=lambda t: t[:30]
)
def test_inflected_and_compound_forms_indicate_missile_work(text):
    scan = scan_end_use(text)
    assert scan.missile_indicated, scan.explanation()
    assert not any(i.negated for i in scan.indicators)


NEGATED = {
    "fr": ["ce n'est pas destiné aux roquettes", "pas pour des missiles", "sans propergol solide"],
    "de": ["nicht für Raketen", "keine Lenkflugkörper", "ohne Raketentriebwerke"],
    "ru": ["не для ракет", "без ракетных двигателей", "никогда не для боеголовок"],
    "ar": ["ليس للصواريخ", "لا تستخدم في الصواريخ الباليستية", "غير صاروخية"],
    "zh": ["不用于导弹", "并非用于导弹", "与导弹无关", "非导弹"],
    "ko": ["미사일용이 아님", "미사일에 사용되지 않음", "미사일과 관계 없음"],
}


@pytest.mark.parametrize(
    "text", [t for texts in NEGATED.values() for t in texts], ids=lambda t: t[:30]
)
def test_negated_mentions_are_reported_not_counted(text):
    scan = scan_end_use(text)
    assert scan.indicators and all(i.negated and i.cue for i in scan.indicators)
    assert not scan.missile_indicated


@pytest.mark.parametrize(
    ("negated", "positive"),
    [
        ("pas pour des missiles balistiques", "pour des missiles balistiques"),
        ("nicht für Lenkflugkörper", "für Lenkflugkörper"),
        ("не для крылатых ракет", "для крылатых ракет"),
        ("ليس للصواريخ", "للصواريخ"),
        ("不用于导弹", "用于导弹"),
        ("미사일용이 아님", "미사일용"),
    ],
)
def test_the_cue_alone_makes_the_difference(negated, positive):
    assert not scan_end_use(negated).missile_indicated
    assert scan_end_use(positive).missile_indicated


def test_contrast_ends_the_negation_in_chinese_and_korean():
    assert scan_end_use("不用于汽车，而是用于导弹").missile_indicated
    assert scan_end_use("민수용이 아니라 미사일용").missile_indicated


BENIGN = {
    "fr": [
        "salade de roquette et feuilles de roquette",
        "moules pour pièces automobiles",
        "pompes pour le traitement de l'eau",
    ],
    "de": [
        "Feuerwerksraketen für Silvester",
        "Raketenofen für den Garten",
        "Kreiselpumpen für Kläranlagen",
    ],
    "ru": ["часы Ракета", "теннисная ракетка", "насосы для водоканала"],
    "ar": ["مضخات مياه للزراعة", "صواريخ الألعاب النارية للاحتفالات", "قطع غيار السيارات"],
    "zh": ["火箭队球迷用品", "汽车零部件", "子弹头列车的车轮"],
    "ko": ["로켓배송 서비스", "탄두리 치킨", "자동차 부품"],
}


@pytest.mark.parametrize(
    "text", [t for texts in BENIGN.values() for t in texts], ids=lambda t: t[:30]
)
def test_benign_texts_and_false_friends_do_not_indicate(text):
    scan = scan_end_use(text)
    assert not scan.missile_indicated, scan.explanation()


def test_a_lone_weak_word_in_a_compound_indicates_nothing():
    scan = scan_end_use("Modellraketen für den Schulunterricht")
    assert [i.strength for i in scan.indicators] == ["weak"]
    assert not scan.missile_indicated


def test_nothing_recognised_is_worded_as_such():
    scan = scan_end_use("Bearbeitung von Pumpengehäusen")
    assert scan.explanation() == "No missile indicator recognised in the end-use text."
    assert NOTHING_RECOGNISED == "no missile indicator recognised in the end-use text"


def test_end_to_end_french_missile_end_use_is_not_approved():
    doc = application(
        MILL_5AXIS,
        destination=HIGH,
        end_use="propulseurs à poudre pour engins balistiques sol-sol",
    )
    a = assess(doc, at=AT)
    assert a.end_use.missile_indicated
    assert a.recommendation != "approve"
    # the mill is listed: its missile use is a ground for refusal under the entry, not catch-all
    result = a.as_dict()
    assert result["refusal_grounds"] or result["catch_all"]["invoked"]
    assert "nothing points" not in a.explanation()


def test_without_indicators_the_assessment_says_none_was_recognised():
    a = assess(application(end_use="Bearbeitung von Pumpengehäusen"), at=AT)
    assert a.factors["D"]["evidence"][1] == NOTHING_RECOGNISED
    if a.recommendation == "approve":
        assert NOTHING_RECOGNISED in a.explanation()


def test_the_old_overclaiming_phrase_appears_nowhere_in_src():
    src = pathlib.Path(__file__).resolve().parents[3] / "src"
    hits = [
        str(p)
        for p in src.rglob("*")
        if p.is_file()
        and p.suffix in {".py", ".html", ".txt", ".md", ".yaml", ".json", ".j2"}
        and "nothing points to a missile" in p.read_text(encoding="utf-8", errors="ignore").lower()
    ]
    assert hits == []


def test_multilingual_scanning_stays_fast():
    text = " ".join(t for texts in {**POSITIVE, **BENIGN}.values() for t in texts) * 60
    t0 = time.perf_counter()
    scan_end_use(text[:100_000])
    assert time.perf_counter() - t0 < 2.0
