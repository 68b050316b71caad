"""OFAC's classic CSV release taken together: ``sdn.csv`` with ``alt.csv`` and ``add.csv``,
given as several files (the CLI) or as one ZIP holding them (any face).

Which file is which is told by the content of its first row (twelve columns for ``sdn.csv``;
five with aka/fka/nka in the third for ``alt.csv``; six for ``add.csv``), never by its name,
as for single files. In a ZIP, members that are none of the three (OFAC's ``sdn_comments.csv``,
a readme) are passed over with a warning; among files named on the command line, such a file
is refused by name.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import ExitStack
from os import PathLike
from pathlib import Path

from catchall.core.errors import InputError

from .archive import SafeZip, is_zip, open_zip
from .ofac_csv import looks_like_add_csv, looks_like_alt_csv, looks_like_sdn_csv, read_ofac_csv
from .report import PROGRESS_EVERY, ImportReport, Progress, RowWarning
from .source import open_text, strip_bom

NAMES = {"sdn": "sdn.csv", "alt": "alt.csv", "add": "add.csv"}


def role(first_line: str) -> str | None:
    """ "sdn", "alt" or "add" for the first line of a file of the release; None otherwise."""
    if looks_like_sdn_csv(first_line):
        return "sdn"
    if looks_like_alt_csv(first_line):
        return "alt"
    if looks_like_add_csv(first_line):
        return "add"
    return None


def _first_line(stream) -> str:
    for line in stream:
        if strip_bom(line).strip():
            return strip_bom(line).strip()
    return ""


def zip_holds_sdn_csv(path: Path) -> bool:
    with open_zip(path) as archive:
        return "sdn" in _zip_roles(archive)[0]


def _zip_roles(archive: SafeZip) -> tuple[dict, list[str]]:
    roles: dict = {}
    others: list[str] = []
    for member in archive.members:
        with archive.open_text(member) as stream:
            found = role(_first_line(stream))
        if found is None:
            others.append(member.filename)
        elif found in roles:
            raise InputError(
                f"{archive.name} holds two {NAMES[found]} files: {roles[found].filename} "
                f"and {member.filename}",
                field="file",
            )
        else:
            roles[found] = member
    return roles, others


def read_ofac_zip(
    path: Path,
    list_name: str,
    *,
    progress: Progress | None = None,
    progress_every: int = PROGRESS_EVERY,
) -> ImportReport:
    """Read the release from a ZIP archive (see :mod:`.archive` for what is refused)."""
    with open_zip(path) as archive:
        roles, others = _zip_roles(archive)
        if "sdn" not in roles:
            raise InputError(
                f"{archive.name} holds no sdn.csv (OFAC's classic CSV release: sdn.csv with "
                "alt.csv and add.csv)",
                field="file",
            )
        with ExitStack() as stack:
            streams = {k: stack.enter_context(archive.open_text(m)) for k, m in roles.items()}
            report = read_ofac_csv(
                streams["sdn"],
                list_name,
                aliases=streams.get("alt"),
                addresses=streams.get("add"),
                progress=progress,
                progress_every=progress_every,
            )
    for name in others:
        report.warnings.append(
            RowWarning(0, f"{name} in the archive is not sdn.csv, alt.csv or add.csv; not read")
        )
    return report


def read_ofac_csv_files(
    paths: Sequence[str | PathLike[str]],
    list_name: str,
    *,
    progress: Progress | None = None,
    progress_every: int = PROGRESS_EVERY,
) -> ImportReport:
    """Read the release from separate files, in any order."""
    roles: dict[str, Path] = {}
    for given in paths:
        path = Path(given)
        if not path.is_file():
            raise InputError(f"no such file: {path}", field="file")
        if is_zip(path):
            raise InputError(
                f"{path.name} is a ZIP archive: give it alone, not with other files", "file"
            )
        with open_text(path, newline="") as stream:
            found = role(_first_line(stream))
        if found is None:
            raise InputError(
                f"{path.name} is none of sdn.csv, alt.csv or add.csv (only OFAC's classic CSV "
                "release is read from several files)",
                field="file",
            )
        if found in roles:
            raise InputError(
                f"{roles[found].name} and {path.name} are both {NAMES[found]}", field="file"
            )
        roles[found] = path
    if "sdn" not in roles:
        raise InputError("the files hold no sdn.csv, whose rows the others refer to", "file")
    return read_ofac_csv(
        roles["sdn"],
        list_name,
        aliases=roles.get("alt"),
        addresses=roles.get("add"),
        progress=progress,
        progress_every=progress_every,
    )
