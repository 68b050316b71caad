"""The official text of the EU dual-use list as data: the parser against the text, the packaged
file against the parser, and text-only entries kept out of classification."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from catchall.core.controls.classifier import classify
from catchall.core.controls.lists import Library, _packaged_files, packaged_library

ROOT = Path(__file__).resolve().parents[3]
TEXT = ROOT / "tests" / "fixtures" / "dual-use-list-norway-2022.txt"
PACKAGED = ROOT / "src" / "catchall" / "data" / "controls" / "eu-dual-use" / "2022-10.text.json"

# Entries (headings) and entries plus sub-items per category, as counted from the text.
HEADINGS_PER_CATEGORY = {
    "0": 15, "1": 92, "2": 52, "3": 39, "4": 11, "5": 13, "6": 36, "7": 37, "8": 8, "9": 63,
}  # fmt: skip
NODES_PER_CATEGORY = {
    "0": 163, "1": 784, "2": 454, "3": 453, "4": 37, "5": 171, "6": 673, "7": 148, "8": 123,
    "9": 281,
}  # fmt: skip


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # (dataclasses look their module up by name)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def parser():
    return _load("parse_dual_use_list", ROOT / "scripts" / "parse_dual_use_list.py")


@pytest.fixture(scope="module")
def parsed(parser):
    return parser.parse(TEXT.read_text(encoding="utf-8"))


def _headings() -> list[tuple[int, str]]:
    """Every entry heading in the text, found independently of the parser: an entry number in
    column 0 that is not a page's "... continued" line."""
    out = []
    for n, line in enumerate(TEXT.read_text(encoding="utf-8").split("\n"), start=1):
        m = re.match(r"(\d[A-E]\d{3})\s", line)
        if m and "continued" not in line:
            out.append((n, m.group(1)))
    return out


def test_every_heading_of_the_text_is_an_entry_at_its_line(parsed):
    tops = {r["id"]: r for r in parsed["entries"] if r["parent"] is None}
    headings = _headings()
    assert len(headings) == len(tops) == sum(HEADINGS_PER_CATEGORY.values())
    for line, eid in headings:
        assert eid in tops, eid
        assert tops[eid]["lines"][0] == line


def test_counts_per_category(parsed):
    heads = Counter(r["category"] for r in parsed["entries"] if r["parent"] is None)
    nodes = Counter(r["category"] for r in parsed["entries"])
    print("\nheadings per category:", dict(sorted(heads.items())))
    print("entries and sub-items per category:", dict(sorted(nodes.items())))
    assert dict(heads) == HEADINGS_PER_CATEGORY
    assert dict(nodes) == NODES_PER_CATEGORY


def test_sub_items_follow_the_text(parsed):
    by_id = {r["id"]: r for r in parsed["entries"]}
    assert [c for c in by_id["2B001"]["children"]] == [f"2B001.{x}" for x in "abcdef"]
    assert by_id["2B001.b"]["children"] == [f"2B001.b.{n}" for n in range(1, 5)]
    assert by_id["2B001.b.2.b"]["text"].startswith(
        '"Unidirectional positioning repeatability" equal to or less (better) than 1,4'
    )
    # the lists of a Note stay in the Note; the sub-items of 5A002 run a. to e.
    assert by_id["5A002"]["children"] == [f"5A002.{x}" for x in "abcde"]
    assert any(n["label"] == "Note 2" for n in by_id["5A002.a"]["notes"])
    # notes, technical notes and defined terms are attached where the text puts them
    assert by_id["0A001.i"]["notes"][0]["text"].startswith("0A001.i. does not control")
    assert "nuclear reactor" in by_id["0A001.b"]["defined_terms"]
    assert "nuclear reactor internals" in by_id["0A001.h"]["local_terms"]
    # a finished note does not swallow the list that goes on under it, across a page break:
    # 1C111.a.2.b to a.6 (after a.2.a's Technical Note), 1C350's 89 precursors (after an N.B.),
    # 2B005.a.1 and .a.2 (after "N.B.: SEE ALSO 2B105.")
    assert by_id["1C111.a"]["children"] == [f"1C111.a.{n}" for n in range(1, 7)]
    assert by_id["1C111.a.5.a"]["text"].startswith("Mixed fuel that incorporate both solid")
    assert len(by_id["1C111.a.4"]["children"]) == 17  # hydrazine derivatives a. to q.
    assert len(by_id["1C350"]["children"]) == 89
    assert by_id["1C350"]["notes"][0]["text"] == "SEE ALSO MILITARY GOODS CONTROLS AND 1C450."
    assert by_id["2B005.a"]["children"] == ["2B005.a.1", "2B005.a.2"]
    # an entry without its own heading (4E001 a. ...) and a dotless item (1C351.c.12)
    assert by_id["4E001"]["children"][0] == "4E001.a"
    assert by_id["1C351.c.13"]["text"] == "Coxiella burnetii;"
    # every node cites the lines it was read from, inside its parent's lines
    for r in parsed["entries"]:
        if r["parent"]:
            lo, hi = by_id[r["parent"]]["lines"]
            assert lo <= r["lines"][0] <= r["lines"][1] <= hi, r["id"]


def test_regime_follows_the_number(parsed):
    by_id = {r["id"]: r for r in parsed["entries"]}
    assert by_id["2B001.a"]["regime"] == "WA"
    assert by_id["2B109.a"]["regime"] == "MTCR"
    assert by_id["2B201"]["regime"] == "NSG"
    assert by_id["1C350"]["regime"] == "AG"
    assert by_id["1C450"]["regime"] == "CWC"
    assert by_id["0B001"]["regime"] == "NSG"  # Category 0: NSG Trigger List
    mtcr = {r["id"] for r in parsed["entries"] if r["parent"] is None and r["regime"] == "MTCR"}
    assert mtcr == {h for _, h in _headings() if h[2] == "1" and h[0] != "0"}


def test_packaged_file_is_the_parsers_output(parser, parsed):
    """The data cannot drift from the text: regenerate with scripts/parse_dual_use_list.py."""
    assert PACKAGED.read_text(encoding="utf-8") == parser.dumps(parsed)
    assert json.loads(PACKAGED.read_text(encoding="utf-8")) == parsed


def test_every_rated_entry_has_its_official_text():
    v = packaged_library().version("eu-dual-use", "2022-10")
    assert len(v.entries) == sum(NODES_PER_CATEGORY.values())
    assert v.rated_entries
    for e in v.rated_entries:
        assert e.text and e.official["source"]["lines"], e.id


def _without_official_text() -> Library:
    lib = Library()
    import yaml

    raws = [(name, yaml.safe_load(text)) for name, text, _ in _packaged_files()]
    raws.sort(key=lambda nr: (str(nr[1].get("effective_date")), nr[0]))
    for name, raw in raws:
        lib.load_mapping(raw, name)
    return lib


def test_official_text_changes_no_classification():
    bench = _load("classify_items_bench", ROOT / "bench" / "classify_items.py")
    items = bench.generate(400, seed=7)
    items += [
        {
            "kind": "machine_tool.milling",
            "parameters": {
                "nc_capable": True,
                "contouring_axes": 5,
                "positioning_repeatability": "1.0 um",
                "axis_travel": "2 m",
            },
        }
    ]
    bare = _without_official_text()
    assert len(bare.version("eu-dual-use", "2022-10").entries) == len(
        packaged_library().version("eu-dual-use", "2022-10").rated_entries
    )
    controlled = 0
    for raw in items:
        with_text = classify(raw, library=packaged_library()).as_dict()
        assert with_text == classify(raw, library=bare).as_dict()
        controlled += with_text["controlled"]
    assert controlled  # the sample reaches entries, so the comparison means something


def test_text_only_entries_are_never_rated():
    lib = packaged_library()
    text_only = {e.id for v in lib.in_force() for e in v.entries.values() if not e.rated}
    assert {"0A001", "2B001", "2B001.b", "2B001.b.2.a", "9A004"} <= text_only
    bench = _load("classify_items_bench", ROOT / "bench" / "classify_items.py")
    for raw in bench.generate(200, seed=3):
        out = classify(raw, library=lib).as_dict()
        named = {h["entry"] for h in out["entries"]} | {n["entry"] for n in out["near_misses"]}
        named |= {m["entry"] for m in out["missing_parameters"]}
        named |= {r["entry"] for r in out["expert_review"]}
        assert not named & text_only


def test_mtcr_annex_items_one_to_twenty_and_their_dual_use_counterparts():
    import yaml

    raw = yaml.safe_load(
        (ROOT / "src" / "catchall" / "data" / "controls" / "mtcr-items.yaml").read_text()
    )
    annex = raw["annex_items"]
    assert sorted(annex, key=int) == [str(n) for n in range(1, 21)]
    eu = packaged_library().version("eu-dual-use", "2022-10").entries
    statuses = {"seen", "seen-eu", "3rd-party", "unverified"}
    for number, item in annex.items():
        assert item["status"] in statuses and item["title"]
        if item["reserved"]:
            assert item["category"] is None and not item["eu"]
            continue
        assert item["category"] == ("I" if int(number) <= 2 else "II")
        if item["eu"]:
            assert item["eu_status"] in statuses
        for eid in item["eu"]:
            assert eid in eu, f"item {number}: {eid} is not an entry of the EU list"
    for number, sub in raw["items"].items():
        for eid in str(sub.get("eu", "")).split("-"):
            if eid and "eu_status" in sub:
                assert eid in eu, f"{number}: {eid}"
    # the MTCR-derived EU entries named as counterparts are 1xx entries
    derived = {e for i in annex.values() for e in i["eu"] if e[2] == "1"}
    assert all(eu[e].regime == "MTCR" for e in derived)
