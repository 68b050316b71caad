"""50 concurrent users on the case pages, with 10,000 cases loaded; SQLite and PostgreSQL.

.venv/bin/python bench/cases_load.py [--cases 10000] [--users 50] [--seconds 20]
                                      [--db sqlite,postgres] [--threads 8] [--processes 2]
                                      [--think 2] [--paced-seconds 60]

For each database: a fresh database is filled with the ORM's bulk_create (organisations, users
of every role, cases in realistic states over the past year, their application versions, one
stored assessment run each, issued letters for closed cases and a valid audit hash chain);
the app is served as ``catchall serve`` serves it (waitress, 8 threads, ``--processes`` processes,
default 1: ``python -m catchall.web.server``) in a subprocess on 127.0.0.1; then 50 threads each log in with
their own account (a real POST to /login/) and, endpoint by endpoint, request for a fixed
time: the queue page (/cases/, first pages), the case list API (/api/cases) and case detail
pages (/cases/<id>/ of cases the user may see), back to back: that measures saturation, and
the table's req/s is the throughput. Then a paced run: every user draws pages in a mix and
thinks ``--think`` seconds (on average) between requests, as people do; its p95 is held
against the goal of issue 15 (p95 <= 200 ms at 50 users with 2 s think time) and printed as
PASS/FAIL per database at the end. Prints p50/p95 latency, requests per second and the SQL
queries each page costs; asserts nothing.

PostgreSQL: DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres; any database
on the server will do, e.g. .../test) names the server; the benchmark creates the database catchall_bench there and drops it afterwards.
It is skipped, with a message, when no server answers. Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

HOST = "127.0.0.1"
PG_SERVER = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
PG_BENCH_DB = "catchall_bench"
PASSWORD = "bench-password"
GOAL_P95_MS = 200  # issue 15: the web at 50 users with 2 s think time

# Share of cases per status (past year); open cases are recent, closed ones spread out.
STATUS_MIX = {
    "draft": 0.04,
    "submitted": 0.08,
    "under_review": 0.14,
    "information_requested": 0.05,
    "classification_confirmed": 0.05,
    "recommended": 0.04,
    "approved": 0.02,
    "refused": 0.01,
    "appealed": 0.01,
    "licence_issued": 0.45,
    "refusal_sent": 0.06,
    "withdrawn": 0.05,
}
# The workflow path that leads to each status (audit events written per case).
PATH = [
    "created",
    "submit",
    "start_review",
    "confirm_classification",
    "recommend",
    "decide",
]
PATH_LEN = {
    "draft": 1,
    "submitted": 2,
    "under_review": 3,
    "information_requested": 4,
    "classification_confirmed": 4,
    "recommended": 5,
    "approved": 6,
    "refused": 6,
    "appealed": 8,
    "licence_issued": 7,
    "refusal_sent": 7,
    "withdrawn": 3,
}
STAFF = {"licensing_officer": 25, "technical_expert": 5, "senior_officer": 5, "partner_liaison": 5}
EXPORTER_ORGS = 20

ITEMS = [
    (
        "CNC flow-forming machine",
        "machine_tool.flow_forming",
        {"rollers": 3, "contouring_axes": 3, "nc_capable": True, "roller_force": "100 kN"},
    ),
    (
        "5-axis machining centre",
        "machine_tool.milling",
        {
            "nc_capable": True,
            "linear_axes": 3,
            "rotary_axes": 2,
            "contouring_axes": 5,
            "rotary_contouring_axes": 2,
            "positioning_repeatability": "0.9 um",
            "axis_travel": "800 mm",
        },
    ),
    (
        "3-axis vertical machining centre",
        "machine_tool.milling",
        {
            "nc_capable": True,
            "linear_axes": 3,
            "rotary_axes": 0,
            "contouring_axes": 3,
            "positioning_repeatability": "12 um",
            "axis_travel": "600 mm",
        },
    ),
    (
        "Hot isostatic press",
        "press.isostatic",
        {
            "max_pressure": "150 MPa",
            "max_temperature": "1200 degC",
            "chamber_inner_diameter": "400 mm",
        },
    ),
    (
        "Filament winding machine",
        "composites.filament_winding",
        {"contouring_axes": 3, "nc_capable": True},
    ),
    ("Coordinate measuring machine", "metrology.cmm", {}),
    (
        "CNC lathe",
        "machine_tool.turning",
        {
            "nc_capable": True,
            "linear_axes": 2,
            "rotary_axes": 0,
            "contouring_axes": 2,
            "positioning_repeatability": "4 um",
            "axis_travel": "1000 mm",
        },
    ),
]
DESTINATIONS = [
    ("KR", "Changwon Precision Ltd"),
    ("BR", "Sao Jose Aeroespacial Ltda"),
    ("IN", "Pune Tooling Pvt Ltd"),
    ("TR", "Ankara Makina A.S."),
    ("AE", "Jebel Ali Machinery FZE"),
    ("CN", "Xi'an Hengtong Machinery Co"),
    ("PK", "Lahore Engineering Works"),
    ("IR", "Shahid Bakeri Industrial Group"),
    ("NO", "Stavanger Valve Works AS"),
    ("US", "Ohio Forming Inc"),
]


# --------------------------------------------------------------------------- loading (child)


def load(n_cases: int, n_users: int, plan_path: Path, seed: int) -> None:
    """Fill the configured database (runs in a child process with the backend's environment)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catchall.web.settings")
    django.setup()
    import datetime as dt
    import hashlib

    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from catchall.core.assessment.application import search_text
    from catchall.core.workflow import OPEN_STATES
    from catchall.web.accounts.models import Organisation, Profile
    from catchall.web.assessment.services import assess_application
    from catchall.web.audit.models import AuditChainHead, AuditEvent
    from catchall.web.audit.services import GENESIS, _fields, _json_safe, event_hash, verify_chain
    from catchall.web.cases.models import ApplicationVersion, AssessmentRun, Case, CaseDocument
    from catchall.web.jobs.pdfs import html_to_pdf

    rng = random.Random(seed)
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"  migrated in {time.perf_counter() - t0:.1f} s ({connection.vendor})", flush=True)

    t0 = time.perf_counter()
    User = get_user_model()
    authority = Organisation.objects.create(
        name="Bench Export Control Office", kind="authority", country="DE"
    )
    orgs = Organisation.objects.bulk_create(
        [
            Organisation(name=f"Bench Exporter {i:02d} GmbH", kind="exporter", country="DE")
            for i in range(EXPORTER_ORGS)
        ]
    )
    hashed = make_password(PASSWORD)  # one hash for all: the real hasher, as in production
    accounts: list[tuple[str, str, Organisation]] = []
    for role, k in STAFF.items():
        accounts += [(f"{role}-{i:02d}", role, authority) for i in range(k)]
    accounts += [(f"exporter-{i:02d}", "exporter", orgs[i]) for i in range(EXPORTER_ORGS)]
    users = User.objects.bulk_create([User(username=u, password=hashed) for u, _, _ in accounts])
    Profile.objects.bulk_create(
        [
            Profile(user=u, role=r, organisation=o, team="licensing")
            for u, (_, r, o) in zip(users, accounts, strict=True)
        ]
    )
    officers = [u for u, (_, r, _) in zip(users, accounts, strict=True) if r == "licensing_officer"]
    exporters = {o.pk: u for u, (_, r, o) in zip(users, accounts, strict=True) if r == "exporter"}

    # A handful of real assessments, each stored again on the cases like it.
    templates = []
    for i, (desc, kind, params) in enumerate(ITEMS):
        for dest, end_user in DESTINATIONS[i % 3 :: 3]:
            data = {
                "exporter": {"name": "Bench Exporter GmbH", "country": "DE"},
                "destination": dest,
                "parties": [{"role": "end_user", "name": end_user, "country": dest}],
                "end_use": "Series production of industrial parts",
                "items": [
                    {
                        "description": desc,
                        "kind": kind,
                        "parameters": params,
                        "quantity": rng.randint(1, 3),
                    }
                ],
            }
            templates.append(
                (data, assess_application(data, actor=None, context="bench").as_dict())
            )
    result_kb = statistics.mean(len(json.dumps(r)) for _, r in templates) / 1024
    print(
        f"  {len(templates)} template assessments ({result_kb:.0f} KB JSON each) in {time.perf_counter() - t0:.1f} s",
        flush=True,
    )

    t0 = time.perf_counter()
    now = timezone.now()
    statuses = rng.choices(list(STATUS_MIX), weights=list(STATUS_MIX.values()), k=n_cases)
    cases, meta = [], []
    counters: dict[int, int] = {}
    for status in statuses:
        open_ = status in OPEN_STATES or status == "draft"
        age = rng.uniform(0, 60) if open_ else rng.uniform(20, 365)
        created = now - dt.timedelta(days=age, minutes=rng.randint(0, 1440))
        submitted = None if status == "draft" else created + dt.timedelta(hours=rng.uniform(1, 72))
        decided = (
            submitted + dt.timedelta(days=rng.uniform(3, 60))
            if PATH_LEN[status] >= 6 and submitted
            else None
        )
        if decided and decided > now:
            decided = now - dt.timedelta(hours=1)
        closed = (
            (decided or created + dt.timedelta(days=5))
            if status in ("licence_issued", "refusal_sent", "withdrawn")
            else None
        )
        org = rng.choice(orgs)
        data, result = rng.choice(templates)
        counters[created.year] = counters.get(created.year, 0) + 1
        assigned = rng.choice(officers) if PATH_LEN[status] >= 3 and status != "withdrawn" else None
        cases.append(
            Case(
                reference=f"CA-{created.year}-{counters[created.year]:05d}",
                organisation=org,
                created_by=exporters[org.pk],
                created_at=created,
                status=status,
                status_changed_at=closed or decided or submitted or created,
                submitted_at=submitted,
                decided_at=decided,
                closed_at=closed,
                due_at=submitted + dt.timedelta(days=28) if submitted else None,
                assigned_to=assigned,
                lock_version=PATH_LEN[status],
                destination=data["destination"],
                summary=f"{data['items'][0]['description']} to {data['destination']}",
                search_text=search_text(data),
                auto_recommendation=result["recommendation"] if PATH_LEN[status] >= 3 else "",
                decision={
                    "approved": "approve",
                    "licence_issued": "approve",
                    "refused": "deny",
                    "refusal_sent": "deny",
                    "appealed": "deny",
                }.get(status, ""),
                new_screening_hits=1 if status in OPEN_STATES and rng.random() < 0.02 else 0,
            )
        )
        meta.append((data, result))
    with transaction.atomic():
        Case.objects.bulk_create(cases, batch_size=2000)
        versions = []
        for c, (data, _) in zip(cases, meta, strict=True):
            n_versions = 2 if rng.random() < 0.15 else 1
            for number in range(1, n_versions + 1):
                versions.append(
                    ApplicationVersion(
                        case=c,
                        number=number,
                        data=data,
                        created_at=c.created_at,
                        created_by=c.created_by,
                        reason="created" if number == 1 else "end use clarified",
                    )
                )
        ApplicationVersion.objects.bulk_create(versions, batch_size=2000)
        latest = {v.case_id: v for v in versions}
        runs = [
            AssessmentRun(
                case=c,
                version=latest[c.pk],
                run_at=c.submitted_at + dt.timedelta(hours=2),
                run_by_label=c.assigned_to.username if c.assigned_to else "system",
                recommendation=result["recommendation"],
                licence_required=result["licence_required"]["required"],
                catch_all_invoked=result["catch_all"]["invoked"],
                result=result,
            )
            for c, (_, result) in zip(cases, meta, strict=True)
            if c.submitted_at
        ]
        AssessmentRun.objects.bulk_create(runs, batch_size=1000)
    print(
        f"  {len(cases)} cases, {len(versions)} versions, {len(runs)} assessment runs in {time.perf_counter() - t0:.1f} s",
        flush=True,
    )

    t0 = time.perf_counter()
    pdf = html_to_pdf("<h1>Individual export licence</h1><p>Bench document.</p>" * 20)
    docs = [
        CaseDocument(
            case=c,
            kind="licence" if c.status == "licence_issued" else "refusal",
            number=f"{'LIC' if c.status == 'licence_issued' else 'REF'}-{c.reference}-1",
            created_at=c.closed_at,
            created_by=c.assigned_to or officers[0],
            html=f"<html><body><h1>{c.reference}</h1>{'<p>text</p>' * 200}</body></html>",
            pdf=pdf,
            sha256=hashlib.sha256(pdf).hexdigest(),
        )
        for c in cases
        if c.status in ("licence_issued", "refusal_sent")
    ]
    CaseDocument.objects.bulk_create(docs, batch_size=500)
    print(
        f"  {len(docs)} issued documents ({len(pdf) // 1024} KB PDF each) in {time.perf_counter() - t0:.1f} s",
        flush=True,
    )

    t0 = time.perf_counter()
    head, _ = AuditChainHead.objects.get_or_create(id=1)  # the assessments above were audited
    events, prev, seq = [], head.hash or GENESIS, head.seq
    for c in sorted(cases, key=lambda c: c.created_at):
        steps = PATH[: min(PATH_LEN[c.status], len(PATH))]
        if c.status in ("licence_issued", "refusal_sent"):
            steps = [*steps, "issue_licence" if c.status == "licence_issued" else "send_refusal"]
        if c.status == "withdrawn":
            steps = [*steps[:2], "withdraw"]
        at = c.created_at
        for step in steps:
            seq += 1
            at = at + dt.timedelta(hours=rng.uniform(1, 48))
            actor = (
                c.created_by
                if step in ("created", "submit", "withdraw")
                else (c.assigned_to or officers[0])
            )
            after = _json_safe({"status": step})
            details = _json_safe({"reference": c.reference})
            fields = _fields(
                seq,
                at,
                actor.pk,
                actor.username,
                f"case.{step}",
                "case",
                c.pk,
                None,
                after,
                details,
            )
            digest = event_hash(prev, fields)
            events.append(
                AuditEvent(
                    seq=seq,
                    at=at,
                    actor_id=actor.pk,
                    actor_label=actor.username,
                    action=f"case.{step}",
                    object_type="case",
                    object_id=str(c.pk),
                    before=None,
                    after=after,
                    details=details,
                    prev_hash=prev,
                    hash=digest,
                )
            )
            prev = digest
    AuditEvent.objects.bulk_create(events, batch_size=2000)
    AuditChainHead.objects.update_or_create(id=1, defaults={"seq": seq, "hash": prev})
    report = verify_chain()
    print(
        f"  {len(events)} audit events (chain verified: {report.ok}) in {time.perf_counter() - t0:.1f} s",
        flush=True,
    )

    # Who the virtual users are and which cases each may open.
    by_org: dict[int, list[int]] = {}
    for c in cases:
        by_org.setdefault(c.organisation_id, []).append(c.pk)
    open_ids = [c.pk for c in cases if c.status in OPEN_STATES]
    closed_ids = [c.pk for c in cases if c.status not in OPEN_STATES and c.status != "draft"]
    staff = [(u, r) for u, r, _ in accounts if r != "exporter"]
    n_exporters = max(1, n_users // 5)
    chosen = [(u, r) for u, r in staff[: n_users - n_exporters]] + [
        (f"exporter-{i:02d}", "exporter") for i in range(n_exporters)
    ]
    plan = []
    for username, role in chosen:
        if role == "exporter":
            org_id = orgs[int(username.rsplit("-", 1)[1])].pk
            plan.append(
                {"username": username, "role": role, "open": by_org.get(org_id, []), "closed": []}
            )
        else:
            plan.append(
                {"username": username, "role": role, "open": open_ids, "closed": closed_ids}
            )
    plan_path.write_text(
        json.dumps({"users": plan, "queries": query_counts(User, chosen, open_ids)})
    )


def query_counts(User, chosen, open_ids) -> dict[str, int]:
    """SQL queries per request of each measured page, for one officer (N+1 shows here), in
    the steady state of a signed-in session."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(
        User.objects.get(username=next(u for u, r in chosen if r == "licensing_officer"))
    )
    out = {}
    client.get("/cases/")  # the first page after signing in also renews the session: not counted
    for name, url in (
        ("queue", "/cases/"),
        ("api", "/api/cases"),
        ("detail", f"/cases/{open_ids[0]}/"),
    ):
        with CaptureQueriesContext(connection) as q:
            status = client.get(url).status_code
        out[name] = len(q.captured_queries) if status == 200 else -status
    return out


# --------------------------------------------------------------------------- driving (parent)


class Session:
    """One user's keep-alive connection with its cookies (http.client: no dependency)."""

    def __init__(self, port: int):
        self.port = port
        self.conn = http.client.HTTPConnection(HOST, port, timeout=60)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None, headers: dict | None = None):
        h = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), **(headers or {})}
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=body, headers=h)
                resp = self.conn.getresponse()
                data = resp.read()
                break
            except (TimeoutError, http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
                if attempt:
                    raise
        for value in resp.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return resp.status, data

    def login(self, username: str) -> None:
        status, page = self.request("GET", "/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        body = urllib.parse.urlencode(
            {
                "username": username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token,
                "next": "/cases/",
            }
        )
        status, _ = self.request(
            "POST", "/login/", body, {"Content-Type": "application/x-www-form-urlencoded"}
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"{username} could not log in (HTTP {status})")


def urls_for(endpoint: str, user: dict, rng: random.Random):
    if endpoint == "queue":
        return "/cases/" if rng.random() < 0.7 else f"/cases/?page={rng.randint(2, 10)}"
    if endpoint == "api":
        return "/api/cases"
    pool = user["closed"] if user["closed"] and rng.random() < 0.2 else user["open"]
    return f"/cases/{rng.choice(pool)}/"


def quantiles(done: list[float]) -> tuple[float, float]:
    """p50 and p95 in milliseconds (NaN when nothing succeeded)."""
    if not done:
        return float("nan"), float("nan")
    q = statistics.quantiles(done, n=100, method="inclusive") if len(done) > 1 else [done[0]] * 99
    return q[49] * 1000, q[94] * 1000


def drive(
    port: int, plan: dict, seconds: float, solo_seconds: float, think: float, paced_seconds: float
) -> dict[str, float]:
    """Log every user in, then the saturation table and the paced run; returns the paced
    p95 per endpoint (for the PASS/FAIL summary)."""
    users = plan["users"]
    sessions = [Session(port) for _ in users]
    t0 = time.perf_counter()
    errors: list[str] = []

    def log_in(i):
        try:
            sessions[i].login(users[i]["username"])
        except Exception as exc:  # reported below; the run goes on with the others
            errors.append(str(exc))

    threads = [threading.Thread(target=log_in, args=(i,)) for i in range(len(users))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(
        f"  {len(users) - len(errors)} users logged in concurrently in {time.perf_counter() - t0:.1f} s"
        + (f"; {len(errors)} failed: {errors[0]}" if errors else ""),
        flush=True,
    )

    print(
        f"  {'endpoint':<26} {'users':>5} {'requests':>8} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7} {'req/s':>6} {'queries':>7}"
    )
    for endpoint, label in (
        ("queue", "queue page /cases/"),
        ("api", "case list API /api/cases"),
        ("detail", "case detail /cases/<id>/"),
    ):
        # One user alone first (the cost of a request), then every user at once.
        for n in (1, len(users)) if solo_seconds else (len(users),):
            done, failed, elapsed = measure(
                endpoint, users[:n], sessions[:n], solo_seconds if n == 1 else seconds
            )
            p50, p95 = quantiles(done)
            print(
                f"  {label:<26} {n:>5} {len(done):>8} {failed:>6} {p50:>7.0f} {p95:>7.0f} {len(done) / elapsed:>6.1f} {plan['queries'][endpoint]:>7}",
                flush=True,
            )
    paced: dict[str, float] = {}
    if not paced_seconds or not think:
        return paced
    print(
        f"  paced: {len(users)} users, think time {think:.1f} s (0.5x..1.5x), {paced_seconds:.0f} s,"
        " pages drawn 40 % queue, 20 % API, 40 % detail"
    )
    done, failed, elapsed = measure("mix", users, sessions, paced_seconds, think)
    p50, p95 = quantiles(done)
    paced["p95"], paced["errors"], paced["requests"] = p95, failed, len(done)
    print(
        f"  {'paced mix':<26} {len(users):>5} {len(done):>8} {failed:>6} {p50:>7.0f} {p95:>7.0f} {len(done) / elapsed:>6.1f}",
        flush=True,
    )
    return paced


def measure(
    endpoint: str,
    users: list[dict],
    sessions: list[Session],
    seconds: float,
    think: float = 0.0,
):
    """Each user requests the endpoint for ``seconds``: back to back (``think`` 0, saturation)
    or pausing a think time between requests (uniform 0.5x..1.5x ``think``, first request at
    a random moment, so users do not march in step). Endpoint "mix" draws queue, API and
    detail pages 40/20/40. Returns (latencies, errors, elapsed)."""
    latencies: list[float] = []
    failed = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def work(i):
        rng = random.Random(i)
        mine, bad = [], 0
        if think:
            time.sleep(rng.uniform(0, think))
        while time.perf_counter() < deadline:
            kind = endpoint
            if endpoint == "mix":
                r = rng.random()
                kind = "queue" if r < 0.4 else "api" if r < 0.6 else "detail"
            url = urls_for(kind, users[i], rng)
            start = time.perf_counter()
            try:
                status, _ = sessions[i].request("GET", url)
            except Exception:
                status = 0
            if status == 200:
                mine.append(time.perf_counter() - start)
            else:
                bad += 1
            if think:
                pause = rng.uniform(0.5 * think, 1.5 * think)
                time.sleep(max(0.0, min(pause, deadline - time.perf_counter())))
        with lock:
            latencies.extend(mine)
            failed[0] += bad

    start = time.perf_counter()
    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(users))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, failed[0], time.perf_counter() - start


# --------------------------------------------------------------------------- orchestration


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def wait_up(port: int, proc, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with code {proc.returncode}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("the server did not come up")


def pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_SERVER, autocommit=True, connect_timeout=3) as conn:
        conn.execute(sql)


def bench_url() -> str:
    parts = urllib.parse.urlsplit(PG_SERVER)
    if parts.hostname not in ("127.0.0.1", "localhost"):
        raise SystemExit(f"refusing to benchmark against {parts.hostname}: only 127.0.0.1 is used")
    return urllib.parse.urlunsplit(parts._replace(path=f"/{PG_BENCH_DB}"))


def run_backend(backend: str, args) -> dict[str, float] | None:
    print(
        f"\n== {backend}: {args.cases} cases, {args.users} users, {args.seconds:.0f} s per endpoint, waitress, {args.processes} process{'es' if args.processes > 1 else ''} of {args.threads} threads",
        flush=True,
    )
    home = tempfile.mkdtemp(prefix="catchall-bench-")
    env = {
        **os.environ,
        "CATCHALL_HOME": home,
        "CATCHALL_SECRET_KEY": "bench-" + "x" * 40,
        "DJANGO_SETTINGS_MODULE": "catchall.web.settings",
    }
    env.pop("DATABASE_URL", None)
    env.pop("PYTEST_VERSION", None)
    if backend == "postgres":
        url = bench_url()
        try:
            pg_admin(f"DROP DATABASE IF EXISTS {PG_BENCH_DB}")
            pg_admin(f"CREATE DATABASE {PG_BENCH_DB}")
        except Exception as exc:
            print(
                f"  skipped: no PostgreSQL server at {PG_SERVER} ({exc.__class__.__name__}: {str(exc).strip()[:120]})"
            )
            return None
        env["DATABASE_URL"] = url
    plan_path = Path(home) / "plan.json"
    server = None
    try:
        t0 = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--load",
                str(plan_path),
                "--cases",
                str(args.cases),
                "--users",
                str(args.users),
                "--seed",
                str(args.seed),
            ],
            env=env,
            check=True,
            timeout=args.max_minutes * 60,
        )
        print(f"  loaded in {time.perf_counter() - t0:.1f} s", flush=True)
        plan = json.loads(plan_path.read_text())
        port = free_port()
        log = open(Path(home) / "server.log", "wb")  # noqa: SIM115 - closed with the server
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "catchall.web.server",
                f"--listen={HOST}:{port}",
                f"--threads={args.threads}",
                f"--processes={args.processes}",
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_up(port, server)
        return drive(port, plan, args.seconds, args.solo_seconds, args.think, args.paced_seconds)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        if backend == "postgres":
            for _ in range(5):
                try:
                    pg_admin(f"DROP DATABASE IF EXISTS {PG_BENCH_DB} WITH (FORCE)")
                    break
                except Exception:
                    time.sleep(1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=20.0, help="per endpoint")
    ap.add_argument(
        "--solo-seconds",
        type=float,
        default=5.0,
        help="one user alone first, per endpoint (0: skip)",
    )
    ap.add_argument(
        "--think",
        type=float,
        default=2.0,
        help="think time of the paced run, seconds (0: saturation table only)",
    )
    ap.add_argument("--paced-seconds", type=float, default=60.0, help="length of the paced run")
    ap.add_argument("--threads", type=int, default=8, help="waitress worker threads per process")
    ap.add_argument(
        "--processes",
        type=int,
        default=1,
        help="server processes (catchall serve --processes; docs/deployment.md says when more help)",
    )
    ap.add_argument("--db", default="sqlite,postgres")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-minutes", type=float, default=10.0, help="bound on loading one database")
    ap.add_argument("--load", metavar="PLAN", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.load:
        load(args.cases, args.users, Path(args.load), args.seed)
        return
    paced = {backend.strip(): run_backend(backend.strip(), args) for backend in args.db.split(",")}
    if not args.think or not args.paced_seconds:
        return
    print(f"\nGoal: p95 <= {GOAL_P95_MS} ms at {args.users} users with {args.think:g} s think time")
    for backend, result in paced.items():
        if not result:
            print(f"  {backend:<9} SKIPPED")
            continue
        ok = result["p95"] <= GOAL_P95_MS and not result["errors"]
        print(
            f"  {backend:<9} {'PASS' if ok else 'FAIL'}: p95 {result['p95']:.0f} ms over "
            f"{result['requests']:.0f} requests, {result['errors']:.0f} errors"
        )


if __name__ == "__main__":
    main()
