"""Catch-all lives in its own module (core.assessment.catch_all): the grounds an application
gives for a missile end use, and the items they reach, tested without the rest of the engine."""

from __future__ import annotations

from catchall.core.assessment import catch_all
from catchall.core.assessment.application import parse_application
from catchall.core.assessment.destinations import destination_profile
from catchall.core.assessment.end_use import scan_end_use
from catchall.core.assessment.red_flags import catalogue
from catchall.core.controls.classifier import classify
from tests.core.assessment.helpers import AT, FLY_CUTTER, HIGH, MILL_5AXIS, PARTNER, application


def grounds(doc, confirmed=()):
    app = parse_application(doc)
    dest = destination_profile(app.destination, AT)
    return app, catch_all.indications(
        app, list(confirmed), dest, scan_end_use(app.end_use), catalogue()
    )


def items(*docs):
    return [classify(d, at=AT) for d in docs]


def test_a_missile_end_use_to_a_destination_of_concern_is_a_strong_ground():
    _, ind = grounds(application(destination=HIGH, end_use="Machining of rocket motor cases"))
    assert ind.stated and ind.stated[0].startswith("stated end use indicates missile work")
    assert ind.strong == ["missile end use stated for a destination of concern (Syria)"]
    _, ind = grounds(application(destination=PARTNER, end_use="Machining of rocket motor cases"))
    assert ind.stated and ind.strong == []


def test_awareness_and_the_authoritys_information_are_grounds():
    _, ind = grounds(
        application(
            declarations={"aware_of_missile_or_wmd_use": True, "informed_by_authority": True}
        )
    )
    assert ind.aware and catch_all.AWARE in ind.stated
    assert ind.informed_ground == [catch_all.INFORMED]


def test_grounds_reach_missile_relevant_items_only_unless_the_authority_informed():
    found = items(
        {k: MILL_5AXIS[k] for k in ("kind", "parameters")},
        {k: FLY_CUTTER[k] for k in ("kind", "parameters")},
    )
    assert catch_all.reached(found, ["a ground"], informed=False) == [0]
    assert catch_all.reached(found, [], informed=False) == []
    assert catch_all.reached(found, [], informed=True) == [0, 1]


def test_a_confirmed_party_is_a_ground_kept_apart_from_the_stated_ones():
    _, ind = grounds(application(), confirmed=["end_user 'X' matches 'X' on poc (score 0.97)"])
    assert ind.party == ["listed party: end_user 'X' matches 'X' on poc (score 0.97)"]
    assert ind.party_strong and ind.stated == [] and ind.indicated
