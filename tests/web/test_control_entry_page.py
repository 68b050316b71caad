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
