"""Opening a list given as a path (plain or .gz) or as an already open text stream.

Files are read as UTF-8 with undecodable bytes kept as surrogates, so one Windows-1252 byte in
a 300 MB feed repairs one name (see ``clean_text``) instead of aborting the whole import.
"""

from __future__ import annotations

import _csv
import csv
import gzip
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from catchall.core.errors import InputError

Source = str | os.PathLike[str] | TextIO


def is_path(source: Source) -> bool:
    return isinstance(source, str | os.PathLike)


@contextmanager
def open_text(source: Source, *, newline: str | None = None) -> Iterator[TextIO]:
    """Yield a text stream for ``source``; paths are opened and closed here, streams are not."""
    if not is_path(source):
        yield source  # type: ignore[misc]
        return
    path = Path(source)  # type: ignore[arg-type]
    if not path.is_file():
        raise InputError(f"no such file: {path}", field="path")
    opener = gzip.open if path.suffix == ".gz" else open
    stream = opener(path, "rt", encoding="utf-8-sig", errors="surrogateescape", newline=newline)
    with stream:
        yield stream


def strip_bom(line: str) -> str:
    """Drop a byte-order mark left at the start of a caller's stream."""
    return line[1:] if line.startswith("\ufeff") else line


def csv_records(reader: _csv.Reader) -> Iterator[tuple[int, int, list[str] | None, str | None]]:
    """(first line, last line, row, error) per CSV record, skipping blank rows.

    A record the csv module cannot parse yields its error instead of ending the import.
    """
    end = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield end + 1, reader.line_num, None, str(exc)
        else:
            if any(cell.strip() for cell in row):
                yield end + 1, reader.line_num, row, None
        end = reader.line_num


def spans_lines(value: str | None) -> bool:
    """A name cell holding a line break: almost always an unbalanced quote swallowing rows."""
    return bool(value) and ("\n" in value or "\r" in value)
