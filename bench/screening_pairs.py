"""Screening accuracy on labelled name pairs and on perturbed list names; prints figures.

    .venv/bin/python bench/screening_pairs.py [--data DIR] [--errors] [--no-logic-v2]

Reads the benchmark files in DIR (default: $CATCHALL_BENCH_DATA or
../shared/data/benchmarks) and skips, with a message, any that is absent:

- name-pairs.csv (case_group,schema,name1,name2,is_match,...): precision, recall and F1 of
  catchall at its match and possible thresholds, and of nomenklatura's logic-v2 at 0.7 on the
  same pairs (skipped when nomenklatura is not installed: pip install -e '.[bench]');
- cross-script-pairs.csv (Query,Expected Match,Min Score,Description): recall;
- un-persons-perturbed.csv against un-persons-clean.csv plus synthetic-persons-50k.csv as
  distractors: recall at "match" and at "match or possible", and false matches per 1,000
  synthetic (clean) queries screened against the UN names.

This is a benchmark, not a test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import os
import sys
import time
from pathlib import Path

from catchall.core.model import SCHEMATA, ListEntity, ScreeningQuery
from catchall.core.screening import ScreeningConfig, ScreeningIndex, score_pair

# ../shared next to the checkout (the dev setup), unless CATCHALL_BENCH_DATA names another folder.
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEFAULT_DATA = Path(os.environ.get("CATCHALL_BENCH_DATA") or SHARED / "data" / "benchmarks")


# --- nomenklatura logic-v2, imported lazily --------------------------------------------------


class LogicV2:
    """nomenklatura's logic-v2 name matcher on two bare names (None when not installed)."""

    def __init__(self) -> None:
        import logging

        logging.disable(logging.WARNING)
        from followthemoney import model
        from nomenklatura.matching import LogicV2 as Algorithm
        from nomenklatura.matching.types import ScoringConfig

        self._model = model
        self._algorithm = Algorithm
        self._config = ScoringConfig.defaults()
        self._ids = itertools.count()

    @classmethod
    def load(cls) -> LogicV2 | None:
        try:
            return cls()
        except ImportError:
            print("  (nomenklatura is not installed: logic-v2 comparison skipped)")
            return None

    def entity(self, schema: str, name: str):
        e = self._model.make_entity(
            schema
            if schema in ("Person", "Company", "Organization", "LegalEntity", "Vessel")
            else "LegalEntity"
        )
        e.id = f"e{next(self._ids)}"  # unique ids: nomenklatura caches results by id
        e.add("name", name)
        return e

    def score(self, schema: str, name1: str, name2: str) -> float:
        a, b = self.entity(schema, name1), self.entity(schema, name2)
        return self._algorithm.compare(a, b, self._config).score


# --- helpers ---------------------------------------------------------------------------------


def prf(scores: list[float], labels: list[bool], threshold: float) -> tuple[float, float, float]:
    tp = sum(1 for s, y in zip(scores, labels, strict=True) if s >= threshold and y)
    fp = sum(1 for s, y in zip(scores, labels, strict=True) if s >= threshold and not y)
    fn = sum(1 for s, y in zip(scores, labels, strict=True) if s < threshold and y)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def fmt(p: float, r: float, f: float) -> str:
    return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}"


def schema_of(value: str) -> str | None:
    return value if value in SCHEMATA else None


# --- name pairs ------------------------------------------------------------------------------


def bench_name_pairs(
    path: Path, config: ScreeningConfig, lv2: LogicV2 | None, errors: bool
) -> None:
    print(f"\n== name pairs: {path.name}")
    with path.open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r.get("is_match") in ("true", "false")]
    labels = [r["is_match"] == "true" for r in rows]
    started = time.perf_counter()
    ours = [score_pair(r["name1"], r["name2"], schema_of(r["schema"]), config)[0] for r in rows]
    elapsed = time.perf_counter() - started
    print(f"  {len(rows)} pairs ({sum(labels)} matches), scored in {elapsed:.2f} s")
    print(
        f"  catchall  at match    {config.match_threshold:.2f}: {fmt(*prf(ours, labels, config.match_threshold))}"
    )
    print(
        f"  catchall  at possible {config.possible_threshold:.2f}: {fmt(*prf(ours, labels, config.possible_threshold))}"
    )
    theirs: list[float] = []
    if lv2 is not None:
        started = time.perf_counter()
        theirs = [lv2.score(r["schema"], r["name1"], r["name2"]) for r in rows]
        elapsed = time.perf_counter() - started
        print(f"  logic-v2  at 0.70: {fmt(*prf(theirs, labels, 0.7))}   ({elapsed:.1f} s)")
    non_ascii = [i for i, r in enumerate(rows) if not (r["name1"] + r["name2"]).isascii()]
    sub_l = [labels[i] for i in non_ascii]
    print(f"  non-ASCII subset ({len(non_ascii)} pairs, {sum(sub_l)} matches):")
    print(
        f"    catchall at match: {fmt(*prf([ours[i] for i in non_ascii], sub_l, config.match_threshold))}"
    )
    if theirs:
        print(f"    logic-v2 at 0.70:  {fmt(*prf([theirs[i] for i in non_ascii], sub_l, 0.7))}")
    print("  threshold sweep (catchall):")
    for t in (0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9):
        print(f"    {t:.2f}  {fmt(*prf(ours, labels, t))}")
    if errors:
        print("  misjudged at the match threshold (label, score, schema, name1 | name2):")
        for r, s, y in zip(rows, ours, labels, strict=True):
            if (s >= config.match_threshold) != y:
                print(
                    f"    {'T' if y else 'F'} {s:.3f} {r['schema']:<12} {r['name1']} | {r['name2']}"
                )


# --- cross-script pairs ----------------------------------------------------------------------


def bench_cross_script(
    path: Path, config: ScreeningConfig, lv2: LogicV2 | None, errors: bool
) -> None:
    print(f"\n== cross-script pairs: {path.name}")
    rows = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            query, expected, min_score, *rest = next(csv.reader([line]))
            rows.append((query, expected, float(min_score), rest[0] if rest else ""))
    ours = [score_pair(q, e, None, config)[0] for q, e, _, _ in rows]
    n = len(rows)
    at_match = sum(1 for s in ours if s >= config.match_threshold)
    at_possible = sum(1 for s in ours if s >= config.possible_threshold)
    meets = sum(1 for s, (_, _, m, _) in zip(ours, rows, strict=True) if s >= m)
    print(f"  {n} pairs, all expected to match")
    print(f"  catchall recall at match    {at_match / n:.3f} ({at_match}/{n})")
    print(f"  catchall recall at possible {at_possible / n:.3f} ({at_possible}/{n})")
    print(f"  catchall at or above the file's min score: {meets}/{n}")
    if lv2 is not None:
        theirs = [lv2.score("Person", q, e) for q, e, _, _ in rows]
        got = sum(1 for s in theirs if s >= 0.7)
        print(f"  logic-v2 recall at 0.70    {got / n:.3f} ({got}/{n})")
    if errors:
        for (q, e, m, d), s in zip(rows, ours, strict=True):
            if s < config.match_threshold:
                print(f"    {s:.3f} (min {m:.2f}) {q} | {e}   [{d}]")


# --- perturbed UN names against clean ones with distractors ----------------------------------


def _read_people(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _country(row: dict) -> str | None:
    value = (row.get("nationality") or "").strip()
    return value.upper() if len(value) == 2 else None


def bench_un_persons(
    data: Path, config: ScreeningConfig, lv2: LogicV2 | None, errors: bool
) -> None:
    clean_path = data / "un-persons-clean.csv"
    perturbed_path = data / "un-persons-perturbed.csv"
    synthetic_path = data / "synthetic-persons-50k.csv"
    if not (clean_path.exists() and perturbed_path.exists() and synthetic_path.exists()):
        print(
            "\n== UN persons: skipped (un-persons-clean/perturbed or synthetic-persons-50k absent)"
        )
        return
    print("\n== UN persons: perturbed queries against clean names + 50k synthetic distractors")
    clean = _read_people(clean_path)
    perturbed = _read_people(perturbed_path)
    synthetic = _read_people(synthetic_path)
    un_entities = [
        ListEntity(id=f"un-{i}", schema="Person", name=r["full_name"], list_name="un")
        for i, r in enumerate(clean)
    ]
    distractors = [
        ListEntity(id=f"syn-{i}", schema="Person", name=r["full_name"], list_name="synthetic")
        for i, r in enumerate(synthetic)
        if r["full_name"].strip()
    ]
    started = time.perf_counter()
    index = ScreeningIndex.build([*un_entities, *distractors], config)
    print(
        f"  index of {len(un_entities) + len(distractors)} names built in {time.perf_counter() - started:.1f} s"
    )
    started = time.perf_counter()
    index.warm_up()
    print(f"  rigour's name-symbol table loaded in {time.perf_counter() - started:.1f} s (once)")
    queries = [
        ScreeningQuery(name=r["full_name"], schema="Person", id=f"un-{i}")
        for i, r in enumerate(perturbed)
    ]
    started = time.perf_counter()
    results = index.screen_many(queries, workers=1)
    elapsed = time.perf_counter() - started
    hit_match = hit_any = 0
    for q, res in zip(queries, results, strict=True):
        top = res.matches[0] if res.matches else None
        # A hit: the perturbed name's own entry is ranked first (ties included: the UN list
        # holds a few people under the same name).
        own = next((m for m in res.matches if m.entity_id == q.id), None)
        if own is not None and top is not None and own.score >= top.score:
            hit_any += 1
            if own.decision == "match":
                hit_match += 1
        elif errors:
            got = f"{top.matched_name} ({top.score:.3f})" if top else "-"
            print(f"    missed: {q.name!r} -> {got}")
    n = len(queries)
    print(f"  {n} queries in {elapsed:.1f} s ({n / elapsed:.0f}/s)")
    print(f"  recall at match             {hit_match / n:.3f} ({hit_match}/{n})")
    print(f"  recall at match or possible {hit_any / n:.3f} ({hit_any}/{n})")
    if lv2 is not None:
        got = sum(
            1
            for c, p in zip(clean, perturbed, strict=True)
            if lv2.score("Person", p["full_name"], c["full_name"]) >= 0.7
        )
        print(
            f"  logic-v2 pairwise recall at 0.70 (perturbed vs its clean name) {got / n:.3f} ({got}/{n})"
        )

    # False matches: clean synthetic people screened against the UN names only.
    un_index = ScreeningIndex.build(un_entities, config)
    fp_queries = [
        ScreeningQuery(name=r["full_name"], schema="Person")
        for r in synthetic
        if r["full_name"].strip()
    ]
    started = time.perf_counter()
    fp_results = un_index.screen_many(fp_queries, workers=2)
    elapsed = time.perf_counter() - started
    matches = sum(1 for r in fp_results if r.decision == "match")
    possibles = sum(1 for r in fp_results if r.decision == "possible")
    per_k = 1000 / len(fp_queries)
    print(f"  {len(fp_queries)} synthetic queries against the UN names in {elapsed:.1f} s")
    print(f"  false matches per 1,000 clean queries:   {matches * per_k:.2f} ({matches})")
    print(f"  false possibles per 1,000 clean queries: {possibles * per_k:.2f} ({possibles})")
    if errors:
        for q, r in zip(fp_queries, fp_results, strict=True):
            if r.decision == "match":
                print(
                    f"    false match: {q.name!r} -> {r.matches[0].matched_name} ({r.matches[0].score:.3f})"
                )
    if lv2 is not None:
        sample = fp_queries[:200]
        started = time.perf_counter()
        fp = sum(
            1
            for q in sample
            if max(lv2.score("Person", q.name, e.name) for e in un_entities) >= 0.7
        )
        print(
            f"  logic-v2 false matches per 1,000 (brute force, first {len(sample)} queries): "
            f"{fp * 1000 / len(sample):.2f} ({time.perf_counter() - started:.0f} s)"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--errors", action="store_true", help="list the misjudged cases")
    parser.add_argument(
        "--no-logic-v2", action="store_true", help="skip the nomenklatura comparison"
    )
    parser.add_argument("--only", choices=("pairs", "cross", "un"), help="run one part")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(
            f"benchmark data not found in {args.data}: skipped (set --data or CATCHALL_BENCH_DATA)"
        )
        return 0
    config = ScreeningConfig()
    lv2 = None if args.no_logic_v2 else LogicV2.load()
    pairs = args.data / "name-pairs.csv"
    cross = args.data / "cross-script-pairs.csv"
    if args.only in (None, "pairs"):
        if pairs.exists():
            bench_name_pairs(pairs, config, lv2, args.errors)
        else:
            print(f"\n== name pairs: skipped ({pairs} absent)")
    if args.only in (None, "cross"):
        if cross.exists():
            bench_cross_script(cross, config, lv2, args.errors)
        else:
            print(f"\n== cross-script pairs: skipped ({cross} absent)")
    if args.only in (None, "un"):
        bench_un_persons(args.data, config, lv2, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
