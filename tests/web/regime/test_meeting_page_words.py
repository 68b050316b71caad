"""The outreach meeting page names countries, not ISO codes, and offers its forms only to
who may use them: a guest or a partner delegate saw "KZ", "Attendees of KZ" and Save and
Record buttons that answered 403."""

import datetime as dt
import re

import pytest

from catchall.web.regime.services.outreach import meeting_create, meeting_note_add

pytestmark = pytest.mark.django_db

FORMS = ("/attendance/", "/note/", "/evaluate/")


@pytest.fixture
def meeting(people):
    m = meeting_create(
        actor=people["fr-poc"], title="TOM 2009", date=dt.date(2009, 4, 16), place="Paris"
    )
    meeting_note_add(
        actor=people["fr-poc"], meeting=m, kind="question", body="(U) On hexapods.", country="KZ"
    )
    return m


def _visible(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_a_guest_reads_country_names_and_gets_no_form_it_cannot_use(client, people, meeting):
    client.force_login(people["kz-guest"])
    for url in (f"/regime/meetings/{meeting.pk}/", f"/regime/meetings/{meeting.pk}/evaluation/"):
        html = client.get(url).content.decode()
        shown = _visible(html)
        assert "Kazakhstan" in shown and not re.search(r"\bKZ\b", shown), url
        assert not any(f'action="/regime/meetings/{meeting.pk}{f}"' in html for f in FORMS)


def test_the_point_of_contact_keeps_the_forms_with_names_in_them(client, people, meeting):
    client.force_login(people["fr-poc"])
    html = client.get(f"/regime/meetings/{meeting.pk}/").content.decode()
    assert all(f'action="/regime/meetings/{meeting.pk}{f}"' in html for f in FORMS)
    assert '<option value="KZ">Kazakhstan</option>' in html
    assert "Attendees of Kazakhstan" in html and not re.search(r"\bKZ\b", _visible(html))
