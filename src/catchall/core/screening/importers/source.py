"""Opening a list given as a path (plain or gzip) or as an already open text stream.

Compression is told by the file's first bytes, not its name: a plain file named .gz, another
compression, or gzip data cut short is an InputError naming the file, not a crash.

Files are read as UTF-8 with undecodable bytes kept as surrogates, so one Windows-1252 byte in
a 300 MB feed repairs one name (see ``clean_text``) instead of aborting the whole import.
"""

from __future__ import annotations

import _csv
import csv
import gzip
import io
import os
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TextIO

from catchall.core.errors import InputError

Source = str | os.PathLike[str] | TextIO

GZIP_MAGIC = b"\x1f\x8b"
# Compressions recognised only to be refused by name.
OTHER_MAGIC = {
    b"BZh": "bzip2",
    b"\xfd7zXZ\x00": "xz",
    b"PK\x03\x04": "zip",
    b"\x28\xb5\x2f\xfd": "zstd",
    b"7z\xbc\xaf\x27\x1c": "7z",
}
CORRUPT_GZIP = (EOFError, gzip.BadGzipFile, zlib.error)
# A gzip file may expand to any size (a "gzip bomb": 1 MB of zeros-like data → 1 GB). The
# largest official list (OFAC's sdn_advanced.xml) is about 120 MB unpacked; a cap ten times
# that stops a bomb long before it fills the disk or the import runs for hours.
MAX_UNPACKED_BYTES = 2 * 1024**3
_UNPACKED_ENV = "CATCHALL_MAX_UNPACKED_BYTES"


def max_unpacked_bytes() -> int:
    """The cap on a gzip file's unpacked size (``CATCHALL_MAX_UNPACKED_BYTES`` overrides)."""
    value = os.environ.get(_UNPACKED_ENV, "")
    return int(value) if value.isdigit() and int(value) > 0 else MAX_UNPACKED_BYTES


class _CappedGzip(io.RawIOBase):
    """The unpacked bytes of a gzip file, refusing to give more than ``limit`` of them."""

    def __init__(self, path: Path, limit: int) -> None:
        self._inner = gzip.open(path, "rb")  # noqa: SIM115 (closed in close())
        self._name = path.name
        self._limit = limit
        self._given = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if (offset, whence) != (0, io.SEEK_SET):
            raise io.UnsupportedOperation("only a rewind to the start")
        self._given = 0
        return self._inner.seek(0)

    def readinto(self, buffer) -> int:  # type: ignore[override]
        data = self._inner.read(min(len(buffer), self._limit - self._given + 1))
        self._given += len(data)
        if self._given > self._limit:
            raise InputError(
                f"{self._name}: unpacks to more than {self._limit:,} bytes; refused as a "
                "possible gzip bomb (an official list is far smaller)",
                field="file",
            )
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._inner.close()
        super().close()


def open_gzip(path: Path, mode: str = "rb", **text_options) -> IO:
    """A gzip file opened for reading, unpacked size capped (see ``max_unpacked_bytes``)."""
    binary = io.BufferedReader(_CappedGzip(path, max_unpacked_bytes()))
    return binary if "b" in mode else io.TextIOWrapper(binary, **text_options)


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
    compressed = is_gzip(path)
    opener = open_gzip if compressed else open
    stream = opener(path, "rt", encoding="utf-8-sig", errors="surrogateescape", newline=newline)
    with stream:
        if not compressed:
            yield stream
            return
        try:
            yield stream
        except CORRUPT_GZIP as exc:
            raise InputError(
                f"{path.name}: the gzip data is corrupt or cut short ({exc})", field="file"
            ) from None


def is_gzip(path: Path) -> bool:
    """True for gzip data; InputError for a name that lies or a compression we do not read."""
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(GZIP_MAGIC):
        return True
    for magic, name in OTHER_MAGIC.items():
        if head.startswith(magic):
            raise InputError(
                f"{path.name} is {name}-compressed; send it plain or gzip-compressed (.gz)"
                + (" (a ZIP is read only as OFAC's classic CSV release)" if name == "zip" else ""),
                field="file",
            )
    if path.suffix.lower() == ".gz":
        raise InputError(f"{path.name} is named .gz but is not gzip-compressed", field="file")
    return False


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
