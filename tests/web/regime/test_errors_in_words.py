"""A refused regime form names the field in the words of its label, in the GOV.UK error
summary, not as the form's internal name (``declassify_on``)."""

import re

import pytest

from tests.web.regime import helpers

pytestmark = pytest.mark.django_db


def _summary(html: str) -> str:
    m = re.search(r'<div class="govuk-error-summary".*?</ul>', html, re.S)
    assert m, "no GOV.UK error summary"
    return re.sub(r"<[^>]+>", " ", m.group(0))


def test_feedback_without_declassification_names_the_fields(client, people):
    p = helpers.previewed(people)
    client.force_login(people["br-partner"])
    r = client.post(
        f"/regime/proposals/{p.pk}/feedback/", {"body": "(U) Yes.\n\n(C/REL Brazil) But."}
    )
    assert r.status_code == 422
    html = r.content.decode()
    text = _summary(html)
    assert "There is a problem" in text
    assert "Declassify on:" in text and "Declassification reason:" in text
    assert "declassify_on" not in text and "declassify_reason" not in text
    assert "Please correct the following" not in html


def test_a_new_proposal_without_title_names_it(client, people):
    client.force_login(people["us-delegate"])
    r = client.post("/regime/proposals/new/", {"type": "policy", "title": "", "body": ""})
    assert r.status_code == 422
    text = _summary(r.content.decode())
    assert "Title:" in text and "<code>title</code>" not in r.content.decode()


def test_a_paragraph_is_named_by_its_number():
    from catchall.web.regime.field_words import field_words

    assert field_words("body.paragraph[2]") == "Text, paragraph 2"
    assert field_words("declassify_reason") == "Declassification reason"
