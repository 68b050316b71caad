"""Pressing a send button twice (or the browser resending the form) records the text once.

Partners' feedback and meeting notes are each a marked document with an audit event; a
second, identical submission made a second document the sponsor had to answer twice."""

import datetime as dt

import pytest

from catchall.web.audit.models import AuditEvent
from catchall.web.regime.models import Feedback, MeetingNote
from catchall.web.regime.services.outreach import meeting_create
from tests.web.regime import helpers

pytestmark = pytest.mark.django_db

FEEDBACK = "(U) Brazil agrees.\n\n(C/REL Brazil/United States) Brazil asks to name traders."
SENT = {"body": FEEDBACK, "declassify_on": "2033-09-30", "declassify_reason": "1.4(b), (d)"}


def test_the_same_feedback_sent_twice_is_recorded_once(client, people):
    p = helpers.previewed(people)
    client.force_login(people["br-partner"])
    for _ in range(2):
        r = client.post(f"/regime/proposals/{p.pk}/feedback/", SENT)
        assert r.status_code == 302, r.content.decode()[:500]
    assert Feedback.objects.filter(proposal=p).count() == 1
    assert AuditEvent.objects.filter(action="proposal.feedback").count() == 1
    # other words from the same partner are more feedback, not a repeat
    client.post(f"/regime/proposals/{p.pk}/feedback/", {"body": "(U) And one more thing."})
    assert Feedback.objects.filter(proposal=p).count() == 2


def test_the_same_meeting_note_sent_twice_is_recorded_once(client, people):
    m = meeting_create(
        actor=people["fr-poc"], title="TOM 2009", date=dt.date(2009, 4, 16), place="Paris"
    )
    client.force_login(people["fr-poc"])
    note = {"kind": "question", "country": "KZ", "body": "(U) Kazakh question on hexapods."}
    for _ in range(2):
        assert client.post(f"/regime/meetings/{m.pk}/note/", note).status_code == 302
    assert MeetingNote.objects.filter(meeting=m).count() == 1
    client.post(f"/regime/meetings/{m.pk}/note/", {**note, "kind": "follow_up"})
    assert MeetingNote.objects.filter(meeting=m).count() == 2


def test_the_same_draft_saved_twice_is_one_proposal(client, people):
    from catchall.web.regime.models import Proposal

    client.force_login(people["us-delegate"])
    form = {
        "type": "policy",
        "plenary": "24th Plenary, Oslo",
        "title": "(U) Flow-forming machines in licence reviews",
        "body": "1. (U) The United States proposes guidance.",
    }
    first = client.post("/regime/proposals/new/", form)
    second = client.post("/regime/proposals/new/", form)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]  # the second press shows the same draft
    assert Proposal.objects.count() == 1
    assert AuditEvent.objects.filter(action="proposal.create").count() == 1
    client.post("/regime/proposals/new/", {**form, "title": "(U) Another proposal"})
    assert Proposal.objects.count() == 2


def test_the_same_meeting_planned_twice_is_one_meeting(client, people):
    from catchall.web.regime.models import OutreachMeeting

    client.force_login(people["fr-poc"])
    form = {"title": "TOM 2009", "date": "2009-04-16", "place": "Paris"}
    first = client.post("/regime/meetings/new/", form)
    second = client.post("/regime/meetings/new/", form)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert OutreachMeeting.objects.count() == 1


def test_a_meeting_on_a_reversed_change_is_refused(client, people):
    client.force_login(people["fr-poc"])
    r = client.post(
        "/regime/meetings/new/",
        {
            "title": "TOM",
            "date": "2024-04-18",
            "place": "Paris",
            "old_version": "eu-dual-use@2023-12",
            "new_version": "eu-dual-use@2022-10",
        },
    )
    assert r.status_code == 422
    assert "Old version: choose a version older than the new one" in r.content.decode()
