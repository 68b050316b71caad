"""The case's PDFs as jobs (jobs/pdfs.py): its issued letters and its summary.

An issued letter's PDF is made from the letter's issued HTML, which never changes, and is kept
with the letter once made (never made again: the file the exporter downloads is the file of
record). The summary is internal and made from the case as it stands, so it is made again only
when what it says changed."""

from __future__ import annotations

import hashlib

from catchall.core.errors import NotFound
from catchall.web.accounts.confidentiality import may_receive_confidential
from catchall.web.cases.models import CaseDocument
from catchall.web.cases.selectors import case_for
from catchall.web.jobs.pdfs import Prepared, source


def _case(user, params: dict):
    case = case_for(user, int(params.get("case") or 0)) if user is not None else None
    if case is None:
        raise NotFound("no such case")
    return case


def _letter(user, params: dict) -> CaseDocument:
    from catchall.web.cases.documents import INTERNAL_KINDS

    case = _case(user, params)
    doc = case.documents.filter(pk=int(params.get("document") or 0)).first()
    if doc is None or (doc.kind in INTERNAL_KINDS and not may_receive_confidential(user)):
        raise NotFound("no such document")  # an internal document is not the exporter's
    return doc


def prepare_letter(user, params: dict) -> Prepared:
    doc = _letter(user, params)
    return Prepared(doc.html, f"{doc.number}.pdf")


def load_letter(key: str, params: dict) -> bytes | None:
    doc = CaseDocument.objects.filter(pk=params.get("document")).only("pdf", "sha256").first()
    return bytes(doc.pdf) if doc is not None and doc.sha256 and doc.pdf else None


def save_letter(prepared: Prepared, params: dict, pdf: bytes) -> bytes:
    """Keep the letter's PDF with it, once: a PDF kept before stays the letter's."""
    CaseDocument.objects.filter(pk=params["document"], sha256="").update(
        pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest()
    )
    return load_letter(prepared.key, params) or pdf


def prepare_summary(user, params: dict) -> Prepared:
    from catchall.web.cases.documents import render_html

    case = _case(user, params)
    if not may_receive_confidential(user):
        raise NotFound("the case summary is internal")
    return Prepared(
        render_html(case, "summary", f"SUM-{case.reference}"), f"SUM-{case.reference}.pdf"
    )


def _back(params: dict) -> tuple[str, str]:
    return "Back to the case", f"/cases/{params['case']}/"


LETTER = source("case.letter", prepare_letter, load=load_letter, save=save_letter, back=_back)
SUMMARY = source("case.summary", prepare_summary, back=_back)


def letter_params(doc: CaseDocument) -> dict:
    return {"case": doc.case_id, "document": doc.pk}
