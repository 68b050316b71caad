"""PDFs made by jobs, kept under the hash of what they are made from.

A page or the API asks for a PDF with :func:`ask`. Each kind of PDF is a *source* registered
here by its area (a letter of a case, the case summary, a briefing pack): ``prepare(user,
params)`` builds, for that reader, the HTML the renderer is given, and raises NotFound when the
reader may not read it. The key of a PDF is the SHA-256 of that HTML and the renderer's
version: when a PDF with the key is stored it is served at once, otherwise the job
``pdf.render`` makes it and stores it (the first bytes stored stay: a re-download is the same
file byte for byte). The job's result is read again through ``prepare`` as the reader of the
moment: who may no longer read the letter, the case or the pack (or whose pack now reads
differently) does not get the PDF, even from a job they started.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from catchall.core.errors import InputError, NotAllowed, NotFound
from catchall.web.jobs.models import Job, StoredPdf
from catchall.web.jobs.services import job, submit


@functools.cache
def renderer() -> str:
    """The renderer and its version: part of every key, so a new WeasyPrint makes new files
    rather than serving files it would not make the same way (read from the installed
    package's metadata: a web process that only serves stored PDFs never imports it)."""
    from importlib.metadata import version

    return f"weasyprint {version('weasyprint')}"


def html_to_pdf(html: str, base_url: str | None = None) -> bytes:
    """The one place HTML becomes a PDF (the same HTML gives the same bytes)."""
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url or str(settings.BASE_DIR)).write_pdf()


@dataclass(frozen=True)
class Prepared:
    """What a PDF is made from, for one reader: the HTML, the file's name, the base URL."""

    html: str
    filename: str
    base_url: str | None = None

    @functools.cached_property
    def key(self) -> str:
        return hashlib.sha256(f"{renderer()}\n{self.html}".encode()).hexdigest()


# A stored PDF's last use is written when it is served more than this after the last one
# written: pruning counts days, and a PDF downloaded by many at once costs one UPDATE.
USE_RESOLUTION = dt.timedelta(hours=1)


def load_stored(key: str, params: dict) -> bytes | None:
    """The stored PDF of ``key``, marked as used (pruning deletes the ones long unused)."""
    row = StoredPdf.objects.filter(key=key).only("data", "last_used_at").first()
    if row is None:
        return None
    now = timezone.now()
    if row.last_used_at < now - USE_RESOLUTION:
        StoredPdf.objects.filter(pk=row.pk).update(last_used_at=now)
    return bytes(row.data)


def save_stored(prepared: Prepared, params: dict, pdf: bytes) -> bytes:
    """Keep ``pdf`` under its key unless another job kept one first; return the kept bytes."""
    try:
        with transaction.atomic():
            StoredPdf.objects.create(
                key=prepared.key,
                name=prepared.filename[:200],
                data=pdf,
                sha256=hashlib.sha256(pdf).hexdigest(),
            )
    except IntegrityError:
        pass
    return load_stored(prepared.key, params) or pdf


@dataclass(frozen=True)
class PdfSource:
    name: str
    prepare: Callable[[Any, dict], Prepared]
    load: Callable[[str, dict], bytes | None] = load_stored
    save: Callable[[Prepared, dict, bytes], bytes] = save_stored
    # where the job page sends the reader back to: (label, url) from the params
    back: Callable[[dict], tuple[str, str]] | None = None


SOURCES: dict[str, PdfSource] = {}


def source(
    name: str,
    prepare: Callable[[Any, dict], Prepared],
    *,
    load: Callable[[str, dict], bytes | None] | None = None,
    save: Callable[[Prepared, dict, bytes], bytes] | None = None,
    back: Callable[[dict], tuple[str, str]] | None = None,
) -> PdfSource:
    """Register a kind of PDF (see the module note); ``load``/``save`` keep it elsewhere than
    the shared store (an issued letter keeps its PDF with the case)."""
    s = PdfSource(name, prepare, load or load_stored, save or save_stored, back)
    SOURCES[name] = s
    return s


@dataclass(frozen=True)
class Asked:
    """The answer to asking for a PDF: its bytes when stored, else the job making it."""

    prepared: Prepared
    pdf: bytes | None
    job: Job | None


def ask(user, name: str, params: dict) -> Asked:
    """The PDF ``name`` of ``params`` as ``user`` reads it: stored bytes at once, or a job.

    Raises NotFound (the reader may not read it) or InputError (``params`` are wrong)."""
    src = SOURCES[name]
    prepared = src.prepare(user, params)
    pdf = src.load(prepared.key, params)
    if pdf is not None:
        return Asked(prepared, pdf, None)
    who = getattr(user, "pk", None)
    j = submit(
        "pdf.render",
        {"source": name, "params": params, "key": prepared.key, "filename": prepared.filename},
        user=user,
        key=f"pdf:{who}:{prepared.key}",
    )
    j.refresh_from_db()
    if j.state == "done":  # run at once (the test suite's inline mode)
        return Asked(prepared, src.load(prepared.key, params), j)
    return Asked(prepared, None, j)


def _prepare_for(j: Job, user) -> Prepared | None:
    """What ``j``'s PDF is made from as ``user`` reads it now, or None if they may not."""
    src = SOURCES.get(j.params.get("source", ""))
    if src is None:
        return None
    try:
        return src.prepare(user, j.params.get("params") or {})
    except (NotFound, NotAllowed, InputError):
        return None


def _allowed(j: Job, user) -> bool:
    """The reader may read the job's PDF while what they may read is still what it shows."""
    prepared = _prepare_for(j, user)
    return prepared is not None and prepared.key == j.params.get("key")


def _download(j: Job):
    src = SOURCES[j.params["source"]]
    pdf = src.load(j.params["key"], j.params.get("params") or {})
    if pdf is None:
        raise NotFound("the PDF is not kept any more: ask for it again")
    return j.params["filename"], "application/pdf", [pdf]


def _title(j: Job) -> str:
    name = j.params.get("filename") if isinstance(j.params, dict) else None
    return f"Making the PDF {name}" if name else "Making a PDF"


@job("pdf.render", title=_title, downloads={"pdf": _download}, allowed=_allowed)
def render(j, *, source: str, params: dict, key: str, filename: str):
    src = SOURCES.get(source)
    if src is None:
        raise InputError(f"no kind of PDF is called {source!r}", "source")
    prepared = _prepare_for(j, j.created_by) if j.created_by_id else None
    if prepared is None:
        raise InputError("the person who asked for this PDF may no longer read it", "source")
    if prepared.key != key:
        raise InputError("what the PDF shows changed since it was asked for: ask again", "key")
    pdf = src.load(key, params)
    if pdf is None:
        j.progress(0, 1, f"Making {filename}")
        pdf = src.save(prepared, params, html_to_pdf(prepared.html, prepared.base_url))
    j.progress(1, 1, f"{filename} is made")
    out: dict[str, Any] = {
        "summary": f"{filename} is ready to download",
        "filename": filename,
        "bytes": len(pdf),
        "sha256": hashlib.sha256(pdf).hexdigest(),
    }
    if src.back is not None:
        label, url = src.back(params)
        out["links"] = [{"label": label, "url": url}]
    return out


def pdf_response(asked: Asked, *, inline: bool = True):
    """A page's answer: the PDF when it is stored, else the page of the job making it (which
    offers the download when done)."""
    from django.http import HttpResponse
    from django.shortcuts import redirect
    from django.utils.http import content_disposition_header

    if asked.pdf is None:
        return redirect(asked.job.get_absolute_url())
    resp = HttpResponse(asked.pdf, content_type="application/pdf")
    resp["Content-Disposition"] = content_disposition_header(not inline, asked.prepared.filename)
    resp["X-Content-Type-Options"] = "nosniff"
    return resp
