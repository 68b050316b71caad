"""Scheduled list refresh as jobs: one list, or every list whose refresh is due."""

from __future__ import annotations

from catchall.web.jobs.services import job
from catchall.web.screening.models import ListSource
from catchall.web.screening.refresh import due_sources, refresh


@job("lists.refresh", title="Refreshing a screening list from its source")
def refresh_one(j, *, name: str):
    source = ListSource.objects.filter(name=name).first()
    if source is None:
        from catchall.core.errors import InputError

        raise InputError(f"no source is configured for the list {name!r}", "name")
    j.progress(0, 1, f"Fetching {source.url}")
    return refresh(source).as_dict()


@job("lists.refresh_due", title="Refreshing the screening lists that are due")
def refresh_due_lists(j):
    sources = due_sources()
    out = []
    for i, source in enumerate(sources):
        j.progress(i, len(sources), f"Refreshing {source.name}")
        out.append(refresh(source).as_dict())
    return {"lists": out}
