"""Red-flag catalogue: codes are the contract, unknown codes are refused with a suggestion."""

from __future__ import annotations

import pytest

from catchall.core.assessment import red_flags as rf
from catchall.core.errors import InputError
from catchall.core.vocabulary import read_packaged_yaml

BIS_CODES = [
    "party_resembles_listed_party",
    "end_use_info_withheld",
    "item_mismatch_business",
    "item_mismatch_country_tech_level",
    "cash_for_expensive_item",
    "thin_business_background",
    "customer_unfamiliar_with_item",
    "declines_installation_training_service",
    "vague_delivery_or_odd_destination",
    "forwarder_as_final_destination",
    "abnormal_routing",
    "packaging_inconsistent",
    "evasive_on_reexport",
]


def test_the_thirteen_bis_indicators_keep_their_codes_and_order():
    bis = [f.code for f in rf.catalogue().values() if f.origin == "BIS"]
    assert bis == BIS_CODES


def test_catalogue_covers_eu_and_national_extras():
    flags = rf.catalogue()
    assert len(flags) == 33
    assert {f.origin for f in flags.values()} == {"BIS", "EU", "HK", "SG"}
    assert sum(f.origin == "EU" for f in flags.values()) == 17
    for f in flags.values():
        assert f.group in rf.GROUPS and f.weight in (1, 2, 3) and f.title and f.source


def test_no_flag_by_itself_carries_a_missile_link_and_close_calls_say_why():
    flags = rf.catalogue()
    assert not any(f.missile_link for f in flags.values())
    for code in ("party_resembles_listed_party", "military_link_civil_use_claim"):
        assert flags[code].rationale and flags[code].weight == 3


def test_red_flags_resolve_in_order_without_duplicates():
    got = rf.resolve(["abnormal_routing", "Third-Party Payment", "abnormal_routing"])
    assert [f.code for f in got] == ["abnormal_routing", "third_party_payment"]
    assert rf.resolve([]) == []


def test_unknown_red_flag_codes_are_refused_with_did_you_mean():
    with pytest.raises(InputError) as exc:
        rf.resolve(["abnormal_routng", "evasive_on_reexport", "zzz"])
    problems = exc.value.problems
    assert [p.field for p in problems] == ["[0]", "[2]"]
    assert "did you mean 'abnormal_routing'" in problems[0].message
    assert "unknown red-flag code 'zzz'" in problems[1].message
    nested = exc.value.prefixed("red_flags").problems
    assert nested[0].field == "red_flags[0]"


@pytest.mark.parametrize("bad", ["abnormal_routing", None, [""], [3]])
def test_non_list_or_non_text_codes_are_refused(bad):
    with pytest.raises(InputError):
        rf.resolve(bad)


def test_catalogue_is_a_copy_callers_cannot_corrupt():
    rf.catalogue().clear()
    assert len(rf.catalogue()) == 33


def test_an_authority_catalogue_replaces_the_packaged_one():
    raw = read_packaged_yaml("red_flags.yaml")
    raw["flags"]["abnormal_routing"]["weight"] = 3
    rf.use_data(raw)
    try:
        assert rf.catalogue()["abnormal_routing"].weight == 3
    finally:
        rf.use_data(None)
    assert rf.catalogue()["abnormal_routing"].weight == 2


def test_a_flag_without_source_or_weight_is_refused():
    raw = read_packaged_yaml("red_flags.yaml")
    raw["flags"]["abnormal_routing"]["weight"] = 5
    with pytest.raises(ValueError, match="weight 1-3"):
        rf.parse_red_flags(raw)
