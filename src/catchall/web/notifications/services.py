"""E-mail notifications: the one module that decides who is told what, and sends it as a job.

Services call one function per event type (:func:`notify_case_event`, :func:`notify_rescreen`,
:func:`notify_list_alert`); the daily reminder digest is the job ``notifications.reminders``.
Each builds its messages when the event happens (so the text is what was true then) and hands
them to the job ``notifications.send``, which, when it runs, drops people who turned the
category off or have no e-mail address, and sends one message per person (nobody sees another
recipient's address).

Confidentiality: a message built from the authority's confidential data (re-screening hits,
list alerts, officers' reasons) is marked ``confidential`` and is delivered only to people
who may receive such data (web/accounts/confidentiality.py, checked again at sending time).
Messages to exporters carry only what the exporter's own case page shows them: the case
reference, the authority's question, the outcome sent to them, and a link.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from dataclasses import asdict, dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone

from catchall.core.errors import InputError
from catchall.web.accounts.confidentiality import may_receive_confidential
from catchall.web.accounts.roles import AUTHORITY_ROLES, REGIME_ROLES, role_of
from catchall.web.notifications.models import Preference, SentEmail

log = logging.getLogger("catchall.notifications")

CATEGORIES: dict[str, str] = {
    "deadlines": "Deadline reminders: proposal deadlines and information requests due",
    "information_requests": "Information requests and their answers",
    "decisions": "Decisions on applications",
    "screening_alerts": "Re-screening alerts: new possible matches on open cases",
    "list_alerts": "Screening list refresh problems",
}
LIST_ALERT_ROLES = ("licensing_officer", "partner_liaison", "administrator")
REMINDER_DAYS = 7  # a deadline within this many days (or overdue) is in the daily digest


def categories_for(user) -> list[str]:
    """The categories that can reach this person (the preferences page offers these)."""
    role = role_of(user)
    out = []
    if role == "exporter" or role in REGIME_ROLES or role in ("technical_expert",):
        out.append("deadlines")
    if role == "exporter" or role in AUTHORITY_ROLES:
        out += ["information_requests", "decisions"]
    if role in AUTHORITY_ROLES:
        out.append("screening_alerts")
    if role in LIST_ALERT_ROLES:
        out.append("list_alerts")
    return out


def disabled_for(user) -> set[str]:
    pref = Preference.objects.filter(user=user).first()
    return set(pref.disabled) if pref else set()


def preferences_save(*, user, enabled) -> list[str]:
    """Turn on exactly ``enabled`` of the person's categories; the rest are off."""
    offered = categories_for(user)
    unknown = sorted(set(enabled) - set(offered))
    if unknown:
        raise InputError(f"not a category you can choose: {', '.join(unknown)}", "categories")
    off = [c for c in offered if c not in set(enabled)]
    Preference.objects.update_or_create(user=user, defaults={"disabled": off})
    return off


@dataclass(frozen=True)
class Message:
    category: str
    recipients: list[int]  # user ids
    subject: str
    body: str
    confidential: bool = False
    key: str = ""  # once per person per key (the daily digest)


def _link(path: str) -> str:
    return f"{settings.CATCHALL_SITE_URL}{path}"


def _users(qs) -> list[int]:
    return list(qs.filter(is_active=True).values_list("pk", flat=True))


def _exporters_of(case) -> list[int]:
    User = get_user_model()
    return _users(
        User.objects.filter(profile__organisation=case.organisation, profile__role="exporter")
    )


def _officers_of(case) -> list[int]:
    """The officer the case is assigned to, else the licensing officers."""
    User = get_user_model()
    if case.assigned_to_id:
        return _users(User.objects.filter(pk=case.assigned_to_id))
    return _users(User.objects.filter(profile__role="licensing_officer"))


def _send(messages: list[Message]) -> None:
    from catchall.web.jobs.services import submit

    for m in messages:
        if m.recipients:
            submit("notifications.send", asdict(m), user=None)


# ------------------------------------------------------------------------- one per event type
def notify_case_event(case, action: str, actor) -> None:
    """After a case action: information requests and answers, decisions, licences, refusals."""
    ref = case.reference
    link = _link(f"/cases/{case.pk}/")
    messages: list[Message] = []
    if action == "request_information":
        req = case.information_requests.order_by("asked_at", "id").last()
        due = (req.asked_at + dt.timedelta(days=settings.CATCHALL_INFORMATION_REQUEST_DAYS)).date()
        messages.append(
            Message(
                "information_requests",
                _exporters_of(case),
                f"{ref}: the licensing authority asks for information",
                f"The licensing authority asks about your application {ref}:\n\n"
                f"{req.question}\n\nPlease answer by {due:%d %B %Y} on the application's "
                f"page:\n{link}\n",
            )
        )
    elif action == "answer_information":
        req = case.information_requests.exclude(answered_at=None).order_by("answered_at").last()
        to = set(_officers_of(case)) | ({req.asked_by_id} if req else set())
        messages.append(
            Message(
                "information_requests",
                sorted(to),
                f"{ref}: the exporter answered your information request",
                f"{case.organisation.name} answered on case {ref}:\n\n"
                f"{req.answer if req else ''}\n\n{link}\n",
                confidential=True,  # sent to the authority only
            )
        )
    elif action == "decide":
        messages.append(
            Message(
                "decisions",
                _officers_of(case),
                f"{ref}: decision recorded ({case.decision.replace('_', ' ')})",
                f"A senior officer decided case {ref}: {case.decision.replace('_', ' ')}. "
                f"The letter to the exporter is the next step.\n\n{link}\n",
                confidential=True,
            )
        )
    elif action in ("issue_licence", "send_refusal", "decide_appeal"):
        outcome = {
            "issue_licence": "a licence has been issued",
            "send_refusal": "the application has been refused; the letter gives the reasons "
            "and how to appeal",
            "decide_appeal": "your appeal has been decided",
        }[action]
        messages.append(
            Message(
                "decisions",
                _exporters_of(case),
                f"{ref}: decision on your application",
                f"Your application {ref}: {outcome}.\n\nSee the letter on the application's "
                f"page:\n{link}\n",
            )
        )
    _send(messages)


def notify_rescreen(case, list_name: str, hits: list[str]) -> None:
    """New possible matches on an open case after a list changed: the authority only. The list
    is named by its title, and its name (the one its page and the command line use) after it."""
    from catchall.web.assessment.readable import list_titles
    from catchall.web.screening.words import list_title

    title = list_title(list_name, list_titles())
    named = (
        title if title.lower() == list_name.replace("-", " ").lower() else f"{title} ({list_name})"
    )
    _send(
        [
            Message(
                "screening_alerts",
                _officers_of(case),
                f"{case.reference}: new possible matches on the list {named}",
                f"Re-screening case {case.reference} against the updated list {named} "
                f"found:\n\n"
                + "\n".join(f"- {h}" for h in hits)
                + f"\n\n{_link(f'/cases/{case.pk}/')}\n",
                confidential=True,
            )
        ]
    )


def notify_list_alert(list_name: str, problem: str) -> None:
    """A scheduled refresh that failed or was held back: the list importers and administrators."""
    User = get_user_model()
    _send(
        [
            Message(
                "list_alerts",
                _users(User.objects.filter(profile__role__in=LIST_ALERT_ROLES)),
                f"Screening list {list_name}: the scheduled refresh needs attention",
                f"{problem}\n\nThe stored list was kept. {_link(f'/lists/{list_name}/')}\n",
                confidential=True,
            )
        ]
    )


# ------------------------------------------------------------------------------- delivering
def deliver(m: Message) -> dict:
    """Send ``m`` to each recipient who still wants it and may read it; count the outcomes."""
    User = get_user_model()
    counts = {
        "sent": 0,
        "turned_off": 0,
        "no_address": 0,
        "not_cleared": 0,
        "already_sent": 0,
        "failed": 0,
    }
    people = User.objects.filter(pk__in=m.recipients, is_active=True).select_related("profile")
    off = {p.user_id: set(p.disabled) for p in Preference.objects.filter(user__in=people)}
    connection = get_connection()
    for user in people:
        if m.category in off.get(user.pk, set()):
            counts["turned_off"] += 1
        elif not user.email:
            counts["no_address"] += 1
        elif m.confidential and not may_receive_confidential(user):
            counts["not_cleared"] += 1
        else:
            try:
                with transaction.atomic():
                    SentEmail.objects.create(
                        user=user,
                        category=m.category,
                        subject=m.subject[:300],
                        key=m.key,
                        sent_at=timezone.now(),
                    )
                    EmailMessage(
                        m.subject,
                        _greeting(user) + m.body + _footer(),
                        settings.DEFAULT_FROM_EMAIL,
                        [user.email],
                        connection=connection,
                    ).send()
            except IntegrityError:
                counts["already_sent"] += 1
                continue
            except (OSError, smtplib.SMTPException) as exc:  # one bad address or a hiccup
                log.warning("e-mail to user %s failed: %s", user.pk, exc)
                counts["failed"] += 1  # not recorded as sent: the next digest tries again
                continue
            counts["sent"] += 1
    return counts


def _greeting(user) -> str:
    return f"Dear {user.get_full_name() or user.get_username()},\n\n"


def _footer() -> str:
    return (
        f"\n--\ncatchall. To choose which e-mails you receive: {_link('/account/notifications/')}\n"
    )


# ------------------------------------------------------------------------- the daily digest
def reminders_for_user(user, today: dt.date) -> list[str]:
    """Lines of the person's deadlines within REMINDER_DAYS or overdue, as they may see them."""
    role = role_of(user)
    lines: list[str] = []
    if role in REGIME_ROLES or role in ("technical_expert",):
        from catchall.web.regime.releasability import reader_for
        from catchall.web.regime.selectors.proposals import reminders_for

        for r in reminders_for(reader_for(user, today), within_days=REMINDER_DAYS, today=today):
            d = r.deadline
            lines.append(f"- {d.due:%d %b %Y} ({r.status}): {d.what} — {d.subject} {_link(d.link)}")
    if role == "exporter":
        from catchall.web.cases.models import InformationRequest

        days = settings.CATCHALL_INFORMATION_REQUEST_DAYS
        open_requests = InformationRequest.objects.filter(
            case__organisation=user.profile.organisation,
            case__status="information_requested",
            answered_at=None,
        ).select_related("case")
        for req in open_requests:
            due = (req.asked_at + dt.timedelta(days=days)).date()
            left = (due - today).days
            if left <= REMINDER_DAYS:
                status = f"overdue by {-left} days" if left < 0 else f"due in {left} days"
                lines.append(
                    f"- {due:%d %b %Y} ({status}): answer the information request on "
                    f"{req.case.reference} {_link(f'/cases/{req.case_id}/')}"
                )
    return lines


def send_reminders(today: dt.date | None = None) -> dict:
    """One digest per person per day (sending twice the same day sends nothing new)."""
    today = today or timezone.localdate()
    User = get_user_model()
    totals = {"people": 0, "sent": 0}
    for user in User.objects.filter(is_active=True).exclude(email="").select_related("profile"):
        if "deadlines" not in categories_for(user):
            continue
        lines = reminders_for_user(user, today)
        if not lines:
            continue
        totals["people"] += 1
        counts = deliver(
            Message(
                "deadlines",
                [user.pk],
                f"Deadlines coming up ({len(lines)})",
                "These deadlines are due within a week or overdue:\n\n" + "\n".join(lines) + "\n",
                key=f"reminders:{today.isoformat()}",
            )
        )
        totals["sent"] += counts["sent"]
    return totals
