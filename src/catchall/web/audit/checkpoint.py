"""The audit page's verification: from a stored checkpoint, and in full at least hourly.

Recomputing every keyed hash takes about a second per 20,000 events, too long for each load
of a page. So the page verifies the events written since the last verified one (the
checkpoint), checking that this event still has the hash it had, and verifies the whole chain
again when the last full check is older than ``CATCHALL_AUDIT_FULL_VERIFY_MINUTES`` (default
60) or when an administrator asks. The page says which events it verified now and when the
whole chain last was. The checkpoint is signed with the audit key: one written or moved by
someone without the key is ignored, and the whole chain is verified. ``catchall audit verify``
always verifies the whole chain.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from catchall.web.audit import keys
from catchall.web.audit.anchor import Anchor
from catchall.web.audit.models import AuditCheckpoint
from catchall.web.audit.services import VerifyReport, verify_chain


@dataclass
class PageVerification:
    report: VerifyReport
    full: bool  # this load verified the chain from its first event
    full_at: dt.datetime  # when the whole chain was last verified (now, when ``full``)


def _signature(seq: int, hash_: str, verified_at: dt.datetime, full_at: dt.datetime) -> str:
    return keys.sign(
        keys.audit_key(),
        f"audit checkpoint|{seq}|{hash_}|{verified_at.isoformat()}|{full_at.isoformat()}",
    )


def _valid(cp: AuditCheckpoint | None) -> bool:
    return cp is not None and cp.signature == _signature(
        cp.seq, cp.hash, cp.verified_at, cp.full_at
    )


def verify_for_page(*, full: bool = False, now: dt.datetime | None = None) -> PageVerification:
    """Verify from the checkpoint (or the whole chain when due, asked for or untrusted); a
    chain that verifies moves the checkpoint to its head."""
    now = now or timezone.now()
    cp = AuditCheckpoint.objects.filter(id=1).first()
    max_age = dt.timedelta(minutes=settings.CATCHALL_AUDIT_FULL_VERIFY_MINUTES)
    full = full or not _valid(cp) or now - cp.full_at >= max_age or cp.full_at > now
    report = verify_chain() if full else verify_chain(since=Anchor(hash=cp.hash, seq=cp.seq))
    full_at = now if full else cp.full_at
    if report.ok and report.head_seq:
        # Stored as the database will give it back (microseconds, UTC), so the signature holds.
        now = now.replace(tzinfo=dt.UTC) if now.tzinfo is None else now.astimezone(dt.UTC)
        full_at = full_at.astimezone(dt.UTC)
        AuditCheckpoint.objects.update_or_create(
            id=1,
            defaults={
                "seq": report.head_seq,
                "hash": report.head_hash,
                "verified_at": now,
                "full_at": full_at,
                "signature": _signature(report.head_seq, report.head_hash, now, full_at),
            },
        )
    return PageVerification(report, full, full_at)
