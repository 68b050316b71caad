"""One page per case action: decisions are deliberate, consequential actions confirm, errors
follow the GOV.UK pattern and nothing is written when the input is wrong."""

from __future__ import annotations

import json
import re

import pytest

from catchall.web.audit.models import AuditEvent
from catchall.web.cases.models import CaseDocument, CaseNote, Decision, Recommendation
from catchall.web.cases.services import case_act, case_create
from catchall.web.denials.models import DenialNotification
from tests.web.cases.test_workflow import fresh, to_recommended
from tests.web.confidential import with_unlisted

pytestmark = pytest.mark.django_db

PUBLIC = "The end user develops missiles; the machine would serve that programme."
INTERNAL = "Agree with the officer: listed 2B009 item, D:4 destination, designated end user."


def _login(client, user):
    client.force_login(user)
    return client


def _classified(users, data):
    case = case_create(actor=users["exporter"], data=data)
    case_act(case, "submit", actor=users["exporter"])
    case_act(fresh(case), "start_review", actor=users["officer"])
    case_act(
        fresh(case), "confirm_classification", actor=users["expert"], note="2B009 as assessed."
    )
    return fresh(case)


def _written() -> tuple[int, ...]:
    return (
        Recommendation.objects.count(),
        Decision.objects.count(),
        CaseDocument.objects.count(),
        CaseNote.objects.count(),
        DenialNotification.objects.count(),
        AuditEvent.objects.count(),
    )


def test_the_case_page_lists_actions_as_links_to_their_own_pages(client, users, app_data):
    case = _classified(users, app_data)
    html = _login(client, users["officer"]).get(f"/cases/{case.pk}/").content.decode()
    section = html.split('id="actions-h"')[1].split("</section>")[0]
    assert f'href="/cases/{case.pk}/act/recommend/"' in section
    assert "<textarea" not in section and "<select" not in section


def test_the_recommend_page_preselects_nothing_and_an_empty_outcome_is_an_error(
    client, users, app_data
):
    case = _classified(users, app_data)
    _login(client, users["officer"])
    page = client.get(f"/cases/{case.pk}/act/recommend/").content.decode()
    assert page.count('type="radio"') == 3 and " checked" not in page
    for label in ("Approve", "Approve with conditions", "Refuse"):
        assert f">{label}</label>" in page
    before = _written()
    r = client.post(
        f"/cases/{case.pk}/act/recommend/",
        {"lock_version": case.lock_version, "reasoning": "Listed end user."},
    )
    html = r.content.decode()
    assert r.status_code == 422 and _written() == before
    assert "<title>Error: " in html
    assert '<a href="#outcome" autofocus>Select an outcome</a>' in html
    assert 'id="outcome-error"' in html and 'aria-invalid="true"' in html
    assert "Listed end user." in html  # what was typed is kept
    assert fresh(case).status == "classification_confirmed"


def test_the_decide_page_leads_with_the_officers_recommendation_and_the_experts_rating(
    client, users, app_data
):
    case = to_recommended(users, app_data)
    html = _login(client, users["senior"]).get(f"/cases/{case.pk}/act/decide/").content.decode()
    rec = html.index("The officer's recommendation")
    expert = html.index("The technical expert's rating")
    machine = html.index("The automatic assessment")
    form = html.index('name="outcome"')
    assert rec < expert < machine < form
    assert "Listed end user." in html and "<strong>Refuse</strong>" in html
    assert " checked" not in html
    assert "Reason given to the exporter and partners" in html and "Internal note" in html


def test_a_senior_who_submits_without_an_outcome_gets_an_error_and_nothing_is_written(
    client, users, app_data
):
    case = to_recommended(users, app_data)
    before = _written()
    r = _login(client, users["senior"]).post(
        f"/cases/{case.pk}/act/decide/",
        {"lock_version": case.lock_version, "reason": PUBLIC, "internal_note": INTERNAL},
    )
    html = r.content.decode()
    assert r.status_code == 422 and _written() == before
    assert "Select an outcome" in html and "<title>Error: " in html
    assert fresh(case).status == "recommended"


def test_errors_name_fields_in_plain_words_without_paths(client, users, app_data):
    case = to_recommended(users, app_data)
    r = _login(client, users["senior"]).post(
        f"/cases/{case.pk}/act/decide/",
        {"lock_version": case.lock_version, "outcome": "deny", "internal_note": "x" * 10_001},
    )
    html = r.content.decode()
    assert r.status_code == 422
    assert (
        '<a href="#reason"' in html
        and "Enter the reason given to the exporter and partners" in html
    )
    assert '<a href="#internal_note">The internal note must be 10,000 characters or fewer' in html
    assert "internal_note:" not in html and "catchall " not in html.split("<footer>")[0]


def test_the_letter_and_the_notification_carry_the_public_reason_only(client, users, app_data):
    case = to_recommended(users, app_data)
    _login(client, users["senior"])
    r = client.post(
        f"/cases/{case.pk}/act/decide/",
        {
            "lock_version": case.lock_version,
            "outcome": "deny",
            "reason": PUBLIC,
            "internal_note": INTERNAL,
        },
    )
    assert r.status_code == 302
    case = fresh(case)
    assert case.status == "refused"
    note = case.notes.get(internal=True, text=INTERNAL)
    assert note.author == users["senior"]
    event = AuditEvent.objects.filter(action="case.decide").last()
    assert INTERNAL in str(event.details)
    # The officer sees the letter and the notification before sending: public reason only.
    _login(client, users["officer"])
    preview = client.get(f"/cases/{case.pk}/act/send_refusal/").content.decode()
    assert PUBLIC in preview and INTERNAL not in preview
    assert "The denial notification shared with partners" in preview
    assert "govuk-button--warning" in preview
    r = client.post(
        f"/cases/{case.pk}/act/send_refusal/",
        {"lock_version": case.lock_version, "confirm": "yes"},
        follow=True,
    )
    case = fresh(case)
    assert case.status == "refusal_sent"
    letter = case.documents.get(kind="refusal")
    assert PUBLIC in letter.html and INTERNAL not in letter.html
    notifications = DenialNotification.objects.filter(case_reference=case.reference)
    assert notifications.exists()
    for n in notifications:
        assert n.reason_for_refusal == PUBLIC
    message = r.content.decode()
    shared = re.search(
        rf"Refusal {letter.number} sent to the exporter; notification (\S+) shared with (\d+) "
        "partners",
        message,
    )
    assert shared and shared.group(1) == notifications.first().reference
    assert int(shared.group(2)) > 30  # the MTCR's partners, our own government excluded
    # The exporter's page shows neither the internal note nor the audit details.
    exporter_page = _login(client, users["exporter"]).get(f"/cases/{case.pk}/").content.decode()
    assert INTERNAL not in exporter_page


def test_the_api_takes_the_internal_note_as_the_page_does(client, users, app_data):
    case = to_recommended(users, app_data)
    r = _login(client, users["senior"]).post(
        f"/api/cases/{case.pk}/actions/decide",
        {"outcome": "deny", "reason": PUBLIC, "internal_note": INTERNAL},
        content_type="application/json",
    )
    assert r.status_code == 200
    assert fresh(case).notes.filter(internal=True, text=INTERNAL).exists()
    assert Decision.objects.get(case=case).reason == PUBLIC
    too_long = to_recommended(users, app_data)
    r = client.post(
        f"/api/cases/{too_long.pk}/actions/decide",
        {"outcome": "deny", "reason": PUBLIC, "internal_note": "x" * 10_001},
        content_type="application/json",
    )
    assert r.status_code == 422 and "internal_note" in r.content.decode()


@pytest.mark.parametrize("action", ["send_refusal", "withdraw", "issue_licence"])
def test_a_post_without_the_confirmation_step_does_not_act(
    client, users, app_data, partner_data, action
):
    if action == "send_refusal":
        case = to_recommended(users, app_data)
        case_act(case, "decide", actor=users["senior"], outcome="deny", reason=PUBLIC)
        user = users["officer"]
    elif action == "issue_licence":
        case = to_recommended(users, partner_data, outcome="approve")
        case_act(case, "decide", actor=users["senior"], outcome="approve", reason="Civil use.")
        user = users["officer"]
    else:
        case = case_create(actor=users["exporter"], data=app_data)
        case_act(case, "submit", actor=users["exporter"])
        user = users["exporter"]
    case = fresh(case)
    before, status = _written(), case.status
    r = _login(client, user).post(
        f"/cases/{case.pk}/act/{action}/", {"lock_version": case.lock_version, "reason": "x"}
    )
    html = r.content.decode()
    assert r.status_code == 200 and _written() == before and fresh(case).status == status
    assert 'name="confirm" value="yes"' in html
    if action == "issue_licence":  # a licence is previewed as it will go
        assert f"LIC-{case.reference}-1" in html and 'class="letter-preview"' in html
    else:
        assert "govuk-button--warning" in html


def test_withdrawing_from_the_confirmation_page_says_what_happened(client, users, app_data):
    case = case_create(actor=users["exporter"], data=app_data)
    case_act(case, "submit", actor=users["exporter"])
    case = fresh(case)
    _login(client, users["exporter"])
    page = client.get(f"/cases/{case.pk}/act/withdraw/").content.decode()
    assert "It cannot be reopened" in page and "govuk-button--warning" in page
    r = client.post(
        f"/cases/{case.pk}/act/withdraw/",
        {"lock_version": case.lock_version, "confirm": "yes", "reason": "Order cancelled"},
        follow=True,
    )
    assert fresh(case).status == "withdrawn"
    assert f"Application {case.reference} withdrawn" in r.content.decode()


def test_the_inform_letter_is_previewed_with_its_reason_before_it_is_sent(client, users, app_data):
    case = case_create(actor=users["exporter"], data=with_unlisted(app_data))
    case_act(case, "submit", actor=users["exporter"])
    case_act(fresh(case), "start_review", actor=users["officer"])
    case = fresh(case)
    _login(client, users["officer"])
    url = f"/cases/{case.pk}/act/issue_inform_letter/"
    r = client.post(url, {"lock_version": case.lock_version, "reason": "Missile end use."})
    assert r.status_code == 200 and not case.documents.exists()
    html = r.content.decode()
    assert f"INF-{case.reference}-1" in html and "Missile end use." in html
    client.post(
        url, {"lock_version": case.lock_version, "reason": "Missile end use.", "confirm": "yes"}
    )
    assert "Missile end use." in case.documents.get(kind="inform_letter").html


def test_an_action_not_open_to_the_role_is_refused_on_its_page(client, users, app_data):
    case = to_recommended(users, app_data)
    assert _login(client, users["officer"]).get(f"/cases/{case.pk}/act/decide/").status_code == 403
    r = _login(client, users["senior"]).get(f"/cases/{case.pk}/act/send_refusal/")
    assert r.status_code == 409 and "not open now" in r.content.decode()


def _cli(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    """The ``catchall`` entry point in this process (its database is the test's)."""
    import sys

    from catchall.cli import main

    monkeypatch.setattr(sys, "argv", ["catchall", *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    out = capsys.readouterr()
    return exit_.value.code, out.out, out.err


def test_the_cli_takes_the_internal_note_and_refuses_the_same_input_as_the_api(
    client, users, app_data, monkeypatch, capsys
):
    case = to_recommended(users, app_data)
    body = {"outcome": "deny", "reason": PUBLIC, "internal_note": "x" * 10_001}
    api = _login(client, users["senior"]).post(
        f"/api/cases/{case.pk}/actions/decide", body, content_type="application/json"
    )
    code, _, err = _cli(
        monkeypatch, capsys, "cases", "act", case.reference, "decide", "--as", "senior",
        "--payload", json.dumps(body),
    )  # fmt: skip
    [problem] = api.json()["problems"]
    assert api.status_code == 422 and code == 2
    assert f"{problem['field']}: {problem['message']}" in err
    assert not Decision.objects.exists()
    body["internal_note"] = INTERNAL
    code, out, _ = _cli(
        monkeypatch, capsys, "cases", "act", case.reference, "decide", "--as", "senior",
        "--payload", json.dumps(body),
    )  # fmt: skip
    assert code == 0 and json.loads(out)["status"] == "refused"
    assert fresh(case).notes.filter(internal=True, text=INTERNAL).exists()
    assert Decision.objects.get(case=case).reason == PUBLIC
    code, _, err = _cli(
        monkeypatch, capsys, "cases", "act", case.reference, "decide", "--as", "senior"
    )
    assert code == 2 and "error:" in err  # the case has moved on: nothing to countersign
