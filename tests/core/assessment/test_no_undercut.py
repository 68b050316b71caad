"""No-undercut rules: which denials an application meets again, and the evidence given."""

import datetime as dt

import pytest

from catchall.core.assessment.no_undercut import (
    ApplicationParty,
    DenialRecord,
    DeniedParty,
    EntryFacts,
    ItemFacts,
    entry_facts,
    entry_relation,
    find_undercuts,
    split_entries,
    stem,
)
from catchall.core.screening import score_pair

AT = dt.date(2025, 6, 1)
THRESHOLD = 0.80


def scorer(a, b):
    return score_pair(a, b)


def denial(entries=("2B109",), kind=None, parties=None, **kw):
    base = dict(
        id=1,
        reference="GB-2024-017",
        government="GB",
        government_name="United Kingdom",
        denied_on=dt.date(2024, 3, 1),
        valid_until=dt.date(2027, 3, 1),
        parties=parties or (DeniedParty("Shahid Hemmat Industrial Group", "IR", "end_user"),),
        entries=tuple(entry_facts(e) for e in entries),
        kind=kind,
        regime="MTCR",
    )
    base.update(kw)
    return DenialRecord(**base)


def item(entries=(), kind="machine_tool.flow_forming", index=0):
    return ItemFacts(index, kind, tuple(entry_facts(e) for e in entries))


def end_user(name="Shahid Hemmat Industries Group", country="IR"):
    return [ApplicationParty("end_user", name, country)]


def run(d, parties, items, at=AT):
    return find_undercuts([d], parties, items, at=at, scorer=scorer, threshold=THRESHOLD)


def test_spelling_variant_of_the_end_user_with_the_same_entry_needs_consultation():
    hits = run(denial(), end_user(), [item(["2B109.a"])])
    assert len(hits) == 1
    u = hits[0]
    assert u.partner == "United Kingdom (GB)"
    assert u.reason == "essentially identical transaction denied on 2024-03-01: 2B109"
    ev = " | ".join(u.evidence())
    assert "'Shahid Hemmat Industries Group' (IR) matches denied end user" in ev
    assert "'industries' ~ 'industrial'" in ev
    assert "same entry 2B109" in ev
    assert "valid until 2027-03-01" in ev


def test_transliterated_end_user_is_found():
    hits = run(denial(), end_user("Шахид Хеммат Индастриал Груп"), [item(["2B109.a"])])
    assert hits and "Cyrillic" in hits[0].evidence()[0]


def test_related_entry_through_a_shared_mtcr_item_is_close_enough():
    hits = run(denial(entries=("2B109",)), end_user(), [item(["2B009"])])
    assert hits
    assert "both implement MTCR Annex item 3.B.3" in " ".join(hits[0].evidence())


def test_partner_citing_the_mtcr_number_meets_the_eu_entry():
    hits = run(denial(entries=("3.B.3",)), end_user(), [item(["2B109.a"])])
    assert hits and "MTCR Annex item 3.B.3" in hits[0].evidence()[1]


def test_same_kind_for_a_catch_all_denial_needs_consultation_and_says_it_is_not_formal():
    d = denial(entries=(), kind="machine_tool.flow_forming")
    hits = run(d, end_user(), [item([], kind="machine_tool.flow_forming")])
    assert hits
    ev = hits[0].evidence()
    assert any("same item kind machine_tool.flow_forming" in e for e in ev)
    assert any("catch-all denial: not formally covered" in e for e in ev)
    assert hits[0].reason.endswith("unlisted machine_tool.flow_forming (catch-all)")


def test_a_different_end_user_is_no_undercut():
    assert run(denial(), end_user("Tehran Precision Tools Co"), [item(["2B109.a"])]) == []


def test_an_unrelated_entry_is_no_undercut():
    assert run(denial(), end_user(), [item(["2B006.a"], kind="metrology.cmm")]) == []


def test_an_expired_denial_is_no_undercut():
    d = denial(valid_until=dt.date(2025, 5, 31))
    assert run(d, end_user(), [item(["2B109.a"])]) == []


def test_a_denial_dated_after_the_assessment_date_is_not_yet_in_force():
    assert run(denial(), end_user(), [item(["2B109.a"])], at=dt.date(2024, 1, 1)) == []


def test_a_revoked_denial_is_no_undercut():
    assert run(denial(active=False), end_user(), [item(["2B109.a"])]) == []


def test_a_country_contradiction_rules_out_a_namesake():
    assert run(denial(), end_user(country="AE"), [item(["2B109.a"])]) == []


def test_an_unknown_country_on_either_side_does_not_rule_out():
    assert run(denial(), end_user(country=None), [item(["2B109.a"])])
    d = denial(parties=(DeniedParty("Shahid Hemmat Industrial Group", None, "end_user"),))
    assert run(d, end_user(), [item(["2B109.a"])])


def test_a_consignee_matching_a_denied_consignee_counts():
    d = denial(parties=(DeniedParty("Golden Star Trading FZE", "AE", "consignee"),))
    parties = [
        ApplicationParty("end_user", "Somebody Else Ltd", "IR"),
        ApplicationParty("consignee", "Golden Star Trading FZE", "AE"),
    ]
    hits = run(d, parties, [item(["2B109.a"])])
    assert hits and hits[0].parties[0].role == "consignee"


def test_a_denied_third_party_alone_is_not_the_same_transaction():
    d = denial(parties=(DeniedParty("Shahid Hemmat Industrial Group", "IR", "third_party"),))
    assert run(d, end_user(), [item(["2B109.a"])]) == []


def test_our_own_outgoing_denial_is_named_as_ours():
    d = denial(direction="outgoing", government="DE", government_name="Germany")
    (u,) = run(d, end_user(), [item(["2B109.a"])])
    assert u.own
    assert u.partner == f"our earlier refusal {d.reference} on {d.denied_on.isoformat()}"
    assert "Germany" not in u.partner


@pytest.mark.parametrize(
    "denied, ours, expected",
    [
        ("2B001.b.2", "2B001.b.1", "same entry family 2B001"),
        ("2B009", "2B209.a", "both control machine_tool.flow_forming"),
        ("2B004", "2B204.a", "both control press.isostatic"),
        ("1B001.a", "1B101.a", "MTCR Annex item 6.B.1.a"),
        ("2B001", "2B201.a", "both control machine_tool.milling"),
        ("2B006", "2B206.a.1", "both control metrology.cmm"),
        ("2B109", "2B109.a", "same entry 2B109"),
    ],
)
def test_classic_related_entries_are_derived_from_the_data(denied, ours, expected):
    rel = entry_relation(entry_facts(denied), entry_facts(ours))
    assert rel and expected in rel


def test_entries_outside_our_lists_fall_back_to_the_related_sets():
    rel = entry_relation(EntryFacts("2B209"), EntryFacts("2B009"))
    assert rel and "flow-forming machines" in rel


@pytest.mark.parametrize(
    "denied, ours", [("2B109", "2B006.a"), ("2B116.a", "2B001.a"), ("3.B.3", "9.B.2")]
)
def test_unrelated_entries_stay_unrelated(denied, ours):
    assert entry_relation(entry_facts(denied), entry_facts(ours)) is None


def test_entry_lists_and_families_parse_as_written():
    assert split_entries("2B009, 2B109.a; 2B009 ") == ("2B009", "2B109.a")
    assert stem("2B001.b.2") == "2B001" and stem("3.B.3") == "3.B"


def test_a_mill_turn_item_counts_as_a_milling_machine_for_a_milling_catch_all_denial():
    from catchall.core.assessment.no_undercut import kind_aliases

    it = ItemFacts(0, "machine_tool.mill_turn", (), kind_aliases("machine_tool.mill_turn"))
    d = denial(entries=(), kind="machine_tool.milling")
    assert run(d, end_user(), [it])


def test_a_party_without_its_evidence_is_screened_by_name_and_country():
    from catchall.core.assessment.application import Party
    from catchall.core.model import ScreeningQuery

    bare = ApplicationParty("end_user", "Golden Star Trading FZE", "AE")
    assert bare.screening_query() == ScreeningQuery(name="Golden Star Trading FZE", country="AE")
    party = Party("end_user", "Ali Rezaei", "IR", dob="1970-01-02", nationality="IR")
    asked = ApplicationParty.of(party)
    assert (asked.role, asked.name, asked.country) == ("end_user", "Ali Rezaei", "IR")
    assert asked.screening_query().dob == "1970-01-02"
    assert asked.screening_query() == party.query()
