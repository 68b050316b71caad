"""Background jobs: register a function, submit it, report progress. The one API to use.

    from catchall.web.jobs.services import job, submit

    @job("lists.import", title="Importing a screening list")
    def import_list(job, *, name, path):   # runs in Django context: a worker or a thread
        job.progress(0, 3, "Reading the file")      # done, total (None: unknown), message
        ...
        return {"summary": "1,200 entities imported"}   # JSON-able: the job's ``result``

    j = submit("lists.import", {"name": "ofac", "path": "..."}, user=request.user,
               key="lists.import:ofac")        # optional: one unfinished job per key
    return redirect(j.get_absolute_url())      # /jobs/<id>/ shows state and progress

- ``params`` must be JSON (they travel as a database row, not through the broker). A job
  raising :class:`InputError` fails with that message (``result``: its problems by field);
  any other exception fails with a plain sentence for people and the traceback in the log. State: queued, running, done, failed.
- ``key``: while a job with the same key is queued or running, ``submit`` returns that job
  instead of a new one, so a button pressed twice starts one job.
- Chunks: a job function may ``return job.fan_out("kind.part", [params, ...])``; each params
  dict becomes a child job (run by any worker); the parent's progress counts finished
  children and it finishes with the last one, its result made by ``collect(parent, children)``
  given to ``@job`` (children in input order), or failed if a child failed.
- Input files: ``submit(..., upload=(name, bytes))``; the job reads ``job.input_file``.
- Files: ``job.attach(name, content_type, data)`` keeps a file (a PDF) on the job; ``downloads``
  given to ``@job`` ({fmt: fn(job) -> (filename, content_type, iterable of bytes)}) are
  offered on the job page at /jobs/<id>/download/<fmt>.
- Progress is written at once with its own UPDATE: call it outside ``transaction.atomic``
  (inside, nobody sees it before the commit).
- Reading: ``allowed`` given to ``@job`` is asked, with the reader, every time the job, its
  page or its downloads are read (selectors.may_see); a part of a job answers as its parent.
- ``wait(job, timeout)`` polls until it finished (tests, the CLI's --distributed).

Where jobs run (``settings.CATCHALL_JOBS_MODE``, from the environment, see settings.py):
``celery`` when CATCHALL_BROKER_URL is set (or CATCHALL_JOBS=celery, broker
redis://127.0.0.1:6379/0): a message with the job's id goes to the broker after the submitting
transaction commits, and ``catchall worker`` runs it. ``embedded`` otherwise: a small thread
pool inside this process runs it, so ``./run.sh`` needs nothing else. ``inline`` (the test
suite's default): ``submit`` runs the job before it returns, deterministically.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connections, transaction
from django.db.models import F
from django.utils import timezone

from catchall.core.errors import InputError
from catchall.web.jobs.models import UNFINISHED, Job

log = logging.getLogger("catchall.jobs")
UNEXPECTED = (
    "the job stopped with an unexpected error; the log of the machine that ran it has the details"
)

Download = Callable[[Job], tuple[str, str, Iterable[bytes]]]


@dataclass(frozen=True)
class JobKind:
    name: str
    fn: Callable[..., Any]
    title: str | Callable[[Job], str]
    collect: Callable[[Job, list[Job]], Any] | None = None
    downloads: dict[str, Download] = field(default_factory=dict)
    template: str | None = None
    context: Callable[[Job, Any], dict] | None = None
    allowed: Callable[[Job, Any], bool] | None = None


REGISTRY: dict[str, JobKind] = {}


@dataclass(frozen=True)
class FanOut:
    """What a job function returns to continue as child jobs (see ``Job.fan_out``)."""

    kind: str
    chunks: list[dict]


def job(
    name: str,
    *,
    title: str | Callable[[Job], str] | None = None,
    collect: Callable[[Job, list[Job]], Any] | None = None,
    downloads: dict[str, Download] | None = None,
    template: str | None = None,
    context: Callable[[Job, Any], dict] | None = None,
    allowed: Callable[[Job, Any], bool] | None = None,
):
    """Register ``fn(job, **params)`` as the job kind ``name``; ``title`` names it for people
    (or ``title(job)`` names each job, from its params);
    ``template`` (included with ``job``, ``result`` and what ``context(job, user)`` adds)
    shows a finished job's result on its page. ``allowed(job, user)`` says whether ``user``
    may still read what the job made (asked at every read: a person who lost the right to see
    the list, the case or the pack since the job started does not get its result)."""

    def register(fn):
        REGISTRY[name] = JobKind(
            name, fn, title or name, collect, dict(downloads or {}), template, context, allowed
        )
        return fn

    return register


def kind_of(j: Job) -> JobKind | None:
    return REGISTRY.get(j.kind)


def title_of(j: Job) -> str:
    k = kind_of(j)
    if k is None:
        return j.kind
    return k.title(j) if callable(k.title) else k.title


def submit(
    name: str,
    params: dict | None = None,
    user=None,
    *,
    key: str = "",
    upload: tuple[str, bytes] | None = None,
) -> Job:
    """Queue the job ``name`` with ``params`` on behalf of ``user`` and hand it to the runner.

    With ``key``, an unfinished job holding that key is returned instead of a new one.
    ``upload`` (file name, content) is kept on the job as ``input_file``/``input_name``."""
    if name not in REGISTRY:
        raise LookupError(f"no job kind {name!r} is registered")
    params = dict(params or {})
    json.dumps(params)  # a TypeError here is a programming error: params travel as JSON
    creator = user if getattr(user, "is_authenticated", False) else None
    extra = {"input_name": upload[0][:200], "input_file": upload[1]} if upload else {}
    if key:
        running = Job.objects.filter(key=key, state__in=UNFINISHED).first()
        if running:
            return running
        try:
            with transaction.atomic():
                j = Job.objects.create(
                    kind=name, params=params, created_by=creator, key=key, **extra
                )
        except IntegrityError:  # another request submitted it a moment ago
            running = Job.objects.filter(key=key, state__in=UNFINISHED).first()
            if running:
                return running
            raise
    else:
        j = Job.objects.create(kind=name, params=params, created_by=creator, **extra)
    dispatch([j.pk])
    return j


def mode() -> str:
    return settings.CATCHALL_JOBS_MODE


def dispatch(job_ids: list[int]) -> None:
    """Hand queued jobs to whatever runs them in this mode (after the current commit)."""
    m = mode()
    if m == "inline":
        for pk in job_ids:
            run_job(pk)
    elif m == "celery":
        from catchall.web.jobs.celery_app import send

        transaction.on_commit(lambda: [send(pk) for pk in job_ids])
    else:
        transaction.on_commit(lambda: [_executor().submit(_run_in_thread, pk) for pk in job_ids])


# ------------------------------------------------------------------------------- running a job
WORKER = f"{socket.gethostname()}:{os.getpid()}"


def _worker_label() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.current_thread().name}"[:200]


def run_job(job_id: int) -> None:
    """Run one queued job to its end (a job already claimed or finished is left alone, so a
    message the broker delivers twice runs it once)."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, state="queued").update(
        state="running", started_at=now, updated_at=now, worker=_worker_label()
    )
    if not claimed:
        return
    j = Job.objects.get(pk=job_id)
    k = kind_of(j)
    try:
        if k is None:
            raise InputError(f"this worker does not know jobs of kind {j.kind!r}; update it")
        out = k.fn(j, **j.params)
    except InputError as exc:
        _finish(j, "failed", error="; ".join(str(p) for p in exc.problems), problems=exc)
    except Exception:
        log.exception("job %s (%s) failed", j.pk, j.kind)
        _finish(j, "failed", error=UNEXPECTED)
    else:
        if isinstance(out, FanOut):
            _fan_out(j, out)
        else:
            _finish(j, "done", result=out)


def record_progress(j: Job, done: int, total: int | None, message: str | None) -> None:
    j.done = max(0, int(done))
    if total is not None:
        j.total = max(0, int(total))
    if message is not None:
        j.message = _storable(message)[:500]
    Job.objects.filter(pk=j.pk).update(
        done=j.done, total=j.total, message=j.message, updated_at=timezone.now()
    )


def _finish(
    j: Job, state: str, *, result: Any = None, error: str = "", problems: InputError | None = None
) -> None:
    now = timezone.now()
    fields = {
        "state": state,
        "finished_at": now,
        "updated_at": now,
        "error": _storable(error)[:5000],
    }
    if problems is not None:  # the fields at fault, for the API's callers
        fields["result"] = _storable({"problems": [p.as_dict() for p in problems.problems]})
    if state == "done":
        fields["result"] = _storable(result)
        if j.total is not None:
            fields["done"] = j.total
    Job.objects.filter(pk=j.pk).update(**fields)
    for name, value in fields.items():
        setattr(j, name, value)
    if j.parent_id:
        _child_finished(j.parent_id)


def _storable(value: Any) -> Any:
    """``value`` with lone surrogates replaced: a file's undecodable bytes (read with
    surrogateescape) may reach a message, and no database stores them as UTF-8."""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, dict):
        return {_storable(k): _storable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_storable(v) for v in value]
    return value


def _fan_out(parent: Job, fo: FanOut) -> None:
    if fo.kind not in REGISTRY:
        raise LookupError(f"no job kind {fo.kind!r} is registered")
    with transaction.atomic():
        children = Job.objects.bulk_create(
            [
                Job(
                    kind=fo.kind,
                    params=params,
                    created_by_id=parent.created_by_id,
                    parent=parent,
                    seq=i,
                )
                for i, params in enumerate(fo.chunks)
            ]
        )
        record_progress(parent, 0, len(children), f"0 of {len(children)} parts done")
    if not children:
        _complete_parent(parent)
        return
    ids = [c.pk for c in children] if children[0].pk else _child_ids(parent)
    dispatch(ids)


def _child_ids(parent: Job) -> list[int]:
    return list(parent.children.order_by("seq").values_list("pk", flat=True))


def _child_finished(parent_id: int) -> None:
    with transaction.atomic():
        Job.objects.filter(pk=parent_id).update(done=F("done") + 1, updated_at=timezone.now())
        parent = Job.objects.select_for_update().get(pk=parent_id)
        if parent.state != "running":
            return
        if parent.done < (parent.total or 0):
            Job.objects.filter(pk=parent_id).update(
                message=f"{parent.done:,} of {parent.total:,} parts done"
            )
            return
        _complete_parent(parent)


def _complete_parent(parent: Job) -> None:
    children = list(parent.children.order_by("seq"))
    failed = [c for c in children if c.state == "failed"]
    if failed:
        c = failed[0]
        _finish(parent, "failed", error=f"part {c.seq + 1} of {len(children)}: {c.error}")
        return
    k = kind_of(parent)
    try:
        result = k.collect(parent, children) if k and k.collect else {"parts": len(children)}
    except InputError as exc:
        _finish(parent, "failed", error="; ".join(str(p) for p in exc.problems))
        return
    except Exception:
        log.exception("collecting job %s (%s) failed", parent.pk, parent.kind)
        _finish(parent, "failed", error=UNEXPECTED)
        return
    parent.message = f"{len(children):,} of {len(children):,} parts done"
    Job.objects.filter(pk=parent.pk).update(message=parent.message)
    _finish(parent, "done", result=result)


# ------------------------------------------------------------------------ the embedded runner
_EXECUTOR: ThreadPoolExecutor | None = None
_EXECUTOR_LOCK = threading.Lock()


def _executor() -> ThreadPoolExecutor:
    global _EXECUTOR
    with _EXECUTOR_LOCK:
        if _EXECUTOR is None:
            _EXECUTOR = ThreadPoolExecutor(
                max_workers=settings.CATCHALL_JOBS_THREADS, thread_name_prefix="catchall-job"
            )
        return _EXECUTOR


def _run_in_thread(job_id: int) -> None:
    try:
        run_job(job_id)
    except Exception:  # the job's own errors are caught in run_job; this is the database's
        log.exception("job %s could not be run", job_id)
    finally:
        connections.close_all()  # this thread's connections, not the web's


def recover_embedded() -> int:
    """At the start of an embedded server: jobs the last run left running were cut off (failed,
    saying so); queued ones are run now. Returns how many were queued again."""
    Job.objects.filter(state="running").update(
        state="failed",
        finished_at=timezone.now(),
        error="interrupted: the server stopped while the job ran; start it again",
    )
    queued = list(Job.objects.filter(state="queued").order_by("pk").values_list("pk", flat=True))
    if queued:
        dispatch(queued)
    return len(queued)


def wait(j: Job | int, timeout: float = 60.0, poll: float = 0.05) -> Job:
    """The job, re-read until it finished or ``timeout`` seconds passed (then as it is)."""
    pk = j.pk if isinstance(j, Job) else j
    deadline = time.monotonic() + timeout
    while True:
        current = Job.objects.get(pk=pk)
        if current.finished or time.monotonic() >= deadline:
            return current
        time.sleep(poll)
