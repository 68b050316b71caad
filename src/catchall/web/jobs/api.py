"""API: a job's state, progress and result (its creator and the licensing authority only)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import Router

from catchall.core.errors import NotFound
from catchall.web.api.auth import API_AUTH
from catchall.web.jobs.selectors import downloads_of, file_response, job_dict, job_for

router = Router(tags=["jobs"], auth=API_AUTH)


def job_accepted(j) -> HttpResponse:
    """202 with the job as ``GET /api/jobs/{id}`` gives it, and its URL in ``Location``."""
    response = JsonResponse(job_dict(j.__class__.objects.get(pk=j.pk)), status=202)
    response["Location"] = f"/api/jobs/{j.pk}"
    return response


def pdf_api_response(asked) -> HttpResponse:
    """The API's answer to a PDF asked for (web/jobs/pdfs.ask): 200 with the PDF when it is
    stored, else 202 with the job (poll ``GET /api/jobs/{id}``, then take ``downloads``)."""
    from catchall.web.jobs.pdfs import pdf_response

    if asked.pdf is None:
        return job_accepted(asked.job)
    return pdf_response(asked)


@router.get("/jobs/{int:job_id}", summary="A background job: state, progress and result")
def get_job(request: HttpRequest, job_id: int) -> dict[str, Any]:
    """State is queued, running, done or failed; `progress` has done of total and a message;
    `result` is the job's outcome once done, `error` says why it failed. Poll until finished.
    A job that is not the caller's (unless the caller is the licensing authority) is 404."""
    j = job_for(request.auth, job_id)
    if j is None:
        raise NotFound(f"no job {job_id}")
    return job_dict(j)


@router.get(
    "/jobs/{int:job_id}/download/{fmt}",
    summary="A finished job's results as a file (the formats its `downloads` list)",
)
def download(request: HttpRequest, job_id: int, fmt: str):
    j = job_for(request.auth, job_id)
    if j is None or fmt not in {d["format"] for d in downloads_of(j)}:
        raise NotFound(f"no download {fmt} of job {job_id}")
    return file_response(j, fmt)
