"""Choosing the reader for a list file: by the format the user names, or by its content."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from catchall.core.errors import InputError

from .csl import REQUIRED_COLUMNS as CSL_COLUMNS
from .csl import read_csl
from .ftm import read_ftm
from .report import PROGRESS_EVERY, ImportReport, Progress
from .simple_csv import read_simple_csv
from .source import Source, open_text, strip_bom

Format = Literal["ftm", "csl", "csv"]
FORMATS: tuple[Format, ...] = ("ftm", "csl", "csv")


def detect_format(path: Source) -> Format:
    """Guess the format from the first non-blank line: FtM JSON line, CSL JSON or CSV header.

    Only a path is peeked at (a stream would lose what was read); raises InputError when the
    content fits none of the formats.
    """
    with open_text(path, newline="") as stream:
        first = ""
        for line in stream:
            first = strip_bom(line).strip()
            if first:
                break
    if not first:
        raise InputError("the file is empty", field="file")
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
    header = {h.strip().strip('"').lower() for h in first.split(",")}
    if all(c in header for c in CSL_COLUMNS):
        return "csl"
    if {"id", "name"} <= header:
        return "csv"
    raise InputError(
        "unrecognised list format: expected FollowTheMoney JSON lines, a Consolidated Screening "
        "List CSV/JSON, or a simple CSV with id and name columns",
        field="format",
    )


def read_list(
    path: Source,
    format: Format | None = None,
    list_name: str = "",
    *,
    progress: Progress | None = None,
    progress_every: int = PROGRESS_EVERY,
) -> ImportReport:
    """Import a list file in the named (or detected) format; the list name defaults to the file stem."""
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
    reader = {"ftm": read_ftm, "csl": read_csl, "csv": read_simple_csv}[format]
    return reader(path, list_name, progress=progress, progress_every=progress_every)
