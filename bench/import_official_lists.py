"""Import the official sanctions files and print speed, peak memory and counts per file.

    PYTHONPATH=src .venv/bin/python bench/import_official_lists.py [--dir DIR] [--big-mb 120]

Reads every file of ``DIR`` (default ``../shared/data/lists/official`` from the project root,
present only in the development setup) with the format detected from its content, each in its
own process so that its peak resident memory (``ru_maxrss``) is its own. With ``--big-mb N``
it also writes a UN consolidated list of about N MB (the real file's individuals repeated with
new ids) and imports it, to show that the XML is streamed: memory grows with the entities
produced, not with the size of the XML tree. This is a benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = ROOT / ".." / "shared" / "data" / "lists" / "official"


def one(path: str) -> None:
    """Child process: import one file, print its figures as JSON."""
    from catchall.core.screening.importers import detect_format, read_list
    from catchall.core.screening.importers.clean import country_from_name

    warm = time.perf_counter()
    country_from_name("Iran")  # rigour's territory table: loaded once per process
    warm = time.perf_counter() - warm
    start = time.perf_counter()
    fmt = detect_format(path)
    report = read_list(path, fmt, "bench")
    seconds = time.perf_counter() - start
    entities = report.entities
    print(
        json.dumps(
            {
                "file": Path(path).name,
                "mb": Path(path).stat().st_size / 1e6,
                "format": report.format,
                "read": report.read,
                "imported": report.imported,
                "skipped": report.skipped,
                "context": report.non_party,
                "warnings": len(report.warnings) + report.warnings_omitted,
                "seconds": seconds,
                "warm_up": warm,
                "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "with_birth_date": sum("birthDate" in e.properties for e in entities),
                "with_nationality": sum("nationality" in e.properties for e in entities),
                "with_document": sum(
                    bool({"passportNumber", "idNumber"} & e.properties.keys()) for e in entities
                ),
                "non_latin_aliases": sum(
                    any(any(ord(c) > 0x24F for c in a) for a in e.aliases) for e in entities
                ),
            }
        )
    )


def big_un_file(source: Path, target: Path, megabytes: int) -> Path:
    """A UN consolidated list of about ``megabytes`` MB: the individuals repeated, new ids."""
    text = source.read_text(encoding="utf-8")
    head = text[: text.index("<INDIVIDUALS>") + len("<INDIVIDUALS>\n")]
    people = re.findall(r"    <INDIVIDUAL>.*?</INDIVIDUAL>\n", text, re.S)
    tail = "  </INDIVIDUALS>\n  <ENTITIES/>\n</CONSOLIDATED_LIST>\n"
    size, copy = len(head), 0
    with target.open("w", encoding="utf-8") as out:
        out.write(head)
        while size < megabytes * 1_000_000:
            copy += 1
            for person in people:
                block = re.sub(
                    r"<DATAID>(\d+)</DATAID>", rf"<DATAID>\g<1>-{copy}</DATAID>", person, count=1
                )
                out.write(block)
                size += len(block)
        out.write(tail)
    return target


def run(path: Path) -> dict:
    child = subprocess.run(
        [sys.executable, __file__, "--one", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if child.returncode:
        return {"file": path.name, "error": child.stderr.strip().splitlines()[-1:]}
    return json.loads(child.stdout)


def show(row: dict) -> None:
    if "error" in row:
        print(f"{row['file']:<45} error: {row['error']}")
        return
    rate = row["read"] / row["seconds"] if row["seconds"] else 0
    print(
        f"{row['file']:<45} {row['format']:<18} {row['mb']:7.1f} MB  "
        f"read {row['read']:>7,} imported {row['imported']:>7,} skipped {row['skipped']:>4} "
        f"context {row['context']:>6,}  {rate:>8,.0f} records/s (+{row['warm_up']:.1f} s start-up)  "
        f"peak {row['peak_mb']:6.0f} MB  "
        f"DOB {row['with_birth_date']:>6,} nat. {row['with_nationality']:>6,} "
        f"docs {row['with_document']:>6,} non-Latin {row['non_latin_aliases']:>5,}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--big-mb", type=int, default=0)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one(args.one)
        return
    folder = args.dir.resolve()
    if not folder.is_dir():
        sys.exit(f"no official list files at {folder} (only present in the development setup)")
    for path in sorted(p for p in folder.iterdir() if p.suffix in (".xml", ".csv", ".gz")):
        show(run(path))
    if args.big_mb:
        un = next(folder.glob("un-sc-consolidated-*.xml"), None)
        if un is None:
            sys.exit("no UN consolidated list to scale up")
        with tempfile.TemporaryDirectory() as tmp:
            big = big_un_file(un, Path(tmp) / f"un-consolidated-x{args.big_mb}mb.xml", args.big_mb)
            show(run(big))


if __name__ == "__main__":
    main()
