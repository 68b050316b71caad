"""Building blocks for assessment tests: applications, items, hand-made screeners, libraries."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable

from catchall.core.assessment.engine import Consultation
from catchall.core.controls.lists import Library, packaged_library
from catchall.core.model import ScreeningMatch, ScreeningQuery, ScreeningResult

# A day on which every packaged list and the destination data are in force.
AT = dt.date(2026, 1, 15)

# Not on any list; machine_tool.milling is of high missile relevance.
MILL_UNLISTED = {
    "description": "3-axis CNC mill, general purpose",
    "kind": "machine_tool.milling",
    "parameters": {
        "nc_capable": True,
        "linear_axes": 3,
        "rotary_axes": 0,
        "contouring_axes": 3,
        "positioning_repeatability": "15 um",
        "positioning_accuracy": "20 um",
        "axis_travel": "500 mm",
    },
}
# 2B104 = MTCR 6.B.3 (Category II): listed and an MTCR Annex item.
PRESS = {
    "description": "Hot isostatic press",
    "kind": "press.isostatic",
    "parameters": {
        "max_pressure": "150 MPa",
        "max_temperature": "1200 degC",
        "chamber_inner_diameter": "400 mm",
    },
}
# 2B001.b.2 (Wassenaar only): listed, not an MTCR Annex item.
MILL_5AXIS = {
    "description": "5-axis machining centre",
    "kind": "machine_tool.milling",
    "parameters": {
        "nc_capable": True,
        "linear_axes": 3,
        "rotary_axes": 2,
        "contouring_axes": 5,
        "rotary_contouring_axes": 2,
        "positioning_repeatability": "0.7 um",
        "axis_travel": "600 mm",
    },
}
# MTCR 2.A.1.c, Category I.
ROCKET_ENGINE = {
    "description": "Liquid rocket engine",
    "kind": "propulsion.rocket_motor",
    "parameters": {"total_impulse": "1.5e6 N*s", "propellant": "liquid"},
}
# Not listed and of low missile relevance.
FLY_CUTTER = {
    "description": "Fly-cutting machine",
    "kind": "machine_tool.fly_cutting",
    "parameters": {},
}

# Destinations by what the profile data say about them (see test_destinations.py).
PARTNER = "KR"  # MTCR partner, no concern
NON_PARTNER_CLEAR = "AE"  # not a partner, no concern, no embargo
ELEVATED_EMBARGOED = "CN"  # elevated concern, EU and US arms embargoes on the whole country
HIGH = "SY"  # high concern


def application(
    *items: dict,
    destination: str = PARTNER,
    parties: list[dict] | None = None,
    end_use: str = "Machining of pump housings",
    declarations: dict | None = None,
    assurances: dict | None = None,
    red_flags: list[str] | None = None,
    reference: str = "T-1",
) -> dict:
    """An application document; one unlisted mill for an end user in ``destination`` by default."""
    doc = {
        "reference": reference,
        "exporter": {"name": "Neckar Umformtechnik GmbH", "country": "DE"},
        "destination": destination,
        "parties": parties
        if parties is not None
        else [{"role": "end_user", "name": "Acme Precision Parts", "country": destination}],
        "end_use": end_use,
        "items": [copy.deepcopy(i) for i in (items or (MILL_UNLISTED,))],
    }
    if declarations:
        doc["declarations"] = declarations
    if assurances:
        doc["assurances"] = assurances
    if red_flags:
        doc["red_flags"] = red_flags
    return doc


def match(
    name: str,
    decision: str = "match",
    score: float | None = None,
    list_name: str = "programs-of-concern",
    programs: tuple[str, ...] = ("UNSCR 1737",),
) -> ScreeningMatch:
    return ScreeningMatch(
        entity_id=f"test-{name.lower().replace(' ', '-')}",
        list=list_name,
        name=name.upper(),
        matched_name=name.upper(),
        score=score if score is not None else (0.97 if decision == "match" else 0.74),
        decision=decision,
        explanation=f"test: {name}",
        programs=programs,
    )


def screener(hits: dict[str, Iterable[ScreeningMatch]] | None = None) -> Callable:
    """A screener that returns ``hits[party name]`` and clears everyone else."""
    hits = {k: tuple(v) for k, v in (hits or {}).items()}

    def screen(query: ScreeningQuery) -> ScreeningResult:
        found = hits.get(query.name, ())
        if any(m.decision == "match" for m in found):
            decision = "match"
        elif found:
            decision = "possible"
        else:
            decision = "clear"
        return ScreeningResult(query, decision, found)

    return screen


def denials_returning(*consultations: Consultation) -> Callable:
    def check(app, items, parties):
        return list(consultations)

    return check


def library_with(*entries: dict) -> Library:
    """The packaged lists plus one authority list holding ``entries``."""
    base = packaged_library()
    lib = Library([v for name in base.list_names for v in base.versions(name)])
    lib.load_mapping(
        {
            "list": "authority-test",
            "title": "An authority's own list, for tests",
            "version": "1",
            "effective_date": "2020-01-01",
            "entries": list(entries),
        },
        "test",
    )
    return lib


def library_without(entry_id: str, at: dt.date = AT) -> Library:
    """The lists in force on ``at`` with one entry removed, as an authority's edit would leave them."""
    versions = [
        dataclasses.replace(v, entries={k: e for k, e in v.entries.items() if k != entry_id})
        for v in packaged_library().in_force(at)
    ]
    return Library(versions)


def rules(assessment) -> list[str]:
    return [f.rule for f in assessment.firings]
