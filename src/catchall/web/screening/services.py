"""Writes of screening data: atomic list import/replace with a diff and an audit event,
the starter list, and screening with a reproducible record."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from catchall.core.errors import InputError
from catchall.core.model import ListEntity, ScreeningQuery, ScreeningResult
from catchall.core.screening.importers import EntityDiff, ImportReport, diff_entities, read_list
from catchall.web.accounts.confidentiality import DEFAULT_AUDIENCE, check_audience
from catchall.web.audit.services import record_event
from catchall.web.screening.models import LIST_KINDS, ListImport, ScreeningList, ScreeningRecord
from catchall.web.screening.selectors import (
    entity_to_row,
    list_entities,
    list_versions,
    screening_lists_for,
)

# Called after a list changes (after commit): case management re-screens open cases.
LIST_CHANGED_HOOKS: list[Callable[[str, Any], None]] = []
NAME_MAX = 80
# Who may import or replace a screening list (the lists page and the API agree).
LIST_IMPORTERS = ("licensing_officer", "partner_liaison", "administrator")
MAX_UPLOAD = 200 * 1024 * 1024
# A batch of parties to screen, uploaded on the web or to the API.
MAX_BATCH_UPLOAD = 20 * 1024 * 1024


@dataclass
class ImportOutcome:
    screening_list: ScreeningList
    list_import: ListImport
    report: ImportReport
    diff: EntityDiff


def _check_name(name: str) -> str:
    import re

    name = (name or "").strip()
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,79}", name):
        raise InputError(
            "list names use lower-case letters, digits, '-' and '_' (at most 80)", "name"
        )
    return name


def list_import(
    path: str | Path | list[str | Path],
    *,
    format: str | None,
    name: str,
    title: str = "",
    kind: str | None = None,
    source: str = "",
    version_date: dt.date | None = None,
    actor=None,
    progress: Callable[[int], None] | None = None,
    audience: str | None = None,
    check: Callable[[ImportReport], None] | None = None,
) -> ImportOutcome:
    """Import a list file and replace the named list's entities atomically.

    ``check`` sees the file's report before anything is written and may refuse it by raising
    (the scheduled refresh refuses a list that shrank too much).

    A file that cannot be read at all raises InputError and writes nothing; bad rows are
    reported in the outcome and skipped; the old version stays intact if anything fails.
    ``audience`` says who may screen against the list (a new list without one is
    authority-only; a re-import without one keeps the list's audience). Several paths are
    one release (OFAC's sdn.csv, alt.csv, add.csv); its digest covers the files in order.
    """
    name = _check_name(name)
    _check_kind(kind)
    check_audience(audience)
    paths = [Path(p) for p in path] if isinstance(path, list | tuple) else [Path(path)]
    for one in paths:
        if not one.is_file():
            raise InputError(f"no such file: {one}", "file")
    report = read_list(
        paths if len(paths) > 1 else paths[0], format or None, name, progress=progress
    )
    shown = ", ".join(p.name for p in paths)
    if report.read and not report.imported:
        raise InputError(
            f"no entity could be imported from {shown} ({report.skipped} records skipped); the list is left as it was",
            "file",
        )
    if check is not None:
        check(report)
    return replace_list(
        name,
        report.entities,
        report=report,
        title=title,
        kind=kind,
        source=source or shown,
        version_date=version_date,
        actor=actor,
        file_name=shown[:500],
        file_sha256=_digest(paths),
        audience=audience,
    )


def _digest(paths: list[Path]) -> str:
    """The file's sha256; for several files, the sha256 of their digests in order."""
    digests = []
    for one in paths:
        with one.open("rb") as fh:  # in chunks: official lists run to hundreds of MB
            digests.append(hashlib.file_digest(fh, "sha256"))
    if len(digests) == 1:
        return digests[0].hexdigest()
    return hashlib.sha256(b"".join(d.digest() for d in digests)).hexdigest()


def import_report_dict(outcome: ImportOutcome) -> dict[str, Any]:
    """The import report as the API returns it: counts, reasons, warnings and the changes."""
    return _report_dict(
        outcome.screening_list.name, outcome.list_import.id, outcome.report, outcome.diff
    )


def list_review(
    path: str | Path,
    *,
    format: str | None,
    name: str,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """The import report of a file and its changes against the list as it is now, for review
    before the replacement; writes nothing (``import_id`` is None)."""
    name = _check_name(name)
    path = Path(path)
    report = read_list(path, format or None, name, progress=progress)
    if report.read and not report.imported:
        raise InputError(
            f"no entity could be imported from {path.name} ({report.skipped} records skipped)",
            "file",
        )
    current = ScreeningList.objects.filter(name=name).first()
    old = list(list_entities(current)) if current else []
    new = [e if e.list_name == name else _relabel(e, name) for e in report.entities]
    return _report_dict(name, None, report, diff_entities(old, new))


def check_import_request(
    upload,
    *,
    name: str,
    kind: str | None = None,
    audience: str | None = None,
    version_date: str | None = None,
) -> dict[str, Any]:
    """What can be checked of an import before its file is read (the file, the list's name,
    kind, audience and version date): the job's params, or InputError naming the field."""
    problems = []
    if upload is None:
        problems += InputError("choose a list file to upload", "file").problems
    elif upload.size > MAX_UPLOAD:
        problems += InputError(f"larger than {MAX_UPLOAD // (1024 * 1024)} MB", "file").problems
    for check in (
        lambda: _check_name(name),
        lambda: check_audience(audience or None),
        lambda: _check_kind(kind or None),
        lambda: _check_day(version_date or None),
    ):
        try:
            check()
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return {
        "name": _check_name(name),
        "kind": kind or None,
        "audience": audience or None,
        "version_date": version_date or None,
    }


def _check_kind(kind: str | None) -> None:
    if kind is not None and kind not in dict(LIST_KINDS):
        raise InputError(f"{kind!r} is not one of {', '.join(dict(LIST_KINDS))}", "kind")


def _check_day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        raise InputError(f"{value!r} is not a date (YYYY-MM-DD)", "version_date") from None


def _report_dict(name: str, import_id, rep: ImportReport, diff: EntityDiff) -> dict[str, Any]:
    return {
        "list": name,
        "import_id": import_id,
        "format": rep.format,
        "read": rep.read,
        "imported": rep.imported,
        "skipped": rep.skipped,
        "context_records": rep.non_party,
        "skipped_by_reason": rep.skipped_by_reason,
        "warnings": [
            {"line": w.line, "message": w.message, "record_id": w.record_id, "skipped": w.skipped}
            for w in rep.warnings
        ],
        "warnings_omitted": rep.warnings_omitted,
        "summary": rep.summary(),
        "changes": {
            "added": len(diff.added),
            "removed": len(diff.removed),
            "changed": len(diff.changed),
            "summary": diff.summary(),
        },
    }


@transaction.atomic
def replace_list(
    name: str,
    entities: list[ListEntity],
    *,
    report: ImportReport | None = None,
    title: str = "",
    kind: str | None = None,
    source: str = "",
    version_date: dt.date | None = None,
    actor=None,
    file_name: str = "",
    file_sha256: str = "",
    audience: str | None = None,
) -> ImportOutcome:
    """Replace a list's entities with ``entities`` in one transaction and audit the change."""
    check_audience(audience)
    now = timezone.now()
    screening_list, created = ScreeningList.objects.select_for_update().get_or_create(
        name=name,
        defaults={
            "title": title or name,
            "kind": kind or "denial",
            "source": source,
            "audience": audience or DEFAULT_AUDIENCE,
        },
    )
    old = [] if created else list(list_entities(screening_list))
    entities = [e if e.list_name == name else _relabel(e, name) for e in entities]
    diff = diff_entities(old, entities)
    before = {
        "version_date": _iso(screening_list.version_date),
        "entities": screening_list.entity_count,
        "audience": screening_list.audience,
    }
    screening_list.entities.all().delete()
    rows = [entity_to_row(e, screening_list) for e in entities]
    for start in range(0, len(rows), 5000):
        type(rows[0]).objects.bulk_create(rows[start : start + 5000])
    rep = report
    imp = ListImport.objects.create(
        screening_list=screening_list,
        version_date=version_date,
        imported_at=now,
        imported_by=actor if getattr(actor, "is_authenticated", False) else None,
        file_name=file_name,
        file_sha256=file_sha256,
        format=rep.format if rep else "packaged",
        read=rep.read if rep else len(entities),
        imported=rep.imported if rep else len(entities),
        skipped=rep.skipped if rep else 0,
        warnings=[
            {"line": w.line, "message": w.message, "record_id": w.record_id}
            for w in (rep.warnings if rep else [])
        ][:1000],
        added=diff.added,
        removed=diff.removed,
        changed=[{"id": i, "fields": list(f)} for i, f in diff.changed],
    )
    if title:
        screening_list.title = title
    if kind:
        screening_list.kind = kind
    if source:
        screening_list.source = source
    if audience:
        screening_list.audience = audience
    screening_list.version_date = version_date
    screening_list.imported_at = now
    screening_list.entity_count = len(entities)
    screening_list.current_import = imp
    screening_list.save()
    record_event(
        "list.imported" if created else "list.replaced",
        actor=actor,
        object_type="screening_list",
        object_id=name,
        before=None if created else before,
        after={
            "version_date": _iso(version_date),
            "entities": len(entities),
            "import_id": imp.id,
            "audience": screening_list.audience,
        },
        details={
            "file": file_name,
            "sha256": file_sha256,
            "read": imp.read,
            "imported": imp.imported,
            "skipped": imp.skipped,
            "diff": diff.summary(),
        },
    )
    transaction.on_commit(lambda: [hook(name, imp) for hook in LIST_CHANGED_HOOKS])
    return ImportOutcome(screening_list, imp, rep or _packaged_report(name, entities), diff)


def _relabel(e: ListEntity, name: str) -> ListEntity:
    from dataclasses import replace

    return replace(e, list_name=name)


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _packaged_report(name: str, entities: list[ListEntity]) -> ImportReport:
    return ImportReport(
        list_name=name,
        format="packaged",
        entities=entities,
        read=len(entities),
        imported=len(entities),
        skipped=0,
    )


def ensure_starter_list(actor=None) -> bool:
    """Load the packaged programs-of-concern list if this installation has none yet."""
    from catchall.core.screening.starter import LIST_NAME, load_starter_list, starter_list_info

    if ScreeningList.objects.filter(name=LIST_NAME).exists():
        return False
    info = starter_list_info()
    replace_list(
        LIST_NAME,
        load_starter_list(),
        title=info.title,
        kind="programs_of_concern",
        source=f"packaged starter list ({info.as_of.isoformat()})",
        version_date=info.as_of,
        actor=actor or "system",
        audience=info.audience,
    )
    return True


def screening_record(
    results: list[ScreeningResult],
    *,
    actor=None,
    context: str = "",
    lists: list[str] | None = None,
    config: dict | None = None,
) -> None:
    """Keep who screened what against which list versions, so the result can be reproduced.
    ``lists``: the names used (None: every list)."""
    from catchall.web.screening.index import result_to_dict

    versions = list_versions(lists, reader="record")
    now = timezone.now()
    ScreeningRecord.objects.bulk_create(
        [
            ScreeningRecord(
                at=now,
                by=actor if getattr(actor, "is_authenticated", False) else None,
                by_label=actor.get_username()
                if getattr(actor, "is_authenticated", False)
                else (actor or "system"),
                context=context[:200],
                query={
                    "name": r.query.name[:500],
                    "country": r.query.country,
                    "schema": r.query.schema,
                    "id": r.query.id,
                },
                lists=versions,
                config=config or {},
                decision=r.decision,
                result=result_to_dict(r),
            )
            for r in results
        ]
    )


def screen_parties(
    queries: list[ScreeningQuery],
    *,
    lists: list[str] | None = None,
    actor=None,
    context: str = "",
    record: bool = True,
) -> list[ScreeningResult]:
    """Screen on the actor's behalf: against ``lists`` or every list the actor may use (an
    exporter or a regime guest only the public ones), never a list kept from the actor."""
    from catchall.web.screening.index import current_index

    lists = screening_lists_for(actor, lists)
    index = current_index()
    results = [index.screen(q, lists=lists) for q in queries]
    if record:
        screening_record(
            results, actor=actor, context=context, lists=lists, config=index_config(index)
        )
    return results


def index_config(index) -> dict:
    cfg = getattr(index, "config", None)
    if cfg is None:
        return {}
    from dataclasses import asdict, is_dataclass

    return asdict(cfg) if is_dataclass(cfg) else {}


def read_batch_upload(upload) -> tuple[list[dict[str, Any]], list[str]]:
    """An uploaded CSV of parties: the checked parties (as job params) and the rows skipped
    with their reasons. InputError for no file, a file too large, not UTF-8, a header we cannot
    use, more parties than one batch takes, or no usable row."""
    from catchall.core.screening import batch_io

    if upload is None:
        raise InputError("choose a CSV file of parties to upload", "file")
    if upload.size > MAX_BATCH_UPLOAD:
        raise InputError(f"larger than {MAX_BATCH_UPLOAD // (1024 * 1024)} MB", "file")
    try:
        text = b"".join(upload.chunks()).decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("the file is not UTF-8 text", "file") from None
    queries, skipped = batch_io.parse(text, "file", batch_io.MAX_ROWS)
    if not queries:
        raise InputError(
            "no party to screen in the file" + (f": {skipped[0]}" if skipped else ""), "file"
        )
    return [batch_io.query_to_dict(q) for q in queries], skipped
