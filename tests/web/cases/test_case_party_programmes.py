"""A case's party hits name the programmes the listed entry is under, in words, with WMD and
missile programmes marked; an exporter, who never sees the hits, sees none of it."""

from __future__ import annotations

import pytest
from django.test import Client

from catchall.web.cases.models import Case
from catchall.web.demo import load_cases, load_users
from tests.web.screening.people import visible_text

pytestmark = pytest.mark.django_db


def _page(user, case) -> str:
    client = Client()
    client.force_login(user)
    r = client.get(f"/cases/{case.pk}/")
    assert r.status_code == 200
    return r.content.decode()


def test_the_party_hits_name_their_programmes_in_words():
    users = load_users()
    load_cases(users)
    case = Case.objects.get(status="under_review")
    html = _page(users["demo-officer"], case)
    parties = html[
        html.index("<dt>Parties</dt>") : html.index("</dd>", html.index("<dt>Parties</dt>"))
    ]
    text = visible_text(parties)
    assert (
        "Non-proliferation of weapons of mass destruction (US OFAC NPWMD, Executive Order 13382"
        in text
    )
    assert "WMD or missile programme" in text
    assert "NPWMD; IFSR" not in text
    exporter = _page(users["demo-exporter"], case)
    assert "Non-proliferation of weapons of mass destruction" not in exporter
