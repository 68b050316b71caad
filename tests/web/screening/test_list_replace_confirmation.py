"""Replacing a screening list from the lists page asks first: the upload starts a review job
whose page says what the file adds, removes and changes and what replacing does, under a
warning button; only that button's replacement job replaces the list."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from catchall.web.demo import ensure_user
from catchall.web.screening.models import ListImport, ScreeningList
from catchall.web.screening.selectors import list_entities

pytestmark = pytest.mark.django_db

FIRST = b"id,name,schema,aliases,countries\na,Alpha Trading,Company,,IR\nb,Beta Works,Company,,SY\n"
SECOND = (
    b"id,name,schema,aliases,countries\na,Alpha Trading LLC,Company,,IR\nc,Gamma Ltd,Company,,KP\n"
)


@pytest.fixture
def officer(db):
    from catchall.web.accounts.models import Organisation

    org = Organisation.objects.create(name="Authority", kind="authority", country="DE")
    client = Client()
    client.force_login(ensure_user("officer", "licensing_officer", org))
    return client


def _review(client, content: bytes):
    """Upload a file: the review job's page (the job runs inline in the tests)."""
    r = client.post(
        "/lists/",
        {"file": SimpleUploadedFile("watch.csv", content), "name": "watch", "format": "csv"},
    )
    assert r.status_code == 302 and r["Location"].startswith("/jobs/")
    return r["Location"], client.get(r["Location"]).content.decode()


def _names() -> list[str]:
    return sorted(e.name for e in list_entities(ScreeningList.objects.get(name="watch")))


def _replace(client, page: str):
    review = page.split('name="review" value="')[1].split('"')[0]
    return client.post("/lists/watch/replace/", {"review": review}, follow=True)


def test_replacing_a_list_shows_the_change_and_the_consequence_before_a_warning_button(officer):
    _replace(officer, _review(officer, FIRST)[1])
    assert _names() == ["Alpha Trading", "Beta Works"]
    _, page = _review(officer, SECOND)
    assert "1 added, 1 removed, 1 changed" in page
    assert "govuk-button--warning" in page and "every open case is screened" in page
    assert _names() == ["Alpha Trading", "Beta Works"]  # the review writes nothing
    assert ListImport.objects.filter(screening_list__name="watch").count() == 1
    _replace(officer, page)
    assert _names() == ["Alpha Trading LLC", "Gamma Ltd"]
    assert ListImport.objects.filter(screening_list__name="watch").count() == 2
