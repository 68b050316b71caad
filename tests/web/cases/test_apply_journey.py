"""Applying page by page: no JSON, plain-language errors in the GOV.UK pattern, drafts saved
at every step, check your answers with a classification preview, a confirmation panel."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from catchall.web.cases.models import ApplicationDraft, Case

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _start(c) -> str:
    resp = c.post("/apply/")
    assert resp.status_code == 302
    return resp["Location"]


def _fill_everything(c, base: str, *, items=True) -> None:
    assert c.post(base + "destination/", {"destination": "PK"}).status_code == 302
    end_user = {
        "name": "Lahore Precision Parts",
        "address": "12 Mall Road, Lahore",
        "country": "PK",
    }
    assert c.post(base + "party-end_user/", end_user).status_code == 302
    for role in ("consignee", "intermediate_consignee", "purchaser", "agent"):
        assert c.post(base + f"party-{role}/", {}).status_code == 302
    assert c.post(base + "end-use/", {"end_use": "Pump housings"}).status_code == 302
    answers = dict.fromkeys(
        ("aware_of_missile_or_wmd_use", "informed_by_authority", "military_end_use"), "no"
    )
    assert c.post(base + "declarations/", answers).status_code == 302
    assert c.post(base + "red-flags/", {"none": "yes"}).status_code == 302
    if items:
        kind = {"kind": "machine_tool.milling", "description": "5-axis machining centre"}
        assert c.post(base + "items/0/kind/", kind).status_code == 302
        details = {
            "p_contouring_axes": "5",
            "p_positioning_repeatability": "0.8",
            "p_positioning_repeatability_unit": "um",
        }
        assert c.post(base + "items/0/details/", details).status_code == 302
        money = {"quantity": "1", "value": "1400000", "currency": "EUR"}
        assert c.post(base + "items/0/quantity/", money).status_code == 302
        other = {"kind": "other", "description": "Gyroscope test rig, custom built"}
        assert c.post(base + "items/1/kind/", other).status_code == 302
        money = {"quantity": "2", "value": "90000", "currency": "USD"}
        assert c.post(base + "items/1/quantity/", money).status_code == 302


def test_an_exporter_applies_through_forms_and_the_case_is_submitted(users):
    c = _client(users["exporter"])
    base = _start(c)
    _fill_everything(c, base)
    check = c.get(base + "check/").content.decode()
    assert "Pakistan" in check and "Neckar Umformtechnik GmbH" in check
    assert "Not rated automatically" in check  # the "other" item
    assert "Change" in check
    resp = c.post(base + "check/", {"confirm": "yes"})
    assert resp.status_code == 302
    case = Case.objects.get()
    assert case.status == "submitted" and case.destination == "PK"
    data = case.current_version.data
    assert data["exporter"]["name"] == "Neckar Umformtechnik GmbH"
    assert [i["kind"] for i in data["items"]] == ["machine_tool.milling", "other"]
    assert data["items"][0]["value"] == "1400000 EUR"
    done = c.get(resp["Location"]).content.decode()
    assert "govuk-panel--confirmation" in done and case.reference in done
    assert "What happens next" in done
    # the officer sees the case
    officer = _client(users["officer"]).get(f"/cases/{case.pk}/")
    assert officer.status_code == 200


def test_errors_follow_the_govuk_pattern_in_plain_words(users):
    c = _client(users["exporter"])
    base = _start(c)
    resp = c.post(base + "party-end_user/", {"name": "", "address": "", "country": "ZZ"})
    html = resp.content.decode()
    assert resp.status_code == 422
    assert "<title>Error: " in html
    assert 'class="govuk-error-summary"' in html
    assert '<a href="#name" autofocus>Enter the end user&#x27;s name</a>' in html
    assert 'id="name-error"' in html and 'aria-invalid="true"' in html
    assert "Select a country from the list" in html
    assert "parties[" not in html and "catchall " not in html.split("<footer>")[0]


def test_drafts_are_saved_at_every_step_and_belong_to_the_organisation(users):
    c = _client(users["exporter"])
    base = _start(c)
    c.post(base + "destination/", {"destination": "PK"})
    draft = ApplicationDraft.objects.get()
    assert draft.data == {"destination": "PK"} and draft.progress == {"destination": True}
    tasks = c.get(base).content.decode()
    assert "Completed" in tasks and "Not yet started" in tasks
    assert _client(users["other_exporter"]).get(base).status_code == 404


def test_an_empty_item_is_not_green_it_says_which_facts_are_missing(users):
    c = _client(users["exporter"])
    base = _start(c)
    kind = {"kind": "machine_tool.milling", "description": "Mill"}
    c.post(base + "items/0/kind/", kind)
    c.post(base + "items/0/details/", {})
    html = c.get(base + "check/").content.decode()
    assert re.search(r"Cannot determine: \d+ facts missing", html)
    assert "badge not_listed" not in html


def test_an_implausible_quantity_is_questioned_then_accepted_when_confirmed(users):
    c = _client(users["exporter"])
    base = _start(c)
    c.post(base + "items/0/kind/", {"kind": "machine_tool.milling", "description": "Mill"})
    form = {"p_positioning_repeatability": "4", "p_positioning_repeatability_unit": "m"}
    resp = c.post(base + "items/0/details/", form)
    assert resp.status_code == 422
    assert "check the number and the unit" in resp.content.decode()
    resp = c.post(base + "items/0/details/", {**form, "p_positioning_repeatability_confirm": "yes"})
    assert resp.status_code == 302


def test_the_currency_must_be_iso_4217_and_submit_needs_the_declaration(users):
    c = _client(users["exporter"])
    base = _start(c)
    _fill_everything(c, base)
    resp = c.post(base + "items/0/quantity/", {"quantity": "1", "value": "5", "currency": "ZZZ"})
    assert resp.status_code == 422 and "Select the currency" in resp.content.decode()
    resp = c.post(base + "check/", {})
    assert resp.status_code == 422 and "Confirm the declaration" in resp.content.decode()
    assert not Case.objects.exists()


def test_the_advanced_route_offers_a_template_and_the_schema(users):
    c = _client(users["exporter"])
    assert "application-template.json" in c.get("/apply/template.json")["Content-Disposition"]
    assert c.get("/apply/schema.json").json()["title"] == "catchall licence application"


def test_the_upload_route_reports_problems_in_the_govuk_pattern_without_cli_hints(users):
    c = _client(users["exporter"])
    doc = '{"destination": "PK", "parties": [{"role": "end_user", "name": "X"}], "items": [{"kind": "foo"}]}'
    resp = c.post("/cases/new/", {"document": doc})
    html = resp.content.decode()
    assert resp.status_code == 422 and "<title>Error: " in html
    assert '<a href="#document" autofocus>Item 1, kind: unknown kind' in html
    assert "catchall kinds" not in html and "items[0]" not in html
    assert "exporter" not in html.split("govuk-error-summary")[1].split("</div>")[0].lower()
    assert 'aria-invalid="true"' in html


def test_screening_errors_link_to_the_field(users):
    c = _client(users["officer"])
    resp = c.post("/screen/", {"name": ""})
    html = resp.content.decode()
    assert resp.status_code == 422 and "<title>Error: " in html
    assert '<a href="#name" autofocus>' in html


def test_an_information_request_shows_the_question_first_then_the_answer_box(users, app_data):
    from catchall.web.cases.services import case_act, case_create

    case = case_create(actor=users["exporter"], data=app_data)
    case_act(case, "submit", actor=users["exporter"])
    case.refresh_from_db()
    case_act(case, "start_review", actor=users["officer"])
    case.refresh_from_db()
    case_act(case, "request_information", actor=users["officer"], question="Who owns the buyer?")
    c = _client(users["exporter"])
    home = c.get("/").content.decode()
    assert "Who owns the buyer?" in home and f"/cases/{case.pk}/act/answer_information/" in home
    page = c.get(f"/cases/{case.pk}/").content.decode()
    assert f'href="/cases/{case.pk}/act/answer_information/"' in page
    form = c.get(f"/cases/{case.pk}/act/answer_information/").content.decode()
    assert form.index("Who owns the buyer?") < form.index('id="answer"')


def test_the_navigation_marks_the_current_section_and_collapses_without_javascript(users):
    html = _client(users["exporter"]).get("/apply/").content.decode()
    assert '<a href="/apply/" aria-current="page">Apply for a licence</a>' in html
    assert '<details class="menu">' in html and "<script" not in html


def test_technical_details_are_labelled_like_the_classify_page(users):
    """The exporter's item page names each fact by its short label, explains it with the
    title, and shows no raw parameter name; check your answers uses the same label."""
    c = _client(users["exporter"])
    base = _start(c)
    _fill_everything(c, base)
    page = c.get(base + "items/0/details/").content.decode()
    legends = re.findall(r'<legend class="govuk-fieldset__legend[^"]*">([^<]+)</legend>', page)
    assert "Contouring axes" in legends and "Positioning repeatability" in legends
    assert not [t for t in legends if "_" in t]
    assert "Axes that can be coordinated simultaneously for contouring control" in page  # hint
    assert "contouring_axes<" not in page and ">contouring_axes" not in page
    check = c.get(base + "check/").content.decode()
    assert "Contouring axes: <strong>5</strong>" in check


def _mill_to(c, destination: str) -> str:
    base = _start(c)
    assert c.post(base + "destination/", {"destination": destination}).status_code == 302
    kind = {"kind": "machine_tool.milling", "description": "5-axis machining centre"}
    assert c.post(base + "items/0/kind/", kind).status_code == 302
    details = {
        "p_contouring_axes": "5",
        "p_positioning_repeatability": "0.8",
        "p_positioning_repeatability_unit": "um",
        "p_axis_travel": "800",
        "p_axis_travel_unit": "mm",
        "p_nc_capable": "yes",
    }
    assert c.post(base + "items/0/details/", details).status_code == 302
    return c.get(base + "check/").content.decode()


def test_a_listed_item_says_under_which_provision_it_needs_a_licence(users):
    html = _mill_to(_client(users["exporter"]), "PK")
    assert "Listed — a licence is needed" in html
    assert "Licence required under <strong>EU 2021/821 Art. 3(1)</strong>" in html


def test_a_listed_item_moving_inside_the_union_is_not_said_to_need_a_licence(users):
    # A German exporter's 2B001 machine to France: Art. 11(1) frees transfers inside the
    # Union of items not in Annex IV, as the assessment says.
    html = _mill_to(_client(users["exporter"]), "FR")
    assert "a licence is needed" not in html
    assert "Listed — no licence needed for this destination" in html
    assert "EU 2021/821 Art. 11(1)" in html
