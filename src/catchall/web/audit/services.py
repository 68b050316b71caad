"""The one function that writes audit events, and the chain verification.

Every state change in a case, list or proposal calls :func:`record_event` inside its own
transaction, so the change and its audit row commit or roll back together. Each event's hash is
an HMAC over the previous hash and the event, keyed outside the database (:mod:`.keys`): whoever
can write the database alone cannot rewrite and re-hash the log. Deleting the newest events and
winding the head back is caught only against a head kept elsewhere (``catchall audit head``,
then ``catchall audit verify --expect``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from catchall.web.audit import keys
from catchall.web.audit.anchor import GENESIS, Anchor
from catchall.web.audit.models import AuditChainHead, AuditEvent


def _canonical(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def event_hash(prev_hash: str, fields: dict[str, Any], key: bytes | None = None) -> str:
    """HMAC-SHA256 of the previous hash and the event's canonical JSON."""
    return keys.sign(keys.audit_key() if key is None else key, prev_hash + _canonical(fields))


def _fields(
    seq: int, at, actor_id, actor_label, action, object_type, object_id, before, after, details
) -> dict:
    return {
        "seq": seq,
        "at": at.isoformat(),
        "actor_id": actor_id,
        "actor_label": actor_label,
        "action": action,
        "object_type": object_type,
        "object_id": str(object_id),
        "before": before,
        "after": after,
        "details": details,
    }


def _json_safe(value: Any) -> Any:
    return json.loads(_canonical({"v": value}))["v"] if value is not None else None


def record_event(
    action: str,
    *,
    actor=None,
    object_type: str,
    object_id: Any,
    before: Any = None,
    after: Any = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the hash chain (inside the caller's transaction)."""
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(id=1)
        seq = head.seq + 1
        at = timezone.now()
        actor_label = "system"
        actor_id = None
        if actor is not None and getattr(actor, "is_authenticated", False):
            actor_id = actor.pk
            actor_label = actor.get_username()
        elif isinstance(actor, str):
            actor_label = actor
        before, after, details = _json_safe(before), _json_safe(after), _json_safe(details or {})
        fields = _fields(
            seq, at, actor_id, actor_label, action, object_type, object_id, before, after, details
        )
        digest = event_hash(head.hash, fields)
        event = AuditEvent.objects.create(
            seq=seq,
            at=at,
            actor_id=actor_id,
            actor_label=actor_label,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            before=before,
            after=after,
            details=details,
            prev_hash=head.hash,
            hash=digest,
        )
        head.seq, head.hash, head.key_id = seq, digest, keys.fingerprint()
        head.save(update_fields=["seq", "hash", "key_id"])
        return event


@dataclass
class VerifyReport:
    checked: int
    problems: list[str]
    head_seq: int = 0
    head_hash: str = GENESIS
    first_bad: int | None = None  # the first event that fails, for "broken at event N"
    wrong_key: bool = False  # the log was last written with another key than this machine's
    from_seq: int = 1  # the first event recomputed (after a checkpoint: that checkpoint's event)

    @property
    def ok(self) -> bool:
        return not self.problems


def chain_head() -> Anchor:
    """The newest event's number and hash, to be written down outside the database."""
    head = AuditChainHead.objects.filter(id=1).first()
    return Anchor(hash=head.hash, seq=head.seq) if head else Anchor(hash=GENESIS, seq=0)


def verify_chain(expect: Anchor | None = None, since: Anchor | None = None) -> VerifyReport:
    """Recompute every keyed hash in order; report edited, deleted or reordered events, and a
    head kept elsewhere (``expect``) that the log no longer reaches.

    ``since``: an event already verified with everything before it (a checkpoint, see
    :mod:`.checkpoint`): the check starts at that event, which must still be there with the
    same hash and content, and goes on to the head. Events before it are not read again."""
    key = keys.audit_key()
    problems: list[str] = []
    prev = GENESIS
    expected_seq = 1
    checked = 0
    anchor_found = expect is None
    first_bad: int | None = None
    events = AuditEvent.objects.order_by("seq")
    start = since if since is not None and since.seq else None
    if start is not None:
        events = events.filter(seq__gte=start.seq)
        expected_seq = start.seq
    for ev in events.iterator(chunk_size=2000):
        checked += 1
        found = len(problems)
        if ev.seq != expected_seq:
            problems.append(f"events {expected_seq}..{ev.seq - 1} are missing (deleted?)")
        if start is not None and checked == 1:
            # The checkpoint's own event: its predecessor was verified when the checkpoint was
            # made; it must keep the hash it had then (its content is recomputed below).
            prev = ev.prev_hash
            if ev.hash != start.hash:
                problems.append(
                    f"event {ev.seq}: its hash changed since it was verified (edited or re-hashed)"
                )
        if ev.prev_hash != prev:
            problems.append(
                f"event {ev.seq}: does not follow the previous event's hash (an event before it was edited or deleted)"
            )
        fields = _fields(
            ev.seq,
            ev.at,
            ev.actor_id,
            ev.actor_label,
            ev.action,
            ev.object_type,
            ev.object_id,
            ev.before,
            ev.after,
            ev.details,
        )
        if event_hash(ev.prev_hash, fields, key) != ev.hash:
            problems.append(
                f"event {ev.seq} ({ev.action} {ev.object_type}:{ev.object_id}): content does not match its hash (edited or re-hashed)"
            )
        if first_bad is None and len(problems) > found:
            first_bad = min(ev.seq, expected_seq)
        if expect is not None and ev.hash == expect.hash:
            anchor_found = expect.seq is None or expect.seq == ev.seq
        prev = ev.hash
        expected_seq = ev.seq + 1
    head = AuditChainHead.objects.filter(id=1).first()
    if head is None and checked:
        problems.append(
            "the chain head is missing (deleted), so deletions at the end cannot be ruled out"
        )
    if head and head.seq != expected_seq - 1:
        problems.append(
            f"the chain head says {head.seq} events but the log ends at {expected_seq - 1} (events at the end were deleted)"
        )
    if head and checked and head.hash != prev:
        problems.append(
            "the chain head's hash does not match the last event (the last event was edited or deleted)"
        )
    if expect is not None and not anchor_found and not (expect.hash == GENESIS and not checked):
        problems.append(
            f"the head kept outside the database ({expect}) is not in the log: "
            "events up to it were deleted or rewritten"
        )
    if start is not None and not checked:
        problems.append(
            f"event {start.seq}, verified before, is gone (the events from it on were deleted)"
        )
    if first_bad is None and problems:
        first_bad = expected_seq - 1 if checked else (start.seq if start else 1)
    wrong_key = bool(problems and head and head.key_id and head.key_id != keys.fingerprint(key))
    if wrong_key:
        problems.append(
            f"note: the log was last written with the audit key {head.key_id}, but this "
            f"machine's key is {keys.fingerprint(key)}: set CATCHALL_AUDIT_KEY or the key file "
            "to the key that wrote it before concluding tampering"
        )
    return VerifyReport(
        checked,
        problems,
        expected_seq - 1,
        prev,
        first_bad,
        wrong_key,
        from_seq=start.seq if start else 1,
    )


def history(object_type: str, object_id: Any):
    return AuditEvent.objects.filter(object_type=object_type, object_id=str(object_id)).order_by(
        "seq"
    )


def database_vendor() -> str:
    return connection.vendor
