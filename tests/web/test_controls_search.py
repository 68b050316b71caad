"""Which entry is my product? The control-list search over the database's own full-text engine,
through its three faces: GET /api/controls?q=, the search box on /controls/ and
`catchall controls search` (the CLI runs on its own SQLite database, so it is compared with the
API when the tests run on SQLite). These tests pass on SQLite and on PostgreSQL."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from html import unescape
from pathlib import Path

import pytest
from django.db import connection

from catchall.web.classification.models import SearchIndexState
from catchall.web.classification.search import search_controls
from tests.conftest import run_cli

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def api(client, **params):
    return client.get("/api/controls", params)


def ids(hits) -> list[str]:
    return [h["entry"] for h in hits]


def family(entry: str, of: str) -> bool:
    return entry == of or entry.startswith(of + ".")


def test_a_search_answers_with_entries_best_first(client):
    r = api(client, q="CNC flow forming machine for rocket motor cases")
    assert r.status_code == 200
    hits = r.json()
    assert hits and set(hits[0]) >= {"entry", "regime", "title", "score", "snippet"}
    assert any(family(h["entry"], "2B109") for h in hits[:3])
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert any("**" in h["snippet"] for h in hits)  # matched words are marked


@pytest.mark.parametrize(
    ("q", "first"),
    [
        ("fibre optic gyro", "7A002"),  # a synonym of the trade: FOG is a gyro
        ("FOG", "7A002"),
        ("CNC lathe", "2B001"),  # "machine tools for turning"
        ("coordinate measuring machine", "2B006"),
        ("filament winder", "1B"),
    ],
)
def test_trade_words_find_the_lists_entries(client, q, first):
    top = ids(api(client, q=q).json())[:3]
    assert any(e.startswith(first) for e in top), top


def test_stemming_finds_other_forms_of_a_word(client):
    # "gravimeter" in the catalogue, "gravimeters" in 6A007
    assert any(family(e, "6A007") for e in ids(api(client, q="gravimeter").json())[:3])


@pytest.mark.parametrize(
    ("q", "first"),
    [
        ("2B001", "2B001"),
        ("2b1", "2B001"),
        ("2B001.b.2", "2B001.b.2"),
        ("3.B.3", "2B109"),
        ("3b3", "2B109"),
    ],
)
def test_entry_numbers_are_answered_first(client, q, first):
    hits = api(client, q=q).json()
    assert hits[0]["entry"] == first, ids(hits)[:5]
    assert hits[0]["matched"] in ("entry number", "MTCR counterpart")


def test_an_mtcr_number_also_brings_its_own_entry_and_its_sub_items(client):
    got = ids(api(client, q="2b001", limit="30").json())
    assert got[0] == "2B001" and "2B001.a" in got and "2B001.b.2" in got


def test_regime_and_limit_narrow_the_answer(client):
    hits = api(client, q="gyro", regime="mtcr", limit="3").json()
    assert 0 < len(hits) <= 3 and {h["regime"] for h in hits} == {"MTCR"}


def test_without_q_the_listing_is_unchanged(client):
    rows = client.get("/api/controls", {"regime": "AG"}).json()
    assert rows and set(rows[0]) == {
        "entry", "list", "version", "regime", "mtcr_item", "mtcr_category", "title", "rated",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": ""}, "q"),
        ({"q": "   "}, "q"),
        ({"q": "x" * 501}, "q"),
        ({"q": "the and of"}, "q"),
        ({"q": "gyro", "regime": "XX"}, "regime"),
        ({"q": "gyro", "limit": "0"}, "limit"),
        ({"q": "gyro", "limit": "lots"}, "limit"),
        ({"q": "gyro", "list_date": "2023-01-01"}, "list_date"),
    ],
)
def test_bad_input_is_422_naming_the_field_and_builds_nothing(client, params, field):
    r = api(client, **params)
    assert r.status_code == 422, r.content
    assert [p["field"] for p in r.json()["problems"]] == [field]
    assert not SearchIndexState.objects.exists()


def test_the_page_searches_without_javascript_and_marks_the_words(client):
    html = client.get("/controls/", {"q": "flow former"}).content.decode()
    assert 'role="search"' in html and 'name="q"' in html
    assert '<a href="/controls/2B109/">2B109</a>' in html or '<a href="/controls/2B109.a/">' in html
    assert re.search(r"<mark>[Ff]low</mark>", html)


def test_the_page_shows_a_bad_query_as_an_error_by_the_field(client):
    r = client.get("/controls/", {"q": " "})
    assert r.status_code == 422
    html = r.content.decode()
    assert "There is a problem" in html and 'href="#q"' in html and 'id="q-error"' in html
    assert 'aria-describedby="q-hint q-error"' in html


def test_the_page_escapes_the_query_and_the_indexed_text(client):
    """An authority's own list text is indexed as it is; on the page it is text, never markup."""
    from catchall.web.regime.models import ControlListVersionRecord

    text = 'Flow former <script>alert("x")</script> & <b>bold</b> wording'
    yaml_text = (
        "list: authority-test\nversion: '2025-01'\neffective_date: 2025-01-01\nentries:\n"
        f"  - id: 9Z901\n    regime: WA\n    title: Escaping test\n    text: {json.dumps(text)}\n"
    )
    ControlListVersionRecord.objects.create(
        list_name="authority-test", version="2025-01", effective_date="2025-01-01",
        yaml_text=yaml_text, sha256="x",
    )  # fmt: skip
    html = client.get("/controls/", {"q": "<script> escaping wording"}).content.decode()
    assert "9Z901" in html  # the imported version is in the index (rebuilt on its import)
    assert "<script>" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;" in html  # the query, echoed
    assert "alert(&quot;x&quot;)" in html and "&amp;" in html  # the snippet (PostgreSQL's
    # ts_headline drops the tags from it; SQLite's snippet() keeps them, escaped)
    assert "<mark>wording</mark>" in html


def test_the_index_is_rebuilt_when_the_lists_change(client):
    from catchall.web.regime.models import ControlListVersionRecord

    assert not any(family(e, "9Z902") for e in ids(api(client, q="zirconium whisker").json()))
    first = SearchIndexState.objects.get().content_hash
    ControlListVersionRecord.objects.create(
        list_name="authority-test", version="2025-02", effective_date="2025-02-01", sha256="x",
        yaml_text="list: authority-test\nversion: '2025-02'\neffective_date: 2025-02-01\n"
        "entries:\n  - id: 9Z902\n    regime: WA\n    title: Zirconium whiskers\n"
        "    text: Zirconium whiskers for ablative liners.\n",
    )  # fmt: skip
    assert ids(api(client, q="zirconium whisker").json())[0] == "9Z902"
    state = SearchIndexState.objects.get()
    assert state.content_hash != first and state.documents > 3000
    api(client, q="zirconium whisker")  # no change: no rebuild
    assert SearchIndexState.objects.get().built_at == state.built_at


def _page_entries(html: str) -> list[str]:
    body = html.split('class="search-results"', 1)[1]
    return re.findall(r'<li><a href="/controls/([^/]+)/">', body)


@pytest.mark.parametrize("q", ["5-axis machining centre", "3.B.3", "HTPB"])
def test_the_faces_answer_the_same(client, q):
    service = [h.as_dict() for h in search_controls(q, None, 10)]
    assert api(client, q=q, limit="10").json() == service
    html = client.get("/controls/", {"q": q, "limit": "10"}).content.decode()
    assert _page_entries(html) == ids(service)
    for hit in service[:3]:
        assert unescape(hit["title"]) in unescape(html)
    if connection.vendor != "sqlite":
        pytest.skip("the CLI runs on its own SQLite database; compared on SQLite runs")
    r = run_cli("controls", "search", q, "--limit", "10", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == service


def test_the_cli_names_the_argument_in_errors():
    r = run_cli("controls", "search", "  ")
    assert r.returncode == 2 and "TEXT" in r.stderr and "Traceback" not in r.stderr
    r = run_cli("controls", "search", "gyro", "--regime", "XX")
    assert r.returncode == 2 and "--regime" in r.stderr


def test_the_relevance_bench_runs_on_a_few_labelled_rows():
    spec = importlib.util.spec_from_file_location(
        "search_relevance", ROOT / "bench" / "search_relevance.py"
    )
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # (dataclasses look their module up by name)
    spec.loader.exec_module(bench)
    rows = bench.read_labelled()
    assert len(rows) >= 60
    report = bench.evaluate(rows[:5], lambda t: [h.entry for h in search_controls(t, limit=10)])
    assert report.total == 5
    assert 0 <= report.top1 <= report.top3 <= 5
    assert len(report.misses) == 5 - report.top3


def test_the_readme_shows_what_the_cli_prints():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Which entry is my product?", 1)[1].split("```console\n", 1)[1]
    command, shown = block.split("```", 1)[0].split("\n", 1)
    args = command.removeprefix("$ catchall ").replace('"', "").split(" ")
    text = " ".join(args[2:-2])
    r = run_cli("controls", "search", text, "--limit", args[-1])
    assert r.returncode == 0, r.stderr
    lines = [line.rstrip() for line in r.stdout.splitlines()]
    assert lines == [line.rstrip() for line in shown.splitlines()]
