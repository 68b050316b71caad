"""The /assess/ page: a pasted, uploaded or form-filled application is assessed and the page
shows the recommendation first, then the factors, each item's trace and each party's hits; a
bad document is answered with 422 and the field named."""

from __future__ import annotations

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.web.assessment.conftest import example

pytestmark = pytest.mark.django_db


def page(client, **data):
    return client.post("/assess/", data=data)


def text(r) -> str:
    return r.content.decode()


def test_anonymous_visitor_is_sent_to_the_login_page(client, db):
    r = client.get("/assess/")
    assert r.status_code == 302
    assert "/login" in r["Location"]


def test_the_empty_page_offers_the_document_and_the_form(client, officer):
    client.force_login(officer)
    r = client.get("/assess/")
    assert r.status_code == 200
    html = text(r)
    assert 'name="document"' in html and 'name="upload"' in html
    assert 'name="end_user_name"' in html
    assert 'value="cash_for_expensive_item"' in html


def test_result_shows_recommendation_then_factors_then_item_trace_then_party_hits(client, officer):
    client.force_login(officer)
    doc = json.dumps(example("flow-former-to-listed-end-user.json"))
    r = page(client, document=doc)
    assert r.status_code == 200, text(r)
    html = text(r)
    positions = [
        html.index("Recommendation:"),
        html.index("MTCR Guidelines factors"),
        html.index("<h3>Items</h3>"),
        html.index("<h3>Parties</h3>"),
    ]
    assert positions == sorted(positions)
    recommendation = html[positions[0] : positions[1]]
    assert "REFUSE" in recommendation and "DENY" not in recommendation
    # every ground names its legal basis; the listed item's missile end use is a refusal ground
    assert (
        "Licence required under <strong>EU 2021/821 Art. 3(1)</strong>: item 1, 2B009"
        in recommendation
    )
    assert "Ground for refusal under <strong>EU 2021/821 Art. 15(1)" in recommendation
    assert "EU — European Union - Regulation (EU) 2021/821" in recommendation
    factors = html[positions[1] : positions[2]]
    for code in "ABCDEF":
        assert f"{code}. " in factors
    items = html[positions[2] : positions[3]]
    assert "<strong>2B009</strong>" in items
    assert 'class="trace stack"' in items, "the item's criteria trace is missing"
    parties = html[positions[3] :]
    assert "Shahid Bakeri Industrial Group" in parties
    # the list by its title, the match in words, not the list's name in brackets
    assert "SHAHID BAGHERI INDUSTRIAL GROUP (Iran) on Programs of concern" in parties
    assert "[programs-of-concern]" not in parties


def test_approve_with_conditions_is_written_in_words(client, officer):
    client.force_login(officer)
    r = page(client, document=json.dumps(example("press-to-partner.json")))
    assert r.status_code == 200
    assert "APPROVE WITH CONDITIONS" in text(r)


def test_conditions_and_what_would_change_are_shown(client, officer):
    client.force_login(officer)
    r = page(client, document=json.dumps(example("press-to-partner.json")))
    html = text(r)
    assert "approve with conditions" in html.split("Full result as data")[0]
    assert "No re-export, retransfer or replication" in html
    r = page(client, document=json.dumps(example("unlisted-mill-missile-end-use.json")))
    html = text(r)
    assert "<strong>invoked</strong>" in html
    assert "What would change this outcome" in html


def test_an_uploaded_yaml_file_is_assessed(client, officer):
    import yaml

    client.force_login(officer)
    upload = SimpleUploadedFile(
        "app.yaml",
        yaml.safe_dump(example("unlisted-mill-benign.json")).encode(),
        "application/yaml",
    )
    r = client.post("/assess/", data={"upload": upload})
    assert r.status_code == 200, text(r)
    assert 'class="badge approve"' in text(r)


def test_the_short_form_is_assessed(client, officer):
    client.force_login(officer)
    item = example("press-to-partner.json")["items"][0]
    r = page(
        client,
        reference="F-1",
        exporter_name="Neckar Umformtechnik GmbH",
        exporter_country="DE",
        destination="CN",
        end_user_name="Harbin Ceramics Works",
        end_user_country="CN",
        end_use="Ceramic parts",
        red_flags=["cash_for_expensive_item"],
        item=json.dumps(item),
    )
    assert r.status_code == 200, text(r)
    html = text(r)
    assert 'class="badge refer"' in html
    assert "listed_to_concern" in html and "red_flags" in html


def test_a_bad_document_is_422_naming_the_field(client, officer):
    client.force_login(officer)
    doc = example("unlisted-mill-benign.json")
    doc["items"][0]["parameters"]["positioning_repeatability"] = "five microns"
    r = page(client, document=json.dumps(doc))
    assert r.status_code == 422
    html = text(r)
    # the GOV.UK error pattern: the summary links to the document box, saying where in it
    summary = html.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    assert (
        '<a href="#document" autofocus>Item 1, parameters, positioning repeatability: ' in summary
    )
    assert "&quot;five microns&quot; is not a length" in summary
    assert 'id="document-error"' in html and "items[0]" not in html
    assert "Recommendation:" not in html
    # the pasted document is kept for correction
    assert "five microns" in html.split('name="document"')[1]


@pytest.mark.parametrize("document", ["{not json", "- just\n- a list"])
def test_an_unreadable_document_is_422_not_an_error_page(client, officer, document):
    client.force_login(officer)
    r = page(client, document=document)
    assert r.status_code == 422
    assert '<a href="#document" autofocus>' in text(r) and 'id="document-error"' in text(r)


def test_the_short_form_without_an_end_user_is_422_naming_parties(client, officer):
    client.force_login(officer)
    r = page(
        client,
        exporter_name="Neckar Umformtechnik GmbH",
        destination="KR",
        item=json.dumps(example("press-to-partner.json")["items"][0]),
    )
    assert r.status_code == 422
    assert '<a href="#end_user_name" autofocus>Enter the end user<' in text(r)


def short_form(**changes) -> dict:
    form = {
        "reference": "F-2",
        "exporter_name": "Neckar Umformtechnik GmbH",
        "exporter_country": "DE",
        "destination": "CN",
        "end_user_name": "Harbin Ceramics Works",
        "end_user_country": "CN",
        "consignee_name": "Tianjin Forwarding Co",
        "end_use": "Ceramic parts",
        "military_end_use": "1",
        "red_flags": ["cash_for_expensive_item"],
        "item": json.dumps(example("press-to-partner.json")["items"][0]),
    }
    return {k: v for k, v in (form | changes).items() if v is not None}


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"destination": ""}, "destination", "Choose the destination"),
        ({"exporter_name": ""}, "exporter_name", "Enter the exporter"),
        ({"consignee_country": "XX"}, "consignee_country", "Consignee's country: "),
        ({"end_user_name": ""}, "end_user_name", "Enter the end user"),
        ({"item": "{not json"}, "item", "Item: malformed JSON at line 1"),
        ({"item": None}, "item", "Item: at least one item is required"),
        ({"red_flags": ["no_such_flag"]}, "red_flags", "Red flags: "),
    ],
)
def test_a_bad_short_form_answer_is_named_at_its_field_and_the_rest_is_kept(
    client, officer, changes, field, words
):
    """GOV.UK error pattern: the summary links to the input, the input's group is marked and its
    message names it; nothing is assessed (no screening record) and every answer is kept."""
    from catchall.web.screening.models import ScreeningRecord

    client.force_login(officer)
    r = page(client, **short_form(**changes))
    html = text(r).replace("&#x27;", "'")
    assert r.status_code == 422 and "Recommendation:" not in html
    assert not ScreeningRecord.objects.exists()
    summary = html.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    assert f'<a href="#{field}" autofocus>{words}' in summary
    assert f'id="{field}-error"' in html
    assert re.search(f'aria-describedby="[^"]*\\b{field}-error"', html)
    own = html.split(f'id="{field}-error"')[1].split("</p>")[0]
    assert words in own  # the field's own message names it too
    assert html.count("govuk-form-group--error") == 1
    opened = (
        '<details class="govuk-details assess-form" open>\n<summary class="govuk-details__summary">'
    )
    assert opened + '<span class="govuk-details__summary-text">Or fill the short form' in html
    kept = html.split("Or fill the short form")[1]
    if field != "exporter_name":
        assert 'value="Neckar Umformtechnik GmbH"' in kept
    if field != "destination":
        assert '<option value="CN" selected>China</option>' in kept.split('id="destination"')[1]
    assert 'id="military_end_use" name="military_end_use" type="checkbox" value="1" checked' in kept
    if field != "red_flags":
        assert 'value="cash_for_expensive_item" checked' in kept
    assert "Ceramic parts</textarea>" in kept


def test_the_short_form_shows_countries_and_red_flags_in_words(client, officer):
    client.force_login(officer)
    html = text(client.get("/assess/"))
    form = html.split("Or fill the short form")[1]
    assert '<option value="IR">Iran</option>' in form.split('id="destination"')[1]
    labels = re.findall(r'class="govuk-label govuk-checkboxes__label" for="([^"]+)">([^<]+)<', form)
    assert len(labels) >= 30
    assert all("_" not in words for _f, words in labels)  # titles, not codes
    assert labels[0][0] == "aware_of_missile_or_wmd_use"
    assert any(f == "red_flags" for f, _w in labels)  # the first flag is "#red_flags"
