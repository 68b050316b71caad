"""A proposal's PDF heads its text in words, as the page does: "Policy", "Previewed with
selected partners", "United States", "10 September 2008", not type, state and country codes
or ISO days (the JSON export keeps the codes for software)."""

import pytest

from .helpers import previewed
from .test_briefing_pdf_jobs import _client, _text

pytestmark = pytest.mark.django_db


def test_the_proposal_pdf_says_type_state_sponsor_and_date_in_words(people):
    p = previewed(people)
    text = _text(_client(people["br-partner"]).get(f"/regime/proposals/{p.pk}/export.pdf").content)
    assert f"Proposal {p.pk} · Policy · Previewed with selected partners" in text, text[:300]
    assert "sponsor United States" in text and "from United States" in text
    assert "dated 10 September 2008" in text
    assert "· policy ·" not in text and "sponsor US" not in text and "2008-09-10" not in text
    exported = _client(people["br-partner"]).get(f"/regime/proposals/{p.pk}/export.json").json()
    assert exported["proposal"]["type"] == "policy" and exported["proposal"]["sponsor"] == "US"
