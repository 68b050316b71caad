"""The e-mail jobs: sending one message to its recipients, and the daily reminder digest."""

from __future__ import annotations

import datetime as dt

from catchall.web.jobs.services import job
from catchall.web.notifications.services import Message, deliver, send_reminders


@job("notifications.send", title="Sending e-mail")
def send_message(j, **message):
    return deliver(Message(**message))


@job("notifications.reminders", title="Sending deadline reminders")
def reminders(j, *, today: str | None = None):
    return send_reminders(dt.date.fromisoformat(today) if today else None)
