"""Control-list versions: packaged plus the authority's own (imported or adopted), diffs, and
the items a licensing-impact report re-classifies."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from functools import cache
from typing import Any

import yaml
from django.apps import apps

from catchall.core.controls.diff import ListDiff, check_order, diff_versions
from catchall.core.controls.impact import ImpactReport, licensing_impact
from catchall.core.controls.lists import Library, ListVersion, packaged_library, parse_version
from catchall.core.errors import InputError, NotFound
from catchall.core.vocabulary import read_packaged_yaml
from catchall.core.yaml_limits import load_bounded_yaml
from catchall.web.regime.models import ControlListVersionRecord

log = logging.getLogger(__name__)
ITEM_KEYS = ("description", "kind", "parameters")


def load_yaml(text: str, where: str) -> Any:
    """YAML text as data; a syntax error is an InputError naming the line. Anchors are
    allowed (list files share exclusions through them), but not an unbounded expansion."""
    raw = load_bounded_yaml(text, where)
    if not isinstance(raw, dict):
        raise InputError("a control-list version must be a YAML mapping", where)
    return raw


def library_with_imports() -> Library:
    """The packaged versions plus every stored version, loaded in date order (for ``extends``)."""
    lib = Library()
    packaged = packaged_library()
    for name in packaged.list_names:
        for v in packaged.versions(name):
            lib.add(v)
    for rec in ControlListVersionRecord.objects.order_by("effective_date", "id"):
        try:
            lib.load_mapping(yaml.safe_load(rec.yaml_text), f"stored {rec.key}")
        except (InputError, NotFound, yaml.YAMLError) as exc:  # pragma: no cover - data drift
            log.warning("stored list version %s no longer loads: %s", rec.key, exc)
    return lib


def known_entry_ids() -> set[str]:
    lib = library_with_imports()
    return {e for n in lib.list_names for v in lib.versions(n) for e in v.entries}


def version_rows() -> list[dict[str, Any]]:
    """Every version of every list, with where it came from (packaged, imported, adopted)."""
    lib = library_with_imports()
    stored = {r.key: r for r in ControlListVersionRecord.objects.select_related("imported_by")}
    rows = []
    for name in lib.list_names:
        for v in lib.versions(name):
            rec = stored.get(v.key)
            rows.append(
                {
                    "key": v.key,
                    "list": v.list,
                    "version": v.version,
                    "effective_date": v.effective_date,
                    "entries": len(v.entries),
                    "extends": v.extends,
                    "title": v.title,
                    "origin": rec.get_origin_display() if rec else "Packaged",
                    "imported_by": rec.imported_by.get_username()
                    if rec and rec.imported_by
                    else "",
                    "imported_at": rec.imported_at if rec else None,
                    "proposal_id": rec.proposal_id if rec else None,
                }
            )
    return rows


NOT_A_NAME = "not a list@version name (e.g. eu-dual-use@2022-10)"


def is_version_name(ref: str) -> bool:
    """``list@version`` with no path in it: what a web face may pass to :func:`resolve_version`."""
    name, at, version = (ref or "").strip().partition("@")
    return bool(at and name and version) and not any(c in ref for c in "/\\\0")


def resolve_version(ref: str, lib: Library | None = None, where: str = "version") -> ListVersion:
    """``list@version`` among the packaged and stored versions; never a file.

    Anything else (a path above all) gets one message, whether or not such a file exists: the
    server's disk is not the reader's business. Files are for the CLI, which reads them itself."""
    ref = (ref or "").strip()
    if not is_version_name(ref):
        raise InputError(NOT_A_NAME, where)
    lib = lib or library_with_imports()
    name, _, version = ref.partition("@")
    try:
        return lib.version(name, version)
    except NotFound as exc:
        raise InputError(str(exc), where) from None


def parse_mapping(raw: dict, lib: Library, where: str) -> ListVersion:
    base = None
    if raw.get("extends"):
        try:
            base = lib.version(str(raw.get("list")), str(raw["extends"]))
        except NotFound as exc:
            raise InputError(str(exc), f"{where}.extends") from None
    return parse_version(raw, where, base)


def previous_key(new_ref: str, lib: Library | None = None) -> str:
    """The version before ``list@version`` in its list ("" when there is none)."""
    lib = lib or library_with_imports()
    name, _, version = (new_ref or "").partition("@")
    try:
        keys = [v.version for v in lib.versions(name)]
    except NotFound:
        return ""
    if version in keys and keys.index(version) > 0:
        return f"{name}@{keys[keys.index(version) - 1]}"
    return ""


def list_diff(old_ref: str, new_ref: str) -> ListDiff:
    """Diff two versions; an empty ``old_ref`` means the version before ``new_ref``."""
    lib = library_with_imports()
    old_ref = old_ref or previous_key(new_ref, lib)
    problems = []
    versions = []
    refs = [(old_ref, "old"), (new_ref, "new")]
    if not old_ref and not is_version_name(new_ref):
        refs = refs[1:]  # no version before a bad name: one problem, with ``new``
    elif not old_ref:
        resolve_version(new_ref, lib, "new")  # a version that exists, but the first of its list
        raise InputError(
            f"{new_ref} is the first version of its list: there is none before it; "
            "choose the old version to compare with",
            "old",
        )
    for ref, where in refs:
        try:
            versions.append(resolve_version(ref, lib, where))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    old, new = versions
    check_order(old, new)
    return diff_versions(old, new)


# --------------------------------------------------------------------------- impact inputs


def case_items(
    *, since: dt.date | None = None, until: dt.date | None = None
) -> Iterator[tuple[str, dict, bool]]:
    """(source, item, open case?) for every item of the current application version of each case
    submitted in the period. Empty when the cases app is not installed."""
    if not apps.is_installed("catchall.web.cases"):
        return
    try:
        from catchall.core.workflow import OPEN_STATES
        from catchall.web.cases.models import Case
    except ImportError:  # pragma: no cover - cases app mid-way
        return
    qs = Case.objects.exclude(status="draft").prefetch_related("versions")
    if since:
        qs = qs.filter(submitted_at__date__gte=since)
    if until:
        qs = qs.filter(submitted_at__date__lte=until)
    for case in qs.order_by("submitted_at", "id"):
        version = max(case.versions.all(), key=lambda v: v.number, default=None)
        if version is None:
            continue
        for i, item in enumerate((version.data or {}).get("items") or (), start=1):
            if isinstance(item, dict):
                doc = {k: item[k] for k in ITEM_KEYS if k in item}
                yield (f"case {case.reference}, item {i}", doc, case.status in OPEN_STATES)


@cache
def reference_machines() -> tuple[tuple[str, dict], ...]:
    raw = read_packaged_yaml("regime", "reference_machines.yaml")
    return tuple((m["label"], m["item"]) for m in raw["machines"])


def worked_examples(diff: ListDiff) -> ImpactReport:
    """The reference machines whose kind a changed entry covers, under both versions."""
    kinds = {k for c in diff.changes for k in c.kinds}
    chosen = [
        (label, item, False)
        for label, item in reference_machines()
        if any(item["kind"] == k or item["kind"].startswith(k + ".") for k in kinds)
    ]
    return licensing_impact(diff.old, diff.new, chosen)


def case_impact(
    diff: ListDiff, *, since: dt.date | None = None, until: dt.date | None = None
) -> ImpactReport:
    return licensing_impact(diff.old, diff.new, case_items(since=since, until=until))
