"""Confidential data as the partner liaison brings it in: a partner's denial notification and
an authority-only screening list; and an application whose end user the partner denied.

Tests use it to prove that exporters, regime delegates, partner delegates and outreach
guests learn nothing of them, while licensing-authority staff do."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

# A country picker lists every country: the denying government among them reveals nothing.
COUNTRY_PICKER = re.compile(
    r'<select[^>]*name="(?:destination|nationality|(?:[a-z_]+_)?country)"[^>]*>.*?</select>', re.S
)


def without_country_pickers(html: str) -> str:
    """A page's text with its country pickers taken out, for the checks that look for the
    denying government's name."""
    return COUNTRY_PICKER.sub("", html)


REFERENCE = "IS-2024-0731"
REGIME_REF = "MTCR-2024-0913"
GOVERNMENT = "Iceland"
DENIED_END_USER = "Tarnak Precision Trading LLC"
DENIED_CONSIGNEE = "Qasr Almaz Machinery Establishment"
CONFIDENTIAL_LIST = "partner-watch"
WATCHED = "Kestrel Aerodynamics Bureau"
OUTSIDERS = ("exporter", "delegate", "partner_delegate", "point_of_contact", "outreach_guest")
# What an outsider must never read, whatever page or route: the exporter's own application
# names DENIED_END_USER, so it is not in this list.
SECRETS = (REFERENCE, REGIME_REF, GOVERNMENT, DENIED_CONSIGNEE, CONFIDENTIAL_LIST, WATCHED)

FLOW_FORMER = {
    "description": "CNC flow-forming machine, four rollers",
    "kind": "machine_tool.flow_forming",
    "parameters": {
        "rollers": 4,
        "contouring_axes": 3,
        "nc_capable": True,
        "roller_force": "120 kN",
    },
    "quantity": 1,
}


def application(end_user: str = DENIED_END_USER, reference: str = "C-1") -> dict:
    return {
        "reference": reference,
        "exporter": {"name": "Neckar Umformtechnik GmbH", "country": "DE"},
        "destination": "AE",
        "parties": [{"role": "end_user", "name": end_user, "country": "AE"}],
        "end_use": "Gas cylinders",
        "items": [dict(FLOW_FORMER)],
    }


def import_partner_denial(liaison):
    """The partner liaison imports Iceland's denial of a flow-former to the two parties."""
    from catchall.web.denials.services import denials_import_data

    denied_on = (dt.date.today() - dt.timedelta(days=30)).isoformat()
    denials_import_data(
        {
            "notifications": [
                {
                    "reference": REFERENCE,
                    "notifying_government": "IS",  # shown as GOVERNMENT
                    "regime_reg_ref": REGIME_REF,
                    "denial_cle": "2B109",
                    "item_description": "Flow-forming machine",
                    "denied_on": denied_on,
                    "parties": [
                        {"name": DENIED_END_USER, "country": "AE", "entity_type": "end_user"},
                        {"name": DENIED_CONSIGNEE, "country": "AE", "entity_type": "consignee"},
                    ],
                }
            ]
        },
        file_name="partner.json",
        actor=liaison,
    )


def import_confidential_list(liaison, folder: Path, audience: str | None = None):
    """The liaison imports a partner's watch list as a screening list (authority-only unless
    ``audience`` says otherwise)."""
    from catchall.web.screening.services import list_import

    path = folder / "watch.csv"
    path.write_text(
        "id,name,schema,aliases,countries\n"
        f"w1,{WATCHED},Company,,AE\n"
        f"w2,{DENIED_END_USER},Company,,AE\n",
        encoding="utf-8",
    )
    return list_import(
        path,
        format="csv",
        name=CONFIDENTIAL_LIST,
        kind="denial",
        actor=liaison,
        **({"audience": audience} if audience else {}),
    )


# An item on no control list (a 3-axis machining centre repeating to 15 um, well short of 2B001),
# for cases on which the authority issues a catch-all notice: a listed item needs no notice.
UNLISTED_MILL = {
    "description": "3-axis machining centre",
    "kind": "machine_tool.milling",
    "parameters": {
        "nc_capable": True,
        "linear_axes": 3,
        "rotary_axes": 0,
        "contouring_axes": 3,
        "positioning_repeatability": "15 um",
        "axis_travel": "500 mm",
    },
    "quantity": 1,
}


def with_unlisted(data: dict) -> dict:
    """``data`` with the unlisted machining centre added to its items (a copy)."""
    import copy

    out = copy.deepcopy(data)
    out["items"] = [*out.get("items", []), copy.deepcopy(UNLISTED_MILL)]
    return out
