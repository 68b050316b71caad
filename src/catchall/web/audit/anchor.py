"""A head of the audit chain kept outside the database (no Django here: the CLI checks the
argument before it opens the database)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from catchall.core.errors import InputError

GENESIS = "0" * 64


@dataclass(frozen=True)
class Anchor:
    """A head kept outside the database: the hash of event ``seq`` (seq unknown: any event)."""

    hash: str
    seq: int | None = None

    def __str__(self) -> str:
        return f"{self.seq}:{self.hash}" if self.seq is not None else self.hash


_ANCHOR = re.compile(r"^(?:(\d+):)?([0-9a-f]{64})$")


def parse_anchor(text: str, field: str = "--expect") -> Anchor:
    """``HASH`` or ``SEQ:HASH`` as printed by ``catchall audit head``."""
    m = _ANCHOR.match((text or "").strip().lower())
    if not m:
        raise InputError(
            f"{text!r} is not a head as printed by 'catchall audit head' "
            "(64 hexadecimal digits, optionally preceded by the event number and a colon)",
            field,
        )
    return Anchor(hash=m.group(2), seq=int(m.group(1)) if m.group(1) else None)
