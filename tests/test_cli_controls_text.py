"""``catchall controls list/show`` cover every entry of the list, text-only ones included."""

import json

from tests.conftest import run_cli


def test_controls_list_json_covers_every_entry_with_rated_flag():
    r = run_cli("controls", "list", "--json")
    assert r.returncode == 0, r.stderr
    rows = {row["entry"]: row for row in json.loads(r.stdout)}
    assert rows["0A001"]["rated"] is False and rows["0A001"]["regime"] == "NSG"
    assert rows["1C350"]["regime"] == "AG"
    assert rows["2B001.b.2"]["rated"] is True
    assert sum(1 for row in rows.values() if row["list"] == "eu-dual-use") > 3000


def test_controls_list_filters_new_regimes():
    r = run_cli("controls", "list", "--regime", "CWC", "--json")
    assert r.returncode == 0, r.stderr
    ids = {row["entry"] for row in json.loads(r.stdout)}
    assert "1C450" in ids and all(i.startswith("1C450") for i in ids)


def test_controls_show_text_only_entry_prints_its_official_text():
    r = run_cli("controls", "show", "0A001")
    assert r.returncode == 0, r.stderr
    assert "text only" in r.stdout
    assert '"Nuclear reactors" and specially designed or prepared equipment' in r.stdout
    # sub-items and their notes come with it
    assert "Heat exchangers as follows:" in r.stdout
    assert "0A001.i. does not control heat exchangers" in r.stdout


def test_controls_show_json_of_text_only_and_rated_entries():
    r = run_cli("controls", "show", "2B001.b.2.a", "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["rated"] is False and data["official_text"]["parent"] == "2B001.b.2"
    assert data["official_text"]["text"].startswith('"Unidirectional positioning repeatability"')
    assert data["source"]["lines"] == data["official_text"]["source"]["lines"]

    r = run_cli("controls", "show", "2B109.a", "--json")
    data = json.loads(r.stdout)
    assert data["rated"] is True and data["criteria"]
    assert data["official_text"]["text"] == "Flow-forming machines having all of the following:"
