"""Writes of denial notifications: create from a refusal, import, revoke.

Each service is one transaction that writes one audit event through ``record_event``, so the
change and its record commit or roll back together. A file that cannot be used at all raises
InputError before anything is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from catchall.core.errors import InputError, NotFound
from catchall.web.audit.services import record_event
from catchall.web.denials import conf
from catchall.web.denials.formats import (
    FORMAT_NAMES,
    REGIMES,
    NotificationData,
    ParseResult,
    PartyData,
    normalise_country,
    parse,
    parse_document,
    regime_of,
)
from catchall.web.denials.models import DenialImport, DenialNotification, DeniedParty
from catchall.web.denials.permissions import require_write
from catchall.web.denials.selectors import notification_data

FIELDS = (
    "regime_reg_ref",
    "regime",
    "denial_cle",
    "mtcr_item",
    "item_kind",
    "item_description",
    "end_use",
    "reason_for_refusal",
    "denied_on",
    "valid_until",
    "status",
)
AUDIT_LIST_MAX = 500


def _check_actor(actor) -> None:
    """A signed-in user must hold a writing role; the CLI and the system pass a label."""
    if actor is not None and hasattr(actor, "is_authenticated"):
        require_write(actor)


def _after_commit() -> None:
    from catchall.web.denials.checks import invalidate

    transaction.on_commit(invalidate)


def _day(value: Any, name: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"{value!r} is not a date YYYY-MM-DD", name) from None


def _snapshot(n: DenialNotification) -> dict[str, Any]:
    data = {f: getattr(n, f) for f in FIELDS}
    data["denied_on"] = n.denied_on.isoformat()
    data["valid_until"] = n.valid_until.isoformat()
    data["parties"] = sorted([p.name, p.address, p.country, p.entity_type] for p in n.parties.all())
    return data


# ---------------------------------------------------------------------------- from a refusal


def _refusal_party(raw: dict | None, entity_type: str, path: str) -> PartyData | None:
    if not raw or not (raw.get("name") or "").strip():
        return None
    country = ""
    if raw.get("country"):
        try:
            country = normalise_country(str(raw["country"]))
        except InputError as exc:
            raise InputError(exc.problems[0].message, f"{path}.country") from None
    return PartyData(
        name=str(raw["name"]).strip()[:500],
        address=str(raw.get("address") or "").strip()[:1000],
        country=country,
        entity_type=entity_type,
    )


@transaction.atomic
def denial_create_from_refusal(
    *,
    case_reference: str,
    items: list[dict],
    end_user: dict,
    consignee: dict | None,
    reason: str,
    end_use: str,
    denied_on: dt.date | str,
    actor=None,
) -> list[DenialNotification]:
    """One outgoing notification per listed entry refused (the case workflow calls this when a
    senior officer refuses a case with listed items). ``items``: dicts with entry, regime,
    mtcr_item, kind, description. Calling it again for the same case and entry returns the
    existing notification instead of notifying twice."""
    _check_actor(actor)
    case_reference = (case_reference or "").strip()
    if not case_reference:
        raise InputError("the case reference is required", "case_reference")
    eu = _refusal_party(end_user, "end_user", "end_user")
    if eu is None:
        raise InputError("the end user's name is required", "end_user.name")
    cons = _refusal_party(consignee, "consignee", "consignee")
    day = _day(denied_on, "denied_on")
    gov = conf.government()
    now = timezone.now()
    by_entry: dict[str, dict] = {}
    for i, it in enumerate(items or []):
        entry = ((it or {}).get("entry") or "").strip()
        if not entry:
            raise InputError("each refused item names its control entry", f"items[{i}].entry")
        by_entry.setdefault(entry.upper(), {**it, "entry": entry})
    out: list[DenialNotification] = []
    created: list[str] = []
    for it in by_entry.values():
        entry = it["entry"]
        existing = DenialNotification.objects.filter(
            direction="outgoing", case_reference=case_reference, denial_cle=entry
        ).first()
        if existing:
            out.append(existing)
            continue
        regime = str(it.get("regime") or "").upper()
        regime = regime if regime in REGIMES else regime_of("", entry)
        n = DenialNotification.objects.create(
            reference=f"{case_reference}/{entry}"[:100],
            notifying_government=gov,
            regime=regime,
            denial_cle=entry,
            mtcr_item=str(it.get("mtcr_item") or "")[:20],
            item_kind=str(it.get("kind") or "")[:100],
            item_description=str(it.get("description") or it.get("kind") or ""),
            end_use=end_use or "",
            reason_for_refusal=reason or "",
            denied_on=day,
            valid_until=conf.valid_until(day),
            direction="outgoing",
            status="active",
            case_reference=case_reference,
            created_at=now,
            updated_at=now,
        )
        for p in (eu, cons):
            if p is not None:
                DeniedParty.objects.create(notification=n, **p.__dict__)
        out.append(n)
        created.append(n.reference)
    if created:
        record_event(
            "denials.created_from_refusal",
            actor=actor,
            object_type="denials",
            object_id=case_reference,
            after={"notifications": created},
            details={
                "case_reference": case_reference,
                "government": gov,
                "entries": [r.split("/", 1)[-1] for r in created],
                "end_user": eu.name,
                "consignee": cons.name if cons else None,
                "denied_on": day.isoformat(),
            },
        )
        _after_commit()
    return out


# ---------------------------------------------------------------------------- import


@dataclass
class ImportOutcome:
    record: DenialImport
    result: ParseResult
    created: list[str] = field(default_factory=list)
    updated: dict[str, dict[str, Any]] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)

    def summary(self) -> str:
        r = self.result
        return (
            f"{self.record.file_name or 'input'} ({FORMAT_NAMES.get(r.format, r.format)}): "
            f"read {r.read}, imported {r.imported}, "
            f"skipped {r.skipped}; notifications: {len(self.created)} new, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged; {len(r.warnings) + r.warnings_omitted} warning(s)"
        )

    def as_dict(self) -> dict[str, Any]:
        r = self.result
        return {
            "import_id": self.record.pk,
            "file": self.record.file_name,
            "format": r.format,
            "read": r.read,
            "imported": r.imported,
            "skipped": r.skipped,
            "created": self.created,
            "updated": self.updated,
            "unchanged": len(self.unchanged),
            "warnings": [w.as_dict() for w in r.warnings],
            "warnings_omitted": r.warnings_omitted,
        }


def denials_import(path: str | Path, *, format: str | None = None, actor=None) -> ImportOutcome:
    """Import a notifications file (format detected unless given): our JSON or CSV, or the
    UK LITE denial CSV. Re-importing a government's reference updates that notification."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"no such file: {path}", "file")
    return denials_import_data(p.read_bytes(), file_name=p.name, format=format, actor=actor)


def denials_import_data(
    data: bytes | str | dict, *, file_name: str = "", format: str | None = None, actor=None
) -> ImportOutcome:
    """As :func:`denials_import`, for an upload's bytes or an API's decoded JSON document."""
    _check_actor(actor)
    if isinstance(data, dict):
        raw = _canonical_bytes(data)
        result = parse_document(data)
        if not result.read:
            raise InputError("the document holds no denial notifications", "notifications")
        if not result.notifications:
            shown = "; ".join(str(w) for w in result.warnings[:5])
            raise InputError(f"no notification could be imported: {shown}", "notifications")
    else:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        result = parse(data, format)
    return _apply(result, raw, file_name, actor)


def _canonical_bytes(doc: dict) -> bytes:
    import json

    return json.dumps(doc, sort_keys=True, ensure_ascii=False).encode("utf-8")


@transaction.atomic
def _apply(result: ParseResult, raw: bytes, file_name: str, actor) -> ImportOutcome:
    now = timezone.now()
    user = actor if getattr(actor, "is_authenticated", False) else None
    rec = DenialImport.objects.create(
        imported_at=now,
        imported_by=user,
        actor_label=user.get_username() if user else str(actor or "system")[:200],
        file_name=file_name[:500],
        file_sha256=hashlib.sha256(raw).hexdigest(),
        format=result.format,
        read=result.read,
        imported=result.imported,
        skipped=result.skipped,
        warnings=[w.as_dict() for w in result.warnings],
    )
    outcome = ImportOutcome(rec, result)
    existing = _existing(result.notifications)
    new: list[NotificationData] = []
    for nd in result.notifications:
        key = f"{nd.notifying_government} {nd.reference}"
        n = existing.get(nd.key)
        if n is None:
            new.append(nd)
            outcome.created.append(key)
            continue
        changes = _update(n, nd, rec, now, file_name)
        if changes:
            outcome.updated[key] = changes
        else:
            outcome.unchanged.append(key)
    _create_all(new, rec, conf.government(), now, file_name)
    rec.created, rec.updated, rec.unchanged = (
        len(outcome.created),
        len(outcome.updated),
        len(outcome.unchanged),
    )
    rec.save(update_fields=["created", "updated", "unchanged"])
    updated_items = list(outcome.updated.items())
    record_event(
        "denials.imported",
        actor=actor,
        object_type="denial_import",
        object_id=rec.pk,
        after={
            "read": result.read,
            "imported": result.imported,
            "skipped": result.skipped,
            "created": len(outcome.created),
            "updated": len(outcome.updated),
            "unchanged": len(outcome.unchanged),
        },
        details={
            "file": rec.file_name,
            "sha256": rec.file_sha256,
            "format": result.format,
            "created": outcome.created[:AUDIT_LIST_MAX],
            "changes": dict(updated_items[:AUDIT_LIST_MAX]),
            "omitted": max(0, len(outcome.created) - AUDIT_LIST_MAX)
            + max(0, len(updated_items) - AUDIT_LIST_MAX),
            "warnings": len(result.warnings) + result.warnings_omitted,
        },
    )
    _after_commit()
    return outcome


def _existing(notifications: list[NotificationData]) -> dict[tuple[str, str], DenialNotification]:
    """The stored notifications with the file's keys, fetched in a few queries."""
    refs = sorted({nd.reference for nd in notifications})
    keys = {nd.key for nd in notifications}
    found: dict[tuple[str, str], DenialNotification] = {}
    for i in range(0, len(refs), 500):
        qs = DenialNotification.objects.filter(reference__in=refs[i : i + 500]).prefetch_related(
            "parties"
        )
        for n in qs:
            if (n.notifying_government, n.reference) in keys:
                found[(n.notifying_government, n.reference)] = n
    return found


def _dates(nd: NotificationData, existing: DenialNotification | None, today: dt.date):
    """The file's dates; else the stored ones; else the day we learnt of it (LITE has none)."""
    denied_on = nd.denied_on or (existing.denied_on if existing else today)
    if nd.valid_until:
        return denied_on, nd.valid_until
    if existing and not nd.denied_on:
        return denied_on, existing.valid_until
    return denied_on, conf.valid_until(denied_on)


def _party_rows(parties) -> list[list[str]]:
    return sorted([p.name, p.address, p.country, p.entity_type] for p in parties)


def _create_all(new: list[NotificationData], rec: DenialImport, ours: str, now, file_name: str):
    objs = []
    for nd in new:
        denied_on, valid_until = _dates(nd, None, now.date())
        revoked = nd.status == "revoked"
        objs.append(
            DenialNotification(
                reference=nd.reference,
                regime_reg_ref=nd.regime_reg_ref,
                notifying_government=nd.notifying_government,
                regime=nd.regime,
                denial_cle=nd.denial_cle,
                mtcr_item=nd.mtcr_item,
                item_kind=nd.item_kind,
                item_description=nd.item_description,
                end_use=nd.end_use,
                reason_for_refusal=nd.reason_for_refusal,
                denied_on=denied_on,
                valid_until=valid_until,
                direction="outgoing" if nd.notifying_government == ours else "incoming",
                status="revoked" if revoked else "active",
                revoked_on=now.date() if revoked else None,
                revocation_comment=f"revoked in import {file_name}" if revoked else "",
                source_import=rec,
                created_at=now,
                updated_at=now,
            )
        )
    if connection.features.can_return_rows_from_bulk_insert:
        objs = DenialNotification.objects.bulk_create(objs, batch_size=500)
    else:
        for o in objs:
            o.save(force_insert=True)
    DeniedParty.objects.bulk_create(
        (
            DeniedParty(notification=o, **p.__dict__)
            for o, nd in zip(objs, new, strict=True)
            for p in nd.parties
        ),
        batch_size=1000,
    )


def _update(n: DenialNotification, nd: NotificationData, rec, now, file_name: str) -> dict:
    """Bring a stored notification in line with the file; return {field: [old, new]}."""
    before = _snapshot(n)
    n.denied_on, n.valid_until = _dates(nd, n, now.date())
    for f in (
        "regime_reg_ref",
        "regime",
        "denial_cle",
        "mtcr_item",
        "item_kind",
        "item_description",
        "end_use",
        "reason_for_refusal",
    ):
        setattr(n, f, getattr(nd, f))
    if nd.status and nd.status != n.status:
        n.status = nd.status
        n.revoked_on = now.date() if nd.status == "revoked" else None
        n.revocation_comment = f"revoked in import {file_name}" if nd.status == "revoked" else ""
    after = {f: getattr(n, f) for f in FIELDS}
    after["denied_on"], after["valid_until"] = n.denied_on.isoformat(), n.valid_until.isoformat()
    after["parties"] = _party_rows(nd.parties)
    changes = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    if not changes:
        return {}
    n.source_import = rec
    n.updated_at = now
    n.save()
    if "parties" in changes:
        n.parties.all().delete()
        DeniedParty.objects.bulk_create(
            DeniedParty(notification=n, **p.__dict__) for p in nd.parties
        )
    return changes


# ---------------------------------------------------------------------------- revoke


@transaction.atomic
def denial_revoke(notification_id: int, *, comment: str, actor=None) -> DenialNotification:
    """Revoke a notification (a partner withdrew it, or we reversed our refusal); the reason
    is required, as revocation changes every later no-undercut check."""
    _check_actor(actor)
    comment = (comment or "").strip()
    if not comment:
        raise InputError("say why the denial is revoked", "comment")
    n = DenialNotification.objects.select_for_update().filter(pk=notification_id).first()
    if n is None:
        raise NotFound(f"no denial notification {notification_id}")
    if n.status == "revoked":
        raise InputError(f"{n.reference} is already revoked", "status")
    now = timezone.now()
    n.status, n.revoked_on, n.revocation_comment, n.updated_at = (
        "revoked",
        now.date(),
        comment[:2000],
        now,
    )
    n.save(update_fields=["status", "revoked_on", "revocation_comment", "updated_at"])
    record_event(
        "denial.revoked",
        actor=actor,
        object_type="denial",
        object_id=n.pk,
        before={"status": "active"},
        after={"status": "revoked"},
        details={
            "reference": n.reference,
            "government": n.notifying_government,
            "comment": n.revocation_comment,
        },
    )
    _after_commit()
    return n


# ---------------------------------------------------------------------------- export


def denials_export(format: str = "lite-csv", direction: str = "outgoing", *, reader=None) -> str:
    """The notifications of one direction ("outgoing", "incoming" or "all") as file text.
    LITE CSV has no status column, so it carries active notifications only; the case
    reference is internal and never exported."""
    from catchall.web.denials.formats import FORMATS, render
    from catchall.web.denials.permissions import require_read

    if reader is not None and hasattr(reader, "is_authenticated"):
        require_read(reader)
    if format not in FORMATS:
        raise InputError(f"{format!r} is not one of {', '.join(FORMATS)}", "format")
    if direction not in ("outgoing", "incoming", "all"):
        raise InputError(f"{direction!r} is not outgoing, incoming or all", "direction")
    qs = DenialNotification.objects.prefetch_related("parties").order_by(
        "notifying_government", "reference"
    )
    if direction != "all":
        qs = qs.filter(direction=direction)
    if format == "lite-csv":
        qs = qs.filter(status="active")
    return render([notification_data(n) for n in qs], format)


__all__ = [
    "ImportOutcome",
    "denial_create_from_refusal",
    "denial_revoke",
    "denials_export",
    "denials_import",
    "denials_import_data",
]
