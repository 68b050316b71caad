"""Choosing the reader for a list file: by the format the user names, or by its content."""

from __future__ import annotations

import json
from collections.abc import Sequence
from os import PathLike
from pathlib import Path
from typing import Literal

from catchall.core.errors import InputError

from .archive import is_zip
from .csl import REQUIRED_COLUMNS as CSL_COLUMNS
from .csl import read_csl
from .eu import read_eu
from .ftm import read_ftm
from .ofac import read_ofac
from .ofac_csv import looks_like_sdn_csv, read_ofac_csv
from .ofac_csv_set import read_ofac_csv_files, read_ofac_zip, zip_holds_sdn_csv
from .report import PROGRESS_EVERY, ImportReport, Progress
from .simple_csv import read_simple_csv
from .source import Source, is_path, open_text, strip_bom
from .uk import read_uk
from .un import read_un
from .xmlsource import local, namespace, root_tag

Format = Literal["ftm", "csl", "csv", "un", "eu", "uk", "ofac"]
FORMATS: tuple[Format, ...] = ("ftm", "csl", "csv", "un", "eu", "uk", "ofac")
# What each format is, for the faces' help texts and choices.
FORMAT_LABELS: dict[str, str] = {
    "ftm": "FollowTheMoney JSON lines",
    "csl": "US Consolidated Screening List (CSV/JSON)",
    "csv": "Simple CSV",
    "un": "UN Security Council Consolidated List (XML)",
    "eu": "EU Financial Sanctions Files (XML)",
    "uk": "UK sanctions list (OFSI ConList CSV/XML, FCDO XML)",
    "ofac": "OFAC SDN / Consolidated list (classic or advanced XML, or sdn.csv with alt.csv "
    "and add.csv, alone or in a ZIP)",
}
# Root elements of the official XML formats (local name → format).
_XML_ROOTS: dict[str, Format] = {
    "CONSOLIDATED_LIST": "un",
    "export": "eu",
    "sdnList": "ofac",
    "Sanctions": "ofac",
    "ArrayOfFinancialSanctionsTarget": "uk",
    "Designations": "uk",
}


def detect_format(path: Source) -> Format:
    """Guess the format from the content: an XML root element, a FtM JSON line, CSL JSON or
    a CSV header (never from the file name).

    Only a path is peeked at (a stream would lose what was read); raises InputError when the
    content fits none of the formats. A ZIP archive is OFAC's classic CSV release or nothing.
    """
    if is_path(path) and Path(path).is_file() and is_zip(Path(path)):  # type: ignore[arg-type]
        if zip_holds_sdn_csv(Path(path)):  # type: ignore[arg-type]
            return "ofac"
        raise InputError(
            "a ZIP archive is read only as OFAC's classic CSV release (sdn.csv with alt.csv "
            "and add.csv); this one holds no sdn.csv",
            field="file",
        )
    with open_text(path, newline="") as stream:
        first = ""
        for line in stream:
            first = strip_bom(line).strip()
            if first:
                break
    if not first:
        raise InputError("the file is empty", field="file")
    if first.startswith("<"):
        return _xml_format(path)
    if first.startswith("{"):
        try:
            data = json.loads(first)
        except json.JSONDecodeError:
            return "csl"  # a pretty-printed JSON document: the CSL JSON export
        if isinstance(data, dict) and ("schema" in data or "entity" in data):
            return "ftm"
        return "csl"
    if first.startswith("["):
        return "csl"
    if looks_like_sdn_csv(first):
        return "ofac"
    header = {h.strip().strip('"').lower() for h in first.split(",")}
    if first.lower().startswith("last updated") or {"name 6", "group id"} <= header:
        return "uk"
    if all(c in header for c in CSL_COLUMNS):
        return "csl"
    if {"id", "name"} <= header:
        return "csv"
    raise InputError(
        "unrecognised list format: expected an official list (UN, EU, UK or OFAC XML, UK "
        "ConList CSV), FollowTheMoney JSON lines, a Consolidated Screening List CSV/JSON, or a "
        "simple CSV with id and name columns",
        field="format",
    )


def _xml_format(path: Source) -> Format:
    tag = root_tag(path)
    name = local(tag)
    if name == "export" and namespace(tag) and "europa" not in namespace(tag):
        name = ""
    if name in _XML_ROOTS:
        return _XML_ROOTS[name]
    raise InputError(
        f"unrecognised XML list: root element <{local(tag)}> is none of "
        f"{', '.join('<' + r + '>' for r in _XML_ROOTS)}",
        field="format",
    )


def read_list(
    path: Source | Sequence[str | PathLike[str]],
    format: Format | None = None,
    list_name: str = "",
    *,
    progress: Progress | None = None,
    progress_every: int = PROGRESS_EVERY,
) -> ImportReport:
    """Import a list file in the named (or detected) format; the list name defaults to the file
    stem. Several paths are one import only as OFAC's classic CSV release (sdn, alt, add)."""
    if isinstance(path, list | tuple):
        if len(path) != 1:
            return _read_several(path, format, list_name, progress, progress_every)
        path = path[0]
    if format is None:
        format = detect_format(path)
    if format not in FORMATS:
        raise InputError(
            f"unknown format {format!r} (use one of: {', '.join(FORMATS)})", field="format"
        )
    if not list_name:
        if not isinstance(path, str | Path):
            raise InputError(
                "a list name is required when reading from a stream", field="list_name"
            )
        list_name = Path(path).name.split(".")[0]
    reader = {
        "ftm": read_ftm,
        "csl": read_csl,
        "csv": read_simple_csv,
        "un": read_un,
        "eu": read_eu,
        "uk": read_uk,
        "ofac": _read_ofac_any,
    }[format]
    return reader(path, list_name, progress=progress, progress_every=progress_every)


def _read_several(
    paths: Sequence[str | PathLike[str]],
    format: Format | None,
    list_name: str,
    progress: Progress | None,
    progress_every: int,
) -> ImportReport:
    if not paths:
        raise InputError("no list file given", field="file")
    if format not in (None, "ofac"):
        raise InputError(
            f"several files are one import only as OFAC's classic CSV release (format ofac), "
            f"not {format}",
            field="format",
        )
    name = list_name or Path(paths[0]).name.split(".")[0]
    return read_ofac_csv_files(paths, name, progress=progress, progress_every=progress_every)


def _read_ofac_any(
    path: Source, list_name: str, *, progress: Progress | None, progress_every: int
) -> ImportReport:
    """OFAC publishes the SDN list as XML and as ``sdn.csv`` with ``alt.csv`` and ``add.csv``
    (alone or in a ZIP): read whichever this file is."""
    if is_path(path) and Path(path).is_file() and is_zip(Path(path)):  # type: ignore[arg-type]
        return read_ofac_zip(
            Path(path),  # type: ignore[arg-type]
            list_name,
            progress=progress,
            progress_every=progress_every,
        )
    with open_text(path, newline="") as stream:
        head = next((strip_bom(line).strip() for line in stream if line.strip()), "")
    reader = read_ofac if head.startswith("<") else read_ofac_csv
    return reader(path, list_name, progress=progress, progress_every=progress_every)
