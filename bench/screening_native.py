"""Native-script names on real lists: does the list's own original-script name find its entry?

    .venv/bin/python bench/screening_native.py [--lists DIR] [--data DIR] [--seed N]
        [--half tuning|held-out|both] [--errors] [--no-logic-v2] [--no-distractors]

The UN Consolidated List (XML, NAME_ORIGINAL_SCRIPT) and the UK ConList (CSV, Name Non-Latin
Script) publish, for some people and organisations, the name in its own script (mostly Arabic,
Persian, Dari and Pashto; some Cyrillic and Han) next to the Latin names. Here the lists are
indexed with their Latin names only, as a list provider would give them, together with 50,000
synthetic people (benchmarks/synthetic-persons-50k.csv) as distractors, and each
original-script name is screened as a query (with no country, schema or date: the name alone).

Printed per half: recall (the right entity among the results at "match" or "possible"; and at
"match"), the right entity ranked first, wrong best entity, and false matches (another entity
at "match"). Wrong best entity is printed under two definitions:

- "first result" (the old one): the first result listed is another entity;
- "ranked above" (the new one): another entity scores strictly higher than the right entity
  (or the right entity is absent while another is listed). When the right entity shares the
  top score with another entity, the engine gives both rank 1 and a screening officer sees a
  tie, i.e. must look at both; which of them is listed first carries no information. Such a
  tie is counted apart ("tied at the top"), not as a wrong best entity. Only exact ties (equal
  reported score, equal rank) count: a right entity at 0.9609 under another at 0.9636 is
  ranked below it, however small the gap.

nomenklatura's
logic-v2 is run on the same pairs by brute force over the lists' entities (no synthetic
distractors) at its 0.7 threshold, its wrong best entity under both definitions (equal
logic-v2 scores count as a tie). nomenklatura is not a dependency of the project; to run the
comparison, install it in a venv of its own next to the checkout (python3.11 -m venv VENV;
VENV/bin/pip install nomenklatura; VENV/bin/pip install -e .) and run this file with
VENV/bin/python.

The pairs are split into a tuning half and a held-out half by entity id (a seeded hash, so an
entity and all its names stay in one half). Change the engine only by looking at the tuning half
(``--half tuning --errors``); report both. This is a benchmark: it prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from catchall.core.model import ListEntity, ScreeningQuery  # noqa: E402
from catchall.core.screening import ScreeningIndex  # noqa: E402
from screening_native_lists import ListedEntity, read_uk, read_un  # noqa: E402

# ../shared next to the checkout (the dev setup), unless CATCHALL_BENCH_DATA names another folder.
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEFAULT_LISTS = SHARED / "data" / "lists" / "official"
DEFAULT_DATA = Path(os.environ.get("CATCHALL_BENCH_DATA") or SHARED / "data" / "benchmarks")
UN_FILE = "un-sc-consolidated-2026-02-27.xml"
UK_FILE = "uk-ofsi-conlist-2023-06-05-excerpt.csv"


@dataclass(frozen=True)
class Pair:
    entity_id: str
    same: frozenset[str]  # the entity and its entries on the other list (same UN reference)
    schema: str
    query: str
    latin: str  # the entity's primary Latin name, for reading errors


def half_of(entity_id: str, seed: int) -> str:
    digest = hashlib.sha256(f"{seed}:{entity_id}".encode()).digest()
    return "tuning" if digest[0] % 2 == 0 else "held-out"


def load_lists(lists: Path) -> list[ListedEntity]:
    out: list[ListedEntity] = []
    if (lists / UN_FILE).exists():
        out += read_un(lists / UN_FILE)
    if (lists / UK_FILE).exists():
        out += read_uk(lists / UK_FILE)
    return out


def to_list_entity(e: ListedEntity) -> ListEntity:
    return ListEntity(
        id=e.id,
        schema=e.schema,
        name=e.names[0],
        list_name=e.id.split("-")[0],
        aliases=tuple(dict.fromkeys(e.names[1:])),
        weak_aliases=tuple(dict.fromkeys(e.weak)),
        countries=tuple(dict.fromkeys(e.nationalities)),
    )


def synthetic(data: Path) -> list[ListEntity]:
    path = data / "synthetic-persons-50k.csv"
    if not path.exists():
        print(f"  ({path} absent: no synthetic distractors)")
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            ListEntity(id=f"syn-{i}", schema="Person", name=r["full_name"], list_name="synthetic")
            for i, r in enumerate(csv.DictReader(fh))
            if r["full_name"].strip()
        ]


def pairs_of(listed: list[ListedEntity], weak: bool = False) -> list[Pair]:
    """One pair per original-script name; ``weak``: the names the list marks low quality."""
    by_ref: dict[str, set[str]] = {}
    for e in listed:
        if e.un_ref:
            by_ref.setdefault(e.un_ref, set()).add(e.id)
    out = []
    for e in listed:
        same = frozenset(by_ref.get(e.un_ref, {e.id}) | {e.id})
        for native in dict.fromkeys(e.native_weak if weak else e.native):
            if native not in e.names:
                out.append(Pair(e.id, same, e.schema, native, e.names[0]))
    return out


def run_catchall(index: ScreeningIndex, pairs: list[Pair], errors: bool) -> dict[str, float]:
    found = found_match = first = wrong_best = ranked_above = tied = false_match = 0
    times = []
    for p in pairs:
        t0 = time.perf_counter()
        result = index.screen(ScreeningQuery(name=p.query))
        times.append(time.perf_counter() - t0)
        ids = [m.entity_id for m in result.matches]
        right = [m for m in result.matches if m.entity_id in p.same]
        if right:
            found += 1
            found_match += right[0].decision == "match"
        if ids and ids[0] in p.same:
            first += 1
        elif ids:
            wrong_best += 1
        top = result.matches[0].score if result.matches else None
        if right and right[0].rank > 1:
            ranked_above += 1
        elif right and any(m.entity_id not in p.same and m.score == top for m in result.matches):
            tied += 1
        elif ids and not right:
            ranked_above += 1
        false_match += any(
            m.entity_id not in p.same and m.decision == "match" for m in result.matches
        )
        if errors and (not right or right[0].rank > 1 or ids[0] not in p.same):
            best = result.matches[0] if result.matches else None
            got = f"{best.matched_name!r} {best.score:.4f} [{best.entity_id}]" if best else "-"
            mine = (
                f"{right[0].score:.4f} {right[0].decision} rank {right[0].rank}"
                if right
                else "not found"
            )
            print(f"    {p.query!r} -> {p.latin!r} [{p.entity_id}] {mine}; best {got}")
    n = len(pairs) or 1
    times.sort()
    return {
        "n": len(pairs),
        "recall": found / n,
        "recall_match": found_match / n,
        "first": first / n,
        "unique": len({p.query for p in pairs}),
        "wrong_best": wrong_best / n,
        "ranked_above": ranked_above / n,
        "tied": tied / n,
        "false_match": false_match,
        "p95_ms": 1000 * times[int(0.95 * (len(times) - 1))] if times else 0.0,
    }


def run_logic_v2(listed: list[ListedEntity], pairs: list[Pair]) -> dict[str, float] | None:
    try:
        import logging

        logging.disable(logging.WARNING)
        from followthemoney import model
        from nomenklatura.matching import LogicV2
        from nomenklatura.matching.types import ScoringConfig
    except ImportError:
        print("  (nomenklatura is not installed: logic-v2 comparison skipped)")
        return None
    config = ScoringConfig.defaults()
    entities = []
    for e in listed:
        proxy = model.make_entity(e.schema)
        proxy.id = e.id
        proxy.add("name", e.names[0])
        proxy.add("alias", e.names[1:] + e.weak)
        entities.append(proxy)
    found = wrong_best = ranked_above = tied = 0
    for i, p in enumerate(pairs):
        query = model.make_entity("Person" if p.schema == "Person" else "LegalEntity")
        query.id = f"q{i}"
        query.add("name", p.query)
        scored = [(LogicV2.compare(query, e, config).score, e.id) for e in entities]
        hits = sorted((s, eid) for s, eid in scored if s >= 0.7)
        if any(eid in p.same for _, eid in hits):
            found += 1
        if hits and hits[-1][1] not in p.same:
            wrong_best += 1
        mine = max((s for s, eid in hits if eid in p.same), default=None)
        other = max((s for s, eid in hits if eid not in p.same), default=None)
        if other is not None and (mine is None or other > mine):
            ranked_above += 1
        elif other is not None and other == mine:
            tied += 1
    n = len(pairs) or 1
    return {
        "n": len(pairs),
        "recall": found / n,
        "wrong_best": wrong_best / n,
        "ranked_above": ranked_above / n,
        "tied": tied / n,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--half", choices=["tuning", "held-out", "both"], default="both")
    parser.add_argument("--errors", action="store_true", help="print the misses (tuning half!)")
    parser.add_argument("--no-logic-v2", action="store_true")
    parser.add_argument("--no-distractors", action="store_true")
    args = parser.parse_args(argv)

    listed = load_lists(args.lists)
    if not listed:
        print(f"native-script benchmark skipped: no UN or UK list file in {args.lists}")
        return 0
    pairs = pairs_of(listed)
    entities = [to_list_entity(e) for e in listed]
    distractors = [] if args.no_distractors else synthetic(args.data)
    t0 = time.perf_counter()
    index = ScreeningIndex.build([*entities, *distractors])
    print(
        f"== native-script names: {len(pairs)} names of {len({p.entity_id for p in pairs})}"
        f" entities against {len(entities):,} listed entities (Latin names only)"
        f" + {len(distractors):,} distractors; index {time.perf_counter() - t0:.1f} s"
    )
    halves = ["tuning", "held-out"] if args.half == "both" else [args.half]
    for half in halves:
        chosen = [p for p in pairs if half_of(min(p.same), args.seed) == half]
        print(f"\n-- {half} half: {len(chosen)} names")
        r = run_catchall(index, chosen, errors=args.errors and half == "tuning")
        print(
            f"  catchall:  recall (match or possible) {r['recall']:.3f}, at match"
            f" {r['recall_match']:.3f}; right entity first {r['first']:.3f};"
            f" false matches {r['false_match']}; p95 {r['p95_ms']:.1f} ms"
            f"\n  wrong best entity: ranked above the right one {r['ranked_above']:.3f}"
            f" (new definition); first result another entity {r['wrong_best']:.3f} (old);"
            f" right entity tied at the top with another {r['tied']:.3f}"
        )
        if not args.no_logic_v2:
            v2 = run_logic_v2(listed, chosen)
            if v2:
                print(
                    f"  logic-v2:  recall at 0.7 {v2['recall']:.3f}; wrong best entity: ranked"
                    f" above {v2['ranked_above']:.3f}, first result {v2['wrong_best']:.3f},"
                    f" tied at the top {v2['tied']:.3f} (brute force, lists only)"
                )
    weak = pairs_of(listed, weak=True)
    if weak and args.half == "both":
        # Nicknames and fragments the lists themselves mark "low quality" (OFSI: "Север",
        # "Абу Ясир"): shown apart, as a screener is not expected to rely on them.
        r = run_catchall(index, weak, errors=False)
        print(
            f"\n-- the lists' low-quality original-script aliases (both halves): {len(weak)} names"
            f"\n  catchall:  recall (match or possible) {r['recall']:.3f}; wrong best entity"
            f" {r['ranked_above']:.3f} (ranked above; first result: {r['wrong_best']:.3f});"
            f" false matches {r['false_match']}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
