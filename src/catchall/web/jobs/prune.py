"""Pruning stored PDFs: a PDF kept under its key (jobs/pdfs.py) that nobody was served for
CATCHALL_PDF_KEEP_DAYS is deleted; asked for again, it is made again by a job.

Only the shared store (``StoredPdf``) is pruned: an issued letter keeps its PDF with the letter
(``CaseDocument.pdf``, the file of record) and nothing here touches it. Run daily by the
scheduled job ``pdfs.prune`` and by ``catchall pdfs prune``; each run that deletes something
writes one audit event (how many, how many bytes, the cutoff). A dry run counts and writes
nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import Length
from django.utils import timezone

from catchall.core.errors import InputError
from catchall.web.jobs.models import StoredPdf
from catchall.web.jobs.services import job

BATCH = 500  # rows deleted per statement and transaction


@dataclass(frozen=True)
class Pruned:
    older_than_days: int
    cutoff: dt.datetime
    count: int
    bytes: int
    dry_run: bool

    def summary(self) -> str:
        verb = "would delete" if self.dry_run else "deleted"
        size = f"{self.bytes / 1e6:,.1f} MB" if self.bytes >= 100_000 else f"{self.bytes:,} bytes"
        return (
            f"{verb} {self.count:,} stored PDFs ({size}) not used for {self.older_than_days} "
            f"days (since {self.cutoff:%Y-%m-%d %H:%M} UTC)"
        )

    def as_dict(self) -> dict:
        return {
            "summary": self.summary(),
            "older_than_days": self.older_than_days,
            "cutoff": self.cutoff.isoformat(timespec="seconds"),
            "count": self.count,
            "bytes": self.bytes,
            "dry_run": self.dry_run,
        }


def keep_days(value, field: str = "older_than") -> int:
    """``value`` as a number of days (the setting when None); InputError naming ``field``
    unless it is a whole number of at least 1 (0 would delete PDFs being served right now)."""
    if value is None:
        return settings.CATCHALL_PDF_KEEP_DAYS
    text = str(value).strip()
    days = int(text) if text.isascii() and text.isdigit() else 0
    if days < 1:
        raise InputError(f"{value!r} is not a whole number of days, 1 or more", field)
    return days


def _size(rows) -> int:
    return rows.aggregate(n=Sum(Length("data")))["n"] or 0


def prune_stored_pdfs(
    older_than_days=None,
    *,
    dry_run: bool = False,
    actor=None,
    progress: Callable[[int, int], None] | None = None,
    now: dt.datetime | None = None,
) -> Pruned:
    """Delete the stored PDFs not used since ``older_than_days`` (default: the setting) ago."""
    days = keep_days(older_than_days)
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    stale = StoredPdf.objects.filter(last_used_at__lt=cutoff)
    ids = list(stale.order_by("pk").values_list("pk", flat=True))
    if dry_run:
        return Pruned(days, cutoff, len(ids), _size(stale), True)
    count = size = 0
    for start in range(0, len(ids), BATCH):
        with transaction.atomic():
            # asked again: a PDF served since the list was read stays
            rows = stale.filter(pk__in=ids[start : start + BATCH])
            size += _size(rows)
            count += rows.delete()[0]
        if progress is not None:
            progress(min(start + BATCH, len(ids)), len(ids))
    out = Pruned(days, cutoff, count, size, False)
    if count:
        from catchall.web.audit.services import record_event

        record_event(
            "pdfs.pruned",
            actor=actor,
            object_type="stored_pdf",
            object_id=f"unused since {out.cutoff.isoformat(timespec='seconds')}",
            details={k: v for k, v in out.as_dict().items() if k != "summary"},
        )
    return out


@job("pdfs.prune", title="Deleting stored PDFs nobody used for a while")
def prune(j):
    """The scheduled pruning (web/core/schedule.py), with the setting's age."""

    def progress(done: int, total: int) -> None:
        j.progress(done, total, f"{done:,} of {total:,} stored PDFs deleted")

    return prune_stored_pdfs(progress=progress).as_dict()
