"""Storing an authority's own control-list versions (imported, or from an adopted amendment)."""

from __future__ import annotations

import hashlib

from django.db import transaction

from catchall.core.controls.lists import ListVersion
from catchall.core.errors import InputError, NotAllowed
from catchall.web.audit.services import record_event
from catchall.web.regime.models import ControlListVersionRecord
from catchall.web.regime.selectors.lists import library_with_imports, load_yaml, parse_mapping

IMPORTERS = frozenset({"technical_expert", "licensing_officer", "senior_officer", "administrator"})
MAX_YAML = 2 * 1024 * 1024


def check_version_yaml(yaml_text: str, where: str = "file") -> tuple[dict, ListVersion]:
    """Parse and validate a version against every version known now; nothing is stored."""
    if not isinstance(yaml_text, str) or not yaml_text.strip():
        raise InputError("the control-list YAML is empty", where)
    if len(yaml_text) > MAX_YAML:
        raise InputError("the control-list YAML is larger than 2 MB", where)
    raw = load_yaml(yaml_text, where)
    lib = library_with_imports()
    version = parse_mapping(raw, lib, where)
    if version.list in lib.list_names and any(
        v.version == version.version for v in lib.versions(version.list)
    ):
        raise InputError(
            f"{version.key} already exists; give the new version its own label", f"{where}.version"
        )
    return raw, version


def store_version(*, actor, yaml_text: str, origin: str, proposal=None, where: str = "file"):
    _, version = check_version_yaml(yaml_text, where)
    rec = ControlListVersionRecord.objects.create(
        list_name=version.list,
        version=version.version,
        title=version.title[:300],
        effective_date=version.effective_date,
        yaml_text=yaml_text,
        sha256=hashlib.sha256(yaml_text.encode("utf-8")).hexdigest(),
        origin=origin,
        imported_by=actor if getattr(actor, "is_authenticated", False) else None,
        proposal=proposal,
    )
    record_event(
        "control_list.store",
        actor=actor,
        object_type="control_list_version",
        object_id=rec.key,
        after={
            "list": rec.list_name,
            "version": rec.version,
            "effective_date": rec.effective_date,
            "entries": len(version.entries),
            "origin": origin,
            "sha256": rec.sha256,
            "proposal": proposal.pk if proposal else None,
        },
    )
    return rec


@transaction.atomic
def control_list_import(*, actor, yaml_text: str) -> ControlListVersionRecord:
    """Import a version in the packaged YAML format (docs/control-list-format.md).

    ``actor`` is a user (web, API) or the string ``"cli"`` (a local operator)."""
    if not isinstance(actor, str):
        from catchall.web.accounts.roles import role_of

        if role_of(actor) not in IMPORTERS:
            raise NotAllowed("your role may not import control lists")
    return store_version(actor=actor, yaml_text=yaml_text, origin="import")
