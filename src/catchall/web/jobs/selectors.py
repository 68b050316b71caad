"""Reading jobs: who may see one (its creator and the licensing authority, each only while
they may still read what the job made), and the one description of a job every face gives
(the API, ``catchall jobs --json``, the page)."""

from __future__ import annotations

from typing import Any

from catchall.web.accounts.roles import AUTHORITY_ROLES, has_role
from catchall.web.jobs.models import Job
from catchall.web.jobs.services import kind_of, title_of


def may_see(user, j: Job) -> bool:
    """Whether ``user`` may read ``j`` now: asked at every read, not only when the job was
    made, so that clearance lost since then also loses the job's result."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    mine = j.created_by_id is not None and j.created_by_id == user.pk
    if not mine and not has_role(user, *AUTHORITY_ROLES):
        return False
    root = j.parent if j.parent_id else j  # a part answers as the job it is part of
    k = kind_of(root)
    return k.allowed(root, user) if k is not None and k.allowed is not None else True


def job_for(user, pk: int) -> Job | None:
    """The job ``pk`` if ``user`` may see it; None for a job that does not exist or is not
    theirs (both are "not found", so ids reveal nothing)."""
    j = Job.objects.select_related("created_by", "parent").filter(pk=pk).first()
    return j if j is not None and may_see(user, j) else None


def person(user) -> str:
    if user is None:
        return "the system"
    return user.get_full_name() or user.get_username()


FORMAT_NAMES = {"csv": "Results as CSV (spreadsheet)", "jsonl": "Results as JSON lines"}


def downloads_of(j: Job) -> list[dict[str, str]]:
    """What the job offers to download once done: its attached file, its kind's formats."""
    if j.state != "done":
        return []
    out = []
    if j.output_name:
        out.append({"format": "file", "name": j.output_name, "url": f"/jobs/{j.pk}/download/file"})
    k = kind_of(j)
    for fmt in k.downloads if k else ():
        name = FORMAT_NAMES.get(fmt, fmt.upper())
        if fmt == "pdf" and isinstance(j.result, dict) and j.result.get("filename"):
            name = f"{j.result['filename']} (PDF)"
        out.append({"format": fmt, "name": name, "url": f"/jobs/{j.pk}/download/{fmt}"})
    return out


def job_dict(j: Job) -> dict[str, Any]:
    return {
        "id": j.pk,
        "kind": j.kind,
        "title": title_of(j),
        "state": j.state,
        "progress": {
            "done": j.done,
            "total": j.total,
            "percent": j.percent,
            "message": j.message,
        },
        "result": j.result,
        "error": j.error or None,
        "created_by": person(j.created_by) if j.created_by_id else None,
        "created_at": j.created_at.isoformat() if j.created_at else None,
        "started_at": j.started_at.isoformat() if j.started_at else None,
        "finished_at": j.finished_at.isoformat() if j.finished_at else None,
        "page": j.get_absolute_url(),
        "downloads": downloads_of(j),
    }


def file_response(j: Job, fmt: str):
    """The download ``fmt`` of ``j`` as an attachment (the page and the API give the same)."""
    from django.http import HttpResponse, StreamingHttpResponse

    if fmt == "file":
        response = HttpResponse(bytes(j.output), content_type=j.output_type)
        name = j.output_name
    else:
        name, content_type, chunks = kind_of(j).downloads[fmt](j)
        response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
