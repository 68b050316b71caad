"""The meeting pages offer their forms only to those who may use them, and name countries.

A guest or a partner who fills in attendance, a note or the evaluation is refused (403) after
typing: the forms are for the organisers (delegates and the Point of Contact) alone."""

import datetime as dt

import pytest

from catchall.web.regime.services.outreach import meeting_create

pytestmark = pytest.mark.django_db

FORMS = ("/attendance/", "/note/", "/evaluate/")


@pytest.fixture
def meeting(people):
    return meeting_create(
        actor=people["fr-poc"], title="TOM 2009", date=dt.date(2009, 4, 16), place="Paris"
    )


@pytest.mark.parametrize("who", ["kz-guest", "br-partner"])
def test_readers_who_may_not_organise_get_no_forms(client, people, meeting, who):
    client.force_login(people[who])
    body = client.get(f"/regime/meetings/{meeting.pk}/").content.decode()
    for action in FORMS:
        assert f'action="/regime/meetings/{meeting.pk}{action}"' not in body, action
    assert "Record a question" not in body
    listing = client.get("/regime/meetings/").content.decode()
    assert 'href="/regime/meetings/new/"' not in listing


@pytest.mark.parametrize("who", ["us-delegate", "fr-poc"])
def test_organisers_get_the_forms(client, people, meeting, who):
    client.force_login(people[who])
    body = client.get(f"/regime/meetings/{meeting.pk}/").content.decode()
    for action in FORMS:
        assert f'action="/regime/meetings/{meeting.pk}{action}"' in body, action
    assert 'href="/regime/meetings/new/"' in client.get("/regime/meetings/").content.decode()


def test_invited_countries_are_named_not_coded(client, people, meeting):
    client.force_login(people["kz-guest"])
    for url in (f"/regime/meetings/{meeting.pk}/", f"/regime/meetings/{meeting.pk}/evaluation/"):
        body = client.get(url).content.decode()
        assert ">Kazakhstan</td>" in body, url
        assert ">KZ</td>" not in body, url
