"""Search relevance: does `catchall controls search` put the right entry in its top 3 for
products described as catalogues describe them?

.venv/bin/python bench/search_relevance.py [--csv tests/fixtures/search/trade_descriptions.csv]
                                           [--misses] [--limit N]

Reads the labelled set (description, expected entry ids - any of them is right - and the
catalogue style the description imitates), asks the one search service for each description
and prints the top-1 and top-3 rates (an answer is right when it is an expected entry or one of
its sub-items; the count of expected ids themselves is printed too) and, for each miss, what came back instead. Runs on a
private SQLite database in a temporary CATCHALL_HOME (or the DATABASE_URL given); the index
is built on the first search. Prints figures; asserts nothing (target: top-3 >= 90 %).
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "tests" / "fixtures" / "search" / "trade_descriptions.csv"


@dataclass(frozen=True)
class Labelled:
    description: str
    expected: tuple[str, ...]
    style: str


def within(got: str, expected: tuple[str, ...]) -> bool:
    """Whether an answer is one of the expected entries or a sub-item of one (2B001.b.2 is part
    of 2B001.b: the exporter is pointed at the right entry, down to the paragraph)."""
    return any(got == e or got.startswith(e + ".") for e in expected)


@dataclass
class Report:
    total: int = 0
    top1: int = 0
    top3: int = 0
    top3_exact: int = 0  # the stricter count: one of the expected ids itself in the top 3
    misses: list[tuple[Labelled, list[str]]] = field(default_factory=list)

    @property
    def top1_rate(self) -> float:
        return self.top1 / self.total if self.total else 0.0

    @property
    def top3_rate(self) -> float:
        return self.top3 / self.total if self.total else 0.0


def read_labelled(path: Path = LABELLED) -> list[Labelled]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            Labelled(r["description"], tuple(r["expected"].split(";")), r["style"])
            for r in csv.DictReader(fh)
        ]


def evaluate(rows: list[Labelled], search: Callable[[str], list[str]]) -> Report:
    """Rates of ``search`` (description -> entry ids, best first) on the labelled rows."""
    report = Report()
    for row in rows:
        got = search(row.description)
        report.total += 1
        if got[:1] and within(got[0], row.expected):
            report.top1 += 1
        if any(g in row.expected for g in got[:3]):
            report.top3_exact += 1
        if any(within(g, row.expected) for g in got[:3]):
            report.top3 += 1
        else:
            report.misses.append((row, got[:5]))
    return report


def print_report(report: Report, seconds: float, show_misses: bool = True) -> None:
    print(f"labelled descriptions: {report.total}")
    print(f"top-1: {report.top1}/{report.total} = {report.top1_rate:.1%}")
    print(f"top-3: {report.top3}/{report.total} = {report.top3_rate:.1%}  (target >= 90 %)")
    print(
        f"top-3, counting only the expected ids themselves (not their sub-items): "
        f"{report.top3_exact}/{report.total} = {report.top3_exact / max(report.total, 1):.1%}"
    )
    print(f"time: {seconds:.2f} s ({seconds / max(report.total, 1) * 1000:.0f} ms per search)")
    if show_misses and report.misses:
        print("\nmisses (not in the top 3):")
        for row, got in report.misses:
            print(f"- {row.description!r} [{row.style}]")
            print(f"    expected any of {', '.join(row.expected)}; got {', '.join(got) or '-'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=LABELLED)
    parser.add_argument("--limit", type=int, default=None, help="only the first N rows")
    parser.add_argument("--no-misses", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("CATCHALL_HOME", tempfile.mkdtemp(prefix="catchall-bench-search-"))
    sys.path.insert(0, str(ROOT / "src"))
    from catchall.web.bootstrap import prepare_database

    prepare_database()
    from catchall.web.classification.search import search_controls

    rows = read_labelled(args.csv)[: args.limit]
    search_controls("warm up the index")
    started = time.perf_counter()
    report = evaluate(rows, lambda text: [h.entry for h in search_controls(text, limit=10)])
    print_report(report, time.perf_counter() - started, not args.no_misses)


if __name__ == "__main__":
    main()
