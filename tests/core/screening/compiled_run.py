"""Screen a fixed set of queries and print the answers as JSON (run by test_compiled.py in a
child process, once with the compiled modules and once from the sources)."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict

from catchall.core.model import ListEntity, ScreeningQuery
from catchall.core.screening import ScreeningIndex, score_pair
from catchall.core.screening.compiled import running
from tests.core.screening.engine_lists import ENTITIES, synthetic_people
from tests.core.screening.test_native_names import UN_PAIRS

QUERIES = [
    ScreeningQuery(name="Shahid Hemat Industrial Grp", schema="Organization"),
    ScreeningQuery(name="China Precision Machinery Imp/Exp Corp"),
    ScreeningQuery(name="Kim Jong-un", country="KP"),
    ScreeningQuery(name="Владимир Путин"),
    ScreeningQuery(name="金正恩"),
    ScreeningQuery(name="Vladimir Putn", schema="Person", dob="1952-10-07"),
    ScreeningQuery(name="Mahdi"),
    ScreeningQuery(name="Jordan Sterling", schema="Company"),
    ScreeningQuery(name="Jon Smith"),
    *(ScreeningQuery(name=native) for native, _ in UN_PAIRS),
    *(ScreeningQuery(name=latin.title()) for _, latin in UN_PAIRS),
]


def main() -> None:
    listed = [
        ListEntity(id=f"un-{i}", schema="Person", name=latin, list_name="un")
        for i, (_, latin) in enumerate(UN_PAIRS)
    ]
    index = ScreeningIndex.build([*ENTITIES, *listed, *synthetic_people(2000)])
    results = [asdict(r) for r in index.screen_many(QUERIES)]
    pairs = [score_pair(native, latin, "Person") for native, latin in UN_PAIRS]
    out = {
        "running": running(),
        "results": results,
        "pairs": [(score, [asdict(f) for f in features]) for score, features in pairs],
    }
    json.dump(out, sys.stdout, default=str, sort_keys=True)


if __name__ == "__main__":
    main()
