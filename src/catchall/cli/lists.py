"""``catchall lists``: import, show and compare screening lists."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from catchall.cli.common import _db, _fail, _Progress, app, emit, parse_date
from catchall.core.errors import InputError, NotFound

lists_app = typer.Typer(help="Screening lists: import, show, diff.", no_args_is_help=True)
app.add_typer(lists_app, name="lists")


@lists_app.command("import")
def lists_import(
    files: Annotated[
        list[str],
        typer.Argument(
            help="List file: UN, EU, UK or OFAC official list (XML, UK ConList CSV, OFAC "
            "sdn.csv), FtM JSON lines, US CSL CSV/JSON, or simple CSV; plain or gzip. OFAC's "
            "classic CSV release may be given as several files (sdn.csv alt.csv add.csv) or "
            "as one ZIP holding them.",
            metavar="FILE...",
        ),
    ],
    name: Annotated[
        str, typer.Option("--name", help="List name (replaces the list of that name).")
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="un, eu, uk, ofac, ftm, csl or csv (detected from the content when omitted).",
        ),
    ] = None,
    title: Annotated[str, typer.Option(help="Human title of the list.")] = "",
    kind: Annotated[
        str | None, typer.Option(help="programs_of_concern, denial, sanctions or other.")
    ] = None,
    version_date: Annotated[
        str | None, typer.Option("--version-date", help="Publication date YYYY-MM-DD.")
    ] = None,
    audience: Annotated[
        str | None,
        typer.Option(
            help="Who may screen against it: public (published lists) or authority (partners' "
            "denials, own lists; the default for a new list). A re-import keeps it when omitted."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Import a list file; a newer version replaces the old one atomically."""
    from catchall.core.screening.importers import FORMATS

    if fmt is not None and fmt not in FORMATS:
        _fail(InputError(f"{fmt!r} is not one of {', '.join(FORMATS)}", "--format"))
    vd = parse_date(version_date, "--version-date")
    _db()
    from catchall.web.screening.services import list_import

    progress = _Progress(f"importing {', '.join(Path(f).name for f in files)}")
    try:
        outcome = list_import(
            files[0] if len(files) == 1 else files,
            format=fmt,
            name=name,
            title=title,
            kind=kind,
            version_date=vd,
            actor="cli",
            progress=progress,
            audience=audience,
        )
    except InputError as exc:
        progress.close()
        _fail(exc)
    progress.close()
    rep, diff = outcome.report, outcome.diff
    if as_json:
        emit(
            {
                "list": name,
                "format": rep.format,
                "read": rep.read,
                "imported": rep.imported,
                "skipped": rep.skipped,
                "context_records": rep.non_party,
                "skipped_by_reason": rep.skipped_by_reason,
                "warnings": [{"line": w.line, "message": w.message} for w in rep.warnings],
                "added": len(diff.added),
                "removed": len(diff.removed),
                "changed": len(diff.changed),
            }
        )
        return
    typer.echo(rep.summary())
    typer.echo(f"changes against the previous version: {diff.summary()}")
    for w in rep.warnings[:20]:
        typer.echo(f"  warning: {w}")
    if len(rep.warnings) > 20:
        typer.echo(f"  ... {len(rep.warnings) - 20} more warnings (use --json to see all)")


@lists_app.command("show")
def lists_show(
    name: Annotated[
        str | None, typer.Argument(help="A list name for its details; all lists when omitted.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Show the screening lists (or one list with its import history)."""
    _db()
    from catchall.web.screening.models import ScreeningList
    from catchall.web.screening.services import ensure_starter_list

    ensure_starter_list()
    if name is None:
        rows = [
            {
                "name": sl.name,
                "title": sl.title,
                "kind": sl.kind,
                "audience": sl.audience,
                "entities": sl.entity_count,
                "version_date": sl.version_date.isoformat() if sl.version_date else None,
                "imported_at": sl.imported_at.isoformat() if sl.imported_at else None,
            }
            for sl in ScreeningList.objects.order_by("name")
        ]
        if as_json:
            emit(rows)
            return
        for r in rows:
            typer.echo(
                f"{r['name']:<24} {r['kind']:<20} {r['entities']:>8} entities  version {r['version_date'] or '-'}  {r['title']}"
            )
        return
    sl = ScreeningList.objects.filter(name=name).first()
    if sl is None:
        _fail(NotFound(f"no screening list named {name!r}"))
    imports = [
        {
            "id": i.id,
            "imported_at": i.imported_at.isoformat(),
            "version_date": i.version_date.isoformat() if i.version_date else None,
            "file": i.file_name,
            "format": i.format,
            "read": i.read,
            "imported": i.imported,
            "skipped": i.skipped,
            "added": len(i.added),
            "removed": len(i.removed),
            "changed": len(i.changed),
        }
        for i in sl.imports.all()
    ]
    data = {
        "name": sl.name,
        "title": sl.title,
        "kind": sl.kind,
        "source": sl.source,
        "entities": sl.entity_count,
        "imports": imports,
    }
    if as_json:
        emit(data)
        return
    typer.echo(
        f"{sl.name}: {sl.title} ({sl.kind}), {sl.entity_count} entities, source {sl.source or '-'}"
    )
    for i in imports:
        typer.echo(
            f"  import {i['id']} at {i['imported_at'][:19]} version {i['version_date'] or '-'} {i['file'] or ''}: "
            f"read {i['read']}, imported {i['imported']}, skipped {i['skipped']}; "
            f"+{i['added']} -{i['removed']} ~{i['changed']}"
        )


@lists_app.command("diff")
def lists_diff(
    name: Annotated[str, typer.Argument(help="List name (or the OLD file with --files).")],
    other: Annotated[str | None, typer.Argument(help="With --files: the NEW file.")] = None,
    files: Annotated[
        bool, typer.Option("--files", help="Compare two list files instead of a stored import.")
    ] = False,
    fmt: Annotated[str | None, typer.Option("--format")] = None,
    import_id: Annotated[
        int | None, typer.Option("--import", help="Which import of the list (default: latest).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """What changed: in a list's latest (or given) import, or between two list files."""
    if files:
        from catchall.core.screening.importers import diff_entities, read_list

        if not other:
            _fail(InputError("--files needs two files: OLD NEW", "NEW"))
        try:
            old = read_list(Path(name), fmt, "old")
            new = read_list(Path(other), fmt, "new")
        except InputError as exc:
            _fail(exc)
        d = diff_entities(old.entities, new.entities)
        data = {
            "added": d.added,
            "removed": d.removed,
            "changed": [{"id": i, "fields": list(f)} for i, f in d.changed],
        }
    else:
        _db()
        from catchall.web.screening.models import ListImport

        qs = ListImport.objects.filter(screening_list__name=name)
        imp = qs.filter(id=import_id).first() if import_id else qs.first()
        if imp is None:
            _fail(
                NotFound(
                    f"no import {'#' + str(import_id) + ' ' if import_id else ''}of a list named {name!r}"
                )
            )
        data = {
            "import": imp.id,
            "added": imp.added,
            "removed": imp.removed,
            "changed": imp.changed,
        }
    if as_json:
        emit(data)
        return
    typer.echo(
        f"{len(data['added'])} added, {len(data['removed'])} removed, {len(data['changed'])} changed"
    )
    for i in data["added"][:50]:
        typer.echo(f"  + {i}")
    for i in data["removed"][:50]:
        typer.echo(f"  - {i}")
    for c in data["changed"][:50]:
        typer.echo(f"  ~ {c['id']}: {', '.join(c['fields'])}")


@lists_app.command("source")
def lists_source(
    name: Annotated[str, typer.Argument(help="The list to refresh (created on first refresh)")],
    url: Annotated[str, typer.Option("--url", help="http(s) address of the list file")],
    fmt: Annotated[
        str, typer.Option("--format", help="un, eu, uk, ofac, ftm, csl or csv; detected if empty")
    ] = "",
    every_hours: Annotated[int, typer.Option("--every-hours")] = 24,
    max_shrink: Annotated[
        float | None,
        typer.Option("--max-shrink", help="share the list may shrink by (default 0.2)"),
    ] = None,
    audience: Annotated[str, typer.Option("--audience", help="public or authority")] = "",
) -> None:
    """Configure where a list is refreshed from, and how often."""
    _db()
    from catchall.web.screening.refresh import source_save

    try:
        s = source_save(
            name=name,
            url=url,
            format=fmt,
            every_hours=every_hours,
            max_shrink=max_shrink,
            audience=audience,
            actor="cli",
        )
    except InputError as exc:
        _fail(exc)
    typer.echo(f"{s.name}: refreshed from {s.url} every {s.every_hours} hours")


@lists_app.command("refresh")
def lists_refresh(
    name: Annotated[
        str | None, typer.Argument(help="One list; all that are due if omitted")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Refresh lists from their sources now (for cron: `catchall lists refresh` every 15
    minutes refreshes those that are due). Exit 1 if a refresh failed or was held back."""
    _db()
    from catchall.web.screening.models import ListSource
    from catchall.web.screening.refresh import refresh, refresh_due

    if name:
        source = ListSource.objects.filter(name=name).first()
        if source is None:
            _fail(InputError(f"no source is configured for the list {name!r}", "name"))
        results = [refresh(source)]
    else:
        results = refresh_due()
    if as_json:
        emit([r.as_dict() for r in results])
    else:
        for r in results:
            typer.echo(f"{r.name}: {r.status}: {r.message}")
        if not results:
            typer.echo("no list is due")
    if any(r.status in ("failed", "held") for r in results):
        raise typer.Exit(1)
