"""Jurisdiction profiles: the packaged ones load and cite their sources; an authority's own
file in the same format works; a bad file is refused with the field named."""

from __future__ import annotations

import copy

import pytest
import yaml

from catchall.core.errors import InputError
from catchall.core.law.profile import PACKAGED, load_profile, packaged_profile, parse_profile
from catchall.core.vocabulary import read_packaged_yaml


@pytest.mark.parametrize("code", PACKAGED)
def test_packaged_profiles_cite_every_provision_and_mark_what_is_verified(code):
    p = packaged_profile(code)
    assert p.code == code
    provisions = [*p.lists, p.catch_all.informed, p.refusal]
    for prov in provisions:
        assert prov.sources and all(s in p.sources for s in prov.sources)
        assert isinstance(p.verified(prov), bool)
    assert p.catch_all.military is not None


def test_eu_profile_names_its_articles():
    p = packaged_profile("EU")
    assert p.lists[0].basis == "EU 2021/821 Art. 3(1)"
    assert p.catch_all.informed.basis == "EU 2021/821 Art. 4(1)(a)"
    assert p.catch_all.aware.basis == "EU 2021/821 Art. 4(2)"
    assert p.catch_all.military.basis == "EU 2021/821 Art. 4(1)(b)"
    assert set(p.catch_all.military.embargo_sources) == {"EU", "UN", "OSCE"}
    assert p.intra_union.basis == "EU 2021/821 Art. 11(1)"
    assert {x.entry for x in p.intra_union.needs_licence} >= {"9A004", "9A005", "9A007.a", "7A117"}
    assert [g.code for g in p.general_authorisations] == ["EU001"]
    assert "DE" in p.intra_union.members and "GB" not in p.intra_union.members


def test_an_authority_can_supply_its_own_profile_file(tmp_path):
    raw = copy.deepcopy(read_packaged_yaml("jurisdictions", "mtcr.yaml"))
    raw["code"] = "XA"
    raw["title"] = "Our authority"
    path = tmp_path / "ours.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    p = load_profile(str(path))
    assert (p.code, p.title) == ("XA", "Our authority")


def test_a_bad_profile_names_the_field():
    raw = copy.deepcopy(read_packaged_yaml("jurisdictions", "eu.yaml"))
    raw["lists"][0]["sources"] = ["no-such-source"]
    raw["catch_all"]["military"]["embargo_sources"] = ["XX"]
    del raw["refusal"]
    with pytest.raises(InputError) as exc:
        parse_profile(raw)
    fields = {p.field for p in exc.value.problems}
    assert "jurisdiction.refusal" in fields
    assert "jurisdiction.catch_all.military" in fields


def test_an_uncited_provision_is_refused():
    raw = copy.deepcopy(read_packaged_yaml("jurisdictions", "eu.yaml"))
    raw["lists"][0]["sources"] = ["no-such-source"]
    with pytest.raises(InputError, match="lists\\[0\\]: unknown source id 'no-such-source'"):
        parse_profile(raw)


def test_an_unknown_code_says_which_are_packaged():
    with pytest.raises(InputError, match="EU, UK, US, MTCR"):
        load_profile("FR")
    with pytest.raises(InputError, match="cannot read"):
        load_profile("/nonexistent/ours.yaml")
