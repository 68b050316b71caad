"""Re-screening 10,000 open cases after a list import, as a job, while the web answers pages.

.venv/bin/python bench/rescreen_jobs.py [--cases 10000] [--entities 2000] [--workers 2]

A fresh SQLite database in a temporary data folder gets the cases (bulk_create: each under
review with an end user and a consignee); a list of ``--entities`` entities, a few of them
resembling parties of the cases, is imported; the import's commit submits the re-screening job.
Jobs run where the settings say: embedded threads in this process without CATCHALL_BROKER_URL,
else ``--workers`` Celery workers (``catchall worker``) started here. Meanwhile a thread
requests a case page (/cases/<id>/ as an officer) back to back. Prints the job's time, cases per
second, the parts, the alerts written, and the page's p50/p95 before and during the job.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

NAMES = [
    "Neckar Umformtechnik GmbH",
    "Busan Ceramic Components Ltd",
    "Rheinland Metallbau AG",
    "Tanmia Precision Works",
    "Sao Paulo Avionics Ltda",
    "Hanoi Machine Tools JSC",
    "Ankara Kompozit Sanayi",
    "Osaka Fine Ceramics KK",
]
HITS = ["Kavoshgaran Sanat Pars Company", "Shahid Bakeri Industrial Group"]


def _setup(home: Path) -> None:
    os.environ["CATCHALL_HOME"] = str(home)
    os.environ.pop("DATABASE_URL", None)
    from catchall.web.bootstrap import prepare_database

    prepare_database()


def _fill(n_cases: int):
    from django.utils import timezone

    from catchall.web.accounts.models import Organisation
    from catchall.web.cases.models import ApplicationVersion, Case
    from catchall.web.demo import ensure_user

    authority = Organisation.objects.create(name="Authority", kind="authority", country="DE")
    firm = Organisation.objects.create(name="Firm", kind="exporter", country="DE")
    officer = ensure_user("bench-officer", "licensing_officer", authority)
    exporter = ensure_user("bench-exporter", "exporter", firm)
    now = timezone.now()
    rnd = random.Random(7)
    cases = Case.objects.bulk_create(
        [
            Case(
                reference=f"BENCH-{i:06d}",
                organisation=firm,
                created_by=exporter,
                created_at=now,
                status="under_review",
                status_changed_at=now,
                submitted_at=now,
                destination="IR",
            )
            for i in range(n_cases)
        ],
        batch_size=2000,
    )
    versions = []
    for i, case in enumerate(cases):
        end_user = HITS[i % 2] if i % 500 == 0 else f"{rnd.choice(NAMES)} {i}"
        versions.append(
            ApplicationVersion(
                case=case,
                number=1,
                created_at=now,
                created_by=exporter,
                data={
                    "destination": "IR",
                    "parties": [
                        {"role": "end_user", "name": end_user, "country": "IR"},
                        {"role": "consignee", "name": rnd.choice(NAMES), "country": "AE"},
                    ],
                    "items": [{"kind": "metrology.cmm", "description": "CMM"}],
                },
            )
        )
    ApplicationVersion.objects.bulk_create(versions, batch_size=2000)
    return officer, cases


def _list_file(path: Path, n: int) -> None:
    rnd = random.Random(11)
    syll = ["ka", "vo", "sha", "hid", "ra", "man", "tel", "por", "zan", "qi", "lu", "dar"]
    rows = ["id,name,schema,aliases,countries"]
    for i in range(n):
        name = " ".join("".join(rnd.choices(syll, k=3)).title() for _ in range(3))
        rows.append(f"b{i},{name} Trading,Company,,IR")
    rows += [f"hit{i},{name},Company,,IR" for i, name in enumerate(HITS)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def _pages(client, urls, stop: threading.Event, out: list[float]) -> None:
    i = 0
    while not stop.is_set():
        t = time.perf_counter()
        r = client.get(urls[i % len(urls)])
        out.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, r.status_code
        i += 1


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))] if xs else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--entities", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=2, help="Celery workers (with a broker)")
    args = ap.parse_args()
    home = Path(tempfile.mkdtemp(prefix="catchall-bench-rescreen-"))
    _setup(home)
    from django.conf import settings
    from django.test import Client

    from catchall.web.cases.models import ScreeningAlert
    from catchall.web.jobs.models import Job
    from catchall.web.jobs.services import wait
    from catchall.web.screening.index import current_index
    from catchall.web.screening.services import list_import

    t = time.perf_counter()
    officer, cases = _fill(args.cases)
    print(f"{args.cases:,} open cases created in {time.perf_counter() - t:.1f} s")
    worker = None
    if settings.CATCHALL_JOBS_MODE == "celery":
        worker = subprocess.Popen(
            [sys.executable, "-c", "from catchall.cli import main; main()", "worker"]
            + ["--concurrency", str(args.workers), "--loglevel", "WARNING"],
            env=os.environ.copy(),
        )
        time.sleep(8)
    mode = settings.CATCHALL_JOBS_MODE
    where = f"{args.workers} Celery workers" if worker else "embedded threads"
    print(f"jobs: {mode} ({where}, {settings.CATCHALL_JOBS_THREADS} threads if embedded)")
    current_index().warm_up()
    client = Client()
    client.force_login(officer)
    urls = [f"/cases/{c.pk}/" for c in random.Random(3).sample(cases, 20)]
    for url in urls:  # the first requests load templates and the like: not measured
        client.get(url)
    before: list[float] = []
    stop = threading.Event()
    th = threading.Thread(target=_pages, args=(client, urls, stop, before))
    th.start()
    time.sleep(5)
    stop.set()
    th.join()
    lst = home / "watch.csv"
    _list_file(lst, args.entities)
    during: list[float] = []
    stop = threading.Event()
    th = threading.Thread(target=_pages, args=(client, urls, stop, during))
    t0 = time.perf_counter()
    list_import(lst, format="csv", name="bench-watch", kind="denial", actor="bench")
    t_import = time.perf_counter() - t0
    th.start()
    job = Job.objects.filter(kind="cases.rescreen").latest("pk")
    job = wait(job, timeout=3600, poll=0.5)
    elapsed = time.perf_counter() - t0
    stop.set()
    th.join()
    if worker:
        worker.terminate()
        worker.wait(timeout=60)
    print(f"list import ({args.entities:,} entities): {t_import:.1f} s")
    print(
        f"re-screening job {job.pk}: {job.state}, {job.total} parts, {elapsed:.1f} s from the "
        f"import to the last part ({args.cases / elapsed:,.0f} cases/s); "
        f"{ScreeningAlert.objects.count():,} alerts; {job.result and job.result.get('summary')}"
    )
    print(
        f"case page before the job: p50 {statistics.median(before):.0f} ms, "
        f"p95 {_pct(before, 0.95):.0f} ms ({len(before)} requests)"
    )
    print(
        f"case page during the job: p50 {statistics.median(during):.0f} ms, "
        f"p95 {_pct(during, 0.95):.0f} ms ({len(during)} requests)"
    )


if __name__ == "__main__":
    main()
