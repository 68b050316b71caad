"""E-mail: information requests and answers, decisions, re-screening alerts and the daily
reminder digest reach the people concerned (Django's locmem backend), as jobs; each person's
choices are respected; exporters never receive the authority's confidential content."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from catchall.web.cases.models import InformationRequest
from catchall.web.cases.services import case_act
from catchall.web.jobs.models import Job
from catchall.web.notifications.models import Preference
from catchall.web.notifications.services import notify_list_alert, send_reminders
from tests.web.cases.test_rescreen import (  # noqa: F401  (fixtures)
    END_USER,
    _fresh_index,
    import_list,
    under_review,
)
from tests.web.cases.test_workflow import fresh, to_recommended

pytestmark = pytest.mark.django_db

DENIAL_REASON = "Iceland denied the same end user in confidence (IS-2024-17)."


@pytest.fixture
def people(users):
    for name, user in users.items():
        user.email = f"{name}@example.org"
        user.save()
    return users


def to(address: str) -> list:
    return [m for m in mail.outbox if m.to == [address]]


def test_information_request_and_answer(people):
    case = under_review(people)
    mail.outbox.clear()
    case_act(case, "request_information", actor=people["officer"], question="Who is the end user?")
    [m] = to("exporter@example.org")
    assert case.reference in m.subject and "Who is the end user?" in m.body
    assert "/cases/" in m.body and not to("other_exporter@example.org")
    assert Job.objects.filter(kind="notifications.send", state="done").exists()  # sent as a job
    mail.outbox.clear()
    case_act(fresh(case), "answer_information", actor=people["exporter"], answer="A university.")
    recipients = {tuple(m.to) for m in mail.outbox}
    assert recipients == {("officer@example.org",)}  # asked by, and assigned to, the officer
    assert "A university." in mail.outbox[0].body


def test_turned_off_categories_and_missing_addresses_are_respected(people):
    Preference.objects.create(user=people["exporter"], disabled=["information_requests"])
    case = under_review(people)
    mail.outbox.clear()
    case_act(case, "request_information", actor=people["officer"], question="Why?")
    assert mail.outbox == []
    job = Job.objects.filter(kind="notifications.send").latest("pk")
    assert job.result["turned_off"] == 1 and job.result["sent"] == 0


def test_decisions_tell_the_exporter_the_outcome_but_never_the_reasons(people, app_data):
    case = to_recommended(people, app_data)
    mail.outbox.clear()
    case_act(case, "decide", actor=people["senior"], outcome="deny", reason=DENIAL_REASON)
    assert not to("exporter@example.org")  # the decision is internal until the letter
    assert to("officer@example.org")
    mail.outbox.clear()
    case_act(fresh(case), "send_refusal", actor=people["officer"])
    [m] = to("exporter@example.org")
    assert "refused" in m.body and case.reference in m.subject
    for message in mail.outbox:
        assert "Iceland" not in message.body and "IS-2024-17" not in message.body


def test_rescreening_alerts_go_to_the_authority_only(people, import_list):  # noqa: F811
    case = under_review(people)
    mail.outbox.clear()
    import_list(f"w1,{END_USER},Company,,IR\n")
    assert fresh(case).new_screening_hits == 1
    [m] = mail.outbox
    assert m.to == ["officer@example.org"] and "National watch" in m.subject
    # the hit in words: the party, the listed entity with its country, the decision; no id
    assert f"End user {END_USER} may be {END_USER} (Iran): match, score 1.00" in m.body
    assert "w1" not in m.body and " ~ " not in m.body


def test_delivery_drops_exporters_from_confidential_messages(people):
    from catchall.web.notifications.services import Message, deliver

    counts = deliver(
        Message(
            "screening_alerts",
            [people["exporter"].pk, people["officer"].pk],
            "hits",
            "confidential list content",
            confidential=True,
        )
    )
    assert counts["sent"] == 1 and counts["not_cleared"] == 1
    assert [m.to for m in mail.outbox] == [["officer@example.org"]]


def test_list_alerts_reach_importers_and_administrators(people):
    notify_list_alert("ofac", "the download failed")
    assert {m.to[0] for m in mail.outbox} == {
        "officer@example.org",
        "officer2@example.org",
        "liaison@example.org",
        "admin@example.org",
    }


def test_daily_digest_reminds_the_exporter_of_an_information_request_once_a_day(people):
    case = under_review(people)
    case_act(case, "request_information", actor=people["officer"], question="Who?")
    InformationRequest.objects.update(asked_at=timezone.now() - dt.timedelta(days=10))
    mail.outbox.clear()
    today = timezone.localdate()
    assert send_reminders(today)["sent"] == 1
    [m] = mail.outbox
    assert (
        m.to == ["exporter@example.org"] and case.reference in m.body and "due in 4 days" in m.body
    )
    assert send_reminders(today)["sent"] == 0  # once a day
    Preference.objects.create(user=people["exporter"], disabled=["deadlines"])
    assert send_reminders(today + dt.timedelta(days=1))["sent"] == 0


def test_preferences_page_saves_choices(people):
    c = Client()
    c.force_login(people["exporter"])
    page = c.get("/account/notifications/").content.decode()
    assert "Information requests and their answers" in page
    assert "Re-screening alerts" not in page  # not offered to an exporter
    r = c.post("/account/notifications/", {"categories": ["decisions"]})
    assert r.status_code == 302
    assert set(Preference.objects.get(user=people["exporter"]).disabled) == {
        "deadlines",
        "information_requests",
    }
    r = c.post("/account/notifications/", {"categories": ["screening_alerts"]})
    assert r.status_code == 422 and "<title>Error:" in r.content.decode()


def test_preferences_need_the_csrf_token_and_change_only_the_signed_in_person(people):
    c = Client(enforce_csrf_checks=True)
    c.force_login(people["exporter"])
    r = c.post("/account/notifications/", {"categories": []})
    assert r.status_code == 403 and not Preference.objects.exists()
    c = Client()
    c.force_login(people["exporter"])
    other = people["other_exporter"]
    r = c.post(
        "/account/notifications/",
        {"categories": ["decisions"], "user": other.pk, "user_id": other.pk},
    )
    assert r.status_code == 302
    assert list(Preference.objects.values_list("user", flat=True)) == [people["exporter"].pk]


def test_an_unreachable_smtp_server_fails_the_message_not_the_action(people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    case = under_review(people)
    case_act(case, "request_information", actor=people["officer"], question="Who?")
    assert fresh(case).status == "information_requested"
    job = Job.objects.filter(kind="notifications.send").latest("pk")
    assert job.result["failed"] == 1 and job.result["sent"] == 0
