"""After a workflow step the page says what happened ("Previewed with selected partners ..."),
not "Done."."""

import datetime as dt

import pytest

from .helpers import draft, previewed

pytestmark = pytest.mark.django_db


def _message(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_preview_and_feedback_say_what_happened(client, people):
    p = draft(people)
    client.force_login(people["us-delegate"])
    due = dt.date.today() + dt.timedelta(days=10)
    r = client.post(
        f"/regime/proposals/{p.pk}/preview/",
        {"release_list": "Brazil, South Africa", "feedback_deadline": due.isoformat()},
        follow=True,
    )
    said = _message(r)
    assert "Done." not in said
    assert "Previewed with selected partners" in said and "feedback is due by" in said


def test_feedback_sent_says_so(client, people):
    p = previewed(people)
    client.force_login(people["br-partner"])
    r = client.post(
        f"/regime/proposals/{p.pk}/feedback/",
        {"body": "(U) Brazil agrees.", "declassify_on": "", "declassify_reason": ""},
        follow=True,
    )
    assert _message(r) == "Your feedback was sent to the sponsoring delegation."
