"""The job page: state and progress, refreshed by the browser itself while the job runs
(``<meta http-equiv="refresh">``, no JavaScript), and the job's downloads."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from catchall.core.errors import NotFound
from catchall.web.accounts.decorators import role_required
from catchall.web.jobs.selectors import downloads_of, file_response, job_dict, job_for, person
from catchall.web.jobs.services import kind_of

# The page reloads itself while the job runs; ?refresh=off stops that (WCAG 2.2.1: a person
# who reads slowly, or a screen reader announcing each reload, may turn the timing off).
REFRESH_SECONDS = 5


def _not_found(request: HttpRequest, job_id: int) -> HttpResponse:
    return render(request, "core/not_found.html", {"what": f"job {job_id}"}, status=404)


@role_required()
def job_page(request: HttpRequest, job_id: int) -> HttpResponse:
    j = job_for(request.user, job_id)
    if j is None:
        return _not_found(request, job_id)
    d = job_dict(j)
    k = kind_of(j)
    return render(
        request,
        "jobs/job.html",
        {
            "job": j,
            "d": d,
            "by": person(j.created_by),
            "refresh": None
            if j.finished or request.GET.get("refresh") == "off"
            else REFRESH_SECONDS,
            "result_template": k.template if k else None,
            **(k.context(j, request.user) if k and k.context and j.state == "done" else {}),
        },
    )


@role_required()
def job_download(request: HttpRequest, job_id: int, fmt: str) -> HttpResponse:
    j = job_for(request.user, job_id)
    if j is None or fmt not in {d["format"] for d in downloads_of(j)}:
        return _not_found(request, job_id)
    try:
        return file_response(j, fmt)
    except NotFound:  # a file the job made and no longer keeps
        return _not_found(request, job_id)
