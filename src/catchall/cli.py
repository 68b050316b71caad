"""The ``catchall`` command line: thin commands that parse input, call one service, print.

User errors print one line per problem to stderr and exit with code 2; nothing is written.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from catchall.core.errors import InputError, NotFound, Problem

app = typer.Typer(
    name="catchall",
    help="Export-control decision support for missile technology.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
controls_app = typer.Typer(help="Browse control lists and their versions.", no_args_is_help=True)
app.add_typer(controls_app, name="controls")


class UserError(Exception):
    """Raised inside commands for bad input; ``main`` prints it and exits 2."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def _fail(exc: InputError | NotFound | str) -> None:
    if isinstance(exc, InputError):
        raise UserError([str(p) for p in exc.problems])
    raise UserError([str(exc)])


def emit(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def read_input(path: str) -> str:
    """Read a file named on the command line ("-" for standard input)."""
    if path == "-":
        return sys.stdin.read()
    p = Path(path)
    if not p.exists():
        _fail(InputError(f"no such file: {path}", "FILE"))
    if p.is_dir():
        _fail(InputError(f"{path} is a directory", "FILE"))
    try:
        return p.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        _fail(InputError(f"{path} is not UTF-8 text", "FILE"))
    return ""


def parse_date(value: str | None, field: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        _fail(InputError(f"{value!r} is not a date in the form YYYY-MM-DD", field))
    return None


# --------------------------------------------------------------------------- classification


@app.command()
def classify(
    file: Annotated[
        str,
        typer.Argument(
            help="Item file (JSON or YAML; '-' for stdin). A list classifies each item."
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    list_date: Annotated[
        str | None,
        typer.Option("--list-date", help="Use the list versions in force on YYYY-MM-DD."),
    ] = None,
) -> None:
    """Classify an item against the MTCR Annex, Wassenaar and NSG entries."""
    from catchall.core.controls.classifier import classify as run
    from catchall.core.controls.render import classification_text
    from catchall.core.items import load_document, parse_item

    at = parse_date(list_date, "--list-date")
    try:
        doc = load_document(read_input(file), file)
        docs = doc if isinstance(doc, list) else [doc]
        items = []
        problems: list[str] = []
        for i, d in enumerate(docs):
            try:
                items.append(parse_item(d))
            except InputError as exc:
                problems += [
                    str(p)
                    for p in (exc.prefixed(f"[{i}]") if isinstance(doc, list) else exc).problems
                ]
        if problems:
            raise UserError(problems)
        results = [run(item, at=at).as_dict() for item in items]
    except (InputError, NotFound) as exc:
        _fail(exc)
    if as_json:
        emit(results if isinstance(doc, list) else results[0])
    else:
        typer.echo("\n\n".join(classification_text(r) for r in results))


@app.command()
def kinds(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List the item kinds and the parameters an item may state."""
    from catchall.core.vocabulary import vocabulary

    v = vocabulary()
    if as_json:
        emit(
            {
                "kinds": {
                    k: {"title": d.title, "evaluate_as": list(d.evaluate_as)}
                    for k, d in v.kinds.items()
                },
                "parameters": {
                    p: {
                        "type": d.type,
                        "dimension": d.dimension,
                        "values": list(d.values),
                        "title": d.title,
                    }
                    for p, d in v.parameters.items()
                },
            }
        )
        return
    typer.echo("Kinds:")
    for k, d in v.kinds.items():
        typer.echo(f"  {k:<36} {d.title}")
    typer.echo("\nParameters:")
    for p, d in v.parameters.items():
        typ = d.dimension or d.type
        if d.values:
            typ += " (" + "|".join(d.values) + ")"
        typer.echo(f"  {p:<34} {typ:<24} {d.title}")


@app.command()
def schema(
    which: Annotated[str, typer.Argument(help="item or application")] = "item",
) -> None:
    """Print the JSON Schema of an input format."""
    from catchall.core.schemas import application_schema, item_schema

    schemas = {"item": item_schema, "application": application_schema}
    if which not in schemas:
        _fail(InputError(f"unknown schema {which!r}; one of: {', '.join(schemas)}", "WHICH"))
    emit(schemas[which]())


@controls_app.command("list")
def controls_list(
    regime: Annotated[
        str | None, typer.Option(help="Only entries of this regime: WA, MTCR, NSG, AG or CWC.")
    ] = None,
    list_date: Annotated[str | None, typer.Option("--list-date")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """List the control entries in force."""
    from catchall.core.controls.lists import packaged_library

    at = parse_date(list_date, "--list-date")
    try:
        rows = packaged_library().entry_rows(at, regime)
    except InputError as exc:
        _fail(
            InputError(
                [
                    Problem("--regime" if p.field == "regime" else p.field, p.message)
                    for p in exc.problems
                ]
            )
        )
    if as_json:
        emit(rows)
        return
    for r in rows:
        mtcr = f"{r['mtcr_item']} (Cat {r['mtcr_category']})" if r["mtcr_item"] else "-"
        rated = "rated" if r["rated"] else "text"
        typer.echo(f"{r['entry']:<14} {r['regime']:<5} {rated:<5} {mtcr:<16} {r['title']}")
    n_rated = sum(1 for r in rows if r["rated"])
    typer.echo(f"\n{len(rows)} entries ({n_rated} rated by criteria, the others text only)")


@controls_app.command("show")
def controls_show(
    entry: Annotated[str, typer.Argument(help="Entry id, e.g. 2B001.b.2 or 19.A.2")],
    list_date: Annotated[str | None, typer.Option("--list-date")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Show one control entry: criteria, exclusions, MTCR correlation, source."""
    from catchall.core.controls.lists import packaged_library
    from catchall.core.controls.render import entry_text

    at = parse_date(list_date, "--list-date")
    try:
        version, e = packaged_library().find_entry(entry, at)
    except (NotFound, InputError) as exc:
        _fail(exc)
    if as_json:
        emit({"list": version.list, "version": version.version, **e.as_data()})
    else:
        typer.echo(entry_text(version, e))


@controls_app.command("versions")
def controls_versions(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List every version of every control list with its effective date."""
    from catchall.core.controls.lists import packaged_library

    lib = packaged_library()
    rows = [
        {
            "list": v.list,
            "version": v.version,
            "effective_date": v.effective_date.isoformat(),
            "entries": len(v.entries),
            "extends": v.extends,
            "title": v.title,
        }
        for name in lib.list_names
        for v in lib.versions(name)
    ]
    if as_json:
        emit(rows)
        return
    for r in rows:
        typer.echo(
            f"{r['list']:<14} {r['version']:<10} from {r['effective_date']}  {r['entries']:>3} entries  {r['title']}"
        )


lists_app = typer.Typer(help="Screening lists: import, show, diff.", no_args_is_help=True)
app.add_typer(lists_app, name="lists")
audit_app = typer.Typer(help="The tamper-evident audit log.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")
from catchall.cli_denials import denials_app  # noqa: E402  (a sub-app in its own module)

app.add_typer(denials_app, name="denials")
from catchall.cli_regime import regime_app, register_controls  # noqa: E402

register_controls(controls_app)
app.add_typer(regime_app, name="regime")


def _db() -> None:
    from catchall.web.bootstrap import prepare_database

    prepare_database()


class _Progress:
    """A progress line on stderr for long imports and batches (only on a terminal)."""

    def __init__(self, label: str, total: int | None = None):
        self.label, self.total, self.enabled = label, total, sys.stderr.isatty()

    def __call__(self, done: int) -> None:
        if self.enabled:
            of = f"/{self.total:,}" if self.total else ""
            sys.stderr.write(f"\r{self.label}: {done:,}{of}")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


@lists_app.command("import")
def lists_import(
    file: Annotated[
        str, typer.Argument(help="List file: FtM JSON lines, US CSL CSV/JSON, or simple CSV.")
    ],
    name: Annotated[
        str, typer.Option("--name", help="List name (replaces the list of that name).")
    ],
    fmt: Annotated[
        str | None, typer.Option("--format", help="ftm, csl or csv (guessed when omitted).")
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
    if fmt is not None and fmt not in ("ftm", "csl", "csv"):
        _fail(InputError(f"{fmt!r} is not one of ftm, csl, csv", "--format"))
    vd = parse_date(version_date, "--version-date")
    _db()
    from catchall.web.screening.services import list_import

    progress = _Progress(f"importing {Path(file).name}")
    try:
        outcome = list_import(
            file,
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


_BATCH_COLUMNS = ("id", "name", "country", "schema", "dob", "nationality", "identifiers")


def _screen_rows_from_csv(path: str) -> list[tuple[int, dict[str, str]]]:
    import csv
    import io

    text = read_input(path)
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if "name" not in header:
        _fail(
            InputError(
                f"the batch file needs the columns {','.join(_BATCH_COLUMNS)} (found: {', '.join(header) or 'none'})",
                "FILE",
            )
        )
    unknown = [h for h in header if h not in _BATCH_COLUMNS]
    if unknown:
        _fail(
            InputError(
                f"unknown column(s) {', '.join(unknown)}; use {','.join(_BATCH_COLUMNS)}", "FILE"
            )
        )
    rows = []
    for i, row in enumerate(reader, start=2):
        rows.append(
            (i, {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if k})
        )
    return rows


@app.command()
def screen(
    name: Annotated[str | None, typer.Argument(help="Name of the party to screen.")] = None,
    country: Annotated[str | None, typer.Option(help="ISO alpha-2 country of the party.")] = None,
    schema: Annotated[
        str | None, typer.Option(help="Person, Company, Organization or LegalEntity.")
    ] = None,
    lists: Annotated[
        list[str] | None, typer.Option("--list", help="Screen only against this list (repeatable).")
    ] = None,
    batch: Annotated[
        str | None,
        typer.Option(
            help="CSV with columns id,name,country,schema and optionally dob,nationality,"
            "identifiers (several separated by ';')."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON (JSON lines for --batch).")] = False,
    dob: Annotated[
        str | None, typer.Option("--dob", help="Date of birth: YYYY-MM-DD, YYYY-MM or YYYY.")
    ] = None,
    nationality: Annotated[
        str | None, typer.Option("--nationality", help="Nationality, ISO alpha-2 (e.g. IR).")
    ] = None,
    identifiers: Annotated[
        list[str] | None,
        typer.Option(
            "--id",
            help="An identifier KIND:NUMBER (passport, national_id, registration, tax, imo, "
            "lei, swift, duns, other), repeatable: a matching identifier decides.",
        ),
    ] = None,
) -> None:
    """Screen a party (or a batch of parties) against the screening lists.

    A date of birth, nationality and identifiers raise or lower the score of the list entries
    that carry them, and the explanation says so."""
    from catchall.core.model import ScreeningQuery

    if (name is None) == (batch is None):
        _fail(InputError("give a NAME to screen or --batch FILE.csv (not both)", "NAME"))
    queries: list[ScreeningQuery] = []
    problems: list[str] = []
    if batch:
        for line, row in _screen_rows_from_csv(batch):
            try:
                queries.append(
                    _query(
                        row.get("name", ""),
                        row.get("country") or None,
                        row.get("schema") or None,
                        row.get("id") or str(line - 1),
                        row.get("dob") or None,
                        row.get("nationality") or None,
                        [i for i in (row.get("identifiers") or "").split(";") if i.strip()],
                    )
                )
            except InputError as exc:
                problems += [f"line {line}: {p}" for p in exc.problems]
        if problems and not queries:
            raise UserError(problems)
    else:
        try:
            queries.append(
                _query(name or "", country, schema, None, dob, nationality, identifiers or [])
            )
        except InputError as exc:
            _fail(exc)
    _db()
    from catchall.web.screening.index import result_to_dict
    from catchall.web.screening.services import screen_parties

    try:
        results = screen_parties(
            queries, lists=lists or None, actor="cli", context="cli batch" if batch else "cli"
        )
    except InputError as exc:
        _fail(exc)
    for p in problems:
        typer.echo(f"warning: {p} (row skipped)", err=True)
    if as_json:
        for r in results:
            d = result_to_dict(r)
            out = {"id": d["id"], "decision": d["decision"], "matches": d["matches"]}
            if not batch:
                out["query"] = d["query"]
            typer.echo(
                json.dumps(out, ensure_ascii=False)
                if batch
                else json.dumps(out, ensure_ascii=False, indent=2)
            )
        return
    for r in results:
        who = f"{r.query.id}: " if batch else ""
        typer.echo(f"{who}{r.query.name} -> {r.decision.upper()}")
        for m in r.matches:
            typer.echo(
                f"    {m.score:.2f} {m.decision:<8} {m.name} [{m.list}:{m.entity_id}] via {m.matched_name!r}"
            )
            typer.echo(f"         {m.explanation}")


def _query(
    name: str,
    country: str | None,
    schema: str | None,
    qid: str | None,
    dob: str | None = None,
    nationality: str | None = None,
    identifiers: list[str] | None = None,
):
    from catchall.core.assessment.destinations import validate_country
    from catchall.core.model import SCHEMATA, ScreeningQuery
    from catchall.core.screening.evidence import validate_evidence

    problems = []
    if not name.strip():
        problems.append(InputError("empty name", "name").problems[0])
    if country:
        try:
            country = validate_country(country)
        except InputError as exc:
            problems += exc.prefixed("country").problems
    if schema and schema not in SCHEMATA:
        problems.append(
            InputError(f"{schema!r} is not one of {', '.join(SCHEMATA)}", "schema").problems[0]
        )
    if nationality:
        try:
            nationality = validate_country(nationality)
        except InputError as exc:
            problems += exc.prefixed("nationality").problems
    ids = tuple(i.strip() for i in identifiers or ())
    try:
        validate_evidence(dob, None, ids)
    except InputError as exc:
        problems += exc.problems
    if problems:
        raise InputError(problems)
    return ScreeningQuery(
        name=name,
        country=country,
        schema=schema,
        id=qid,
        dob=dob,
        nationality=nationality,
        identifiers=ids,
    )


@audit_app.command("verify")
def audit_verify(
    as_json: Annotated[bool, typer.Option("--json")] = False,
    expect: Annotated[
        str | None,
        typer.Option(
            "--expect",
            help="A head printed earlier by 'catchall audit head' and kept outside the "
            "database: the log must still reach it (catches deleted newest events).",
        ),
    ] = None,
) -> None:
    """Check the audit log's keyed hash chain: any edit, deletion or re-hashed rewrite is
    reported and the command exits 1; 0 when intact."""
    from catchall.web.audit.anchor import parse_anchor

    anchor = None
    if expect is not None:
        try:
            anchor = parse_anchor(expect)
        except InputError as exc:
            _fail(exc)
    _db()
    from catchall.web.audit.services import verify_chain

    report = verify_chain(anchor)
    if as_json:
        emit(
            {
                "ok": report.ok,
                "checked": report.checked,
                "head": f"{report.head_seq}:{report.head_hash}",
                "problems": report.problems,
            }
        )
    else:
        typer.echo(
            f"checked {report.checked} events: "
            + ("the chain is intact" if report.ok else "TAMPERING DETECTED")
        )
        for p in report.problems:
            typer.echo(f"  {p}")
    if not report.ok:
        raise typer.Exit(1)


@audit_app.command("head")
def audit_head(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Print the newest event's number and hash. Keep it outside the database (a ticket, a
    signed e-mail, a printout) and check later with 'catchall audit verify --expect SEQ:HASH'."""
    _db()
    from catchall.web.audit.keys import fingerprint
    from catchall.web.audit.services import chain_head

    head = chain_head()
    if as_json:
        emit({"events": head.seq, "hash": head.hash, "anchor": str(head), "key": fingerprint()})
    else:
        typer.echo(f"events: {head.seq}")
        typer.echo(f"head:   {head}")
        typer.echo(f"key:    {fingerprint()}")


def _application_documents(path: str) -> list[tuple[str, Any]]:
    """(label, document) pairs from a file, a JSON-lines file, or a directory of files."""
    from catchall.core.items import load_document

    p = Path(path)
    if path != "-" and p.is_dir():
        files = sorted(f for f in p.iterdir() if f.suffix.lower() in (".json", ".yaml", ".yml"))
        if not files:
            _fail(InputError(f"no .json or .yaml files in {path}", "--batch"))
        docs = []
        for f in files:
            try:
                docs.append((f.name, load_document(f.read_text(encoding="utf-8"), f.name)))
            except InputError as exc:
                docs.append((f.name, exc))
        return docs
    text = read_input(path)
    if path.endswith(".jsonl") or (text.lstrip().startswith("{") and "\n{" in text.strip()):
        docs = []
        for n, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    docs.append((f"line {n}", json.loads(line)))
                except json.JSONDecodeError as exc:
                    docs.append(
                        (f"line {n}", InputError(f"malformed JSON: {exc.msg} (column {exc.colno})"))
                    )
        return docs
    try:
        return [(Path(path).name, load_document(text, path))]
    except InputError as exc:
        _fail(exc)
    return []


@app.command()
def assess(
    file: Annotated[
        str | None, typer.Argument(help="Application file (JSON or YAML; '-' for stdin).")
    ] = None,
    batch: Annotated[
        str | None, typer.Option(help="A directory of application files, or a JSON-lines file.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON (JSON lines for --batch).")] = False,
    list_date: Annotated[
        str | None, typer.Option("--list-date", help="Control lists in force on YYYY-MM-DD.")
    ] = None,
    jurisdiction: Annotated[
        str | None,
        typer.Option(
            "--jurisdiction",
            envvar="CATCHALL_JURISDICTION",
            help="Whose law applies: EU, UK, US, MTCR, or the path of a profile file "
            "(docs/legal-basis.md). Default: the installation's setting (EU).",
        ),
    ] = None,
) -> None:
    """Assess a licence application: licence requirement with its legal basis, catch-all, MTCR
    factors, recommendation."""
    from catchall.core.assessment.application import parse_application
    from catchall.core.assessment.render import assessment_text
    from catchall.core.law.profile import load_profile

    if (file is None) == (batch is None):
        _fail(InputError("give an application FILE or --batch DIR_OR_JSONL (not both)", "FILE"))
    at = parse_date(list_date, "--list-date")
    profile = None
    if jurisdiction:
        try:
            profile = load_profile(jurisdiction)
        except InputError as exc:
            _fail(InputError([Problem("--jurisdiction", str(p)) for p in exc.problems]))
    docs = _application_documents(batch or file or "-")
    apps, problems = [], []
    for label, doc in docs:
        try:
            if isinstance(doc, InputError):
                raise doc
            apps.append((label, parse_application(doc)))
        except InputError as exc:
            problems += [f"{label}: {p}" if batch else str(p) for p in exc.problems]
    if problems and not batch:
        raise UserError(problems)
    _db()
    from catchall.web.assessment.services import assess_application

    progress = _Progress("assessing", len(apps)) if batch else None
    for n, (label, application) in enumerate(apps, start=1):
        try:
            result = assess_application(
                application, actor="cli", context=f"cli {label}", at=at, jurisdiction=profile
            ).as_dict()
        except InputError as exc:
            problems += [f"{label}: {p}" for p in exc.problems]
            continue
        if progress:
            progress(n)
        if as_json:
            typer.echo(
                json.dumps(result, ensure_ascii=False, default=str)
                if batch
                else json.dumps(result, indent=2, ensure_ascii=False, default=str)
            )
        else:
            if batch:
                typer.echo(f"== {label}")
            typer.echo(assessment_text(result))
    if progress:
        progress.close()
    if problems:
        raise UserError(problems)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    demo: Annotated[
        bool,
        typer.Option(
            "--demo/--no-demo",
            help="Load demo users (password 'demo', one an administrator) and example cases. "
            "For trying catchall out only, never on a real installation.",
        ),
    ] = False,
    threads: Annotated[int, typer.Option(help="Worker threads.")] = 8,
) -> None:
    """Run the web application (SQLite in CATCHALL_HOME unless DATABASE_URL is set)."""
    import os

    from catchall.web.bootstrap import PRIVATE_UMASK, ensure_home, migrate, setup_django

    # Everything this server writes (database, its -wal/-shm files, temporary uploads) is
    # readable by its owner only. The data folder and the secret key come before the settings.
    os.umask(PRIVATE_UMASK)
    home = ensure_home()
    setup_django()
    migrate()
    if demo:
        from catchall.web.demo import load_demo

        for line in load_demo(f"http://{host}:{port}"):
            typer.echo(line)
    import threading

    from waitress import serve as wsgi_serve

    from catchall.web.screening.index import current_index
    from catchall.web.wsgi import application

    # Load the screening index and the name tables now, not on a user's first query.
    threading.Thread(target=lambda: current_index().warm_up(), name="warm-up", daemon=True).start()

    typer.echo(f"catchall data folder: {home}")
    typer.echo(f"catchall is serving on http://{host}:{port}/  (Ctrl+C to stop)")
    wsgi_serve(application, host=host, port=port, threads=threads, _quiet=True)


def main() -> None:
    """Entry point: run the app, turning user errors into exit code 2."""
    try:
        # Without standalone mode Click returns the exit code instead of exiting: pass it on.
        code = app(standalone_mode=False)
    except UserError as exc:
        for p in exc.problems:
            typer.echo(f"error: {p}", err=True)
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("aborted", err=True)
        sys.exit(1)
    except Exception as exc:
        # Usage errors (unknown option, missing argument) from Typer's click layer.
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):
            exc.show()
            sys.exit(2 if exc.exit_code in (None, 1, 2) else exc.exit_code)
        raise
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
