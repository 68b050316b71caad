"""What an import did: the entities it produced and an account of every record it read.

The report is the contract with the faces: the CLI prints its summary, the web UI lists its
warnings next to line numbers, and the database layer stores ``entities`` atomically only when
the user accepts the result. Invariant: ``read == imported + skipped + non_party``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from catchall.core.model import ListEntity

# A big feed with a systematic fault would otherwise produce millions of identical warnings.
MAX_WARNINGS = 1000
PROGRESS_EVERY = 10_000

Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class RowWarning:
    """One problem with one record: ``line`` is the 1-based line (JSON lines, CSV) or the
    1-based record position (CSL JSON); 0 means the file as a whole."""

    line: int
    message: str
    record_id: str | None = None
    skipped: bool = False  # True: the record was not imported; False: imported after a fix

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "file"
        who = f" [{self.record_id}]" if self.record_id else ""
        return f"{where}{who}: {self.message}"


@dataclass(slots=True)
class ImportReport:
    """Entities read from one list file, with counts and row-level warnings."""

    list_name: str
    format: str  # "ftm" | "csl" | "csl-json" | "csv"
    entities: list[ListEntity]
    read: int  # records read (JSON lines, CSV data rows, CSL JSON results)
    imported: int  # entities returned
    skipped: int  # records of the list not imported (bad rows, vessels, duplicates)
    non_party: int = 0  # context records used or ignored by design (FtM Sanction, Address, ...)
    warnings: list[RowWarning] = field(default_factory=list)
    warnings_omitted: int = 0  # warnings beyond MAX_WARNINGS, counted but not kept
    skipped_by_reason: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        text = (
            f"{self.list_name} ({self.format}): read {self.read}, imported {self.imported}, "
            f"skipped {self.skipped}"
        )
        if self.non_party:
            text += f", context records {self.non_party}"
        count = len(self.warnings) + self.warnings_omitted
        return text + f", {count} warning{'s' if count != 1 else ''}"


class Collector:
    """Counts records and gathers warnings while a reader runs; builds the final report."""

    def __init__(
        self,
        list_name: str,
        fmt: str,
        progress: Progress | None = None,
        progress_every: int = PROGRESS_EVERY,
    ):
        self.list_name = list_name
        self.format = fmt
        self.read = 0
        self.skipped = 0
        self.non_party = 0
        self.warnings: list[RowWarning] = []
        self.omitted = 0
        self.reasons: Counter[str] = Counter()
        self._out_of_scope: dict[str, list[int]] = {}
        self._progress = progress
        self._every = max(1, progress_every)

    def record_read(self) -> None:
        self.read += 1
        if self._progress is not None and self.read % self._every == 0:
            self._progress(self.read)

    def warn(self, line: int, message: str, record_id: str | None = None) -> None:
        self._keep(RowWarning(line, message, record_id))

    def skip(self, line: int, reason: str, message: str, record_id: str | None = None) -> None:
        """Count one record as skipped and say why."""
        self.skipped += 1
        self.reasons[reason] += 1
        self._keep(RowWarning(line, message, record_id, skipped=True))

    def out_of_scope(self, line: int, kind: str) -> None:
        """Count a record of a kind we do not screen (vessel, aircraft); summarised at the end."""
        self.skipped += 1
        self.reasons[f"not a party: {kind}"] += 1
        self._out_of_scope.setdefault(kind, []).append(line)

    def context(self) -> None:
        self.non_party += 1

    def _keep(self, warning: RowWarning) -> None:
        if len(self.warnings) < MAX_WARNINGS:
            self.warnings.append(warning)
        else:
            self.omitted += 1

    def report(self, entities: list[ListEntity]) -> ImportReport:
        for kind, lines in self._out_of_scope.items():
            shown = ", ".join(str(n) for n in lines[:5]) + (", ..." if len(lines) > 5 else "")
            self._keep(
                RowWarning(
                    0,
                    f"{len(lines)} {kind} record(s) not imported: screening covers persons and "
                    f"organisations only (lines {shown})",
                    skipped=True,
                )
            )
        if self._progress is not None and self.read % self._every:
            self._progress(self.read)  # the final count, unless the last call already gave it
        return ImportReport(
            list_name=self.list_name,
            format=self.format,
            entities=entities,
            read=self.read,
            imported=len(entities),
            skipped=self.skipped,
            non_party=self.non_party,
            warnings=self.warnings,
            warnings_omitted=self.omitted,
            skipped_by_reason=dict(self.reasons),
        )
