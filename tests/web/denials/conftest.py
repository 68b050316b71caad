"""Users per role and small denial files written by the tests themselves."""

from __future__ import annotations

import pytest

LITE_HEADER = (
    "reference,regime_reg_ref,notifying_government,denial_cle,item_description,end_use,"
    "reason_for_refusal,name,address,country,entity_type\n"
)
LITE_ROWS = (
    'GB-2024-017,MTCR-2024-0042,United Kingdom,2B109,"CNC flow-forming machine, 3 rollers",'
    "Motor cases,Risk of diversion to a missile programme,Shahid Hemmat Industrial Group,"
    '"Damavand Road, Tehran",IR,end_user\n'
    'GB-2024-017,MTCR-2024-0042,United Kingdom,2B109,"CNC flow-forming machine, 3 rollers",'
    "Motor cases,Risk of diversion to a missile programme,Golden Star Trading FZE,Jebel Ali,AE,consignee\n"
    "FR-2023-101,,FR,,Five-axis milling machine,Turbine parts,Catch-all: missile end use suspected,"
    "Nadir Precision Works,Isfahan,Iran,End-user\n"
)
ROLES = (
    "exporter",
    "licensing_officer",
    "technical_expert",
    "senior_officer",
    "partner_liaison",
    "administrator",
    "delegate",
)


@pytest.fixture
def users(db):
    from django.contrib.auth import get_user_model

    from catchall.web.accounts.models import Organisation, Profile

    authority = Organisation.objects.create(name="Authority", kind="authority", country="DE")
    exporter = Organisation.objects.create(name="Neckar GmbH", kind="exporter", country="DE")
    partner = Organisation.objects.create(name="Partner", kind="partner_government", country="FR")
    out = {}
    for role in ROLES:
        org = {"exporter": exporter, "delegate": partner}.get(role, authority)
        user = get_user_model().objects.create(username=f"u-{role}")
        Profile.objects.create(user=user, role=role, organisation=org)
        out[role] = user
    return out


@pytest.fixture
def lite_file(tmp_path):
    def write(text: str = LITE_HEADER + LITE_ROWS, name: str = "denials.csv"):
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        return p

    return write
