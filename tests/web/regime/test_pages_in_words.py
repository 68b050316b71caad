"""Regime pages name item kinds and criteria in words: no machine_tool.milling tags, no
x_axis_positioning_accuracy or exclusions[...].criteria[1] paths on the diff."""

import html as htmllib
import re

import pytest
from django.contrib.auth import get_user_model

from catchall.web.regime.demo import load_regime_demo

pytestmark = pytest.mark.django_db

CODE = re.compile(r"\b[a-z]+_[a-z_]+(\.[a-z_]+)?\b|\[\d+\]")


def _visible(html: str) -> str:
    """The text a reader sees: no tags, attributes, scripts or styles."""
    html = re.sub(r"(?s)<(script|style)[^>]*>.*?</\1>", " ", html)
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def expert(client):
    load_regime_demo()
    client.force_login(get_user_model().objects.get(username="demo-delegate"))
    return client


def test_the_library_and_a_paper_name_machine_types_in_words(expert):
    listing = _visible(expert.get("/library/").content.decode())
    assert "Milling machines and machining centres" in listing
    assert "machine_tool" not in listing
    paper = next(
        m for m in re.findall(r'href="/library/(\d+)/"', expert.get("/library/").content.decode())
    )
    detail = _visible(expert.get(f"/library/{paper}/").content.decode())
    assert "machine_tool" not in detail


def test_the_diff_names_criteria_and_exclusions_in_words(expert):
    html = expert.get("/regime/diff/", {"new": "eu-dual-use@2023-12"}).content.decode()
    assert "Changes" in html
    shown = _visible(html)
    assert "exclusions[" not in shown and "criteria[" not in shown
    assert not CODE.search(shown.split("Changes", 1)[1]), CODE.search(shown).group(0)
    assert 'in the exclusion "' in shown


def test_problems_come_in_the_govuk_error_summary_with_fields_in_words(expert):
    """A bad date on the briefing page was listed as "<code>since</code>: 'bad' is not a date
    (YYYY-MM-DD)" under "Please correct the following"."""
    r = expert.get(
        "/regime/briefing/",
        {"new": "mtcr-annex@2024-03", "since": "bad", "until": "2020-02-30"},
    )
    assert r.status_code == 422
    html = r.content.decode()
    assert "<title>Error:" in html and "govuk-error-summary" in html
    shown = _visible(html)
    assert "Since: “bad” is not a date: enter it like" in shown
    assert "Until: “2020-02-30” is not a date" in shown
    assert "<code>since</code>" not in html and "'bad'" not in shown
