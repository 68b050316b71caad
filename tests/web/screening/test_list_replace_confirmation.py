"""Replacing an existing screening list from the lists page asks first: a confirmation page
says what the file adds, removes and changes, and only its confirm step replaces the list."""

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


def _post(client, content: bytes, **extra):
    return client.post(
        "/lists/",
        {
            "file": SimpleUploadedFile("watch.csv", content),
            "name": "watch",
            "format": "csv",
            **extra,
        },
    )


def _names() -> list[str]:
    return sorted(e.name for e in list_entities(ScreeningList.objects.get(name="watch")))


def test_a_new_list_is_imported_at_once(officer):
    assert _post(officer, FIRST).status_code == 302
    assert _names() == ["Alpha Trading", "Beta Works"]


def test_replacing_a_list_shows_the_change_and_waits_for_confirmation(officer):
    _post(officer, FIRST)
    r = _post(officer, SECOND)
    html = r.content.decode()
    assert r.status_code == 200 and "Replace the list" in html
    assert "1 added, 1 removed, 1 changed" in html
    assert "govuk-button--warning" in html and "Every open case is screened again" in html
    assert _names() == ["Alpha Trading", "Beta Works"]  # nothing replaced yet
    assert ListImport.objects.filter(screening_list__name="watch").count() == 1
    token = html.split('name="token" value="')[1].split('"')[0]
    r = officer.post("/lists/", {"confirm": "yes", "token": token}, follow=True)
    assert _names() == ["Alpha Trading LLC", "Gamma Ltd"]
    assert "List watch replaced: 1 added, 1 removed, 1 changed" in r.content.decode()
    # the held file is used once: confirming again replaces nothing
    r = officer.post("/lists/", {"confirm": "yes", "token": token}, follow=True)
    assert "no longer held" in r.content.decode()
    assert ListImport.objects.filter(screening_list__name="watch").count() == 2


def test_a_token_from_another_session_replaces_nothing(officer, db):
    _post(officer, FIRST)
    html = _post(officer, SECOND).content.decode()
    token = html.split('name="token" value="')[1].split('"')[0]
    from catchall.web.accounts.models import Organisation

    other = Client()
    other.force_login(
        ensure_user("liaison", "partner_liaison", Organisation.objects.get(name="Authority"))
    )
    other.post("/lists/", {"confirm": "yes", "token": token})
    assert _names() == ["Alpha Trading", "Beta Works"]
