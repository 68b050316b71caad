"""A hostile exporter against the case action pages: every internal action is refused on GET
and POST with nothing of the page shown and nothing written, and the senior officer's internal
note reaches the exporter nowhere (pages, API, history, letters, e-mail, jobs)."""

from __future__ import annotations

import json

import pytest
from django.core import mail
from django.test import Client

from catchall.core.workflow import ACTIONS
from catchall.web.audit.models import AuditEvent
from catchall.web.cases.models import CaseNote, Decision, Recommendation
from catchall.web.cases.services import case_act
from tests.web.cases.test_workflow import fresh, to_recommended

pytestmark = pytest.mark.django_db

REASONING = "Officer reasoning: the end user is on the partner's confidential watch list."
INTERNAL = "Internal: the partner's intelligence says the end user fronts a missile programme."
PUBLIC = "The end user develops missiles."


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _counts():
    return (
        Recommendation.objects.count(),
        Decision.objects.count(),
        CaseNote.objects.count(),
        AuditEvent.objects.count(),
    )


def test_an_exporter_reaches_no_internal_action_and_sees_no_internal_text(users, app_data):
    for user in users.values():
        user.email = f"{user.username}@example.org"
        user.save()
    case = to_recommended(users, app_data)
    Recommendation.objects.filter(case=case).update(reasoning=REASONING)
    exporter = _client(users["exporter"])
    internal_actions = [a for a in ACTIONS.values() if "exporter" not in a.roles]
    assert internal_actions
    before = _counts()
    for a in internal_actions:
        url = f"/cases/{case.pk}/act/{a.name}/"
        r = exporter.get(url)
        assert r.status_code == 403, a.name
        assert REASONING not in r.content.decode()
        r = exporter.post(
            url,
            {
                "lock_version": case.lock_version,
                "outcome": "approve",
                "reason": "x",
                "confirm": "yes",
                "internal_note": "mine",
                "reasoning": "x",
            },
        )
        assert r.status_code == 403, a.name
        assert REASONING not in r.content.decode()
    assert _counts() == before
    assert fresh(case).status == case.status
    # the rating page is the authority's
    assert exporter.get(f"/cases/{case.pk}/rate/").status_code in (302, 403)
    assert exporter.post(f"/cases/{case.pk}/rate/", {"index": "0"}).status_code in (302, 403)
    assert _counts() == before

    mail.outbox.clear()
    case_act(
        fresh(case),
        "decide",
        actor=users["senior"],
        outcome="deny",
        reason=PUBLIC,
        internal_note=INTERNAL,
    )
    case_act(fresh(case), "send_refusal", actor=users["officer"])
    seen = [
        exporter.get(f"/cases/{case.pk}/").content.decode(),
        json.dumps(exporter.get(f"/api/cases/{case.pk}").json()),
        json.dumps(exporter.get("/api/cases").json()),
        exporter.get(f"/cases/{case.pk}/act/appeal/").content.decode(),
        exporter.post(f"/cases/{case.pk}/act/appeal/", {"lock_version": "x"}).content.decode(),
        exporter.post(
            f"/cases/{case.pk}/act/appeal/", {"lock_version": fresh(case).lock_version}
        ).content.decode(),
        exporter.post(
            f"/cases/{case.pk}/act/add_note/",
            {"lock_version": fresh(case).lock_version, "text": ""},
        ).content.decode(),
    ]
    for doc in fresh(case).documents.all():
        seen.append(doc.html)
        r = exporter.get(f"/cases/{case.pk}/documents/{doc.pk}/")
        if r.status_code == 200 and not r.streaming:
            seen.append(r.content.decode(errors="replace"))
    seen += [
        m.subject + m.body
        for m in mail.outbox
        if any(t.startswith(users["exporter"].username) for t in m.to)
    ]
    text = "\n".join(seen)
    assert PUBLIC in text  # the letter and the page carry the public reason
    for secret in (INTERNAL, REASONING):
        assert secret not in text
    # the exporter may not even add an internal note of its own
    r = exporter.post(
        f"/cases/{case.pk}/act/add_note/",
        {"lock_version": fresh(case).lock_version, "text": "ours", "internal": "1"},
    )
    assert r.status_code == 302
    assert CaseNote.objects.get(text="ours").internal is False


def test_the_api_tells_an_exporter_neither_its_officer_nor_internal_documents(users, app_data):
    """Who works on a case is the authority's (the history says "The licensing authority"), and
    an internal document (the case summary) is neither listed to nor downloadable by exporters."""
    from django.utils import timezone

    from catchall.web.cases.models import CaseDocument

    case = to_recommended(users, app_data)
    case_act(fresh(case), "assign", actor=users["officer"], user_id=users["officer2"].pk, team="")
    internal = CaseDocument.objects.create(
        case=case,
        kind="summary",
        number="SUM-1",
        created_at=timezone.now(),
        created_by=users["officer"],
        html="<p>Internal summary: partner denial IS-2024-17</p>",
        pdf=b"%PDF-1.4 internal",
        sha256="0" * 64,
    )
    exporter = _client(users["exporter"])
    body = exporter.get(f"/api/cases/{case.pk}").json()
    assert body["assigned_to"] is None
    assert users["officer2"].username not in json.dumps(body)
    assert all(d["kind"] != "summary" for d in body["documents"])
    for fmt in ("pdf", "html"):
        url = f"/cases/{case.pk}/documents/{internal.pk}.{fmt}"
        r = exporter.get(url)
        assert r.status_code == 404, url
    officer = _client(users["officer"])
    assert officer.get(f"/api/cases/{case.pk}").json()["assigned_to"] == "officer2"
    assert officer.get(f"/cases/{case.pk}/documents/{internal.pk}.pdf").status_code == 200


def test_a_conflict_tells_an_exporter_no_internal_step_nor_who_took_it(users, app_data):
    """The conflict message names the last change; for an exporter that change may be the
    authority's internal step (an assignment, a re-run assessment): it reads "a change by the
    licensing authority", on the page and in the API, and never a username."""
    from catchall.web.cases.services import case_create

    case = case_create(actor=users["exporter"], data=app_data)
    case_act(case, "submit", actor=users["exporter"])
    case_act(fresh(case), "start_review", actor=users["officer"])
    seen = fresh(case).lock_version  # the exporter opens the withdraw page now
    case_act(fresh(case), "assign", actor=users["officer"], user_id=users["officer2"].pk, team="")
    exporter = _client(users["exporter"])
    page = exporter.post(
        f"/cases/{case.pk}/act/withdraw/",
        {"lock_version": seen, "reason": "Order cancelled", "confirm": "yes"},
    )
    api = exporter.post(
        f"/api/cases/{case.pk}/actions/withdraw",
        {"lock_version": seen, "reason": "Order cancelled"},
        content_type="application/json",
    )
    assert page.status_code == 409 and api.status_code == 409
    for text in (page.content.decode(), api.content.decode()):
        assert "a change by the licensing authority" in text
        for secret in ("assign", users["officer"].username, users["officer2"].username):
            assert f"{secret} at" not in text and f"by {secret}" not in text, secret
    assert fresh(case).status == "under_review"
    # the officer who meets a conflict is told which step and by whom (a name, not a username)
    officer = _client(users["officer2"])
    r = officer.post(
        f"/cases/{case.pk}/act/request_information/",
        {"lock_version": seen, "question": "Who?"},
    )
    assert r.status_code == 409 and "assign by" in r.content.decode()


def test_the_case_page_names_no_one_inside_the_authority_to_the_exporter(users, app_data):
    """As the history and the status panel do: the exporter reads "The licensing authority",
    never the officer it is assigned to nor the officer who wrote a note to it."""
    from catchall.web.cases.services import case_create

    for key, name in (("officer", "Lena"), ("officer2", "Otto")):
        users[key].first_name, users[key].last_name = name, "Officer"
        users[key].save()
    case = case_create(actor=users["exporter"], data=app_data)
    case_act(case, "submit", actor=users["exporter"])
    case_act(fresh(case), "start_review", actor=users["officer"])
    case_act(fresh(case), "assign", actor=users["officer"], user_id=users["officer2"].pk, team="")
    case_act(
        fresh(case), "add_note", actor=users["officer"], text="Please send the EUC.", internal=False
    )
    page = _client(users["exporter"]).get(f"/cases/{case.pk}/").content.decode()
    assert "Please send the EUC." in page and "The licensing authority" in page
    for name in ("Lena Officer", "Otto Officer", "officer2"):
        assert name not in page, name
    staff = _client(users["officer"]).get(f"/cases/{case.pk}/").content.decode()
    assert "assigned to Otto Officer" in staff and "Lena Officer" in staff


def test_the_queue_filters_are_no_oracle_for_the_authoritys_work(users, app_data):
    """An exporter cannot learn which team handles its case (or whether it has new screening
    hits) by filtering its queue: those filters are ignored for it."""
    from catchall.web.cases.models import Case
    from catchall.web.cases.services import case_create

    case = case_create(actor=users["exporter"], data=app_data)
    Case.objects.filter(pk=case.pk).update(team="missiles", new_screening_hits=2)
    exporter = _client(users["exporter"])
    for query in ("team=missiles", "team=nuclear", "flagged=1", "team=nuclear&flagged=1"):
        page = exporter.get(f"/cases/?{query}").content.decode()
        assert case.reference in page, query
    officer = _client(users["officer"])
    assert case.reference not in officer.get("/cases/?team=nuclear&status=all").content.decode()
