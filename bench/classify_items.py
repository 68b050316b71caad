"""Classify generated items against the packaged lists; print items per second.

.venv/bin/python bench/classify_items.py [--items 10000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import time

from catchall.core.controls.classifier import classify
from catchall.core.items import parse_item
from catchall.core.units import canonical_unit
from catchall.core.vocabulary import vocabulary

# Plausible ranges per dimension, in canonical units, for generated quantities.
RANGES = {
    "length": (0.0002, 5000.0),
    "mass": (0.5, 5000.0),
    "force": (1.0, 500.0),
    "pressure": (10.0, 400.0),
    "temperature": (20.0, 2500.0),
    "impulse": (1e4, 5e6),
    "volume": (1.0, 100.0),
    "angle": (0.5, 60.0),
    "angular_velocity": (1.0, 1000.0),
    "rotational_speed": (1000.0, 50000.0),
    "acceleration": (1.0, 500.0),
    "frequency": (5.0, 10000.0),
    "specific_unbalance": (0.05, 5.0),
    "time": (0.01, 10.0),
    "fraction": (0.001, 1.0),
    "drift_rate": (0.001, 50.0),
    "angle_random_walk": (0.0005, 1.0),
    "ppm": (1.0, 5000.0),
    "specific_fuel_consumption": (0.01, 1.0),
    "power": (0.1, 50000.0),
    "speed": (1.0, 3000.0),
    "cep_rate": (0.01, 10.0),
    "flow_rate": (0.1, 500.0),
    "density": (0.5, 20.0),
    "particle_energy": (0.1, 50.0),
    "specific_energy": (1.0, 100.0),
    "energy_density": (1.0, 100.0),
    "sound_level": (60.0, 180.0),
    "mach_number": (0.1, 20.0),
}
# Chemical identities for `identifier` parameters: listed and unlisted ones.
IDENTIFIERS = {
    "cas": ["69102-90-5", "111-22-8", "10544-72-6", "64-17-5", "7732-18-5"],
    "substance": ["HTPB", "ethanol", "dinitrogen tetroxide", "CTPB", "water"],
}


def generate(n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    vocab = vocabulary()
    kinds = [k for k in vocab.kinds if "." in k]
    params = list(vocab.parameters.values())
    items = []
    for _ in range(n):
        chosen = rng.sample(params, k=rng.randint(3, 9))
        values: dict = {}
        for p in chosen:
            if p.type == "count":
                values[p.name] = rng.randint(0, 6)
            elif p.type == "bool":
                values[p.name] = rng.random() < 0.7
            elif p.type == "enum":
                values[p.name] = rng.choice(p.values)
            elif p.type == "number":
                values[p.name] = round(rng.uniform(0.0, 200.0), 3)
            elif p.type == "identifier":
                values[p.name] = rng.choice(IDENTIFIERS[p.format])
            else:
                lo, hi = RANGES[p.dimension]
                # log-uniform so that small tolerances and large forces are both exercised
                v = lo * (hi / lo) ** rng.random()
                values[p.name] = f"{v:.6g} {canonical_unit(p.dimension)}"
        # keep axis counts consistent, as the parser insists
        values.pop("rotary_contouring_axes", None)
        values.pop("contouring_axes", None)
        # a name and a CAS number drawn apart may contradict each other, which the parser refuses
        if "substance" in values:
            values.pop("cas_number", None)
        items.append({"kind": rng.choice(kinds), "parameters": values})
    return items


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    raw = generate(args.items, args.seed)
    t0 = time.perf_counter()
    items = [parse_item(d) for d in raw]
    t1 = time.perf_counter()
    controlled = sum(classify(i).controlled for i in items)
    t2 = time.perf_counter()
    print(f"items: {len(items)}  controlled: {controlled}")
    print(f"parse:    {len(items) / (t1 - t0):,.0f} items/s")
    print(
        f"classify: {len(items) / (t2 - t1):,.0f} items/s  ({1e3 * (t2 - t1) / len(items):.3f} ms per item)"
    )
    print(f"end to end: {len(items) / (t2 - t0):,.0f} items/s")


if __name__ == "__main__":
    main()
