"""Programme codes read in words where an officer meets them: the screening page's "Listed
under", a case's party hits and the batch downloads; WMD and missile programmes marked."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from catchall.core.screening import batch_io
from catchall.web.demo import ensure_user
from catchall.web.screening.services import list_import
from tests.web.screening.people import assert_named_not_coded, visible_text

pytestmark = pytest.mark.django_db
LISTS = Path(__file__).resolve().parents[2] / "fixtures" / "lists"

NPWMD_WORDS = (
    "Non-proliferation of weapons of mass destruction "
    "(US OFAC NPWMD, Executive Order 13382; 31 CFR part 544)"
)
TAG = '<strong class="govuk-tag govuk-tag--red">WMD or missile programme</strong>'


@pytest.fixture
def officer(db):
    from catchall.web.accounts.models import Organisation

    authority = Organisation.objects.create(name="Authority", kind="authority", country="DE")
    return ensure_user("screener", "licensing_officer", authority)


def _listed_under(html: str) -> str:
    """The text of the first card's "Listed under" row."""
    start = html.index("Listed under</dt>")
    return visible_text(html[start : html.index("</dd>", start)])


def test_listed_under_names_each_programme_with_its_basis_and_marks_proliferation(client, officer):
    client.force_login(officer)
    html = client.post("/screen/", {"name": "Shahid Bakeri Industries", "country": "IR"})
    html = html.content.decode()
    assert_named_not_coded(html, ids=("poc-ir-sbig",))
    row = _listed_under(html)
    assert NPWMD_WORDS in row
    # the starter list's UN designation (written "UNSCR 1737") reads as the UN's Iran list
    assert "(UN Security Council Iran, Security Council resolution 1737 (2006)" in row
    assert "Iranian Financial Sanctions Regulations, 31 CFR part 561" in row
    assert "NPWMD; IFSR" not in html  # the raw codes are no longer the row's text
    start = html.index("Listed under</dt>")
    assert TAG in html[start : html.index("</dd>", start)]


def test_an_official_list_reads_under_its_own_authority(client, officer, tmp_path):
    list_import(LISTS / "un-consolidated-extract.xml", format="un", name="un-sc", kind="sanctions")
    client.force_login(officer)
    html = client.post("/screen/", {"name": "Eric Badege"}).content.decode()
    row = _listed_under(html)
    assert "Democratic Republic of the Congo (UN Security Council DRC, " in row
    assert "resolution 1533" in row and "WMD or missile programme" not in row


def test_an_unknown_code_is_shown_as_it_is(client, officer, tmp_path):
    path = tmp_path / "own.csv"
    path.write_text("id,name,programs\nown-1,Zyxwvut Rocket Works,XYZ-2031\n", encoding="utf-8")
    list_import(path, format="csv", name="own-watch", kind="other")
    client.force_login(officer)
    html = client.post("/screen/", {"name": "Zyxwvut Rocket Works"}).content.decode()
    assert _listed_under(html) == "Listed under programme ‘XYZ-2031’"


def test_the_batch_downloads_give_the_words_next_to_the_raw_codes():
    match = {"list": "programs-of-concern", "name": "=HYPERLINK(1)", "programs": ["=1+1", "NPWMD"]}
    result = {
        "id": "r1",
        "query": {"name": "@SUM(1)", "country": "IR"},
        "decision": "match",
        "matches": [
            match | {"entity_id": "x", "score": 0.9, "matched_name": "n", "explanation": ""}
        ],
    }
    rows = list(csv.reader(io.StringIO("".join(batch_io.csv_chunks([result])))))
    header, row = rows
    at = header.index("designations")
    assert header[at + 1] == "designations_in_words"
    assert row[at] == "'=1+1; NPWMD"  # formulas stay neutralised
    assert row[at + 1] == f"programme ‘=1+1’; {NPWMD_WORDS}"
    assert row[1] == "'@SUM(1)"
    line = json.loads(batch_io.json_line(result))["matches"][0]
    assert line["programs"] == ["=1+1", "NPWMD"]
    assert line["designations_in_words"] == ["programme ‘=1+1’", NPWMD_WORDS]
    keys = list(line)
    assert keys.index("designations_in_words") == keys.index("programs") + 1
