"""A small screening list for the engine tests: real designated names, a few ordinary ones.

Kept apart from the starter list so that the engine tests do not depend on its contents.
"""

from __future__ import annotations

import random

from catchall.core.model import ListEntity

ENTITIES = (
    ListEntity(
        id="shig",
        schema="Organization",
        name="SHAHID HEMMAT INDUSTRIAL GROUP",
        list_name="poc",
        aliases=("SHIG",),
        countries=("IR",),
        programs=("missile",),
    ),
    ListEntity(
        id="aio",
        schema="Organization",
        name="AEROSPACE INDUSTRIES ORGANIZATION",
        list_name="poc",
        aliases=("AIO",),
        countries=("IR",),
    ),
    ListEntity(
        id="cpmiec",
        schema="Company",
        name="China Precision Machinery Import-Export Corporation",
        list_name="poc",
        aliases=("CPMIEC",),
        countries=("CN",),
    ),
    ListEntity(
        id="komid",
        schema="Company",
        name="Korea Mining Development Trading Corporation",
        list_name="poc",
        aliases=("KOMID",),
        countries=("KP",),
    ),
    ListEntity(
        id="ymig",
        schema="Organization",
        name="YA MAHDI INDUSTRIES GROUP",
        list_name="poc",
        weak_aliases=("MAHDI",),
        countries=("IR",),
    ),
    ListEntity(id="kju", schema="Person", name="KIM JONG UN", list_name="un", countries=("KP",)),
    ListEntity(
        id="putin",
        schema="Person",
        name="Vladimir Vladimirovich Putin",
        list_name="eu",
        countries=("RU",),
    ),
    ListEntity(id="smith", schema="Person", name="John Smith", list_name="eu", countries=("GB",)),
    ListEntity(
        id="sterling-person",
        schema="Person",
        name="Jordan Sterling",
        list_name="eu",
        countries=("US",),
    ),
    ListEntity(
        id="sterling-company",
        schema="Company",
        name="Jordan Sterling",
        list_name="eu",
        countries=("US",),
    ),
    ListEntity(
        id="tools",
        schema="Company",
        name="Precision Tools Hadley GmbH",
        list_name="denials",
        countries=("DE",),
    ),
)

_SYLLABLES = [
    "ka",
    "ri",
    "mo",
    "ta",
    "ne",
    "lu",
    "sa",
    "vi",
    "do",
    "pe",
    "ra",
    "ko",
    "mi",
    "zu",
    "ha",
    "le",
    "no",
    "ba",
    "ti",
    "ge",
    "fa",
    "ro",
    "si",
    "da",
    "ve",
    "nu",
    "ya",
    "go",
    "ma",
    "ki",
]


def synthetic_people(count: int, seed: int = 7) -> list[ListEntity]:
    """Made-up personal names (two or three parts) to fill an index with distractors."""
    rng = random.Random(seed)

    def part() -> str:
        return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()

    return [
        ListEntity(
            id=f"syn-{i}",
            schema="Person",
            name=" ".join(part() for _ in range(rng.randint(2, 3))),
            list_name="synthetic",
        )
        for i in range(count)
    ]
