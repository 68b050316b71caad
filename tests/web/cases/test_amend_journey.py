"""Amending an application through the apply journey's pages: a draft holding every answer
of the current version, the changes marked in words on check your answers, a required reason,
and the case's own amend action (new version, audit event, re-assessment) behind the send."""

from __future__ import annotations

import html
import json
import re

import pytest
from django.test import Client

from catchall.web.audit.models import AuditEvent
from catchall.web.cases.models import ApplicationDraft, ApplicationVersion, Case
from catchall.web.cases.services import case_act, case_create

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


DECLARED = {
    "declarations": dict.fromkeys(
        ("aware_of_missile_or_wmd_use", "informed_by_authority", "military_end_use"), False
    ),
    "red_flags": [],
}


def _case(users, data) -> Case:
    c = case_create(actor=users["exporter"], data=data)
    case_act(c, "submit", actor=users["exporter"])
    c.refresh_from_db()
    case_act(c, "start_review", actor=users["officer"])
    c.refresh_from_db()
    return c


@pytest.fixture
def case(users, app_data):
    """The flow-former to Iran with every answer the pages ask, submitted and under review
    (an amendment is re-assessed)."""
    return _case(users, {**app_data, **DECLARED})


def _start(c, case) -> str:
    resp = c.post(f"/cases/{case.pk}/amend/")
    assert resp.status_code == 302
    return resp["Location"]


def _written() -> tuple[int, int, int]:
    return (ApplicationVersion.objects.count(), AuditEvent.objects.count(), Case.objects.count())


def test_the_case_page_leads_to_the_guided_amendment_and_keeps_the_file_route(users, case):
    c = _client(users["exporter"])
    page = c.get(f"/cases/{case.pk}/").content.decode()
    assert f'href="/cases/{case.pk}/amend/"' in page
    start = c.get(f"/cases/{case.pk}/amend/").content.decode()
    assert "Start amending" in start and "version 1" in start
    assert f'href="/cases/{case.pk}/act/amend/"' in start  # for systems that write files
    paste = c.get(f"/cases/{case.pk}/act/amend/").content.decode()
    assert "Amend the application page by page" in paste and 'name="data"' in paste


def test_the_draft_holds_every_answer_of_the_current_version(users, case):
    c = _client(users["exporter"])
    base = _start(c, case)
    assert base == f"/cases/{case.pk}/amendment/"
    draft = ApplicationDraft.objects.get(amends=case)
    assert draft.data == case.current_version.data and draft.base_version == 1
    tasks = c.get(base).content.decode()
    assert "Amend your application" in tasks and "You have not changed anything yet" in tasks
    assert "Not yet started" not in tasks and "In progress" not in tasks
    party = c.get(base + "party-end_user/").content.decode()
    assert 'value="Shahid Bakeri Industrial Group"' in party
    assert re.search(r'<option value="IR" selected>Iran', party)
    quantity = c.get(base + "items/0/quantity/").content.decode()
    assert 'value="1500000"' in quantity and 'value="1"' in quantity
    details = c.get(base + "items/0/details/").content.decode()
    assert 'value="120"' in details  # the roller force, in its unit
    check = c.get(base + "check/").content.decode()
    assert "Shahid Bakeri Industrial Group" in check and "Iran" in check
    assert "You have not changed anything yet" in check
    assert f"/cases/{case.pk}/amendment/party-end_user/?from=check" in check


def test_a_reload_or_starting_again_resumes_the_same_draft(users, case):
    c = _client(users["exporter"])
    base = _start(c, case)
    c.post(base + "end-use/", {"end_use": "Gas cylinders for fire extinguishers"})
    again = _client(users["exporter"])
    assert _start(again, case) == base
    assert ApplicationDraft.objects.filter(amends=case).count() == 1
    assert "fire extinguishers" in again.get(base + "end-use/").content.decode()
    assert "Continue your amendment" in again.get(f"/cases/{case.pk}/amend/").content.decode()
    # the draft is the case's, not a new application: /apply/ neither lists nor opens it
    draft = ApplicationDraft.objects.get(amends=case)
    assert again.get(f"/apply/{draft.pk}/").status_code == 404
    assert f"/apply/{draft.pk}/" not in again.get("/apply/").content.decode()
    assert f"/apply/{draft.pk}/" not in again.get("/").content.decode()


def _change_things(c, base) -> None:
    end_user = {"name": "Tehran Gas Bottling Co", "address": "Karaj Road 7", "country": "IR"}
    assert c.post(base + "party-end_user/", end_user).status_code == 302
    consignee = {"name": "Gulf Freight FZE", "address": "Jebel Ali", "country": "AE"}
    assert c.post(base + "party-consignee/", consignee).status_code == 302
    money = {"quantity": "2", "value": "3000000", "currency": "EUR"}
    assert c.post(base + "items/0/quantity/", money).status_code == 302
    other = {"kind": "other", "description": "Spare roller set"}
    assert c.post(base + "items/1/kind/", other).status_code == 302
    money = {"quantity": "4", "value": "20000", "currency": "EUR"}
    assert c.post(base + "items/1/quantity/", money).status_code == 302


def test_check_your_answers_marks_the_changes_in_words(users, case):
    c = _client(users["exporter"])
    base = _start(c, case)
    _change_things(c, base)
    tasks = c.get(base).content.decode()
    assert tasks.count("You changed this") == 3  # end user, consignee, items
    check = c.get(base + "check/").content.decode()
    lines = re.findall(r"<li>([^<]+)</li>", check.split('id="changes"')[1].split("</ul>")[0])
    assert lines == [
        "End user changed from Shahid Bakeri Industrial Group, Iran to Tehran Gas Bottling Co, Iran",
        "Consignee added: Gulf Freight FZE, United Arab Emirates",
        "Item changed: CNC flow-forming machine, four rollers (quantity 2, was 1; "
        "value 3000000 EUR, was 1500000 EUR)",
        "Item added: Spare roller set",
    ]
    assert ">Changed</strong>" in check and ">Added</strong>" in check
    assert 'name="reason"' in check and "Accept and send the amendment" in check
    # removing an item is marked too, by its description
    assert c.post(base + "items/0/remove/").status_code == 302
    check = c.get(base + "check/").content.decode()
    assert "Item removed: CNC flow-forming machine, four rollers" in check
    assert ">Removed</strong> CNC flow-forming machine" in check


def test_the_reason_is_required_and_nothing_is_written_without_it(users, case):
    c = _client(users["exporter"])
    base = _start(c, case)
    _change_things(c, base)
    before = _written()
    resp = c.post(base + "check/", {"reason": "  ", "confirm": "yes"})
    assert resp.status_code == 422
    page = resp.content.decode()
    assert "govuk-error-summary" in page
    assert '<a href="#reason" autofocus>Enter the reason for the amendment</a>' in page
    assert 'id="reason-error"' in page and "govuk-textarea--error" in page
    both = c.post(base + "check/", {}).content.decode()  # every missing answer is named
    assert "Enter the reason for the amendment" in both
    assert "Confirm the declaration to submit the amendment" in both
    long = c.post(base + "check/", {"reason": "x" * 501, "confirm": "yes"})
    assert "The reason must be 500 characters or fewer" in long.content.decode()
    assert _written() == before
    assert ApplicationDraft.objects.get(amends=case).submitted_version is None


def test_an_amendment_without_a_change_is_refused(users, case):
    c = _client(users["exporter"])
    base = _start(c, case)
    before = _written()
    resp = c.post(base + "check/", {"reason": "Nothing", "confirm": "yes"})
    assert resp.status_code == 422
    assert "Change at least one answer before you send the amendment" in resp.content.decode()
    assert _written() == before


def test_sending_makes_the_next_version_through_the_amend_action(users, case):
    c = _client(users["exporter"])
    base = _start(c, case)
    _change_things(c, base)
    runs = case.assessments.count()
    resp = c.post(base + "check/", {"reason": "The buyer changed", "confirm": "yes"})
    assert resp.status_code == 302 and resp["Location"] == f"/cases/{case.pk}/amendment/sent/"
    case.refresh_from_db()
    version = case.current_version
    assert version.number == 2 and version.reason == "The buyer changed"
    assert version.created_by == users["exporter"]
    assert version.data["exporter"]["name"] == "Neckar Umformtechnik GmbH"
    assert [p["name"] for p in version.data["parties"]] == [
        "Tehran Gas Bottling Co",
        "Gulf Freight FZE",
    ]
    assert [i["quantity"] for i in version.data["items"]] == [2, 4]
    assert case.versions.get(number=1).data["items"][0]["quantity"] == 1  # kept
    event = AuditEvent.objects.filter(action="case.amend").get()
    assert event.details["version"] == 2 and event.actor == users["exporter"]
    assert case.assessments.count() == runs + 1  # under review: re-assessed, as the action does
    done = c.get(resp["Location"]).content.decode()
    assert "govuk-panel--confirmation" in done and "version 2" in done
    assert case.reference in done and "The buyer changed" in done
    draft = ApplicationDraft.objects.get(amends=case)
    assert draft.submitted_version == 2
    # sent: the pages no longer open it, a second send writes nothing
    assert c.get(base).status_code == 302
    before = _written()
    c.post(base + "check/", {"reason": "again", "confirm": "yes"})
    assert _written() == before
    # amending again starts from version 2
    _start(c, case)
    assert ApplicationDraft.objects.get(amends=case, submitted_version=None).base_version == 2


def test_a_version_made_meanwhile_stops_the_send_and_the_draft_starts_again(users, case):
    c = _client(users["exporter"])
    base = _start(c, case)
    _change_things(c, base)
    data = {**case.current_version.data, "end_use": "Changed through the API"}
    case_act(case, "amend", actor=users["exporter"], data=data, reason="API")
    before = _written()
    resp = c.post(base + "check/", {"reason": "The buyer changed", "confirm": "yes"})
    assert resp.status_code == 422
    assert "it is now version 2" in resp.content.decode()
    assert _written() == before
    start = c.get(f"/cases/{case.pk}/amend/").content.decode()
    assert "Start again from version 2" in start
    c.post(f"/cases/{case.pk}/amend/", {"again": "yes"})
    draft = ApplicationDraft.objects.get(amends=case, submitted_version=None)
    assert draft.base_version == 2 and draft.data["end_use"] == "Changed through the API"


def test_bad_answers_on_an_amendment_page_are_named_and_not_saved(users, case):
    c = _client(users["exporter"])
    base = _start(c, case)
    resp = c.post(base + "party-end_user/", {"name": "", "address": "", "country": "XX"})
    assert resp.status_code == 422
    page = html.unescape(resp.content.decode())
    for message in (
        "Enter the end user's name",
        "Enter the end user's address",
        "Select a country from the list",
    ):
        assert message in page
    assert "Back to your amendment" in page
    draft = ApplicationDraft.objects.get(amends=case)
    assert draft.data == case.current_version.data


@pytest.mark.parametrize(
    ("who", "status"),
    [("other_exporter", 404), ("officer", 403), ("admin", 403), ("anonymous", 302)],
)
def test_only_the_applicant_may_amend(users, case, who, status):
    owner = _client(users["exporter"])
    base = _start(owner, case)
    c = Client() if who == "anonymous" else _client(users[who])
    before = (*_written(), ApplicationDraft.objects.count())
    for url in (
        f"/cases/{case.pk}/amend/",
        base,
        base + "items/",
        base + "items/0/quantity/",
        base + "party-end_user/",
        base + "check/",
        base + "sent/",
    ):
        assert c.get(url).status_code == status, url
        data = {"reason": "x", "confirm": "yes", "name": "Mallory"}
        assert c.post(url, data).status_code in (status, 405), url
    assert (*_written(), ApplicationDraft.objects.count()) == before
    assert "Mallory" not in str(ApplicationDraft.objects.get(amends=case).data)


def test_a_case_past_review_cannot_be_amended(users, case):
    c = _client(users["exporter"])
    base = _start(c, case)
    case_act(case, "withdraw", actor=users["exporter"])
    assert c.get(f"/cases/{case.pk}/amend/").status_code == 409
    assert c.get(base).status_code == 409
    before = _written()
    assert c.post(base + "check/", {"reason": "x", "confirm": "yes"}).status_code == 409
    assert _written() == before


def test_a_version_sent_as_a_file_without_the_declarations_can_be_amended(users, app_data):
    """The format does not require what the pages ask (declarations, warning signs): the
    task list shows them unanswered, and the amendment can still be sent."""
    case = _case(users, app_data)
    c = _client(users["exporter"])
    base = _start(c, case)
    tasks = c.get(base).content.decode()
    assert "Not yet started" in tasks and f'href="{base}check/">Check your changes' in tasks
    c.post(base + "end-use/", {"end_use": "Gas cylinders for industry"})
    resp = c.post(base + "check/", {"reason": "End use made precise", "confirm": "yes"})
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.current_version.data["end_use"] == "Gas cylinders for industry"


def test_what_the_pages_do_not_ask_survives_an_amendment(users, app_data):
    """A version sent as a file may name two end users, and a person's date of birth and
    nationality: the pages edit the first end user in its place and keep the rest."""
    first = {**app_data["parties"][0], "dob": "1961-04-02", "nationality": "IR"}
    second = {"role": "end_user", "name": "Mashhad Valve Works", "country": "IR", "address": "x"}
    case = _case(users, {**app_data, **DECLARED, "parties": [first, second]})
    c = _client(users["exporter"])
    base = _start(c, case)
    moved = {"name": first["name"], "address": "Azadi Street 9, Tehran", "country": "IR"}
    assert c.post(base + "party-end_user/", moved).status_code == 302
    check = html.unescape(c.get(base + "check/").content.decode())
    assert "End user's address changed (Shahid Bakeri Industrial Group, Iran)" in check
    assert "Also: Mashhad Valve Works, Iran" in check
    c.post(base + "check/", {"reason": "New address", "confirm": "yes"})
    case.refresh_from_db()
    parties = case.current_version.data["parties"]
    assert [p["name"] for p in parties] == [first["name"], "Mashhad Valve Works"]
    assert parties[0]["dob"] == "1961-04-02" and parties[0]["nationality"] == "IR"
    # another name is another party: the details of the one it replaces do not follow it
    base = _start(c, case)
    other = {"name": "Karaj Cylinder Co", "address": "Karaj", "country": "IR"}
    assert c.post(base + "party-end_user/", other).status_code == 302
    draft = ApplicationDraft.objects.get(amends=case, submitted_version=None)
    assert draft.data["parties"][0] == {"role": "end_user", **other}


def test_the_file_route_still_amends_for_machine_clients(users, case):
    c = _client(users["exporter"])
    data = {**case.current_version.data, "end_use": "Pasted"}
    resp = c.post(
        f"/cases/{case.pk}/act/amend/",
        {"lock_version": case.lock_version, "data": json.dumps(data), "reason": "pasted"},
    )
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.current_version.number == 2 and case.current_version.data["end_use"] == "Pasted"
