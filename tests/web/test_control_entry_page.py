"""A control entry's page speaks to an exporter: the list and the item kinds by name, and its
source with how far it was verified, in words (no file codes such as machine_tool.grinding)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_entry_page_names_the_list_and_kinds_not_their_codes(client):
    html = client.get("/controls/2B001.c.1/").content.decode()
    assert "EU dual-use list (Annex I to Regulation (EU) 2021/821), version 2023-12" in html
    assert "Grinding machines" in html
    assert "machine_tool.grinding" not in html and "eu-dual-use 2023-12" not in html


def test_the_entry_page_says_how_far_its_source_was_verified(client):
    listed = client.get("/controls/2B001.c.1/").content.decode()
    source = listed.split("<h2>Source</h2>")[1]
    assert "<dt>Document</dt>" in source and "<dt>Verified</dt>" in source
    assert "read in the cited document" in source
    assert "<dt>status</dt>" not in source and ">seen<" not in source
    # an MTCR Annex entry read only in a third-party copy says so
    mtcr = client.get("/controls/1.A.1/").content.decode().split("<h2>Source</h2>")[1]
    assert "not verified" in mtcr or "confirmed against the EU dual-use" in mtcr


@pytest.mark.parametrize(
    ("entry", "shown", "hidden"),
    [
        ("2B009", "describe them as “Flow-forming machines", ("machine_tool.", "mtcr_pairings")),
        ("7A003.d.2", "Give “Gyro type” spinning mass", ("gyro_type", "spinning_mass")),
        ("2B120", "answer “Slip rings” yes", ("slip_rings",)),
        ("1C107.c", "catchall's catalogue of MTCR Annex items", (".yaml",)),
        ("1C011.c", "(catchall's list of chemicals)", ("data/chemicals",)),
    ],
)
def test_an_entrys_notes_name_kinds_questions_and_sources_in_words(client, entry, shown, hidden):
    """Notes written for software ("describe them as machine_tool.flow_forming") read as words
    on the page; the command line and the API keep the codes."""
    html = client.get(f"/controls/{entry}/").content.decode()
    notes = html.split("<h2>Notes</h2>")[1].split("</p>")[0].replace("&#x27;", "'")
    assert shown in notes
    for code in hidden:
        assert code not in notes
