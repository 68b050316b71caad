"""Users for every role, two exporting organisations, and an application that needs a licence."""

from __future__ import annotations

import copy

import pytest

from catchall.web.demo import ensure_user

FLOW_FORMER = {
    "reference": "T-1",
    "exporter": {"name": "Neckar Umformtechnik GmbH", "country": "DE"},
    "destination": "IR",
    "parties": [
        {
            "role": "end_user",
            "name": "Shahid Bakeri Industrial Group",
            "country": "IR",
            "address": "Tehran",
        }
    ],
    "end_use": "Gas cylinders",
    "items": [
        {
            "description": "CNC flow-forming machine, four rollers",
            "kind": "machine_tool.flow_forming",
            "parameters": {
                "rollers": 4,
                "contouring_axes": 3,
                "nc_capable": True,
                "roller_force": "120 kN",
            },
            "quantity": 1,
            "value": "1500000 EUR",
        }
    ],
}
PRESS_TO_PARTNER = {
    "reference": "T-2",
    "exporter": {"name": "Neckar Umformtechnik GmbH", "country": "DE"},
    "destination": "KR",
    "parties": [
        {"role": "end_user", "name": "Changwon Advanced Ceramics Co., Ltd.", "country": "KR"}
    ],
    "end_use": "Densification of ceramic turbine parts",
    "items": [
        {
            "description": "Hot isostatic press",
            "kind": "press.isostatic",
            "parameters": {
                "max_pressure": "150 MPa",
                "max_temperature": "1200 degC",
                "chamber_inner_diameter": "400 mm",
            },
            "quantity": 1,
        }
    ],
}


@pytest.fixture
def app_data():
    return copy.deepcopy(FLOW_FORMER)


@pytest.fixture
def partner_data():
    return copy.deepcopy(PRESS_TO_PARTNER)


@pytest.fixture
def users(db):
    from catchall.web.accounts.models import Organisation

    authority = Organisation.objects.create(name="Authority", kind="authority", country="DE")
    acme = Organisation.objects.create(
        name="Neckar Umformtechnik GmbH", kind="exporter", country="DE"
    )
    other = Organisation.objects.create(name="Other Exporter AG", kind="exporter", country="DE")
    return {
        "exporter": ensure_user("exporter", "exporter", acme),
        "other_exporter": ensure_user("other", "exporter", other),
        "officer": ensure_user("officer", "licensing_officer", authority),
        "officer2": ensure_user("officer2", "licensing_officer", authority),
        "expert": ensure_user("expert", "technical_expert", authority),
        "senior": ensure_user("senior", "senior_officer", authority),
        "senior2": ensure_user("senior2", "senior_officer", authority),
        "liaison": ensure_user("liaison", "partner_liaison", authority),
        "admin": ensure_user("admin", "administrator", authority),
    }
