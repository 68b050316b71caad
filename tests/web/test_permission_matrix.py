"""Every URL against every role: no page leaks to a user who may not see it.

The URL list is read from the URL configuration, so a new page is covered the day it is
added: unless it is declared public here, an anonymous visitor must not get a 200 from it.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from catchall.web.cases.services import case_act, case_create
from catchall.web.demo import ensure_user

pytestmark = pytest.mark.django_db

PUBLIC = {"home", "health", "login", "logout", "classify", "controls", "control-entry"}
PUBLIC_PREFIXES = (
    "/api/docs",
    "/api/openapi.json",
    "/api/classify",
    "/api/controls",
    "/api/schemas",
    "/static/",
)
ROLES = [
    "exporter",
    "licensing_officer",
    "technical_expert",
    "senior_officer",
    "partner_liaison",
    "administrator",
    "delegate",
    "outreach_guest",
]


def _patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            yield from _patterns(p, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p.name


def _fill(route: str, ids: dict) -> str:
    def sub(m):
        name = m.group(2)
        return str(ids.get(name, "1"))

    url = "/" + re.sub(r"<(\w+:)?(\w+)>", sub, route)
    return url.replace("^", "").replace("$", "")


@pytest.fixture
def world(db):
    from catchall.web.accounts.models import Organisation

    authority = Organisation.objects.create(name="Authority", kind="authority", country="DE")
    mine = Organisation.objects.create(
        name="Neckar Umformtechnik GmbH", kind="exporter", country="DE"
    )
    other = Organisation.objects.create(name="Other AG", kind="exporter", country="DE")
    regime = Organisation.objects.create(name="Delegation", kind="partner_government", country="US")
    guest = Organisation.objects.create(
        name="Guest government", kind="non_partner_government", country="KZ"
    )
    users = {
        r: ensure_user(
            f"u-{r}",
            r,
            {"exporter": mine, "delegate": regime, "outreach_guest": guest}.get(r, authority),
        )
        for r in ROLES
    }
    users["other_exporter"] = ensure_user("u-other", "exporter", other)
    data = {
        "exporter": {"name": "Neckar Umformtechnik GmbH", "country": "DE"},
        "destination": "KR",
        "parties": [{"role": "end_user", "name": "Busan Ceramic Components Ltd", "country": "KR"}],
        "items": [
            {
                "kind": "press.isostatic",
                "parameters": {
                    "max_pressure": "150 MPa",
                    "max_temperature": "1200 degC",
                    "chamber_inner_diameter": "400 mm",
                },
            }
        ],
    }
    case = case_create(actor=users["exporter"], data=data)
    case_act(case, "submit", actor=users["exporter"])
    return users, case


def _case_urls(case):
    return [
        u
        for u, name in ((_fill(r, {"pk": case.pk}), n) for r, n in _patterns())
        if u.startswith(f"/cases/{case.pk}/") and "<" not in u
    ]


def test_anonymous_visitors_get_no_page_that_is_not_public(client, world):
    leaks = []
    for route, name in _patterns():
        url = _fill(route, {"pk": world[1].pk})
        if name in PUBLIC or url.startswith(PUBLIC_PREFIXES) or "(?P<" in route or "<" in url:
            continue
        r = client.get(url)
        if r.status_code == 200:
            leaks.append(url)
    assert leaks == []


@pytest.mark.parametrize("role", ["other_exporter", "delegate", "outreach_guest"])
def test_users_outside_the_case_never_see_it_on_any_url(client, world, role):
    users, case = world
    client.force_login(users[role])
    for url in [
        f"/cases/{case.pk}/",
        f"/cases/{case.pk}/summary.html",
        f"/cases/{case.pk}/summary.pdf",
        f"/api/cases/{case.pk}",
    ]:
        r = client.get(url)
        assert r.status_code in (403, 404), (url, r.status_code)
        assert case.reference.encode() not in r.content
    listing = client.get("/cases/")
    assert case.reference.encode() not in listing.content


@pytest.mark.parametrize(
    "role",
    [
        "exporter",
        "licensing_officer",
        "technical_expert",
        "senior_officer",
        "partner_liaison",
        "administrator",
    ],
)
def test_the_applicant_and_the_authority_see_the_case(client, world, role):
    users, case = world
    client.force_login(users[role])
    assert client.get(f"/cases/{case.pk}/").status_code == 200
    assert client.get(f"/api/cases/{case.pk}").status_code == 200
    assert case.reference.encode() in client.get("/cases/").content


def test_exporters_do_not_see_the_internal_summary_or_the_automatic_recommendation(client, world):
    users, case = world
    client.force_login(users["licensing_officer"])
    case_act(case, "start_review", actor=users["licensing_officer"])
    client.force_login(users["exporter"])
    assert client.get(f"/cases/{case.pk}/summary.html").status_code == 403
    body = client.get(f"/api/cases/{case.pk}").json()
    assert "assessment" not in body and "automatic_recommendation" not in body
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Automatic assessment" not in page


@pytest.mark.parametrize("role", ["delegate", "outreach_guest", "other_exporter"])
def test_lists_management_is_for_the_authority_only(client, world, role):
    client.force_login(world[0][role])
    assert client.get("/lists/").status_code == 403


def test_exporters_can_screen_and_assess_but_not_import_lists(client, world, tmp_path):
    client.force_login(world[0]["exporter"])
    assert client.get("/screen/").status_code == 200
    assert client.get("/assess/").status_code == 200
    assert client.get("/lists/").status_code == 403
