"""Reads of screening data: rows as core value types, list metadata, records.

Which lists a reader may see or screen against is asked of ``accounts.confidentiality`` here,
for every face (screening page and API, assessment, list metadata)."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet

from catchall.core.errors import InputError
from catchall.core.model import ListEntity
from catchall.web.accounts.confidentiality import audiences_for, may_receive_confidential
from catchall.web.screening.models import ListEntityRecord, ScreeningList


def row_to_entity(row: ListEntityRecord, list_name: str) -> ListEntity:
    return ListEntity(
        id=row.entity_id,
        schema=row.schema,
        name=row.name,
        list_name=list_name,
        aliases=tuple(row.aliases),
        weak_aliases=tuple(row.weak_aliases),
        countries=tuple(row.countries),
        addresses=tuple(row.addresses),
        identifiers=tuple(row.identifiers),
        programs=tuple(row.programs),
        source_url=row.source_url or None,
        authority=row.authority or None,
        listed_on=row.listed_on,
        notes=row.notes or None,
        properties={k: tuple(v) for k, v in (row.properties or {}).items()},
    )


def entity_to_row(e: ListEntity, screening_list: ScreeningList) -> ListEntityRecord:
    return ListEntityRecord(
        screening_list=screening_list,
        entity_id=e.id[:300],
        schema=e.schema,
        name=e.name[:1000],
        aliases=list(e.aliases),
        weak_aliases=list(e.weak_aliases),
        countries=list(e.countries),
        addresses=list(e.addresses),
        identifiers=list(e.identifiers),
        programs=list(e.programs),
        source_url=(e.source_url or "")[:1000],
        authority=(e.authority or "")[:300],
        listed_on=e.listed_on,
        notes=e.notes or "",
        properties={k: list(v) for k, v in e.properties.items()},
    )


def list_entities(screening_list: ScreeningList) -> Iterator[ListEntity]:
    rows = ListEntityRecord.objects.filter(screening_list=screening_list).order_by("id")
    for row in rows.iterator(chunk_size=5000):
        yield row_to_entity(row, screening_list.name)


def all_entities() -> Iterator[ListEntity]:
    names = dict(ScreeningList.objects.values_list("id", "name"))
    for row in ListEntityRecord.objects.order_by("id").iterator(chunk_size=5000):
        yield row_to_entity(row, names[row.screening_list_id])


def lists_state() -> tuple[tuple, ...]:
    """What identifies the lists' current versions: changes whenever any list is re-imported.

    The import time is part of it because an id alone can be handed out again after a
    rolled-back transaction (and, on SQLite, after a table is emptied)."""
    return tuple(
        ScreeningList.objects.order_by("name").values_list(
            "name", "current_import_id", "imported_at", "entity_count"
        )
    )


def lists_for(reader) -> QuerySet[ScreeningList]:
    """The screening lists the reader may see and screen against."""
    return ScreeningList.objects.filter(audience__in=audiences_for(reader)).order_by("name")


def screening_lists_for(reader, requested: list[str] | None = None) -> list[str] | None:
    """The names of the lists a screening on the reader's behalf uses: ``requested`` (each must
    be one the reader may use) or every list the reader may use. None means every list (a
    reader cleared for all of them asked for no restriction)."""
    if requested:
        known = set(lists_for(reader).values_list("name", flat=True))
        unknown = [n for n in requested if n not in known]
        if unknown:  # the same answer for "absent" and "not for you"
            raise InputError(
                f"no screening list named {', '.join(unknown)}; known: {', '.join(sorted(known))}",
                "list",
            )
        return list(requested)
    if may_receive_confidential(reader):
        return None
    return list(lists_for(reader).values_list("name", flat=True))


def list_versions(names: list[str] | None = None, *, reader) -> list[dict]:
    """The current versions of the lists the reader may see (of ``names`` when given)."""
    qs = lists_for(reader)
    if names is not None:
        qs = qs.filter(name__in=names)
    return [
        {
            "name": sl.name,
            "kind": sl.kind,
            "audience": sl.audience,
            "version_date": sl.version_date.isoformat() if sl.version_date else None,
            "import_id": sl.current_import_id,
            "entities": sl.entity_count,
        }
        for sl in qs
    ]
