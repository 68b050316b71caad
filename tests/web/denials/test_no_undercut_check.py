"""The registered no-undercut check against denials in the database, and create-from-refusal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from catchall.core.assessment.application import parse_application
from catchall.core.controls.classifier import classify
from catchall.core.errors import InputError
from catchall.web.audit.models import AuditEvent
from catchall.web.denials.checks import no_undercut_check
from catchall.web.denials.models import DenialNotification
from catchall.web.denials.services import (
    denial_create_from_refusal,
    denial_revoke,
    denials_import_data,
)

pytestmark = pytest.mark.django_db(transaction=True)

AT = dt.date(2025, 6, 1)
FLOW_FORMER = {
    "kind": "machine_tool.flow_forming",
    "description": "CNC flow-forming machine, four rollers",
    "parameters": {
        "rollers": 4,
        "contouring_axes": 3,
        "nc_capable": True,
        "roller_force": "120 kN",
    },
}
SMALL_FLOW_FORMER = {"kind": "machine_tool.flow_forming", "description": "Manual spinning lathe"}
CMM = {"kind": "metrology.cmm", "description": "Coordinate measuring machine"}


def application(end_user="Shahid Hemmat Industries Group", country="IR", item=FLOW_FORMER):
    return parse_application(
        {
            "reference": "T-1",
            "exporter": {"name": "Neckar Umformtechnik GmbH", "country": "DE"},
            "destination": country or "IR",
            "parties": [
                {"role": "end_user", "name": end_user, **({"country": country} if country else {})}
            ],
            "items": [item],
        }
    )


def check(app, at=AT):
    items = [classify(li.item, at=at) for li in app.items]
    return no_undercut_check(app, items, [])


def partner_denial(**kw):
    n = {
        "reference": "GB-2024-017",
        "notifying_government": "United Kingdom",
        "regime_reg_ref": "MTCR-2024-0042",
        "denial_cle": "2B109",
        "item_description": "Flow-forming machine",
        "denied_on": "2024-03-01",
        "parties": [
            {"name": "Shahid Hemmat Industrial Group", "country": "IR", "entity_type": "end_user"}
        ],
    }
    n.update(kw)
    denials_import_data({"notifications": [n]}, file_name="test")
    return DenialNotification.objects.get(reference=n["reference"])


def test_the_check_is_registered_once_for_every_assessment():
    from catchall.web.assessment.services import DENIAL_CHECKS

    assert DENIAL_CHECKS.count(no_undercut_check) == 1


def test_a_partner_denial_of_the_same_transaction_asks_for_consultation():
    partner_denial(denial_cle="2B009")  # the machine classifies as 2B009
    [c] = check(application())
    assert c.partner == "United Kingdom (GB)"
    assert c.reference == "GB-2024-017"
    assert c.reason == "essentially identical transaction denied on 2024-03-01: 2B009"
    assert any("matches denied end user 'Shahid Hemmat Industrial Group'" in e for e in c.evidence)
    assert any("item 1: same entry 2B009" in e for e in c.evidence)


@pytest.mark.parametrize("cited", ["2B109", "3.B.3"])
def test_a_related_entry_via_the_shared_mtcr_item_asks_for_consultation(cited):
    partner_denial(denial_cle=cited)
    [c] = check(application())
    assert any(
        "2B009 and the denied " + cited + " both implement MTCR Annex item 3.B.3" in e
        for e in c.evidence
    )


def test_a_catch_all_denial_of_the_same_kind_asks_for_consultation():
    partner_denial(denial_cle="", item_kind="machine_tool.flow_forming")
    [c] = check(application(item=SMALL_FLOW_FORMER))
    assert "catch-all" in c.reason
    assert any("not formally covered" in e for e in c.evidence)


def test_no_consultation_for_another_end_user_or_an_unrelated_item():
    partner_denial()
    assert check(application(end_user="Isfahan Optics Industries")) == []
    assert check(application(item=CMM)) == []


def test_no_consultation_when_the_countries_contradict():
    partner_denial()
    assert check(application(country="AE")) == []


def test_no_consultation_after_the_denial_expired():
    partner_denial(valid_until="2025-05-31")
    assert check(application()) == []


def test_revoking_a_denial_takes_effect_on_the_next_assessment():
    n = partner_denial()
    assert check(application())
    denial_revoke(n.pk, comment="withdrawn by the UK on 2025-05-20", actor="test")
    assert check(application()) == []
    ev = AuditEvent.objects.get(action="denial.revoked")
    assert ev.before == {"status": "active"} and ev.details["comment"].startswith("withdrawn")


def test_a_revocation_needs_a_reason():
    n = partner_denial()
    with pytest.raises(InputError, match="why"):
        denial_revoke(n.pk, comment=" ")


def test_the_cache_sees_a_new_denial_imported_after_the_first_assessment():
    assert check(application()) == []
    partner_denial()
    assert len(check(application())) == 1


def test_the_engine_carries_the_consultation_into_its_recommendation():
    from catchall.core.assessment.engine import assess

    partner_denial()
    result = assess(application(), denials=no_undercut_check, at=AT)
    assert [c.reference for c in result.consultations] == ["GB-2024-017"]
    assert any(f.rule == "no_undercut" for f in result.firings)


# ---------------------------------------------------------------------------- from a refusal

REFUSED = [
    {
        "entry": "2B109.a",
        "regime": "MTCR",
        "mtcr_item": "3.B.3",
        "kind": "machine_tool.flow_forming",
        "description": "CNC flow-forming machine",
    },
    {
        "entry": "2B009",
        "regime": "WA",
        "mtcr_item": "3.B.3",
        "kind": "machine_tool.flow_forming",
        "description": "CNC flow-forming machine",
    },
    {
        "entry": "2B109.a",
        "regime": "MTCR",
        "mtcr_item": "3.B.3",
        "kind": "machine_tool.flow_forming",
        "description": "second line",
    },
]


def refuse(**kw):
    args = dict(
        case_reference="CA-2025-0012",
        items=REFUSED,
        end_user={"name": "Shahid Hemmat Industries Group", "address": "Tehran", "country": "IR"},
        consignee={"name": "Golden Star Trading FZE", "address": None, "country": "AE"},
        reason="Risk of contributing to a missile programme (MTCR Guidelines para 3)",
        end_use="Gas cylinders",
        denied_on=dt.date(2025, 5, 2),
        actor="test",
    )
    args.update(kw)
    return denial_create_from_refusal(**args)


def test_a_refusal_creates_one_outgoing_notification_per_listed_entry(settings):
    settings.CATCHALL_GOVERNMENT = "DE"
    settings.CATCHALL_DENIAL_VALIDITY_YEARS = 2
    created = refuse()
    assert [n.denial_cle for n in created] == ["2B109.a", "2B009"]
    n = created[0]
    assert (n.reference, n.notifying_government, n.direction, n.status) == (
        "CA-2025-0012/2B109.a",
        "DE",
        "outgoing",
        "active",
    )
    assert (n.regime, n.mtcr_item, n.item_kind, n.case_reference) == (
        "MTCR",
        "3.B.3",
        "machine_tool.flow_forming",
        "CA-2025-0012",
    )
    assert n.valid_until == dt.date(2027, 5, 2)
    assert [(p.name, p.entity_type, p.country) for p in n.parties.all()] == [
        ("Shahid Hemmat Industries Group", "end_user", "IR"),
        ("Golden Star Trading FZE", "consignee", "AE"),
    ]
    ev = AuditEvent.objects.get(action="denials.created_from_refusal")
    assert ev.object_id == "CA-2025-0012" and ev.after["notifications"] == [
        "CA-2025-0012/2B109.a",
        "CA-2025-0012/2B009",
    ]


def test_refusing_the_same_case_again_does_not_notify_twice():
    first = refuse()
    again = refuse()
    assert [n.pk for n in again] == [n.pk for n in first]
    assert DenialNotification.objects.count() == 2
    assert AuditEvent.objects.filter(action="denials.created_from_refusal").count() == 1


def test_our_own_refusal_is_checked_in_later_assessments():
    refuse(denied_on=dt.date(2025, 1, 10))
    found = check(application(end_user="Shahid Hemat Industries Group"))
    assert sorted(c.reference for c in found) == ["CA-2025-0012/2B009", "CA-2025-0012/2B109.a"]
    assert all(c.own for c in found)
    assert {c.partner for c in found} == {
        "our earlier refusal CA-2025-0012/2B009 on 2025-01-10",
        "our earlier refusal CA-2025-0012/2B109.a on 2025-01-10",
    }
    assert {c.denied_on for c in found} == {"2025-01-10"}


def test_a_refusal_without_an_end_user_is_refused_and_writes_nothing():
    with pytest.raises(InputError):
        refuse(end_user={"name": "", "country": "IR"})
    assert not DenialNotification.objects.exists()


def test_a_refusal_inside_a_failed_case_transaction_leaves_no_notification():
    with pytest.raises(RuntimeError), transaction.atomic():
        refuse()
        raise RuntimeError("the case decision failed afterwards")
    assert not DenialNotification.objects.exists()


# ---------------------------------------------------------------------------- retrieval by the index


@pytest.mark.parametrize(
    "name",
    [
        "Shahid Hemmat Industries Group",
        "Шахид Хеммат Индастриал Груп",
        "SHAHID HEMMAT INDUSTRIAL GRP",
        "Isfahan Optics Industries",
    ],
)
def test_the_index_retrieves_what_scoring_every_denial_would_find(name):
    from catchall.web.denials.checks import undercuts

    partner_denial(denial_cle="2B009")
    app = application(end_user=name)
    items = [classify(li.item, at=AT) for li in app.items]
    fast = [u.denial.reference for u in undercuts(app, items)]
    slow = [u.denial.reference for u in undercuts(app, items, use_index=False)]
    assert fast == slow


def test_many_unrelated_denials_are_not_each_scored(monkeypatch):
    notifications = [
        {
            "reference": f"IT-{i}",
            "notifying_government": "IT",
            "denial_cle": "2B009",
            "denied_on": "2024-01-01",
            "parties": [{"name": f"Trading House {i} Kft", "country": "HU"}],
        }
        for i in range(300)
    ]
    denials_import_data({"notifications": notifications}, file_name="many")
    partner_denial(denial_cle="2B009")
    calls = []
    from catchall.web.denials import checks

    real = checks._scorer
    monkeypatch.setattr(checks, "_scorer", lambda a, b: calls.append(b) or real(a, b))
    assert [c.reference for c in check(application())] == ["GB-2024-017"]
    assert len(calls) < 10


def test_the_denials_index_is_asked_with_the_partys_evidence_as_case_rescreening_is():
    """One question per party: the no-undercut check's screening query is ``Party.query()``
    (date of birth, nationality, identifiers), the one the assessment and the re-screening of
    cases ask; with that evidence the denial is still retrieved as scoring every denial finds
    it."""
    from catchall.core.assessment.no_undercut import ApplicationParty
    from catchall.web.denials.checks import candidates, undercuts

    partner_denial(denial_cle="2B009")
    app = parse_application(
        {
            "reference": "T-2",
            "exporter": {"name": "Neckar Umformtechnik GmbH", "country": "DE"},
            "destination": "IR",
            "parties": [
                {
                    "role": "end_user",
                    "name": "Shahid Hemmat Industries Group",
                    "country": "IR",
                    "nationality": "IR",
                    "identifiers": ["registration:10861234567"],
                }
            ],
            "items": [FLOW_FORMER],
        }
    )
    party = app.parties[0]
    asked = ApplicationParty.of(party)
    assert asked.screening_query() == party.query()
    assert asked.screening_query().identifiers == ("registration:10861234567",)
    assert asked.screening_query().nationality == "IR"
    found = candidates([asked], threshold=0.9)
    assert found == {DenialNotification.objects.get(reference="GB-2024-017").pk}
    items = [classify(li.item, at=AT) for li in app.items]
    fast = [u.denial.reference for u in undercuts(app, items)]
    assert fast == [u.denial.reference for u in undercuts(app, items, use_index=False)]
    assert fast == ["GB-2024-017"]
