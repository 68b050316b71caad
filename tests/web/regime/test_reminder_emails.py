"""The daily digest reminds regime staff of proposal deadlines, each as they may see them:
the partners asked for feedback and the drafting delegate; never an exporter or a guest."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from catchall.web.notifications.services import send_reminders
from tests.web.regime import helpers

pytestmark = pytest.mark.django_db


def test_feedback_deadline_reaches_the_partners_and_the_delegate(people):
    for name, user in people.items():
        user.email = f"{name}@example.org"
        user.save()
    helpers.previewed(people)  # feedback from Brazil and South Africa due 29 Sep 2008
    sent = send_reminders(dt.date(2008, 9, 25))
    by_address = {m.to[0]: m for m in mail.outbox}
    assert {"br-partner@example.org", "za-partner@example.org", "us-delegate@example.org"} <= set(
        by_address
    )
    assert "de-exporter@example.org" not in by_address
    assert "kz-guest@example.org" not in by_address
    assert "29 Sep 2008" in by_address["br-partner@example.org"].body
    assert sent["sent"] == len(mail.outbox)
    assert "(C/REL" not in "".join(m.body for m in mail.outbox)  # titles as released, no body
