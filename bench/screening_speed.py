"""Screening speed, reference path against fast path, on the same queries in one run.

    .venv/bin/python bench/screening_speed.py [--names 1000000] [--queries 2000] [--batch 4000]

Builds the 1,000,000-name index of bench/screening_scale.py once, loads rigour's name tables
once, then forks a fresh child per measurement so that each starts from the same state (the
caches as after the build and ``warm_up``, as a new worker's are): the reference path
(``ScreeningIndex(fast=False)``, Python sets and row-by-row loops) and the fast path (the
candidate stage on numpy arrays, module :mod:`catchall.core.screening.ranking`) screen the
same queries. Both break ties among equally good rows by row number. Prints, for each path,
the single-query latency (CPU time, what a query costs on an idle core, and wall time), the
batch throughput of ``index.screen_many`` on one and two processes (wall clock, and from the
CPU time of the processes: what the batch would reach on as many idle cores), the number of
queries whose results differ between the paths (decision, matches, scores: must be 0), and
PASS/FAIL against the goals of issue 15 (single-query p95 <= 20 ms of CPU, >= 2,000
queries/s on two processes, judged on the CPU-time figure). On a shared machine the
wall-clock figures are noisy: re-run on a quiet one.

The index memoises per word (module :mod:`catchall.core.screening.memo`) and ``screen_many``
screens a repeated query once, so a batch's speed depends on how much it repeats. The
generator's batch repeats no query string and few words; the bench prints how many distinct
query strings and words each batch holds, and measures the fast path also on a second batch
drawn, with replacement, from a quarter as many of the generator's queries (``--pool``): a
customer file or a day's stream of queries repeats names like that, but the figure is only as
good as that assumption, and the goal is judged on the batch with no repeated query string.
"""

from __future__ import annotations

import argparse
import os
import pickle
import random
import statistics
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from catchall.core.model import ScreeningQuery  # noqa: E402
from catchall.core.screening import ScreeningIndex  # noqa: E402
from catchall.core.screening.compiled import running, status  # noqa: E402
from screening_scale import DEFAULT_DATA, make_names, percentile, read_names  # noqa: E402

GOAL_P95_MS = 20.0
GOAL_BATCH_QPS = 2000.0
_INDEX: ScreeningIndex | None = None


def _latency(args: tuple[bool, list[ScreeningQuery]]):
    fast, queries = args
    index = _INDEX
    assert index is not None
    index.fast = fast
    for q in queries[:20]:  # as bench/screening_scale.py: warm a fresh process a little
        index.screen(q)
    wall, cpu, results = [], [], []
    for q in queries:
        t, c = time.perf_counter(), time.process_time()
        results.append(index.screen(q))
        cpu.append((time.process_time() - c) * 1000)
        wall.append((time.perf_counter() - t) * 1000)
    return wall, cpu, results


def _batch(args: tuple[bool, list[ScreeningQuery], int]):
    fast, queries, workers = args
    index = _INDEX
    assert index is not None
    index.fast = fast
    t, c = time.perf_counter(), _cpu()
    results = index.screen_many(queries, workers=workers)
    return time.perf_counter() - t, _cpu() - c, results


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (a batch's workers)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def in_child(func, args):
    """Run ``func(args)`` in a forked child of the built index (fresh caches each time; not a
    pool worker, which may not fork the batch's own workers)."""
    with tempfile.TemporaryFile() as out:
        pid = os.fork()
        if pid == 0:  # the child
            code = 0
            try:
                pickle.dump(func(args), out)
                out.flush()
            except BaseException:
                traceback.print_exc()
                code = 1
            os._exit(code)
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit("a measuring child failed (see above)")
        out.seek(0)
        return pickle.load(out)


def queries_for(data: Path, entities, n: int, seed: int = 2) -> list[ScreeningQuery]:
    """Perturbed UN names (a true answer is listed) and unseen recombinations, shuffled."""
    people, perturbed, _ = read_names(data)
    rng = random.Random(seed)
    seen = {e.name for e in entities}
    split = [p.split() for p in people if len(p.split()) >= 2]
    unseen: list[str] = []
    while len(unseen) < n:
        a, b = rng.choice(split), rng.choice(split)
        name = " ".join(b[:1] + a[1:])
        if name not in seen:
            unseen.append(name)
    out = [ScreeningQuery(name=x, schema="Person") for x in perturbed + unseen][:n]
    rng.shuffle(out)
    return out


def repetition(queries: list[ScreeningQuery]) -> str:
    words = [w for q in queries for w in q.name.lower().split()]
    return (
        f"{len({q.name for q in queries}):,} distinct query strings of {len(queries):,},"
        f" {len(set(words)):,} distinct words of {len(words):,}"
    )


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main(argv: list[str] | None = None) -> int:
    global _INDEX
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--names", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=2_000, help="queries for latency")
    parser.add_argument("--batch", type=int, default=4_000, help="queries for throughput")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--pool", type=float, default=0.25, help="the repeating batch's pool, share of --batch"
    )
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"benchmark data not found in {args.data}: skipped (set --data)")
        return 0
    people, _, companies = read_names(args.data)
    entities = make_names(people, companies, args.names)
    t = time.perf_counter()
    _INDEX = ScreeningIndex.build(entities)
    print(f"index: {_INDEX.name_count:,} name rows built in {time.perf_counter() - t:.0f} s")
    t = time.perf_counter()
    _INDEX.warm_up()  # rigour's name tables etc.: once per process, inherited by every fork
    print(
        f"warm-up (rigour's name tables, row arrays, patterns) once in {time.perf_counter() - t:.1f} s"
    )
    ran = running()
    print(
        f"compiled modules (scripts/compile.py): {sum(ran.values())} of {len(ran)} imported ran"
        " compiled" + "".join(f"; {m}: {status()[m]}" for m, c in ran.items() if not c)
    )
    queries = queries_for(args.data, entities, args.queries + args.batch)
    latency_q, batch_q = queries[: args.queries], queries[args.queries :]
    pool = batch_q[: max(1, int(len(batch_q) * args.pool))]
    rng = random.Random(3)
    repeating_q = [rng.choice(pool) for _ in batch_q]
    print(f"batch: {repetition(batch_q)}")
    print(f"repeating batch (drawn from {len(pool):,} of them): {repetition(repeating_q)}")
    print(
        f"machine load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        " (figures are only comparable on a quiet machine)"
    )

    p95 = {}
    results = {}
    for fast in (False, True):
        wall, cpu, res = in_child(_latency, (fast, latency_q))
        results[fast] = res
        p95[fast] = percentile(cpu, 0.95)
        print(
            f"{'fast' if fast else 'reference':>9} single query ({len(cpu)} queries): CPU p50 "
            f"{percentile(cpu, 0.5):.1f} ms, p95 {p95[fast]:.1f} ms, mean {statistics.mean(cpu):.1f} ms;"
            f" wall p50 {percentile(wall, 0.5):.1f} ms, p95 {percentile(wall, 0.95):.1f} ms"
        )
    single_diff = sum(a != b for a, b in zip(results[False], results[True], strict=True))
    print(f"single queries whose results differ between the paths: {single_diff}")

    qps = {}
    batch_results = {}
    for fast, workers in ((False, 2), (True, 1), (True, 2)):
        wall, cpu, res = in_child(_batch, (fast, batch_q, workers))
        batch_results[(fast, workers)] = res
        qps[(fast, workers)] = len(batch_q) * workers / cpu
        print(
            f"{'fast' if fast else 'reference':>9} batch of {len(batch_q):,} on {workers} "
            f"process(es): {qps[(fast, workers)]:,.0f} queries/s from CPU time ({cpu:.1f} s of"
            f" CPU), {len(batch_q) / wall:,.0f} queries/s wall"
        )
    batch_diff = sum(
        a != b for a, b in zip(batch_results[(False, 2)], batch_results[(True, 2)], strict=True)
    )
    print(f"batch queries whose results differ between the paths: {batch_diff}")

    wall, cpu, res = in_child(_batch, (True, repeating_q, 2))
    repeating_qps = len(repeating_q) * 2 / cpu
    print(
        f"     fast repeating batch of {len(repeating_q):,} on 2 process(es): {repeating_qps:,.0f}"
        f" queries/s from CPU time ({cpu:.1f} s of CPU), {len(repeating_q) / wall:,.0f} queries/s"
        " wall (fast because query strings and words repeat)"
    )
    by_query = dict(zip(batch_q, batch_results[(False, 2)], strict=True))
    repeating_diff = sum(by_query[q] != r for q, r in zip(repeating_q, res, strict=True))
    print(f"repeating batch results that differ from the reference path's: {repeating_diff}")

    print("\nGoals (issue 15):")
    same = single_diff == 0 and batch_diff == 0 and repeating_diff == 0
    print(f"  {verdict(same)}: same results on both paths")
    print(
        f"  {verdict(p95[True] <= GOAL_P95_MS)}: single-query p95 {p95[True]:.1f} ms CPU <= 20 ms"
    )
    print(
        f"  {verdict(qps[(True, 2)] >= GOAL_BATCH_QPS)}: batch on 2 processes "
        f"{qps[(True, 2)]:,.0f} queries/s (CPU time) >= 2,000, no repeated query string"
    )
    print(
        f"  (repeating batch on 2 processes: {repeating_qps:,.0f} queries/s, not the goal's figure)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
