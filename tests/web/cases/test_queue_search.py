"""The queue finds a case by what an officer remembers of it — its reference, the exporter's
own reference, any party's name, the destination by code or name — in any status; the search,
the filters and the order hold from page to page; columns sort, and say so (aria-sort)."""

from __future__ import annotations

import copy
import re

import pytest
from django.test import Client

from catchall.web.cases.models import Case
from catchall.web.cases.services import case_act, case_create

pytestmark = pytest.mark.django_db


def submitted(users, data, **changes):
    case = case_create(actor=users["exporter"], data={**copy.deepcopy(data), **changes})
    case_act(case, "submit", actor=users["exporter"])
    return Case.objects.get(pk=case.pk)


def officer(users) -> Client:
    client = Client()
    client.force_login(users["officer"])
    return client


def refs(response) -> list[str]:
    return re.findall(r'class="ref" href="/cases/\d+/">([^<]+)<', response.content.decode())


def test_a_search_finds_party_names_of_any_role_and_the_exporters_reference(
    users, app_data, partner_data
):
    app_data["parties"].append(
        {"role": "intermediate_consignee", "name": "Gulf Forwarding FZE", "country": "AE"}
    )
    flow = submitted(users, app_data, reference="PO-77-Ş")
    press = submitted(users, partner_data)
    client = officer(users)
    assert refs(client.get("/cases/", {"q": "gulf forwarding"})) == [flow.reference]
    assert refs(client.get("/cases/", {"q": "Changwon"})) == [press.reference]
    assert refs(client.get("/cases/", {"q": "po-77-ş"})) == [flow.reference]  # any case, accents
    assert refs(client.get("/cases/", {"q": flow.reference})) == [flow.reference]
    assert refs(client.get("/cases/", {"q": "Nobody Ltd"})) == []


def test_a_search_finds_the_destination_by_code_or_country_name(users, app_data, partner_data):
    iran = submitted(users, app_data)  # destination IR
    korea = submitted(users, partner_data)  # destination KR
    client = officer(users)
    assert refs(client.get("/cases/", {"q": "IR"})) == [iran.reference]
    assert refs(client.get("/cases/", {"q": "iran"})) == [iran.reference]
    assert refs(client.get("/cases/", {"q": "Islamic Republic"})) == [iran.reference]  # a.k.a.
    assert refs(client.get("/cases/", {"q": "South Korea"})) == [korea.reference]
    page = client.get("/cases/", {"q": "kr"}).content.decode()
    assert "South Korea" in page  # the destination column shows names, not codes


def test_a_search_looks_through_every_status_unless_one_is_chosen(users, app_data):
    case = submitted(users, app_data)
    case_act(Case.objects.get(pk=case.pk), "withdraw", actor=users["exporter"])
    client = officer(users)
    assert refs(client.get("/cases/")) == []  # the default list is the open cases
    found = client.get("/cases/", {"q": case.reference})
    assert refs(found) == [case.reference]
    assert '<option value="all" selected>All statuses</option>' in found.content.decode()
    assert refs(client.get("/cases/", {"q": case.reference, "status": "open"})) == []
    assert refs(client.get("/cases/", {"status": "all"})) == [case.reference]
    assert refs(client.get("/cases/", {"status": "withdrawn"})) == [case.reference]


def test_the_search_filters_and_order_are_kept_on_the_next_page(users, app_data):
    for i in range(51):
        submitted(users, app_data, reference=f"BATCH-{i}")
    client = officer(users)
    page1 = client.get("/cases/", {"q": "batch", "sort": "reference", "order": "desc"})
    html = page1.content.decode()
    link = re.search(r'href="\?([^"]+)" rel="next"', html).group(1).replace("&amp;", "&")
    assert "q=batch" in link and "sort=reference" in link and "order=desc" in link
    page2 = client.get("/cases/?" + link)
    assert len(refs(page1)) == 50 and len(refs(page2)) == 1
    everything = refs(page1) + refs(page2)
    assert everything == sorted(everything, reverse=True)


def test_columns_sort_due_date_first_and_say_how(users, app_data, partner_data):
    import datetime as dt

    first, second = submitted(users, app_data), submitted(users, partner_data)
    Case.objects.filter(pk=first.pk).update(due_at=first.due_at + dt.timedelta(days=30))
    client = officer(users)
    html = client.get("/cases/").content.decode()
    assert refs(client.get("/cases/")) == [second.reference, first.reference]  # soonest due
    assert re.search(
        r'<th scope="col" aria-sort="ascending" class="sortable"><a href="[^"]*">Due', html
    )
    assert html.count("aria-sort=") == 1
    by_ref = client.get("/cases/", {"sort": "reference"})
    assert refs(by_ref) == sorted([first.reference, second.reference])
    head = re.search(
        r'aria-sort="ascending" class="sortable"><a href="\?([^"]+)">Reference',
        by_ref.content.decode(),
    )
    assert "order=desc" in head.group(1)  # a second click reverses the order
    reverse = client.get("/cases/?" + head.group(1).replace("&amp;", "&"))
    assert refs(reverse) == sorted([first.reference, second.reference], reverse=True)
    assert 'aria-sort="descending"' in reverse.content.decode()
    for key in ("status", "exporter", "destination", "received"):
        assert client.get("/cases/", {"sort": key}).status_code == 200
    assert refs(client.get("/cases/", {"sort": "nonsense"})) == refs(client.get("/cases/"))


def test_an_amendment_keeps_the_search_text_in_step(users, app_data):
    case = submitted(users, app_data)
    changed = copy.deepcopy(app_data)
    changed["parties"][0]["name"] = "Renamed Trading Co"
    case_act(case, "amend", actor=users["exporter"], data=changed)
    client = officer(users)
    assert refs(client.get("/cases/", {"q": "renamed trading"})) == [case.reference]
    assert refs(client.get("/cases/", {"q": "Shahid Bakeri"})) == []


def test_the_exporter_searches_only_its_own_cases(users, app_data):
    mine = submitted(users, app_data)
    client = Client()
    client.force_login(users["other_exporter"])
    assert refs(client.get("/cases/", {"q": mine.reference})) == []
    assert refs(client.get("/cases/", {"q": "Shahid"})) == []


def test_the_migration_fills_the_search_text_of_existing_cases(users, app_data):
    import importlib

    from django.apps import apps

    case = submitted(users, app_data)
    Case.objects.filter(pk=case.pk).update(search_text="")
    migration = importlib.import_module("catchall.web.cases.migrations.0003_case_search_text")
    migration.fill(apps, None)
    assert "shahid bakeri industrial group" in Case.objects.get(pk=case.pk).search_text
    assert refs(officer(users).get("/cases/", {"q": "Shahid"})) == [case.reference]


def test_the_sort_can_be_chosen_in_the_form_where_the_headings_are_hidden(users, app_data):
    a, b = submitted(users, app_data, reference="A"), submitted(users, app_data, reference="B")
    html = officer(users).get("/cases/", {"sort": "reference", "order": "desc"}).content.decode()
    assert '<option value="reference" selected>Reference</option>' in html
    assert '<option value="desc" selected>' in html
    assert refs(officer(users).get("/cases/", {"sort": "reference", "order": "desc"})) == [
        b.reference,
        a.reference,
    ]


def test_the_api_finds_and_sorts_as_the_page_does(users, app_data, partner_data):
    app_data["parties"].append({"role": "consignee", "name": "Kish Trading FZE", "country": "AE"})
    flow, press = submitted(users, app_data), submitted(users, partner_data)
    client = officer(users)

    def api(**params):
        r = client.get("/api/cases", params)
        assert r.status_code == 200, r.content
        return [c["reference"] for c in r.json()["results"]]

    for q in ("kish", "Changwon", "south korea", "IR", flow.reference):
        assert api(q=q) == refs(client.get("/cases/", {"q": q})), q
    assert api(q="Changwon") == [press.reference]
    assert api(sort="reference", order="desc") == sorted([flow.reference, press.reference])[::-1]
    bad = client.get("/api/cases", {"sort": "colour"})
    assert bad.status_code == 422 and bad.json()["problems"][0]["field"] == "sort"
    assert client.get("/api/cases", {"order": "sideways"}).status_code == 422
