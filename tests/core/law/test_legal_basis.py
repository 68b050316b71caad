"""One test per legal ground and per jurisdiction profile: every licence requirement names its
basis; intra-EU transfers, embargo sources and general authorisations follow the profile."""

from __future__ import annotations

import pytest

from catchall.core.assessment.engine import Consultation, assess
from catchall.core.law.profile import packaged_profile
from tests.core.assessment.helpers import (
    AT,
    FLY_CUTTER,
    MILL_5AXIS,
    MILL_UNLISTED,
    PRESS,
    ROCKET_ENGINE,
    application,
    denials_returning,
)

MISSILE_END_USE = "Machining of rocket motor cases"


def run(*items, code="EU", exporter="DE", **kw):
    doc = application(*items, **{k: v for k, v in kw.items() if k != "denials"})
    doc["exporter"]["country"] = exporter
    a = assess(doc, at=AT, jurisdiction=packaged_profile(code), denials=kw.get("denials"))
    return a, a.as_dict()


def bases(d: dict) -> list[tuple[str, str | None, int]]:
    return [(g["basis"], g["entry"], g["item"]) for g in d["licence_required"]["grounds"]]


def rules(d: dict) -> list[str]:
    return [r["rule"] for r in d["decision_rules"]]


# --------------------------------------------------------------------------- EU


def test_eu_listed_item_export_needs_a_licence_under_art_3():
    a, d = run(MILL_5AXIS, destination="AE")
    assert d["jurisdiction"]["code"] == d["licence_required"]["jurisdiction"] == "EU"
    assert bases(d) == [("EU 2021/821 Art. 3(1)", "2B001.b.2", 0)]
    assert d["licence_required"]["transfer"] == "export"
    assert "Licence required under EU 2021/821 Art. 3(1): item 1, 2B001.b.2" in a.explanation()


def test_eu_intra_union_transfer_of_a_non_annex_iv_item_needs_no_licence():
    # the expert's case: a 2B001 machine from Germany to France
    a, d = run(MILL_5AXIS, destination="FR")
    assert not d["licence_required"]["required"]
    assert d["licence_required"]["transfer"] == "intra_union"
    assert bases(d) == []
    assert any("EU 2021/821 Art. 11(1)" in n for n in d["licence_required"]["notes"])
    assert d["recommendation"] == "approve"
    assert rules(d) == ["not_required"]
    assert "Art. 11(1)" in d["decision_rules"][0]["evidence"][0]


def test_eu_intra_union_transfer_of_an_annex_iv_item_needs_a_licence_under_art_11():
    a, d = run(ROCKET_ENGINE, destination="FR")
    assert bases(d) == [
        ("EU 2021/821 Art. 11(1)", "9A105.a", 0),
        ("EU 2021/821 Art. 11(1)", "2.A.1.c", 0),
    ]
    assert "Annex IV" in d["licence_required"]["grounds"][0]["text"]
    assert d["recommendation"] == "deny", "a Category I item stays under the presumption of denial"


def test_eu_export_of_the_same_item_outside_the_union_needs_a_licence():
    _, inside = run(MILL_5AXIS, destination="FR")
    _, outside = run(MILL_5AXIS, destination="CH")
    assert not inside["licence_required"]["required"]
    assert outside["licence_required"]["required"]


def test_eu_catch_all_art_4_1_a_for_an_unlisted_item_with_a_missile_end_use():
    _, d = run(MILL_UNLISTED, destination="AE", end_use=MISSILE_END_USE)
    assert bases(d) == [("EU 2021/821 Art. 4(1)(a)", None, 0)]
    assert d["catch_all"]["invoked"] and d["catch_all"]["items"] == [0]
    assert d["catch_all"]["basis"] == d["licence_required"]["grounds"]


def test_eu_exporter_awareness_art_4_2():
    _, d = run(MILL_UNLISTED, destination="AE", declarations={"aware_of_missile_or_wmd_use": True})
    assert ("EU 2021/821 Art. 4(2)", None, 0) in bases(d)
    assert d["catch_all"]["invoked"]


def test_eu_missile_end_use_of_a_listed_item_is_a_refusal_ground_not_catch_all():
    a, d = run(MILL_5AXIS, destination="AE", end_use=MISSILE_END_USE)
    assert not d["catch_all"]["invoked"]
    assert bases(d) == [("EU 2021/821 Art. 3(1)", "2B001.b.2", 0)]
    assert [(g["basis"], g["entry"], g["item"]) for g in d["refusal_grounds"]] == [
        ("EU 2021/821 Art. 15(1); MTCR Guidelines para 2", "2B001.b.2", 0)
    ]
    assert "missile_end_use_listed" in rules(d) and "catch_all" not in rules(d)
    assert "Ground for refusal under EU 2021/821 Art. 15(1)" in a.explanation()


def test_eu_military_end_use_art_4_1_b_counts_an_eu_embargo():
    _, d = run(FLY_CUTTER, destination="CN", declarations={"military_end_use": True})
    assert bases(d) == [("EU 2021/821 Art. 4(1)(b)", None, 0)]
    assert "military_end_use_embargo" in rules(d)
    assert d["catch_all"]["invoked"]


@pytest.mark.parametrize("destination", ["CU", "NI", "ER"])
def test_eu_military_end_use_ignores_us_only_embargoes(destination):
    _, d = run(FLY_CUTTER, destination=destination, declarations={"military_end_use": True})
    assert not d["licence_required"]["required"]
    assert "military_end_use_embargo" not in rules(d)
    assert any("does not bind EU" in n for n in d["licence_required"]["notes"])


def test_eu001_is_named_where_it_covers_the_export():
    _, d = run(MILL_5AXIS, destination="US")
    (ga,) = d["licence_required"]["general_authorisations"]
    assert ga["code"] == "EU001" and ga["items"] == [0]
    assert "Annex II" in ga["basis"]
    assert d["licence_required"]["required"], "a general authorisation is an authorisation"


def test_eu001_does_not_cover_annex_iv_items_nor_an_export_with_a_missile_end_use():
    _, engine = run(ROCKET_ENGINE, destination="US")
    assert engine["licence_required"]["general_authorisations"] == []
    _, aware = run(MILL_5AXIS, destination="US", declarations={"aware_of_missile_or_wmd_use": True})
    assert aware["licence_required"]["general_authorisations"] == []
    assert any("EU001" in n and "cannot be used" in n for n in aware["licence_required"]["notes"])


def test_a_domestic_sale_is_no_export():
    _, d = run(MILL_5AXIS, destination="DE")
    assert d["licence_required"]["transfer"] == "domestic"
    assert not d["licence_required"]["required"]


def test_missing_exporter_country_is_assessed_as_an_export_and_says_so():
    doc = application(MILL_5AXIS, destination="FR")
    del doc["exporter"]["country"]
    d = assess(doc, at=AT).as_dict()
    assert d["licence_required"]["transfer"] == "export"
    assert d["licence_required"]["required"]
    assert any("country is not given" in n for n in d["licence_required"]["notes"])


# --------------------------------------------------------------------------- UK


def test_uk_listed_item_under_the_retained_regulation():
    _, d = run(PRESS, code="UK", exporter="GB", destination="AE")
    assert bases(d) == [("retained Reg. 428/2009 Art. 3(1)", "2B104", 0)]
    assert d["jurisdiction"]["code"] == "UK"


def test_uk_has_no_intra_union_exemption():
    _, d = run(MILL_5AXIS, code="UK", exporter="GB", destination="FR")
    assert d["licence_required"]["transfer"] == "export"
    assert d["licence_required"]["required"]


def test_uk_military_end_use_counts_un_embargoes_not_eu_or_us_ones():
    _, un = run(
        FLY_CUTTER,
        code="UK",
        exporter="GB",
        destination="SS",
        declarations={"military_end_use": True},
    )
    assert [b for b, _, _ in bases(un)] == [
        "Export Control Order 2008 (SI 2008/3231), military end-use control"
    ]
    _, eu_us = run(
        FLY_CUTTER,
        code="UK",
        exporter="GB",
        destination="CN",
        declarations={"military_end_use": True},
    )
    assert not eu_us["licence_required"]["required"]


# --------------------------------------------------------------------------- US


def test_us_mt_item_needs_a_licence_except_to_canada():
    _, cn = run(PRESS, code="US", exporter="US", destination="AE")
    assert bases(cn) == [
        ("15 CFR 742.5(a); Supp. No. 1 to part 738 (Country Chart, MT Column 1)", "2B104", 0)
    ]
    a, ca = run(PRESS, code="US", exporter="US", destination="CA")
    assert not ca["licence_required"]["required"]
    assert ca["recommendation"] == "approve"


def test_us_missile_end_use_of_an_item_not_licensable_to_the_destination_is_catch_all_744_3():
    # listed, but MT Column 1 needs no licence to Canada: catch-all is the legal basis
    _, d = run(PRESS, code="US", exporter="US", destination="CA", end_use=MISSILE_END_USE)
    assert bases(d) == [("15 CFR 744.3(b)", None, 0)]
    assert d["catch_all"]["invoked"]
    assert d["refusal_grounds"] == []


def test_us_military_end_use_counts_us_embargoes():
    _, d = run(
        FLY_CUTTER,
        code="US",
        exporter="US",
        destination="CU",
        declarations={"military_end_use": True},
    )
    assert bases(d) == [("15 CFR 744.21", None, 0)]


# --------------------------------------------------------------------------- MTCR


def test_mtcr_profile_licenses_annex_items_only():
    _, press = run(PRESS, code="MTCR", destination="AE")
    assert bases(press) == [("MTCR Guidelines para 1 (Annex items)", "2B104", 0)]
    _, mill = run(MILL_5AXIS, code="MTCR", destination="AE")
    assert not mill["licence_required"]["required"], "2B001.b.2 is Wassenaar only"


def test_mtcr_profile_catch_all_and_un_embargoes_only():
    _, d = run(MILL_UNLISTED, code="MTCR", destination="AE", end_use=MISSILE_END_USE)
    assert bases(d) == [("MTCR Guidelines para 7 (catch-all)", None, 0)]
    _, cn = run(FLY_CUTTER, code="MTCR", destination="CN", declarations={"military_end_use": True})
    assert not cn["licence_required"]["required"]
    _, kp = run(FLY_CUTTER, code="MTCR", destination="SS", declarations={"military_end_use": True})
    assert kp["licence_required"]["required"]


# --------------------------------------------------------------------------- item 7


OWN = Consultation(
    partner="our earlier refusal DE-2025-004 on 2025-06-02",
    reference="DE-2025-004",
    reason="essentially identical transaction denied on 2025-06-02: 2B009",
    own=True,
    denied_on="2025-06-02",
)


def test_our_own_earlier_refusal_is_shown_as_ours_and_still_refers():
    a, d = run(PRESS, denials=denials_returning(OWN))
    assert d["consultations"] == []
    assert d["earlier_refusals"][0]["reference"] == "DE-2025-004"
    assert "own_refusal" in rules(d) and "no_undercut" not in rules(d)
    assert d["recommendation"] == "refer"
    assert "Our earlier refusal DE-2025-004 on 2025-06-02" in a.explanation()
    assert "consult" not in a.explanation().lower()
    # a national refusal is weighed under A, never as a multilateral agreement under E
    assert "our earlier refusal on record (national): DE-2025-004" in d["factors"]["A"]["evidence"]
    assert not any("DE-2025-004" in e for e in d["factors"]["E"]["evidence"])


def test_each_profile_names_what_makes_a_list_licensable():
    from catchall.core.law.profile import packaged_profile

    eu = packaged_profile("EU").listing_basis("eu-dual-use")
    assert eu["basis"] == "EU 2021/821 Art. 3(1)" and not eu["conditional"]
    us = packaged_profile("US").listing_basis("eu-dual-use")
    assert us["basis"].startswith("15 CFR 742.5(a)") and " or 15 CFR 738.4" in us["basis"]
    assert us["conditional"]  # MT reasons only, every destination but Canada
    assert packaged_profile("EU").listing_basis("no-such-list") is None
