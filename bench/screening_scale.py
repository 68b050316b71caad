"""Screening at scale: build an index of N names (default 1,000,000), report build time and
memory, single-query latency, batch throughput on two processes, and the speed against
nomenklatura's logic-v2 scoring 5,000 candidates by brute force.

    .venv/bin/python bench/screening_scale.py [--names N] [--queries Q] [--data DIR]

The names are made from the benchmark files in DIR (default $CATCHALL_BENCH_DATA or
../shared/data/benchmarks): the UN and synthetic person names and the companies of
name-pairs.csv, recombined (family name of one, given name of another) and perturbed (typos,
dropped or doubled letters, swapped words) until there are N. Queries are the perturbed UN
names (they have a true answer in the index) and unseen synthetic recombinations (they
mostly do not). A benchmark, not a test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import gc
import os
import random
import statistics
import sys
import time
from pathlib import Path

from catchall.core.model import ListEntity, ScreeningQuery
from catchall.core.screening import ScreeningIndex

# ../shared next to the checkout (the dev setup), unless CATCHALL_BENCH_DATA names another folder.
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEFAULT_DATA = Path(os.environ.get("CATCHALL_BENCH_DATA") or SHARED / "data" / "benchmarks")


def rss_mb() -> float:
    """Resident memory of this process now (Linux), in MiB."""
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def read_names(data: Path) -> tuple[list[str], list[str], list[str]]:
    def column(name: str, field: str) -> list[str]:
        path = data / name
        if not path.exists():
            return []
        with path.open(encoding="utf-8") as f:
            return [r[field].strip() for r in csv.DictReader(f) if r.get(field, "").strip()]

    people = column("un-persons-clean.csv", "full_name") + column(
        "synthetic-persons-50k.csv", "full_name"
    )
    perturbed = column("un-persons-perturbed.csv", "full_name")
    companies = []
    pairs = data / "name-pairs.csv"
    if pairs.exists():
        with pairs.open(encoding="utf-8") as f:
            for r in csv.DictReader(f):
                if r["schema"] in ("Company", "Organization"):
                    companies += [r["name1"], r["name2"]]
    return people, perturbed, sorted(set(companies))


def perturb(name: str, rng: random.Random) -> str:
    """One random change of the kind lists and data entry make."""
    words = name.split()
    kind = rng.randrange(6)
    if kind == 0 and len(words) > 1:
        rng.shuffle(words)
        return " ".join(words)
    if kind == 1 and len(words) > 2:
        del words[rng.randrange(len(words))]
        return " ".join(words)
    i = rng.randrange(len(words))
    w = words[i]
    if len(w) > 3:
        j = rng.randrange(1, len(w) - 1)
        if kind == 2:
            w = w[:j] + w[j + 1 :]
        elif kind == 3:
            w = w[:j] + w[j] + w[j:]
        elif kind == 4:
            w = w[: j - 1] + w[j] + w[j - 1] + w[j + 1 :]
        else:
            w = w[:j] + rng.choice("aeiourstnlk") + w[j + 1 :]
    words[i] = w
    return " ".join(words)


def make_names(people: list[str], companies: list[str], n: int, seed: int = 1) -> list[ListEntity]:
    """N list entities: the base names once, then recombinations and perturbations."""
    rng = random.Random(seed)
    split = [p.split() for p in people if len(p.split()) >= 2]
    out: list[ListEntity] = []
    for name in people:
        out.append(ListEntity(f"p{len(out)}", "Person", name, "base"))
    for name in companies:
        out.append(ListEntity(f"c{len(out)}", "Company", name, "base"))
    while len(out) < n:
        r = rng.random()
        if r < 0.55:  # a new person: given name(s) of one, family name of another
            a, b = rng.choice(split), rng.choice(split)
            name = " ".join(a[:-1] + b[-1:])
            schema = "Person"
        elif r < 0.9:
            name = perturb(rng.choice(people), rng)
            schema = "Person"
        else:
            name = (
                perturb(rng.choice(companies), rng)
                if companies
                else perturb(rng.choice(people), rng)
            )
            schema = "Company"
        out.append(ListEntity(f"x{len(out)}", schema, name, "generated"))
    return out[:n]


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--names", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=2_000, help="queries for latency")
    parser.add_argument("--batch", type=int, default=10_000, help="queries for throughput")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--no-logic-v2", action="store_true")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(
            f"benchmark data not found in {args.data}: skipped (set --data or CATCHALL_BENCH_DATA)"
        )
        return 0
    people, perturbed, companies = read_names(args.data)
    if not people:
        print("no person names in the benchmark data: skipped")
        return 0

    started = time.perf_counter()
    entities = make_names(people, companies, args.names)
    print(f"{len(entities):,} names generated in {time.perf_counter() - started:.1f} s")
    gc.collect()
    before = rss_mb()
    started = time.perf_counter()
    index = ScreeningIndex.build(entities)
    build = time.perf_counter() - started
    gc.collect()
    after = rss_mb()
    print(
        f"build: {build:.1f} s for {index.name_count:,} name rows, {index.token_count:,} distinct "
        f"tokens ({index.name_count / build:,.0f} names/s)"
    )
    print(f"memory: index {after - before:,.0f} MiB (RSS growth), process {after:,.0f} MiB")
    started = time.perf_counter()
    index.warm_up()
    print(f"rigour's name-symbol table loaded in {time.perf_counter() - started:.1f} s (once)")

    rng = random.Random(2)
    seen = {e.name for e in entities}
    split = [p.split() for p in people if len(p.split()) >= 2]
    unseen: list[str] = []
    while len(unseen) < args.queries + args.batch:
        a, b = rng.choice(split), rng.choice(split)
        name = " ".join(b[:1] + a[1:])
        if name not in seen:
            unseen.append(name)
    hits = [ScreeningQuery(name=n, schema="Person") for n in perturbed]
    misses = [ScreeningQuery(name=n, schema="Person") for n in unseen]
    latency_queries = (hits + misses)[: args.queries] if hits else misses[: args.queries]
    rng.shuffle(latency_queries)

    for q in latency_queries[:20]:  # warm the caches of a fresh process
        index.screen(q)
    times = []
    cpu = []
    scored = []
    for q in latency_queries:
        t0, c0 = time.perf_counter(), time.process_time()
        index.screen(q)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        scored.append(index.last_stats.scored)
    print(
        f"single query ({len(times)} queries, one process): p50 {percentile(times, 0.5):.1f} ms, "
        f"p95 {percentile(times, 0.95):.1f} ms, p99 {percentile(times, 0.99):.1f} ms, "
        f"max {max(times):.0f} ms; rows scored per query: mean {statistics.mean(scored):.0f}, "
        f"max {max(scored)} of {index.name_count:,}"
    )
    print(
        f"  the same in CPU time (what a query costs on an idle core): p50 "
        f"{percentile(cpu, 0.5):.1f} ms, p95 {percentile(cpu, 0.95):.1f} ms, "
        f"mean {statistics.mean(cpu):.1f} ms"
    )
    print(
        f"  machine load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )

    batch = (hits + misses[args.queries :])[: args.batch]
    for workers in (1, 2):
        t0 = time.perf_counter()
        index.screen_many(batch, workers=workers)
        elapsed = time.perf_counter() - t0
        print(
            f"batch of {len(batch):,} on {workers} process(es): {len(batch) / elapsed:,.0f} queries/s"
        )

    if not args.no_logic_v2:
        logic_v2_ratio(index, entities, latency_queries[:5])
    return 0


def logic_v2_ratio(index: ScreeningIndex, entities: list[ListEntity], queries: list) -> None:
    """nomenklatura's logic-v2 comparing one query with 5,000 candidates, against one query here."""
    try:
        import logging

        logging.disable(logging.WARNING)
        from followthemoney import model
        from nomenklatura.matching import LogicV2
        from nomenklatura.matching.types import ScoringConfig
    except ImportError:
        print(
            "logic-v2 comparison skipped: nomenklatura is not installed (pip install -e '.[bench]')"
        )
        return
    config = ScoringConfig.defaults()
    candidates = []
    for i, e in enumerate(entities[:5000]):
        proxy = model.make_entity(e.schema)
        proxy.id = f"c{i}"
        proxy.add("name", e.name)
        candidates.append(proxy)
    per_query = []
    for n, q in enumerate(queries):
        proxy = model.make_entity("Person")
        proxy.id = f"q{n}"
        proxy.add("name", q.name)
        t0 = time.perf_counter()
        for c in candidates:
            LogicV2.compare(proxy, c, config)
        per_query.append(time.perf_counter() - t0)
    ours = []
    for q in queries:
        t0 = time.perf_counter()
        index.screen(q)
        ours.append(time.perf_counter() - t0)
    theirs_ms = statistics.mean(per_query) * 1000
    ours_ms = statistics.mean(ours) * 1000
    print(
        f"logic-v2 brute force over 5,000 candidates: {theirs_ms:,.0f} ms per query; catchall over "
        f"{index.name_count:,} names: {ours_ms:.1f} ms per query ({theirs_ms / ours_ms:,.0f}x faster)"
    )


if __name__ == "__main__":
    sys.exit(main())
