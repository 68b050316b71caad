"""Screening jobs: a list file's import report for review, the replacement of the list, the
API's import (both at once), and the scheduled refresh of lists from their sources. The uploaded
file is kept on the job that first read it."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

from catchall.core.errors import InputError
from catchall.web.jobs.models import Job
from catchall.web.jobs.services import job
from catchall.web.screening.models import ListSource
from catchall.web.screening.refresh import due_sources, refresh


@contextlib.contextmanager
def _input_path(j: Job):
    """The job's uploaded file on disk (the list readers stream from a file)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / (Path(j.input_name or "upload").name or "upload")
        path.write_bytes(bytes(j.input_file or b""))
        yield path


def _reading(j: Job):
    def progress(n: int) -> None:
        j.progress(n, None, f"{n:,} record{'s' if n != 1 else ''} read")

    return progress


def _actor(j: Job):
    return j.created_by or "jobs"


def _summary(report: dict) -> str:
    return f"{report['summary']}; {report['changes']['summary']}"


def _authority(j: Job, user) -> bool:
    """A list's file and its report are the authority's, as the list pages are: a person who
    left the authority does not read them, not even from a job they started."""
    from catchall.web.accounts.roles import AUTHORITY_ROLES, has_role

    return has_role(user, *AUTHORITY_ROLES)


def _review_context(j: Job, user) -> dict:
    from catchall.web.accounts.roles import has_role
    from catchall.web.screening.services import LIST_IMPORTERS

    return {"may_replace": has_role(user, *LIST_IMPORTERS)}


@job(
    "lists.review",
    title="Checking a list file before it replaces the list",
    template="screening/job_review.html",
    context=_review_context,
    allowed=_authority,
)
def review(j, *, name, kind=None, audience=None, version_date=None, format=None, title=""):
    with _input_path(j) as path:
        report = _list_review(path, format=format, name=name, progress=_reading(j))
    report["summary"] = f"Ready to replace {name}: {_summary(report)}"
    return report


def _list_review(path, **kw):
    from catchall.web.screening.services import list_review

    return list_review(path, **kw)


def _import(j: Job, source: Job, params: dict) -> dict:
    from catchall.web.screening.services import _check_day, import_report_dict, list_import

    with _input_path(source) as path:
        outcome = list_import(
            path,
            format=params.get("format") or None,
            name=params["name"],
            title=params.get("title") or "",
            kind=params.get("kind"),
            audience=params.get("audience"),
            version_date=_check_day(params.get("version_date")),
            actor=_actor(j),
            progress=_reading(j),
        )
    report = import_report_dict(outcome)
    report["summary"] = _summary(report)
    links = [{"label": f"See the list {params['name']}", "url": f"/lists/{params['name']}/"}]
    rescreen = Job.objects.filter(
        kind="cases.rescreen", params__import_id=outcome.list_import.pk
    ).first()
    if rescreen:
        report["rescreen_job"] = rescreen.pk
        links.append({"label": "Re-screening of the open cases", "url": f"/jobs/{rescreen.pk}/"})
    report["links"] = links
    return report


@job("lists.replace", title="Replacing a screening list", allowed=_authority)
def replace(j, *, review_job: int, **params):
    source = Job.objects.filter(pk=review_job, kind="lists.review", state="done").first()
    if source is None or source.params.get("name") != params.get("name"):
        raise InputError("the reviewed file of this list is not there any more", "review")
    return _import(j, source, source.params)


@job("lists.import", title="Importing a screening list", allowed=_authority)
def import_now(j, **params):
    return _import(j, j, params)


@job("lists.refresh", title="Refreshing a screening list from its source", allowed=_authority)
def refresh_one(j, *, name: str):
    source = ListSource.objects.filter(name=name).first()
    if source is None:
        raise InputError(f"no source is configured for the list {name!r}", "name")
    j.progress(0, 1, f"Fetching {source.url}")
    return refresh(source).as_dict()


@job("lists.refresh_due", title="Refreshing the screening lists that are due", allowed=_authority)
def refresh_due_lists(j):
    sources = due_sources()
    out = []
    for i, source in enumerate(sources):
        j.progress(i, len(sources), f"Refreshing {source.name}")
        out.append(refresh(source).as_dict())
    return {"lists": out}
