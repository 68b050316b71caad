"""Properties of the recommendation: more evidence of concern never makes it more permissive,
and a control removed from the lists never makes it stricter.

Order: approve < approve_with_conditions < refer < deny.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catchall.core.assessment.application import DECLARATIONS
from catchall.core.assessment.decision import RANK
from catchall.core.assessment.engine import Consultation, assess
from catchall.core.assessment.red_flags import catalogue
from catchall.core.controls.lists import packaged_library
from tests.core.assessment.helpers import (
    AT,
    FLY_CUTTER,
    MILL_5AXIS,
    MILL_UNLISTED,
    PRESS,
    ROCKET_ENGINE,
    application,
    library_without,
    match,
    screener,
)

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

FLOW_FORMER = {
    "kind": "machine_tool.flow_forming",
    "parameters": {
        "rollers": 4,
        "contouring_axes": 3,
        "nc_capable": True,
        "roller_force": "120 kN",
    },
}
UAV = {"kind": "system.uav", "parameters": {"range": "500 km", "payload": "50 kg"}}
LATHE = {"kind": "machine_tool.turning", "parameters": {"nc_capable": True, "linear_axes": 2}}
ITEMS = [MILL_UNLISTED, PRESS, MILL_5AXIS, ROCKET_ENGINE, FLY_CUTTER, FLOW_FORMER, UAV, LATHE]
DESTINATIONS = ["KR", "NO", "DE", "AE", "IN", "CN", "RU", "MM", "SY", "IR", "KP"]
END_USES = [
    "Machining of pump housings",
    "",
    "Machining of rocket motor cases",
    "Guidance section housings",
    "Pump housings; not for missiles or rockets",
    "Fabrication de corps de propulseurs pour missiles",
]
NAMES = ["Acme Precision Parts", "Harbour Logistics", "Gulf Machinery Trading", "Orion Works"]
ROLES = ["consignee", "intermediate_consignee", "purchaser", "agent"]
FLAGS = sorted(catalogue())
# Rated entries only: text-only entries (official wording, no criteria) are never evaluated,
# so removing one cannot change an outcome (tests/core/controls/test_official_text.py).
ENTRIES = sorted({e.id for v in packaged_library().in_force(AT) for e in v.rated_entries})


@st.composite
def cases(draw):
    """An application document and the screening hits per party name."""
    destination = draw(st.sampled_from(DESTINATIONS))
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=3, unique=True))
    parties = [{"role": "end_user", "name": names[0], "country": destination}]
    parties += [
        {
            "role": draw(st.sampled_from(ROLES)),
            "name": n,
            "country": draw(st.sampled_from(DESTINATIONS)),
        }
        for n in names[1:]
    ]
    doc = application(
        *draw(st.lists(st.sampled_from(ITEMS), min_size=1, max_size=3)),
        destination=destination,
        parties=parties,
        end_use=draw(st.sampled_from(END_USES)),
        declarations={d: True for d in draw(st.sets(st.sampled_from(DECLARATIONS)))},
        assurances={"government_to_government": True} if draw(st.booleans()) else None,
        red_flags=draw(st.lists(st.sampled_from(FLAGS), max_size=2, unique=True)),
    )
    hits = {n: draw(st.sampled_from(["clear", "clear", "possible", "match"])) for n in names}
    return doc, hits


def outcome(doc: dict, hits: dict[str, str], **kw) -> str:
    found = {n: [match(n, d)] for n, d in hits.items() if d != "clear"}
    return assess(doc, screen=screener(found), at=AT, **kw).recommendation


def no_more_permissive(before: str, after: str) -> None:
    assert RANK[after] >= RANK[before], f"{before} became more permissive: {after}"


@SETTINGS
@given(cases(), st.sampled_from(FLAGS))
def test_adding_a_red_flag_never_makes_the_outcome_more_permissive(case, flag):
    doc, hits = case
    before = outcome(doc, hits)
    doc = {**doc, "red_flags": sorted({*doc.get("red_flags", []), flag})}
    no_more_permissive(before, outcome(doc, hits))


@SETTINGS
@given(cases(), st.data())
def test_adding_a_list_match_never_makes_the_outcome_more_permissive(case, data):
    doc, hits = case
    before = outcome(doc, hits)
    name = data.draw(st.sampled_from(sorted(hits)))
    stronger = data.draw(
        st.sampled_from(["possible", "match"] if hits[name] == "clear" else ["match"])
    )
    no_more_permissive(before, outcome(doc, {**hits, name: stronger}))


@SETTINGS
@given(cases(), st.sampled_from(DECLARATIONS))
def test_adding_a_declaration_never_makes_the_outcome_more_permissive(case, declaration):
    doc, hits = case
    before = outcome(doc, hits)
    doc = {**doc, "declarations": {**doc.get("declarations", {}), declaration: True}}
    no_more_permissive(before, outcome(doc, hits))


@SETTINGS
@given(cases())
def test_a_partner_denial_to_consult_never_makes_the_outcome_more_permissive(case):
    doc, hits = case
    before = outcome(doc, hits)
    denial = Consultation("GB", "GB-2024-017", "essentially identical transaction denied")
    after = outcome(doc, hits, denials=lambda app, items, parties: [denial])
    no_more_permissive(before, after)


@SETTINGS
@given(cases(), st.sampled_from(ENTRIES))
def test_removing_a_control_never_makes_the_outcome_stricter(case, entry_id):
    doc, hits = case
    before = outcome(doc, hits)
    after = outcome(doc, hits, library=library_without(entry_id))
    assert RANK[after] <= RANK[before], f"without {entry_id}: {before} became stricter: {after}"


def test_removing_any_packaged_entry_never_makes_a_one_item_case_stricter():
    """Every entry in force, every item of the pool, three kinds of destination, two end uses."""
    libraries = {e: library_without(e) for e in ENTRIES}
    stricter = []
    for destination in ("KR", "AE", "CN"):
        for item in ITEMS:
            for end_use in ("Pump housings", "Machining of rocket motor cases"):
                doc = application(item, destination=destination, end_use=end_use)
                before = assess(doc, at=AT).recommendation
                for entry_id, lib in libraries.items():
                    after = assess(doc, at=AT, library=lib).recommendation
                    if RANK[after] > RANK[before]:
                        stricter.append(
                            (destination, item["kind"], end_use, entry_id, before, after)
                        )
    assert stricter == []
