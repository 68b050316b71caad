"""The screening page: a GET only shows (and may fill in) the form; screening is a POST,
because it writes a screening record (a link, a prefetch or a crawler must not)."""

from __future__ import annotations

import pytest
from django.test import Client

from catchall.web.demo import ensure_user
from catchall.web.screening.models import ScreeningRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(db):
    from catchall.web.accounts.models import Organisation

    authority = Organisation.objects.create(name="Authority", kind="authority", country="DE")
    return ensure_user("screener", "licensing_officer", authority)


def test_a_get_with_a_name_fills_the_form_and_writes_no_record(client, officer):
    client.force_login(officer)
    r = client.get("/screen/", {"name": "KOMID", "country": "KP"})
    assert r.status_code == 200
    page = r.content.decode()
    assert 'value="KOMID"' in page and 'method="post"' in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert 'class="result"' not in page
    assert not ScreeningRecord.objects.exists()


def test_a_post_screens_the_name_and_keeps_the_record(client, officer):
    client.force_login(officer)
    r = client.post("/screen/", {"name": "KOMID", "country": "KP"})
    assert r.status_code == 200
    page = r.content.decode()
    assert 'class="result"' in page
    assert ScreeningRecord.objects.count() == 1
    # each match shows its rank; equal scores share one (the caption says so)
    assert '<td data-label="Rank">1</td>' in page
    assert "the same rank scored the same" in page


def test_a_post_without_the_csrf_token_is_refused_and_writes_nothing(officer):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(officer)
    assert browser.post("/screen/", {"name": "KOMID"}).status_code == 403
    assert not ScreeningRecord.objects.exists()


def test_a_post_with_no_name_names_the_field(client, officer):
    client.force_login(officer)
    r = client.post("/screen/", {"name": ""})
    html = r.content.decode()  # the GOV.UK error summary links to the field
    assert (
        r.status_code == 422 and '<a href="#name" autofocus>' in html and 'id="name-error"' in html
    )
    assert not ScreeningRecord.objects.exists()
