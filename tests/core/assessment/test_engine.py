"""The assessment engine: one test per row of the decision table and per catch-all ground, the
counterfactuals ("what would change this outcome") and the six MTCR Guidelines factors.

Hand-made screeners give exact control over party matches; the starter-list index gives the
realistic screening that the shipped examples rely on (test_examples.py).
"""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from catchall.core.assessment import red_flags
from catchall.core.assessment.decision import OUTCOMES, RULES
from catchall.core.assessment.engine import Consultation, assess
from catchall.core.errors import InputError
from catchall.core.vocabulary import read_packaged_yaml
from tests.core.assessment.helpers import (
    AT,
    ELEVATED_EMBARGOED,
    FLY_CUTTER,
    HIGH,
    MILL_5AXIS,
    MILL_UNLISTED,
    NON_PARTNER_CLEAR,
    PARTNER,
    PRESS,
    ROCKET_ENGINE,
    application,
    denials_returning,
    library_with,
    match,
    rules,
    screener,
)

END_USER = "Acme Precision Parts"
MISSILE_END_USE = "Machining of rocket motor cases"
FLOW_FORMER = {
    "description": "CNC flow-forming machine, four rollers",
    "kind": "machine_tool.flow_forming",
    "parameters": {
        "rollers": 4,
        "contouring_axes": 3,
        "nc_capable": True,
        "roller_force": "120 kN",
    },
}
CONSULTATION = Consultation(
    partner="GB",
    reference="GB-2024-017",
    reason="denied an essentially identical flow-forming machine to the same end user",
    evidence=["same end user", "same MTCR item 3.B.3"],
)


OWN_REFUSAL = Consultation(
    partner="our earlier refusal DE-2025-004 on 2025-06-02",
    reference="DE-2025-004",
    reason="essentially identical transaction denied on 2025-06-02: 2B109",
    evidence=["same end user"],
    own=True,
    denied_on="2025-06-02",
)


def facility_entry(**overrides) -> dict:
    """An authority's entry for a Category I production facility built around flow formers."""
    entry = {
        "id": "T-FAC-1",
        "regime": "MTCR",
        "reasons": ["MT"],
        "mtcr_item": "2.B.2",
        "mtcr_category": "I",
        "title": "Production facility for Category I rocket motor cases",
        "kinds": ["machine_tool.flow_forming"],
        "criteria": [{"param": "rollers", "ge": 3}],
        "production_facility": True,
    }
    return {**entry, **overrides}


def run(doc, hits=None, **kw):
    kw.setdefault("at", AT)
    return assess(doc, screen=screener(hits), **kw)


# --------------------------------------------------------------------------- the decision table

# For each rule of decision.RULES: an application in which that rule is the decisive one.
SCENARIOS = {
    "cat1_production_facility": lambda: run(
        application(FLOW_FORMER), library=library_with(facility_entry())
    ),
    "cat1_item": lambda: run(application(ROCKET_ENGINE)),
    "cat1_item_with_assurances": lambda: run(
        application(ROCKET_ENGINE, assurances={"government_to_government": True})
    ),
    "listed_party_match": lambda: run(
        application(FLY_CUTTER), hits={END_USER: [match("Acme Precision Parts")]}
    ),
    "catch_all_strong": lambda: run(
        application(declarations={"aware_of_missile_or_wmd_use": True})
    ),
    "catch_all": lambda: run(application(end_use=MISSILE_END_USE)),
    "missile_end_use_listed_strong": lambda: run(
        application(MILL_5AXIS, declarations={"aware_of_missile_or_wmd_use": True})
    ),
    "missile_end_use_listed": lambda: run(application(MILL_5AXIS, end_use=MISSILE_END_USE)),
    "no_undercut": lambda: run(application(), denials=denials_returning(CONSULTATION)),
    "own_refusal": lambda: run(application(), denials=denials_returning(OWN_REFUSAL)),
    "listed_to_concern": lambda: run(application(PRESS, destination=ELEVATED_EMBARGOED)),
    "military_end_use_embargo": lambda: run(
        application(
            FLY_CUTTER, destination=ELEVATED_EMBARGOED, declarations={"military_end_use": True}
        )
    ),
    "possible_match": lambda: run(
        application(FLY_CUTTER), hits={END_USER: [match("Acme Precise Parts", "possible")]}
    ),
    "undetermined_item": lambda: run(
        application({"kind": "other", "description": "Custom gyroscope test rig"})
    ),
    "red_flags": lambda: run(application(red_flags=["cash_for_expensive_item"])),
    "listed_clear": lambda: run(application(PRESS)),
    "not_required": lambda: run(application()),
}


def test_every_rule_of_the_decision_table_has_a_scenario():
    assert list(SCENARIOS) == list(RULES), "a rule was added to decision.RULES without a test here"


@pytest.mark.parametrize("rule", list(RULES))
def test_each_rule_alone_gives_its_documented_outcome(rule):
    a = SCENARIOS[rule]()
    assert rules(a) == [rule]
    assert a.recommendation == RULES[rule][0]
    d = a.as_dict()
    assert d["recommendation"] == RULES[rule][0]
    assert d["decision_rules"][0]["rule"] == rule
    assert d["decision_rules"][0]["meaning"] == RULES[rule][1]
    assert d["decision_rules"][0]["evidence"], "a rule fired without evidence"


def test_the_most_restrictive_outcome_wins_when_several_rules_fire():
    a = run(
        application(
            PRESS,
            destination=ELEVATED_EMBARGOED,
            red_flags=["cash_for_expensive_item"],
            declarations={"aware_of_missile_or_wmd_use": True},
        ),
        hits={END_USER: [match("Acme Precise Parts", "possible")]},
    )
    assert {
        "missile_end_use_listed_strong",
        "listed_to_concern",
        "possible_match",
        "red_flags",
    } <= set(rules(a))
    assert a.recommendation == "deny"
    assert max(OUTCOMES.index(f.outcome) for f in a.firings) == OUTCOMES.index("deny")
    assert "listed_clear" not in rules(a)


def test_category_i_production_facility_is_denied_even_with_government_assurances():
    a = run(
        application(FLOW_FORMER, assurances={"government_to_government": True}),
        library=library_with(facility_entry()),
    )
    assert a.recommendation == "deny"
    assert "cat1_production_facility" in rules(a)
    assert "cat1_item_with_assurances" not in rules(a)
    evidence = a.firings[0].evidence
    assert evidence == ["item 1: T-FAC-1 is a Category I production facility"]


def test_production_facility_flag_of_the_mtcr_item_catalogue_counts_too():
    # the entry itself is not flagged, but its MTCR item 1.B.1 is a production facility
    lib = library_with(facility_entry(production_facility=False, mtcr_item="1.B.1"))
    a = run(application(FLOW_FORMER), library=lib)
    assert rules(a) == ["cat1_production_facility"]


def test_category_i_item_is_denied_and_names_the_entry():
    a = run(application(ROCKET_ENGINE))
    assert a.recommendation == "deny"
    # the EU entry (9A105.a) and the MTCR Annex entry both rate it, each naming 2.A.1.c
    assert a.firings[0].evidence == [
        "item 1: 9A105.a = MTCR 2.A.1.c (Category I)",
        "item 1: 2.A.1.c = MTCR 2.A.1.c (Category I)",
    ]
    assert a.licence_required
    assert "Category I" in a.explanation()


def test_category_i_item_with_government_assurances_is_referred_not_approved():
    a = run(application(ROCKET_ENGINE, assurances={"government_to_government": True}))
    assert a.recommendation == "refer"
    # a referral of a listed item carries the conditions a decision-maker would attach
    assert any("re-export" in c for c in a.conditions)


def test_other_assurances_do_not_lift_the_category_i_presumption():
    a = run(
        application(
            ROCKET_ENGINE,
            assurances={
                "end_use_statement": True,
                "no_retransfer": True,
                "post_shipment_verification": True,
            },
        )
    )
    assert rules(a) == ["cat1_item"]


def test_confirmed_list_match_is_denied_with_the_match_as_evidence():
    a = run(application(FLY_CUTTER), hits={END_USER: [match("Acme Precision Parts")]})
    assert a.recommendation == "deny"
    (evidence,) = a.firings[0].evidence
    assert "end user 'Acme Precision Parts'" in evidence
    assert "programs-of-concern" in evidence
    assert a.as_dict()["parties"][0]["decision"] == "match"


def test_the_explanation_names_the_party_in_words_and_says_each_finding_once():
    a = run(application(FLY_CUTTER), hits={END_USER: [match("Acme Precision Parts")]})
    text = a.explanation()
    assert "end_user" not in text and "End user 'Acme Precision Parts'" in text
    assert text.count("Acme Precision Parts") == 1
    assert text.lower().count("a party is a confirmed match") == 1
    assert all(s[:1].isupper() for s in text.split(". ") if s)


def test_a_match_on_a_consignee_counts_as_much_as_one_on_the_end_user():
    parties = [
        {"role": "end_user", "name": END_USER, "country": PARTNER},
        {"role": "consignee", "name": "Front Trading", "country": "AE"},
    ]
    a = run(
        application(FLY_CUTTER, parties=parties), hits={"Front Trading": [match("Front Trading")]}
    )
    assert rules(a) == ["listed_party_match"]
    assert "consignee 'Front Trading'" in a.firings[0].evidence[0]


def test_no_undercut_consultation_is_referred_and_reported():
    a = run(application(PRESS), denials=denials_returning(CONSULTATION))
    assert a.recommendation == "refer"
    assert "no_undercut" in rules(a)
    d = a.as_dict()
    assert d["consultations"] == [
        {
            "partner": "GB",
            "reference": "GB-2024-017",
            "reason": CONSULTATION.reason,
            "evidence": ["same end user", "same MTCR item 3.B.3"],
        }
    ]
    assert (
        "MTCR partner denial on record (no-undercut): GB GB-2024-017"
        in d["factors"]["E"]["evidence"]
    )


def test_the_denial_check_is_given_the_classifications_and_screenings():
    seen = {}

    def check(app, items, parties):
        seen.update(app=app, items=items, parties=parties)
        return []

    run(application(PRESS), hits={END_USER: [match("Acme Precision Parts")]}, denials=check)
    assert [h.entry.id for h in seen["items"][0].entries] == ["2B104"]
    assert seen["parties"][0].decision == "match"
    assert seen["app"].destination == PARTNER


def test_listed_item_to_a_destination_of_concern_is_referred_with_stricter_conditions():
    a = run(application(PRESS, destination=ELEVATED_EMBARGOED))
    assert rules(a) == ["listed_to_concern"]
    assert a.firings[0].evidence, "the destination evidence is missing"
    # not a partner and an MTCR item: verification and government assurances are added
    assert any("Post-shipment verification" in c for c in a.conditions)
    assert any("Government-to-government assurances" in c for c in a.conditions)


def test_unlisted_item_to_a_destination_of_concern_without_indicators_needs_no_licence():
    a = run(application(FLY_CUTTER, destination=HIGH))
    assert a.recommendation == "approve"
    assert not a.licence_required


def test_military_end_use_to_an_embargoed_destination_is_referred_and_needs_a_licence():
    a = run(
        application(
            FLY_CUTTER, destination=ELEVATED_EMBARGOED, declarations={"military_end_use": True}
        )
    )
    assert a.recommendation == "refer"
    assert a.licence_required
    assert [g.basis for g in a.licence_grounds] == ["EU 2021/821 Art. 4(1)(b)"]
    assert all("embargo" in e.lower() for e in a.firings[0].evidence)


def test_military_end_use_to_a_destination_without_embargo_changes_nothing():
    a = run(application(FLY_CUTTER, destination=PARTNER, declarations={"military_end_use": True}))
    assert a.recommendation == "approve"
    assert not a.licence_required


def test_possible_match_is_referred_not_denied():
    a = run(application(PRESS), hits={END_USER: [match("Acme Precise Parts", "possible")]})
    assert a.recommendation == "refer"
    assert "possible_match" in rules(a)
    assert "listed_party_match" not in rules(a)
    assert not a.as_dict()["catch_all"]["invoked"], "a possible match is not a catch-all ground"


def test_red_flags_are_referred_with_their_titles_as_evidence():
    a = run(
        application(red_flags=["cash_for_expensive_item", "declines_installation_training_service"])
    )
    assert a.recommendation == "refer"
    titles = {f.title for f in red_flags.catalogue().values()}
    assert set(a.firings[0].evidence) <= titles and len(a.firings[0].evidence) == 2


def test_listed_item_to_a_partner_with_clear_screening_is_approved_with_conditions():
    a = run(application(PRESS))
    assert a.recommendation == "approve_with_conditions"
    assert a.conditions[:3] == [
        "End-user statement naming the end use and the end-use location",
        "Assurance that the items will not be used for any WMD delivery system",
        "No re-export, retransfer or replication without the prior written consent of the licensing authority",
    ]
    # a partner gets no government-to-government condition
    assert not any("Government-to-government" in c for c in a.conditions)
    assert a.firings[0].evidence == [
        "Licence required under EU 2021/821 Art. 3(1): item 1, 2B104 (MTCR) = MTCR 6.B.3 "
        "(Category II): an authorisation is required for the export of dual-use items listed in "
        "Annex I"
    ]


def test_wassenaar_only_item_to_a_partner_gets_the_basic_conditions_only():
    a = run(application(MILL_5AXIS))
    assert a.recommendation == "approve_with_conditions"
    assert len(a.conditions) == 3
    assert not any("Post-shipment" in c for c in a.conditions)


def test_listed_item_to_a_non_partner_without_concern_is_approved_with_verification():
    a = run(application(PRESS, destination=NON_PARTNER_CLEAR))
    assert a.recommendation == "approve_with_conditions"
    assert any("Post-shipment verification" in c for c in a.conditions)
    assert any("Government-to-government assurances" in c for c in a.conditions)


def test_nothing_listed_and_no_indicator_is_approved_without_conditions():
    a = run(application())
    assert a.recommendation == "approve"
    assert not a.licence_required
    assert a.conditions == []
    assert a.what_would_change == []
    assert a.explanation().startswith("No licence is required")


# --------------------------------------------------------------------------- catch-all grounds


def catch_all(a) -> dict:
    return a.as_dict()["catch_all"]


def test_catch_all_ground_party_on_a_programs_of_concern_list():
    a = run(application(), hits={END_USER: [match("Acme Precision Parts")]})
    ca = catch_all(a)
    assert ca["invoked"] and ca["items"] == [0]
    assert any(g.startswith("listed party: end user 'Acme Precision Parts'") for g in ca["grounds"])
    assert [(g.basis, g.item) for g in a.licence_grounds] == [("EU 2021/821 Art. 4(1)(a)", 0)]
    assert {"listed_party_match", "catch_all_strong"} <= set(rules(a))


def test_catch_all_ground_missile_end_use_text():
    a = run(application(end_use="Machining of guidance section housings for rockets"))
    ca = catch_all(a)
    assert ca["invoked"]
    assert any(g.startswith("stated end use indicates missile work") for g in ca["grounds"])
    assert "'guidance section'" in ca["grounds"][0]
    assert a.licence_required and not a.items[0].controlled


def test_missile_end_use_text_for_a_destination_of_concern_is_strong_evidence():
    a = run(application(destination=HIGH, end_use=MISSILE_END_USE))
    assert rules(a) == ["catch_all_strong"]
    assert "missile end use stated for a destination of concern (Syria)" in a.firings[0].evidence


def test_missile_end_use_text_for_a_partner_calls_for_enquiries_not_refusal():
    a = run(application(destination=PARTNER, end_use=MISSILE_END_USE))
    assert rules(a) == ["catch_all"]
    assert a.recommendation == "refer"


def test_negated_missile_words_do_not_invoke_catch_all():
    a = run(application(end_use="Machining of pump housings; not for missiles or rockets"))
    assert not catch_all(a)["invoked"]
    assert a.recommendation == "approve"
    d = a.as_dict()["factors"]["D"]
    assert any(e.startswith("negated mentions (not counted)") for e in d["evidence"])


def test_catch_all_ground_exporter_awareness():
    a = run(application(declarations={"aware_of_missile_or_wmd_use": True}))
    ca = catch_all(a)
    assert ca["invoked"]
    assert "the exporter declares awareness of a missile or WMD end use" in ca["grounds"]
    assert a.recommendation == "deny"


def test_catch_all_ground_authority_informed_the_exporter():
    a = run(application(declarations={"informed_by_authority": True}))
    ca = catch_all(a)
    assert ca["invoked"]
    assert ca["grounds"] == [
        "the authority has informed the exporter that the items may be intended for a missile programme"
    ]
    assert a.recommendation == "refer"
    assert a.licence_required


def test_authority_information_covers_items_of_low_missile_relevance_too():
    a = run(application(MILL_UNLISTED, FLY_CUTTER, declarations={"informed_by_authority": True}))
    assert catch_all(a)["items"] == [0, 1]
    assert [(g.basis, g.item) for g in a.licence_grounds] == [
        ("EU 2021/821 Art. 4(1)(a)", 0),
        ("EU 2021/821 Art. 4(1)(a)", 1),
    ]


def test_catch_all_needs_a_missile_relevant_item_but_the_indicator_is_still_referred():
    a = run(application(FLY_CUTTER, end_use=MISSILE_END_USE))
    assert not catch_all(a)["invoked"]
    assert not a.licence_required
    assert rules(a) == ["red_flags"]
    assert a.firings[0].evidence[0].startswith("stated end use mentions missile work")


def test_declared_awareness_with_an_item_of_low_missile_relevance_is_referred_not_approved():
    # the exporter knows of a missile or WMD end use: that is never "no indicator of concern"
    a = run(application(FLY_CUTTER, declarations={"aware_of_missile_or_wmd_use": True}))
    assert a.recommendation != "approve"
    assert "not_required" not in rules(a)


def test_red_flags_without_a_missile_link_lead_to_refer_not_catch_all():
    a = run(
        application(
            PRESS,
            red_flags=["forwarder_as_final_destination", "cash_for_expensive_item", "thin_website"],
        )
    )
    assert a.recommendation == "refer"
    assert rules(a) == ["red_flags"]
    assert not catch_all(a)["invoked"]
    assert [g.basis for g in a.licence_grounds] == ["EU 2021/821 Art. 3(1)"]


@pytest.fixture
def flag_with_missile_link():
    """An authority's catalogue in which one flag by itself points to a missile end use."""
    raw = copy.deepcopy(read_packaged_yaml("red_flags.yaml"))
    source = next(iter(raw["sources"]))
    raw["flags"]["buyer_cites_missile_programme"] = {
        "title": "Buyer cites a missile programme as its customer",
        "group": "end_user",
        "origin": "BIS",
        "source": source,
        "weight": 3,
        "missile_link": True,
    }
    red_flags.use_data(raw)
    yield "buyer_cites_missile_programme"
    red_flags.use_data(None)


def test_red_flag_with_a_missile_link_is_a_catch_all_ground(flag_with_missile_link):
    a = run(application(red_flags=[flag_with_missile_link]))
    ca = catch_all(a)
    assert ca["invoked"]
    assert ca["grounds"] == [
        "red flag linked to missile use: Buyer cites a missile programme as its customer"
    ]
    assert a.recommendation == "refer"


def test_red_flag_with_a_missile_link_and_an_irrelevant_item_is_still_referred(
    flag_with_missile_link,
):
    a = run(application(FLY_CUTTER, red_flags=[flag_with_missile_link]))
    assert a.recommendation == "refer"


# --------------------------------------------------------------------------- what would change


def test_what_would_change_a_category_i_refusal():
    a = run(application(ROCKET_ENGINE))
    assert a.what_would_change == [
        "If government-to-government assurances were recorded, the recommendation would become refer."
    ]


def test_what_would_change_a_catch_all_refusal_for_a_destination_of_concern():
    a = run(application(destination=HIGH, end_use=MISSILE_END_USE))
    assert a.what_would_change == [
        "If enquiries rebutted the missile end-use evidence, the recommendation would become approve."
    ]


def test_what_would_change_a_possible_match():
    a = run(application(PRESS), hits={END_USER: [match("Acme Precise Parts", "possible")]})
    assert a.what_would_change == [
        "If the possible screening match were resolved as a different entity, the recommendation "
        "would become approve_with_conditions."
    ]


def test_what_would_change_says_when_other_findings_keep_the_outcome():
    a = run(
        application(ROCKET_ENGINE, red_flags=["cash_for_expensive_item"]),
        denials=denials_returning(CONSULTATION),
    )
    assert a.recommendation == "deny"
    assert (
        "If the denying partner were consulted and did not object, the recommendation would still be deny (other findings remain)."
        in a.what_would_change
    )
    assert (
        "If enquiries resolved the red flags, the recommendation would still be deny (other findings remain)."
        in a.what_would_change
    )


def test_what_would_change_a_list_match_also_clears_the_catch_all_resting_on_it():
    # the only missile indication is the match itself: were it a different entity, nothing of
    # the catch-all would remain and the listed item would go to a partner with clear screening
    a = run(application(PRESS), hits={END_USER: [match("Acme Precision Parts")]})
    assert {"listed_party_match", "missile_end_use_listed_strong"} <= set(rules(a))
    assert (
        "If the list match were shown to be a different entity, the recommendation would become "
        "approve_with_conditions." in a.what_would_change
    )


def test_what_would_change_a_list_match_keeps_a_catch_all_with_its_own_evidence():
    a = run(
        application(PRESS, declarations={"aware_of_missile_or_wmd_use": True}),
        hits={END_USER: [match("Acme Precision Parts")]},
    )
    assert (
        "If the list match were shown to be a different entity, the recommendation would still be "
        "deny (other findings remain)." in a.what_would_change
    )


def test_nothing_to_change_when_approved_with_conditions():
    assert run(application(PRESS)).what_would_change == []


# --------------------------------------------------------------------------- the six factors


def factors(a) -> dict:
    return a.as_dict()["factors"]


def test_all_six_factors_have_a_title_a_finding_and_evidence():
    for a in (run(application()), run(application(PRESS, destination=HIGH))):
        f = factors(a)
        assert list(f) == ["A", "B", "C", "D", "E", "F"]
        for code, factor in f.items():
            assert factor["title"], code
            assert factor["finding"] in ("concern", "no concern", "insufficient information"), code
            assert factor["evidence"], code
            assert "MTCR Guidelines" in factor["source"]


def test_factor_a_names_the_destination_the_party_hits_and_the_end_use():
    a = run(
        application(destination=HIGH, end_use=MISSILE_END_USE),
        hits={END_USER: [match("Acme Precision Parts")]},
    )
    ev = factors(a)["A"]["evidence"]
    assert factors(a)["A"]["finding"] == "concern"
    assert any(e.startswith("destination Syria:") for e in ev)
    assert any(
        "'Acme Precision Parts' ~ 'ACME PRECISION PARTS' (programs-of-concern, match" in e
        for e in ev
    )
    assert any(e.startswith("end use: 'rocket motor case") for e in ev)


def test_factor_a_is_no_concern_for_a_clean_partner_case():
    a = factors(run(application(PRESS)))["A"]
    assert a["finding"] == "no concern"
    assert a["evidence"] == [
        "exporter's declaration not given: aware of a missile or WMD end use",
        "exporter's declaration not given: informed by the authority of a possible missile end use",
        "exporter's declaration not given: the end use is military",
    ]


def test_factor_b_reports_partnership_and_designated_programmes():
    b = factors(run(application(PRESS)))["B"]
    assert b["finding"] == "no concern"
    assert b["evidence"] == [
        "South Korea is an MTCR partner (since 2001): its programmes are subject to the Guidelines"
    ]
    b = factors(
        run(application(destination=HIGH), hits={END_USER: [match("Acme Precision Parts")]})
    )["B"]
    assert b["finding"] == "concern"
    assert (
        "Syria is in US Country Group D:4 (missile technology concern; a US national list)"
        in b["evidence"]
    )
    assert (
        "ACME PRECISION PARTS is designated for a missile programme (UNSCR 1737)" in b["evidence"]
    )


def test_factor_c_weighs_each_item_entry_and_missile_relevance():
    c = factors(run(application(PRESS, MILL_5AXIS, FLY_CUTTER)))["C"]
    assert c["finding"] == "concern"
    assert "item 1: 2B104 = MTCR 6.B.3, Category II" in c["evidence"]
    assert "item 2: 2B001.b.2 (WA), not an MTCR Annex item" in c["evidence"]
    assert any(e.startswith("item 1: missile relevance high (") for e in c["evidence"])
    assert not any(e.startswith("item 3: missile relevance") for e in c["evidence"]), (
        "low relevance is not evidence"
    )


def test_factor_d_records_end_use_declarations_red_flags_and_assurances():
    d = factors(
        run(
            application(
                end_use="",
                declarations={"military_end_use": True},
                red_flags=["thin_website"],
                assurances={"end_use_statement": True, "no_retransfer": True},
            )
        )
    )["D"]
    assert d["finding"] == "concern"
    assert "no end use stated" in d["evidence"]
    assert "declaration: military end use" in d["evidence"]
    assert (
        "red flag: Company website lacks the content a normal business would show" in d["evidence"]
    )
    assert "assurances recorded: end use statement, no retransfer" in d["evidence"]


def test_factor_d_is_insufficient_information_without_an_end_use():
    assert factors(run(application(end_use="")))["D"]["finding"] == "insufficient information"
    assert factors(run(application()))["D"]["finding"] == "no concern"


def test_factor_e_lists_embargoes_and_partner_denials():
    e = factors(run(application(destination=ELEVATED_EMBARGOED)))["E"]
    assert e["finding"] == "concern"
    assert any(x.startswith("EU arms embargo: whole country") for x in e["evidence"])
    e = factors(run(application()))["E"]
    assert e["finding"] == "no concern"
    assert e["evidence"][-1] == "MTCR: South Korea applies the Guidelines as a partner"
    assert [x.split(":")[0] for x in e["evidence"]] == ["NPT", "CWC", "BWC", "HCoC", "MTCR"]


def test_factor_f_flags_diversion_routes():
    parties = [
        {"role": "end_user", "name": END_USER, "country": PARTNER},
        {"role": "intermediate_consignee", "name": "Jebel Ali Logistics FZE", "country": "AE"},
    ]
    f = factors(run(application(parties=parties, red_flags=["forwarder_as_final_destination"])))[
        "F"
    ]
    assert f["finding"] == "concern"
    assert (
        "diversion red flag: A freight forwarder is named as the final destination" in f["evidence"]
    )
    assert "intermediate consignee 'Jebel Ali Logistics FZE' in AE" in f["evidence"]


def test_factor_f_names_a_terrorism_listing():
    hit = match("Acme Precision Parts", programs=("SDGT",), list_name="sanctions")
    f = factors(run(application(), hits={END_USER: [hit]}))["F"]
    assert f["finding"] == "concern"
    assert f["evidence"] == [
        "'Acme Precision Parts' ~ 'ACME PRECISION PARTS' is listed under a terrorism programme"
    ]


# --------------------------------------------------------------------------- the result document


def test_result_document_has_the_documented_keys():
    d = run(application(PRESS, MILL_UNLISTED)).as_dict()
    assert set(d) >= {
        "reference",
        "recommendation",
        "explanation",
        "licence_required",
        "catch_all",
        "factors",
        "decision_rules",
        "conditions",
        "consultations",
        "what_would_change",
        "items",
        "parties",
    }
    assert d["jurisdiction"] == {
        "code": "EU",
        "title": "European Union - Regulation (EU) 2021/821 (dual-use items)",
    }
    assert d["licence_required"] == {
        "required": True,
        "jurisdiction": "EU",
        "transfer": "export",
        "grounds": [
            {
                "basis": "EU 2021/821 Art. 3(1)",
                "entry": "2B104",
                "item": 0,
                "text": "item 1, 2B104 (MTCR) = MTCR 6.B.3 (Category II): an authorisation is "
                "required for the export of dual-use items listed in Annex I",
                "verified": False,
            }
        ],
        "general_authorisations": [],
        "notes": [],
    }
    assert [i["index"] for i in d["items"]] == [0, 1]
    assert d["items"][0]["entries"][0]["entry"] == "2B104"
    assert d["items"][1]["controlled"] is False
    assert d["parties"] == [
        {
            "role": "end_user",
            "name": END_USER,
            "country": PARTNER,
            "decision": "clear",
            "matches": [],
        }
    ]


def test_value_and_quantity_are_reported_per_item():
    doc = application(PRESS)
    doc["items"][0].update(quantity=2, value="1,800,000 EUR")
    item = run(doc).as_dict()["items"][0]
    assert item["quantity"] == 2
    assert item["value"] == "1,800,000.00 EUR"


def test_without_a_screener_parties_are_reported_not_screened():
    a = assess(application(), at=AT)
    assert a.as_dict()["parties"][0]["decision"] == "not screened"


def test_assessment_uses_the_control_lists_in_force_on_the_requested_day():
    # 2022-10-01 is before the first packaged MTCR Annex version (2022-10-21) came into force
    d = run(application(ROCKET_ENGINE), at=dt.date(2022, 10, 1)).as_dict()
    assert d["list_date"] == "2022-10-01"
    assert "mtcr-annex" not in [v["list"] for v in d["items"][0]["lists"]]
    # on that day only the EU list rates the engine (9A105.a, itself MTCR Category I)
    cat1 = next(r for r in d["decision_rules"] if r["rule"] == "cat1_item")
    assert cat1["evidence"] == ["item 1: 9A105.a = MTCR 2.A.1.c (Category I)"]
    later = run(application(ROCKET_ENGINE), at=dt.date(2023, 1, 1)).as_dict()
    cat1 = next(r for r in later["decision_rules"] if r["rule"] == "cat1_item")
    assert "item 1: 2.A.1.c = MTCR 2.A.1.c (Category I)" in cat1["evidence"]


def test_a_day_before_any_list_is_an_input_error_naming_the_list_date():
    with pytest.raises(InputError) as exc:
        run(application(), at=dt.date(2000, 1, 1))
    assert exc.value.problems[0].field == "list_date"
