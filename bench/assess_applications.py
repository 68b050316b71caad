"""Assess generated licence applications against a large screening index; print figures.

    .venv/bin/python bench/assess_applications.py [--applications 10000] [--names 1000000]
                                                  [--workers 2] [--seed 1] [--data DIR]

Builds a screening index of about ``--names`` names: the starter programs-of-concern list plus
the names of the screening benchmark's generator (bench/screening_scale.py: the benchmark
person and company names in DIR -- default $CATCHALL_BENCH_DATA or
../shared/data/benchmarks -- recombined and perturbed). Then assesses ``--applications``
generated applications of 5 parties and 3 items each with
``catchall.core.assessment.engine.assess(screen=index.screen)``: a mix of machine tools,
presses, test equipment and systems with varied parameters; destinations among MTCR partners
(55 %), other countries (30 %) and destinations of concern (15 %); parties mostly companies
and persons on no list, 2 % spelled like starter-list entities and 2 % like listed persons;
a few declarations, red flags and missile end-use statements (in several languages).

Prints the index build time and size, applications per second, latency per application
(p50/p95/p99, wall clock and CPU time; target p95 <= 50 ms), where the time goes (screening vs
the rest) and the mix of outcomes. The assessing runs in ``--workers`` processes forked after
the index is built. This is a benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from catchall.core.assessment.engine import assess
from catchall.core.assessment.red_flags import catalogue
from catchall.core.model import ListEntity, ScreeningQuery, ScreeningResult
from catchall.core.screening.index import ScreeningIndex
from catchall.core.screening.starter import load_starter_list

# ../shared next to the checkout (the dev setup), unless CATCHALL_BENCH_DATA names another folder.
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEFAULT_DATA = Path(os.environ.get("CATCHALL_BENCH_DATA") or SHARED / "data" / "benchmarks")
AT = dt.date(2026, 1, 15)

# --------------------------------------------------------------------------- names

# The list names come from the screening benchmark's generator (bench/screening_scale.py):
# benchmark person and company names, recombined and perturbed until there are N.
try:
    from screening_scale import make_names, perturb, read_names
except ImportError:  # pragma: no cover - run as a script from the repository
    sys.exit("bench/screening_scale.py (the screening benchmark's name generator) is required")

SECTOR = [
    "Precision", "Machinery", "Industrial", "Engineering", "Aerospace", "Metallurgy", "Trading",
    "Logistics", "Technology", "Tooling", "Composite", "Ceramics", "Electronics", "Hydraulics",
    "Instruments", "Foundry", "Forging", "Automation", "Optics", "Materials", "Systems",
    "Energy", "Marine", "Motion", "Machine", "Tool", "Fabrication", "Casting", "Research",
]  # fmt: skip
FORM = [
    "Co.",
    "Co., Ltd.",
    "LLC",
    "GmbH",
    "Ltd",
    "Corporation",
    "Group",
    "FZE",
    "JSC",
    "S.A.",
    "Pvt. Ltd.",
    "Inc.",
]
_ONSET = [
    "b",
    "c",
    "d",
    "f",
    "g",
    "h",
    "j",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "z",
    "br",
    "dr",
    "gr",
    "kr",
    "st",
    "tr",
    "sh",
    "ch",
]
_VOWEL = ["a", "e", "i", "o", "u", "ai", "ei", "ou", "ia"]


def invented(rng: random.Random, words: int = 1) -> str:
    """A name of invented syllables: buyers that are on no list, as most buyers are."""
    return " ".join(
        "".join(rng.choice(_ONSET) + rng.choice(_VOWEL) for _ in range(rng.randint(2, 3))).title()
        for _ in range(words)
    )


def buyer(rng: random.Random) -> str:
    core = " ".join(rng.sample(SECTOR, rng.randint(1, 2)))
    return f"{invented(rng)} {core} {rng.choice(FORM)}"


def list_entities(
    n_names: int, people: list[str], companies: list[str], seed: int
) -> list[ListEntity]:
    """The starter programs-of-concern list plus generated names, about ``n_names`` in all."""
    starter = load_starter_list()
    return starter + make_names(
        people, companies, max(0, n_names - sum(len(e.all_names) for e in starter)), seed
    )


# --------------------------------------------------------------------------- applications


def _um(rng, lo, hi):
    return f"{rng.uniform(lo, hi):.2f} um"


ITEM_MAKERS = {
    "mill": lambda r: {
        "description": "CNC machining centre",
        "kind": r.choice(["machine_tool.milling", "machine_tool.mill_turn"]),
        "parameters": {
            "nc_capable": True,
            "linear_axes": 3,
            "rotary_axes": (ra := r.choice([0, 1, 2])),
            "contouring_axes": 3 + ra,
            **({"rotary_contouring_axes": ra} if ra else {}),
            "positioning_repeatability": _um(r, 0.4, 20),
            "axis_travel": f"{r.randint(300, 3000)} mm",
        },
    },
    "lathe": lambda r: {
        "description": "CNC lathe",
        "kind": "machine_tool.turning",
        "parameters": {
            "nc_capable": True,
            "linear_axes": 2,
            "contouring_axes": 2,
            "positioning_repeatability": _um(r, 0.5, 15),
            "max_workpiece_diameter": f"{r.randint(100, 800)} mm",
        },
    },
    "grinder": lambda r: {
        "description": "Cylindrical grinding machine",
        "kind": "machine_tool.grinding",
        "parameters": {
            "nc_capable": r.random() < 0.8,
            "positioning_repeatability": _um(r, 0.3, 10),
        },
    },
    "flow_former": lambda r: {
        "description": "Flow-forming machine",
        "kind": "machine_tool.flow_forming",
        "parameters": {
            "rollers": r.randint(1, 4),
            "contouring_axes": r.choice([1, 2, 3]),
            "nc_capable": r.random() < 0.7,
            "roller_force": f"{r.randint(20, 300)} kN",
        },
    },
    "press": lambda r: {
        "description": "Isostatic press",
        "kind": "press.isostatic",
        "parameters": {
            "max_pressure": f"{r.randint(40, 300)} MPa",
            "max_temperature": f"{r.randint(20, 2000)} degC",
            "chamber_inner_diameter": f"{r.randint(100, 900)} mm",
        },
    },
    "winder": lambda r: {
        "description": "Filament-winding machine",
        "kind": "composites.filament_winding",
        "parameters": {"primary_servo_axes": r.randint(2, 6)},
    },
    "cmm": lambda r: {
        "description": "Coordinate measuring machine",
        "kind": "metrology.cmm",
        "parameters": {"nc_capable": True, "linear_axes": 3},
    },
    "shaker": lambda r: {
        "description": "Vibration test system",
        "kind": "test.vibration",
        "parameters": {
            "closed_loop_digital_control": True,
            "vibration_acceleration": f"{r.randint(2, 40)} g",
            "frequency_min": "20 Hz",
            "frequency_max": f"{r.choice([1, 2, 3])} kHz",
            "vibration_force": f"{r.randint(5, 200)} kN",
        },
    },
    "motor": lambda r: {
        "description": "Rocket motor",
        "kind": "propulsion.rocket_motor",
        "parameters": {"total_impulse": f"{r.uniform(0.1, 2.0):.2f}e6 N*s"},
    },
    "uav": lambda r: {
        "description": "UAV",
        "kind": "system.uav",
        "parameters": {"range": f"{r.randint(20, 1200)} km", "payload": f"{r.randint(5, 800)} kg"},
    },
}
ITEM_WEIGHTS = {
    "mill": 30, "lathe": 18, "grinder": 12, "flow_former": 8, "press": 8, "winder": 5,
    "cmm": 8, "shaker": 5, "motor": 3, "uav": 3,
}  # fmt: skip
DESTINATIONS = {
    "partners": (["DE", "FR", "GB", "IT", "KR", "JP", "US", "NO", "IN", "BR", "CH", "PL"], 55),
    "other": (["AE", "SG", "MY", "TR", "ZA", "MX", "TH", "VN", "ID", "EG"], 30),
    "concern": (["CN", "RU", "IR", "SY", "PK", "KP", "BY", "VE", "MM"], 15),
}
END_USES = (
    ["Machining of pump housings", "Production of automotive gearbox parts", "Ship fittings",
     "Dental implants", "Turbine blades for power generation", "Moulds for plastic injection",
     "Bicycle frames", "Spare parts for textile machinery", ""] * 6
    + ["Machining of rocket motor cases", "Guidance section housings", "Nozzles for solid propellant motors",
       "Fabrication de corps de propulseurs pour missiles", "Gehäuse für Raketentriebwerke",
       "detali dlya raketnykh dvigateley", "Pump housings; not for missiles or rockets"]
)  # fmt: skip
ROLES = ["end_user", "consignee", "intermediate_consignee", "purchaser", "agent"]


def applications(n: int, people: list[str], rng: random.Random) -> list[dict]:
    kinds, weights = zip(*ITEM_WEIGHTS.items(), strict=True)
    starter = [
        (nm, e.countries[0] if e.countries else None)
        for e in load_starter_list()
        for nm in e.all_names
    ]
    flags = sorted(catalogue())
    groups = list(DESTINATIONS.values())
    out = []
    for i in range(n):
        codes = rng.choices([g[0] for g in groups], weights=[g[1] for g in groups])[0]
        dest = rng.choice(codes)
        parties = []
        for role in ROLES:
            r = rng.random()
            if r < 0.02:  # spelled like a starter-list entity
                name, country = rng.choice(starter)
                name = perturb(name, rng) if rng.random() < 0.5 else name.title()
            elif r < 0.04:  # spelled like a listed person
                name, country = perturb(rng.choice(people), rng), dest
            elif r < 0.15:
                name, country = invented(rng, 2), dest
            else:
                name, country = (
                    buyer(rng),
                    rng.choice([dest, dest, dest, "AE", "HK", "TR"]),
                )
            parties.append({"role": role, "name": name, "country": country or dest})
        doc = {
            "reference": f"B-{i:05d}",
            "exporter": {"name": "Neckar Umformtechnik GmbH", "country": "DE"},
            "destination": dest,
            "parties": parties,
            "end_use": rng.choice(END_USES),
            "items": [
                {
                    **ITEM_MAKERS[k](rng),
                    "quantity": rng.randint(1, 4),
                    "value": f"{rng.randint(20, 3000) * 1000} EUR",
                }
                for k in rng.choices(kinds, weights=weights, k=3)
            ],
        }
        if rng.random() < 0.05:
            doc["declarations"] = {
                rng.choice(
                    ["aware_of_missile_or_wmd_use", "informed_by_authority", "military_end_use"]
                ): True
            }
        if rng.random() < 0.10:
            doc["red_flags"] = rng.sample(flags, rng.randint(1, 2))
        out.append(doc)
    return out


# --------------------------------------------------------------------------- run

_INDEX: ScreeningIndex | None = None  # set before the workers fork, shared copy-on-write
_DOCS: list[dict] = []


def assess_slice(bounds: tuple[int, int]) -> dict:
    """Assess _DOCS[lo:hi] one by one; wall and CPU time per application."""
    lo, hi = bounds
    index = _INDEX
    screen_cpu = 0.0

    def screen(q: ScreeningQuery) -> ScreeningResult:
        nonlocal screen_cpu
        s = time.process_time()
        try:
            return index.screen(q)
        finally:
            screen_cpu += time.process_time() - s

    assess(_DOCS[lo], screen=screen, at=AT)  # warm the caches (lists, vocabularies, analysers)
    screen_cpu = 0.0
    wall, cpu, errors = [], [], []
    outcomes, decisions, rules = Counter(), Counter(), Counter()
    for n, doc in enumerate(_DOCS[lo:hi], 1):
        if n % 1000 == 0:
            print(
                f"  worker {os.getpid()}: {n:,} of {hi - lo:,} assessed",
                file=sys.stderr,
                flush=True,
            )
        w, c = time.perf_counter(), time.process_time()
        try:
            a = assess(doc, screen=screen, at=AT)
        except ValueError as exc:  # InputError: the generator wrote something invalid
            errors.append(f"{doc['reference']}: {exc}")
            continue
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
        outcomes[a.recommendation] += 1
        decisions.update(p.decision for p in a.parties)
        rules.update(f.rule for f in a.firings)
    return {"wall": wall, "cpu": cpu, "screen_cpu": screen_cpu, "outcomes": outcomes,
            "decisions": decisions, "rules": rules, "errors": errors}  # fmt: skip


def pct(sorted_values: list[float], q: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


def figures(label: str, seconds: list[float]) -> str:
    ms = sorted(x * 1000 for x in seconds)
    return (
        f"{label}: p50 {pct(ms, 0.50):.1f} ms, p95 {pct(ms, 0.95):.1f} ms, p99 {pct(ms, 0.99):.1f} ms, "
        f"max {ms[-1]:.1f} ms, mean {statistics.fmean(ms):.1f} ms"
    )


def main() -> None:
    global _INDEX, _DOCS
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--applications", type=int, default=10_000)
    ap.add_argument("--names", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="processes assessing in parallel (forked after the index is built)")  # fmt: skip
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = ap.parse_args()
    rng = random.Random(args.seed)

    print(f"machine: {os.cpu_count()} cores; load average at start {os.getloadavg()[0]:.2f} "
          "(other processes may be running: wall-clock figures include their competition, "
          "CPU-time figures do not)")  # fmt: skip
    people, _, companies = read_names(args.data)
    if not people:
        sys.exit(f"no benchmark names in {args.data} (set --data or CATCHALL_BENCH_DATA)")

    t, c = time.perf_counter(), time.process_time()
    _INDEX = ScreeningIndex.build(list_entities(args.names, people, companies, args.seed))
    build, build_cpu = time.perf_counter() - t, time.process_time() - c
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"index: {_INDEX.name_count:,} names of {_INDEX.entity_count:,} entities "
        f"({_INDEX.token_count:,} distinct tokens) built in {build:.1f} s "
        f"({build_cpu:.1f} s CPU, including generating the names); peak RSS {rss:,.0f} MB"
    )

    if hasattr(_INDEX, "warm_up"):  # load the name analyser's tables once, before timing
        t = time.perf_counter()
        _INDEX.warm_up()
        print(f"name analyser tables loaded in {time.perf_counter() - t:.1f} s (once per process)")
    _DOCS = applications(args.applications, people, rng)
    print(f"applications: {len(_DOCS):,} generated, 5 parties and 3 items each; "
          f"{args.workers} worker process(es)")  # fmt: skip
    step = -(-len(_DOCS) // args.workers)
    slices = [(lo, min(lo + step, len(_DOCS))) for lo in range(0, len(_DOCS), step)]
    start = time.perf_counter()
    if args.workers > 1:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(len(slices)) as pool:
            parts_out = pool.map(assess_slice, slices)
    else:
        parts_out = [assess_slice(slices[0])]
    elapsed = time.perf_counter() - start

    wall = [x for p in parts_out for x in p["wall"]]
    cpu = [x for p in parts_out for x in p["cpu"]]
    errors = [e for p in parts_out for e in p["errors"]]
    outcomes = sum((p["outcomes"] for p in parts_out), Counter())
    decisions = sum((p["decisions"] for p in parts_out), Counter())
    rules = sum((p["rules"] for p in parts_out), Counter())
    screen_cpu = sum(p["screen_cpu"] for p in parts_out)
    print(f"assessed {len(wall):,} applications in {elapsed:.1f} s: "
          f"{len(wall) / elapsed:.1f} applications/s with {args.workers} process(es), "
          f"{len(cpu) / sum(cpu):.1f} applications per CPU-second")  # fmt: skip
    print(figures("latency per application (wall clock)", wall))
    print(figures("CPU time per application", cpu))
    p95 = pct(sorted(wall), 0.95) * 1000
    print(f"target p95 <= 50 ms: {'met' if p95 <= 50 else 'NOT met'} (wall-clock p95 {p95:.1f} ms)")
    print(f"CPU time in screening: {screen_cpu:.1f} s of {sum(cpu):.1f} s "
          f"({100 * screen_cpu / sum(cpu):.0f} %), {1000 * screen_cpu / max(1, 5 * len(cpu)):.2f} ms per party")  # fmt: skip
    print("recommendations: " + ", ".join(f"{k} {v:,}" for k, v in outcomes.most_common()))
    print("decision rules fired: " + ", ".join(f"{k} {v:,}" for k, v in rules.most_common()))
    print("party screening: " + ", ".join(f"{k} {v:,}" for k, v in decisions.most_common()))
    for e in errors[:3]:
        print(f"  invalid generated application {e}", file=sys.stderr)
    if errors:
        print(f"invalid generated applications: {len(errors)}")
    print(f"load average at end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
