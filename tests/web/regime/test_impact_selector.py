"""Licensing impact over stored cases: the selector reads each case's current application
version; open cases are flagged; drafts and cases outside the period are left out."""

import datetime as dt

import pytest
from django.apps import apps
from django.utils import timezone

from catchall.web.regime.selectors.lists import case_impact, case_items, list_diff

pytestmark = pytest.mark.django_db

MILL_5UM = {
    "description": "three-axis mill, 5 um",
    "kind": "machine_tool.milling",
    "parameters": {"nc_capable": True, "contouring_axes": 3, "positioning_accuracy": "5 um"},
    "quantity": 2,
    "value": "300000 EUR",
}


def application(items):
    return {
        "exporter": {"name": "Neckar Werkzeugmaschinen GmbH", "country": "DE"},
        "destination": "IN",
        "parties": [{"role": "end_user", "name": "Precision Parts Ltd", "country": "IN"}],
        "end_use": "Automotive moulds",
        "items": items,
    }


@pytest.fixture
def cases(people):
    if not apps.is_installed("catchall.web.cases"):
        pytest.skip("the cases app is not installed")
    from catchall.web.accounts.models import Organisation
    from catchall.web.cases.models import Case
    from catchall.web.cases.services.create import case_create
    from catchall.web.demo import ensure_user

    org, _ = Organisation.objects.get_or_create(
        name="Neckar", defaults={"kind": "exporter", "country": "DE"}
    )
    exporter = ensure_user("neckar-exporter", "exporter", org)  # only an exporter opens a case
    made = []
    for status, submitted in (
        ("under_review", dt.datetime(2024, 3, 1)),
        ("licence_issued", dt.datetime(2024, 5, 1)),
        ("draft", None),
        ("under_review", dt.datetime(2020, 1, 1)),
    ):
        c = case_create(actor=exporter, data=application([MILL_5UM]))
        when = timezone.make_aware(submitted) if submitted else None
        Case.objects.filter(pk=c.pk).update(status=status, submitted_at=when)
        made.append(Case.objects.get(pk=c.pk))
    return made


def test_items_of_submitted_cases_in_the_period_are_read_with_their_open_flag(cases):
    rows = list(case_items(since=dt.date(2023, 1, 1)))
    assert [(r[0].split(",")[0], r[2]) for r in rows] == [
        (f"case {cases[0].reference}", True),
        (f"case {cases[1].reference}", False),
    ]
    assert rows[0][1] == {k: MILL_5UM[k] for k in ("description", "kind", "parameters")}


def test_the_2b201_change_decontrols_the_mill_and_names_the_open_case(cases):
    report = case_impact(
        list_diff("eu-dual-use@2022-10", "eu-dual-use@2023-12"), since=dt.date(2023, 1, 1)
    )
    assert report.counts()["decontrolled"] == 2
    assert report.open_cases_affected == [f"case {cases[0].reference}, item 1"]


def test_the_briefing_gives_outreach_guests_counts_but_never_case_references(client, people, cases):
    url = "/regime/briefing/?old=eu-dual-use@2022-10&new=eu-dual-use@2023-12&since=2023-01-01"
    client.force_login(people["kz-guest"])
    html = client.get(url).content.decode()
    assert "2 are decontrolled" in html and cases[0].reference not in html
    api = client.get("/api/regime/briefing?old=eu-dual-use@2022-10&new=eu-dual-use@2023-12").json()
    assert "items" not in api["licensing_impact"]
    client.force_login(people["us-delegate"])
    assert cases[0].reference in client.get(url).content.decode()
