"""Reading the members of a ZIP archive without trusting it.

OFAC ships its classic CSV release (``sdn.csv``, ``alt.csv``, ``add.csv``) as one ZIP. A ZIP
from outside is read in memory, never extracted, and refused with an InputError when it is
hostile or broken: a member name that climbs out of the archive (``../``, an absolute path or
a drive letter), more members than any list release has, an encrypted member, or more unpacked
bytes in all than ``max_unpacked_bytes`` (the same cap as for gzip files; counted as the bytes
come out, not taken from the headers, which a "zip bomb" fakes).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO, TextIO

from catchall.core.errors import InputError

from .source import max_unpacked_bytes

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a local file header; an empty archive
# OFAC's release has four files (sdn, alt, add, sdn_comments); room for a readme or two.
MAX_MEMBERS = 16
_DRIVE = re.compile(r"^[A-Za-z]:")


def is_zip(path: Path) -> bool:
    with path.open("rb") as fh:
        head = fh.read(4)
    return head in ZIP_MAGIC


class _Budget:
    """Unpacked bytes left for the whole archive."""

    def __init__(self, name: str, limit: int) -> None:
        self.name = name
        self.limit = limit
        self.used = 0

    def spend(self, count: int) -> None:
        self.used += count
        if self.used > self.limit:
            raise InputError(
                f"{self.name}: unpacks to more than {self.limit:,} bytes; refused as a "
                "possible zip bomb (an official list is far smaller)",
                field="file",
            )


class _CappedMember(io.RawIOBase):
    """One member's unpacked bytes, charged to the archive's budget as they are read."""

    def __init__(self, inner: IO[bytes], budget: _Budget) -> None:
        self._inner = inner
        self._budget = budget

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        data = self._inner.read(min(len(buffer), self._budget.limit - self._budget.used + 1))
        self._budget.spend(len(data))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._inner.close()
        super().close()


class SafeZip:
    """The checked members of one archive (see the module docstring for what is refused)."""

    def __init__(self, archive: zipfile.ZipFile, name: str) -> None:
        self._archive = archive
        self.name = name
        self._budget = _Budget(name, max_unpacked_bytes())
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise InputError(
                f"{name} holds {len(infos)} files; a list release has at most {MAX_MEMBERS}",
                field="file",
            )
        self.members: list[zipfile.ZipInfo] = []
        for info in infos:
            _check_member_name(name, info.filename)
            if info.is_dir():
                continue
            if info.flag_bits & 0x1:
                raise InputError(f"{name}: {info.filename} is encrypted", field="file")
            self.members.append(info)
        declared = sum(info.file_size for info in self.members)
        if declared > self._budget.limit:
            self._budget.spend(declared)  # refuses with the zip-bomb message

    @contextmanager
    def open_text(self, member: zipfile.ZipInfo) -> Iterator[TextIO]:
        """One member as text (UTF-8, undecodable bytes kept as surrogates, as for files)."""
        try:
            raw = self._archive.open(member)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError) as exc:
            raise InputError(
                f"{self.name}: {member.filename} cannot be read ({exc})", "file"
            ) from None
        binary = io.BufferedReader(_CappedMember(raw, self._budget))
        stream = io.TextIOWrapper(
            binary, encoding="utf-8-sig", errors="surrogateescape", newline=""
        )
        with stream:
            try:
                yield stream
            except (zipfile.BadZipFile, EOFError, OSError) as exc:
                raise InputError(
                    f"{self.name}: {member.filename} is corrupt or cut short ({exc})", "file"
                ) from None


def _check_member_name(archive: str, name: str) -> None:
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if name.startswith(("/", "\\")) or _DRIVE.match(name) or ".." in parts:
        raise InputError(
            f"{archive}: member {name!r} points outside the archive; refused", field="file"
        )


@contextmanager
def open_zip(path: Path) -> Iterator[SafeZip]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"{path.name} is not a readable ZIP archive ({exc})", "file") from None
    with archive:
        yield SafeZip(archive, path.name)
