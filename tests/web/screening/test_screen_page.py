"""The screening page: a GET only shows (and may fill in) the form; screening is a POST,
because it writes a screening record (a link, a prefetch or a crawler must not)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from catchall.web.demo import ensure_user
from catchall.web.screening.models import ScreeningRecord
from tests.web.screening.people import assert_named_not_coded

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(db):
    from catchall.web.accounts.models import Organisation

    authority = Organisation.objects.create(name="Authority", kind="authority", country="DE")
    return ensure_user("screener", "licensing_officer", authority)


def test_a_get_with_a_name_fills_the_form_and_writes_no_record(client, officer):
    client.force_login(officer)
    r = client.get("/screen/", {"name": "KOMID", "country": "KP"})
    assert r.status_code == 200
    page = r.content.decode()
    assert 'value="KOMID"' in page and 'method="post"' in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert 'class="result"' not in page
    assert not ScreeningRecord.objects.exists()


def test_a_post_screens_the_name_and_keeps_the_record(client, officer):
    client.force_login(officer)
    r = client.post("/screen/", {"name": "KOMID", "country": "KP"})
    assert r.status_code == 200
    page = r.content.decode()
    assert 'class="result"' in page
    assert ScreeningRecord.objects.count() == 1
    # each match shows its rank; equal scores share one (the page says so)
    assert "(rank 1)" in page
    assert "the same rank scored the same" in page


def test_a_post_without_the_csrf_token_is_refused_and_writes_nothing(officer):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(officer)
    assert browser.post("/screen/", {"name": "KOMID"}).status_code == 403
    assert not ScreeningRecord.objects.exists()


def test_a_post_with_no_name_names_the_field(client, officer):
    client.force_login(officer)
    r = client.post("/screen/", {"name": ""})
    html = r.content.decode()  # the GOV.UK error summary links to the field
    assert (
        r.status_code == 422 and '<a href="#name" autofocus>' in html and 'id="name-error"' in html
    )
    assert not ScreeningRecord.objects.exists()


def test_a_match_is_shown_by_name_list_title_and_countries_with_reasons_in_words(client, officer):
    from catchall.web.screening.models import ScreeningList

    client.force_login(officer)
    r = client.post("/screen/", {"name": "Shahid Bakeri Industries", "country": "IR"})
    html = r.content.decode()
    text = assert_named_not_coded(html, ids=("poc-ir-sbig",))
    title = ScreeningList.objects.get(name="programs-of-concern").title
    assert title and title in text
    assert "SHAHID BAGHERI INDUSTRIAL GROUP" in text  # the listed name heads the card
    assert "Name it met SHAHID BAKERI INDUSTRIAL GROUP" in text  # the alias it met
    assert "Country Iran" in text and "Listed as Organisation" in text
    assert "How the names met" in text and "'shahid' and 'shahid' are the same word" in text
    assert "Evidence beyond the name Both in Iran" in text
    assert "reaches the match threshold of 0.80" in text
    assert "List reference poc-ir-sbig" in text  # kept, but only as a secondary reference
    assert '<h3 class="govuk-summary-card__title">SHAHID BAGHERI INDUSTRIAL GROUP' in html


def test_a_country_against_the_list_and_a_hidden_type_are_said_in_words(client, officer):
    client.force_login(officer)
    r = client.post("/screen/", {"name": "Li Fangwei", "country": "US", "schema": "Person"})
    text = assert_named_not_coded(r.content.decode(), ids=("poc-cn-li-fangwei",))
    assert "The party is in United States; the listed entity is in China" in text
    r = client.post("/screen/", {"name": "Li Fangwei", "schema": "Company"})
    text = assert_named_not_coded(r.content.decode(), ids=("poc-cn-li-fangwei",))
    assert "Clear among companies only" in text
    assert "LI, Fangwei (person, match, score 0.9" in text


def test_the_form_offers_words_not_codes(client, officer):
    client.force_login(officer)
    html = client.get("/screen/").content.decode()
    assert '<option value="LegalEntity">Legal entity</option>' in html
    assert '<option value="IR">Iran</option>' in html.split('id="nationality"')[1]


@pytest.mark.parametrize(
    ("form", "field", "words"),
    [
        ({"dob": "1990-13-45"}, "dob", "Date of birth: '1990-13-45' is not a calendar date"),
        ({"identifiers": "passport:"}, "identifiers", "Identifiers: identifier 1: "),
        ({"list": "no-such-list"}, "list", "Lists: "),
    ],
)
def test_bad_evidence_is_named_at_its_own_field(client, officer, form, field, words):
    client.force_login(officer)
    r = client.post("/screen/", {"name": "Ali Reza", **form})
    html = r.content.decode().replace("&#x27;", "'")
    assert r.status_code == 422 and not ScreeningRecord.objects.exists()
    summary = html.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    assert f'<a href="#{field}" autofocus>{words}' in summary
    assert re.search(f'aria-describedby="[^"]*\\b{field}-error"', html)
    assert f'id="{field}-error"' in html
    assert 'id="name-error"' not in html  # not pinned on the name


def test_an_error_keeps_what_was_typed_and_marks_only_its_field(client, officer):
    """GOV.UK error pattern: the summary links to the field, whose group and input are marked
    and whose message names it; every other answer is kept for the next try."""
    from catchall.web.screening.models import ScreeningList
    from catchall.web.screening.services import ensure_starter_list

    client.force_login(officer)
    ensure_starter_list()
    listed = ScreeningList.objects.get(name="programs-of-concern")
    r = client.post(
        "/screen/",
        {
            "name": "Ali Reza",
            "country": "IR",
            "schema": "Person",
            "dob": "27/03/1958",
            "nationality": "IR",
            "identifiers": "passport:A1234567",
            "list": listed.name,
        },
    )
    html = r.content.decode().replace("&#x27;", "'")
    assert r.status_code == 422 and not ScreeningRecord.objects.exists()
    summary = html.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    assert re.findall(r'<a href="#([a-z_-]+)"', summary) == ["dob"]
    group = re.search(r'<div class="([^"]*)">\s*<label[^>]*for="dob"', html)
    assert group and group.group(1) == "govuk-form-group govuk-form-group--error"
    field = html.split('id="dob-error"')[1].split("</p>")[0]
    assert "</span> Date of birth: must be a date" in field  # the field's own message names it
    assert re.search(r'<input class="govuk-input[^"]*govuk-input--error" id="dob"', html)
    assert html.count("govuk-form-group--error") == 1
    assert 'value="Ali Reza"' in html and 'value="27/03/1958"' in html
    assert 'value="passport:A1234567"' in html
    assert '<option value="IR" selected>Iran</option>' in html.split('id="country"')[1]
    assert '<option value="IR" selected>Iran</option>' in html.split('id="nationality"')[1]
    assert '<option value="Person" selected>' in html
    assert re.search(f'value="{listed.name}" checked', html)


def test_every_list_is_a_labelled_checkbox_and_the_first_is_the_error_target(client, officer):
    client.force_login(officer)
    html = client.get("/screen/").content.decode()
    boxes = re.findall(
        r'<input class="govuk-checkboxes__input" id="([a-z0-9-]+)" name="list"', html
    )
    assert boxes and boxes[0] == "list"  # the error summary's "#list" lands on the first
    for box in boxes:
        assert f'for="{box}"' in html
    assert 'class="govuk-fieldset" aria-describedby="list-hint"' in html
