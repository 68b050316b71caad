"""The one CSV writer: every CSV the system hands out goes through it.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
as a formula, and a formula planted by one author can pull other cells of the reader's sheet
(text released only to that reader) out to anyone. So every such cell is written with a leading
apostrophe, which spreadsheets show as plain text; readers of our own files take it off again
with :func:`restore`. Nothing else in ``src`` may call ``csv.writer`` or ``csv.DictWriter``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _needs_quote(text: str) -> bool:
    # An apostrophe before a formula start is quoted too, so that restore() gives it back whole.
    return text.startswith(FORMULA_START) or (text[:1] == "'" and _needs_quote(text[1:]))


def neutralise(value: Any) -> Any:
    """A cell a spreadsheet shows as text; numbers stay numbers, None becomes ""."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    text = str(value)
    return "'" + text if _needs_quote(text) else text


def restore(value: str) -> str:
    """The cell as it was before :func:`neutralise` (for importing our own exports)."""
    if value[:1] == "'" and _needs_quote(value[1:]):
        return value[1:]
    return value


class SafeWriter:
    """``csv.writer`` whose every cell is neutralised first."""

    def __init__(self, stream, **fmtparams):
        self._writer = csv.writer(stream, **fmtparams)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([neutralise(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(stream, **fmtparams) -> SafeWriter:
    return SafeWriter(stream, **fmtparams)


def to_text(rows: Iterable[Iterable[Any]], *, lineterminator: str = "\r\n") -> str:
    """The rows as CSV text (RFC 4180 line ends unless told otherwise)."""
    buf = io.StringIO(newline="")
    writer(buf, lineterminator=lineterminator).writerows(rows)
    return buf.getvalue()
