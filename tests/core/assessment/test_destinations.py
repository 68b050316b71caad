"""Destination reference data: dated country groups, MTCR partners, embargoes, concern levels."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources

import pytest

from catchall.core.assessment import destinations as d
from catchall.core.errors import InputError
from catchall.core.vocabulary import read_packaged_yaml


def test_every_iso_code_and_kosovo_has_a_name():
    names = d.data().names
    assert len(names) == 250  # 249 ISO 3166-1 alpha-2 codes + XK
    assert names["XK"] == "Kosovo"
    assert names["NO"] == "Norway"  # a bare NO would be YAML false
    assert all(len(c) == 2 and c.isupper() and n for c, n in names.items())


def test_india_is_a_partner_only_from_27_june_2016():
    assert "IN" not in d.mtcr_partners(date(2015, 12, 31))
    assert "IN" not in d.mtcr_partners(date(2016, 6, 26))
    assert d.mtcr_partners(date(2016, 6, 27))["IN"] == 2016
    before = d.destination_profile("IN", date(2010, 1, 1))
    assert not before.mtcr_partner and before.partner_since is None
    assert before.adherent == "announced_unilateral"  # 2005 adherence, before membership
    after = d.destination_profile("IN", date(2020, 1, 1))
    assert after.mtcr_partner and after.partner_since == 2016 and after.adherent is None


def test_thirty_five_partners_today_and_settled_join_years():
    partners = d.mtcr_partners()
    assert len(partners) == 35
    assert partners["ES"] == 1989
    assert partners["AU"] == partners["NZ"] == 1990
    assert partners["PL"] == 1998
    assert partners["AR"] == partners["HU"] == 1993
    assert "CN" not in partners
    assert len(d.mtcr_partners(date(1987, 12, 31))) == 7  # the founders


def test_partner_count_grows_with_the_published_counts():
    # Counts seen in Plenary statements: 32 in 1999, 34 in 2005-2015, 35 from June 2016.
    assert len(d.mtcr_partners(date(1999, 12, 31))) == 32
    assert len(d.mtcr_partners(date(2005, 12, 31))) == 34
    assert len(d.mtcr_partners(date(2016, 1, 1))) == 34


def test_russia_in_d4_only_from_2020_02_24():
    assert not d.in_group("RU", "D:4", date(2020, 2, 23))
    assert d.in_group("RU", "D:4", date(2020, 2, 24))
    assert d.in_group("RU", "D:5", date(2020, 2, 23))  # already in D:5


def test_venezuela_in_d4_only_from_2019_05_24():
    assert d.groups_on("VE", date(2019, 5, 23)) == ["D:5"]
    assert d.in_group("VE", "D:4", "2019-05-24")
    assert d.destination_profile("VE", date(2019, 5, 24)).d4


def test_cambodia_not_in_d5_from_2026_02_03():
    assert d.in_group("KH", "D:5", date(2026, 2, 2))
    assert not d.in_group("KH", "D:5", date(2026, 2, 3))
    assert [e.id for e in d.embargoes_on("KH", date(2026, 2, 2))] == ["us-kh"]
    assert d.embargoes_on("KH", date(2026, 2, 3)) == []


def test_us_d5_embargo_rows_follow_country_group_d5():
    for day in (date(2020, 1, 1), date(2026, 2, 2), date(2026, 7, 31)):
        us = {e.target for e in d.data().embargoes if e.authority == "US" and e.in_force(day)}
        members = {c for c in d.data().names if d.in_group(c, "D:5", day)}
        assert us == members, day


@pytest.mark.parametrize("code", ["IR", "KP", "SY"])
def test_iran_dprk_syria_are_high_concern(code):
    p = d.destination_profile(code, date(2026, 7, 31))
    assert p.concern_level == "high"
    assert p.d4 and "E:1" in p.groups
    assert p.evidence[0].startswith("Missile concern high")


def test_iran_un_measures_follow_the_2231_timeline():
    ids = lambda day: [e.id for e in d.embargoes_on("IR", day) if e.authority == "UN"]  # noqa: E731
    assert ids(date(2020, 1, 1)) == ["un-ir-2006"]
    assert ids(date(2024, 1, 1)) == []  # Transition Day, 18 Oct 2023
    assert ids(date(2025, 9, 27)) == ["un-ir-2025"]
    snap = d.destination_profile("IR", date(2025, 10, 1))
    assert any("disputed" in e for e in snap.evidence)
    assert d.destination_profile("IR", date(2024, 1, 1)).concern_level == "high"  # D:4 + E:1


@pytest.mark.parametrize("code", ["DE", "NO", "KR", "JP", "US"])
def test_partners_without_groups_or_embargoes_have_no_concern(code):
    p = d.destination_profile(code, date(2026, 7, 31))
    assert p.concern_level == "none" and p.mtcr_partner and p.groups == []
    assert p.evidence[0].startswith("No D:4 membership")


def test_d4_or_arms_embargo_is_elevated():
    assert d.destination_profile("AE", date(2026, 7, 31)).concern_level == "none"  # A:5, not D:4
    assert d.destination_profile("EG", date(2026, 7, 31)).concern_level == "elevated"  # D:4 only
    assert d.destination_profile("ZW", date(2026, 7, 31)).concern_level == "elevated"  # D:5 only
    ru = d.destination_profile("RU", date(2026, 7, 31))
    assert ru.concern_level == "elevated" and ru.mtcr_partner


def test_embargo_on_non_state_actors_alone_does_not_raise_the_level():
    scopes = [e.scope for e in d.embargoes_on("CD", date(2026, 7, 31)) if e.authority == "UN"]
    assert scopes == ["non_state_actors"]
    embargo = d.embargoes_on("CD", date(2026, 7, 31))[0]
    assert d.concern_for([], [embargo]) == "none"
    assert d.concern_for(["D:4"], []) == "elevated"
    assert d.concern_for(["D:4", "E:1"], []) == "high"


def test_stored_missile_concern_table_matches_the_rule():
    raw = read_packaged_yaml("countries.yaml")["missile_concern"]
    day = raw["evaluated_on"]
    stored = {c: v["level"] for c, v in raw["destinations"].items()}
    assert stored == d.concern_levels(day)
    for code, v in raw["destinations"].items():
        in_scope = d.in_group(code, "D:4", day) or any(
            e.authority == "UN" and e.missile_related for e in d.embargoes_on(code, day)
        )
        assert v["catch_all_screen"] == in_scope, code


def test_unknown_country_code_is_refused_with_a_clear_message():
    with pytest.raises(InputError, match="'QQ' is not an ISO 3166 alpha-2 country code"):
        d.validate_country("QQ")
    with pytest.raises(InputError, match="did you mean GB"):
        d.validate_country("UK")
    with pytest.raises(InputError, match="did you mean DE"):
        d.validate_country("Germany")
    with pytest.raises(InputError, match="required"):
        d.validate_country(None)
    with pytest.raises(InputError):
        d.destination_profile("ZZ")


def test_lower_case_code_is_accepted_and_upper_case_returned():
    assert d.validate_country(" de ") == "DE"
    assert d.country_name("kp") == "North Korea"
    assert d.destination_profile("ir").code == "IR"


def test_bad_date_is_an_input_error():
    with pytest.raises(InputError, match="not an ISO date"):
        d.destination_profile("DE", "yesterday")


def test_undated_membership_is_flagged_in_the_evidence():
    p = d.destination_profile("BY", date(2015, 1, 1))
    assert p.d4
    assert any("D:4 membership before" in e and "assumed" in e for e in p.evidence)


def test_profile_serialises_to_json():
    out = d.destination_profile("CN", date(2026, 7, 31)).as_dict()
    json.dumps(out)
    assert out["adherent"] == "informal" and out["mtcr_applicant"] is True
    assert {e["authority"] for e in out["arms_embargoes"]} == {"EU", "US"}


def test_every_fact_cites_a_known_source_and_flags_verification():
    raw = read_packaged_yaml("countries.yaml")
    sources = raw["sources"]
    facts = (
        list(raw["mtcr"]["partners"].values())
        + list(raw["mtcr"]["adherents"].values())
        + raw["mtcr"]["applicants"]
        + raw["country_groups"]["changes"]
        + raw["arms_embargoes"]
    )
    for fact in facts:
        assert fact["sources"] and all(s in sources for s in fact["sources"]), fact
        if "memory" in fact["sources"] or fact.get("unverified"):
            assert fact.get("verified") is False, fact
    assert raw["country_groups"]["verified"] is False  # third-party copy of the eCFR


def test_an_authority_file_replaces_the_packaged_one():
    raw = read_packaged_yaml("countries.yaml")
    raw["country_groups"]["groups"]["D:4"]["members"].append("AE")
    d.use_data(raw)
    try:
        assert d.destination_profile("AE", date(2026, 7, 31)).concern_level == "elevated"
    finally:
        d.use_data(None)
    assert d.destination_profile("AE", date(2026, 7, 31)).concern_level == "none"


def test_a_bare_no_in_an_authority_file_is_refused():
    raw = read_packaged_yaml("countries.yaml")
    raw["country_groups"]["groups"]["E:2"]["members"].append(False)
    with pytest.raises(ValueError, match='quote Norway as "NO"'):
        d.parse_countries(raw)


def test_packaged_file_is_shipped_inside_the_package():
    assert (resources.files("catchall") / "data" / "countries.yaml").is_file()


def test_a_search_for_a_country_finds_it_by_code_name_or_other_name():
    from catchall.core.assessment.destinations import countries_matching

    assert countries_matching("ir") == ["IR"] and countries_matching(" IR ") == ["IR"]
    assert countries_matching("iran") == ["IR"]
    assert countries_matching("Islamic  Republic") == ["IR"]  # only in the other name
    assert set(countries_matching("korea")) == {"KP", "KR"}
    assert countries_matching("zz") == [] and countries_matching("q") == []


def test_one_country_is_named_by_code_or_name_or_the_reason_is_said():
    from catchall.core.assessment.destinations import country_code_for

    assert country_code_for("gb") == "GB" and country_code_for("United Kingdom") == "GB"
    assert country_code_for("iran, islamic republic of") == "IR"
    assert country_code_for("Guinea") == "GN"  # a full name wins over names containing it
    with pytest.raises(InputError, match="more than one country"):
        country_code_for("Korea")
    with pytest.raises(InputError, match="not an ISO 3166"):
        country_code_for("Narnia")
