"""The packaged starter programs-of-concern list: sourcing, honesty markers, coverage."""

from __future__ import annotations

import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path

from rigour.territories import get_territory

from catchall.core.model import SCHEMATA
from catchall.core.screening.starter import (
    LIST_NAME,
    load_starter_list,
    starter_list_info,
    starter_list_records,
)

EXAMPLE = (
    Path(__file__).resolve().parents[2]
    / "fixtures"
    / "examples"
    / "applications"
    / "flow-former-to-listed-end-user.json"
)


def _by_id():
    return {e.id: e for e in load_starter_list()}


def _names(entity):
    return {n.casefold() for n in (*entity.all_names, *entity.weak_aliases)}


def test_header_does_not_label_it_a_dated_starter_list():
    text = (
        resources.files("catchall")
        .joinpath("data/screening/programs-of-concern.yaml")
        .read_text("utf-8")
    )
    info = starter_list_info()
    label = (
        f"a dated starter list (as of {info.as_of.isoformat()}), to be replaced by official feeds"
    )
    assert label in text.splitlines()[0]
    assert info.label == label and info.name == LIST_NAME
    assert info.entity_count == len(load_starter_list()) >= 60


def test_entity_without_authority_source_or_date_flag():
    info = starter_list_info()
    for record in starter_list_records():
        assert record.designations, record.id
        for d in record.designations:
            assert d.authority and d.basis and d.source in info.sources, record.id
            assert d.listed_on is not None or "listed_on" in d.unverified, record.id
        entity = next(e for e in load_starter_list() if e.id == record.id)
        assert entity.source_url and entity.source_url.startswith("http"), record.id
        assert entity.authority, record.id


def test_unverified_dates_presented_as_facts():
    entities = _by_id()
    for record in starter_list_records():
        verified = [d.listed_on for d in record.designations if d.date_verified]
        entity = entities[record.id]
        assert entity.listed_on == (min(verified) if verified else None), record.id
        if any(d.listed_on and "listed_on" in d.unverified for d in record.designations):
            assert "(date unverified)" in entity.notes, record.id
        if not record.verified or any(not a.verified for a in record.aliases):
            assert "Unverified:" in entity.notes, record.id


def test_duplicate_or_unreadable_ids():
    ids = [e.id for e in load_starter_list()]
    assert len(ids) == len(set(ids))
    for record in starter_list_records():
        assert re.fullmatch(r"poc-[a-z]{2}-[a-z0-9]+(-[a-z0-9]+)*", record.id), record.id
        assert record.id[4:6].upper() in {*record.countries, record.program_country}, record.id


def test_invalid_country_codes_or_schemata():
    for record in starter_list_records():
        assert record.schema in SCHEMATA
        for code in (*record.countries, record.program_country):
            assert code == code.upper() and len(code) == 2, record.id
            territory = get_territory(code)
            assert territory is not None and territory.code == code.lower(), (record.id, code)


def test_core_program_entities_missing():
    entities = _by_id()
    expected = {
        "poc-ir-shig": "SHIG",
        "poc-ir-sbig": "SBIG",
        "poc-ir-aio": "AIO",
        "poc-kp-komid": "KOMID",
        "poc-cn-limmt": "LIMMT",
        "poc-cn-li-fangwei": "KARL LEE",
        "poc-sy-ssrc": "SSRC",
        "poc-cn-cpmiec": "CPMIEC",
    }
    for entity_id, alias in expected.items():
        assert alias.casefold() in _names(entities[entity_id]), entity_id
    assert entities["poc-cn-li-fangwei"].schema == "Person"


def test_example_end_user_spelling_not_on_the_list():
    sbig = _by_id()["poc-ir-sbig"]
    assert sbig.name == "SHAHID BAGHERI INDUSTRIAL GROUP"  # UN spelling
    assert "SHAHID BAKERI INDUSTRIAL GROUP" in sbig.aliases  # OFAC primary spelling
    assert sbig.countries == ("IR",)
    party = json.loads(EXAMPLE.read_text(encoding="utf-8"))["parties"][0]
    assert party["name"].casefold() in _names(sbig)
    assert party["country"] in sbig.countries


def test_un_and_ofac_spellings_merged_into_one():
    entities = _by_id()
    pairs = {
        "poc-ir-shahid-karrazi": ("SHAHID KARRAZI INDUSTRIES", "SHAHID KHARRAZI INDUSTRIES"),
        "poc-ir-dio": ("DEFENCE INDUSTRIES ORGANISATION", "DEFENSE INDUSTRIES ORGANIZATION"),
        "poc-kp-tangun": ("KOREAN TANGUN TRADING CORPORATION", "KOREA TANGUN TRADING CORPORATION"),
        "poc-ir-qods-aero": ("QODS AERONAUTICS INDUSTRIES", "QODS AVIATION INDUSTRIES"),
    }
    for entity_id, spellings in pairs.items():
        assert set(spellings) <= set(entities[entity_id].all_names), entity_id


def test_native_script_name_dropped():
    assert "朝鲜联合机械贸易会社" in _by_id()["poc-kp-ryonha"].aliases


def test_generic_acronyms_matched_as_strong_names():
    entities = _by_id()
    for entity_id, acronym in [
        ("poc-kp-mid", "MID"),
        ("poc-pk-ndc", "NDC"),
        ("poc-kp-srf", "STRATEGIC FORCES"),
    ]:
        assert acronym in entities[entity_id].weak_aliases
        assert acronym not in entities[entity_id].aliases


def test_aliases_repeat_the_name_or_each_other():
    for entity in load_starter_list():
        names = [entity.name, *entity.aliases, *entity.weak_aliases]
        assert len(names) == len(set(names)), entity.id
        assert all(n == n.strip() and n for n in names), entity.id


def test_coverage_by_country_shrinks():
    counts = Counter(r.program_country for r in starter_list_records())
    assert counts["IR"] >= 30 and counts["KP"] >= 15
    assert counts["SY"] >= 1 and counts["PK"] >= 5
    assert sum(1 for r in starter_list_records() if "CN" in r.countries) >= 5


def test_delisted_designations_cannot_be_left_out():
    everything = {e.id for e in load_starter_list()}
    current = {e.id for e in load_starter_list(include_delisted=False)}
    delisted = {r.id for r in starter_list_records() if r.status == "delisted"}
    assert "poc-cn-cgwic" in delisted
    assert current == everything - delisted
    assert "no longer listed" in _by_id()["poc-cn-cgwic"].notes
