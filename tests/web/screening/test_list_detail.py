"""A list's page shows every entity, page by page, with the total, and finds one by its name
or by an alias (the starter list: 82 entities, more than a page)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from catchall.core.screening.starter import LIST_NAME
from catchall.web.demo import ensure_user
from catchall.web.screening.services import ensure_starter_list

pytestmark = pytest.mark.django_db
URL = f"/lists/{LIST_NAME}/"


@pytest.fixture
def officer(db):
    from catchall.web.accounts.models import Organisation

    ensure_starter_list()
    org = Organisation.objects.create(name="Authority", kind="authority", country="DE")
    client = Client()
    client.force_login(ensure_user("officer", "licensing_officer", org))
    return client


def names(html: str) -> list[str]:
    block = html.split('aria-labelledby="entities-h">', 1)[1].split("</ul>", 1)[0]
    return re.findall(r"<li>([^<(]+?)(?: <span| \()", block)


def test_every_entity_is_reachable_page_by_page_with_the_total(officer):
    first = officer.get(URL).content.decode()
    assert "82 entities, by name; showing 1–50." in first
    assert len(names(first)) == 50
    nxt = re.search(r'href="\?([^"]*)" rel="next"', first).group(1).replace("&amp;", "&")
    second = officer.get(URL + "?" + nxt).content.decode()
    assert "showing 51–82" in second and len(names(second)) == 32
    together = names(first) + names(second)
    assert len(set(together)) == 82 and together == sorted(together)


def test_a_search_finds_an_entity_by_name_or_alias_and_keeps_the_search_on_each_page(officer):
    by_name = officer.get(URL, {"q": "hemmat"}).content.decode()
    assert names(by_name) == ["SHAHID HEMMAT INDUSTRIAL GROUP"]
    assert "1 of 82 entities match “hemmat”" in by_name
    by_alias = officer.get(URL, {"q": "sapico"}).content.decode()
    assert names(by_alias) == ["SHAHID HEMMAT INDUSTRIAL GROUP"]
    none = officer.get(URL, {"q": "no such party"}).content.decode()
    assert names(none) == [] and "No entity matches." in none
    broad = officer.get(URL, {"q": "a"}).content.decode()  # most names: more than a page
    link = re.search(r'href="\?([^"]*)" rel="next"', broad)
    assert link and "q=a" in link.group(1)
