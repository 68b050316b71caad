"""The machine-tool library: papers (marked, tagged), search over released text, taxonomy."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden

from catchall.core.controls.relevance import LEVELS
from catchall.core.errors import InputError, NotFound
from catchall.core.vocabulary import vocabulary
from catchall.web.regime import inputs
from catchall.web.regime.models import DOCUMENT_KINDS, LIBRARY_KINDS, Document
from catchall.web.regime.releasability import DocumentView, document_view, search, views_for
from catchall.web.regime.selectors.taxonomy import current_taxonomy, taxonomy_history, taxonomy_rows
from catchall.web.regime.services.documents import (
    LIBRARY_AUTHORS,
    actor_role,
    document_create,
    document_revise,
)
from catchall.web.regime.services.taxonomy import taxonomy_entry_edit
from catchall.web.regime.views.common import act, not_found, page, reader

KIND_LABELS = dict(DOCUMENT_KINDS)


def library_documents(request: HttpRequest):
    """Library documents filtered by the tag parameters (kind of paper, item kind, entry)."""
    qs = Document.objects.filter(kind__in=LIBRARY_KINDS)
    paper = request.GET.get("paper", "")
    if paper in LIBRARY_KINDS:
        qs = qs.filter(kind=paper)
    docs = list(qs)
    item_kind = request.GET.get("item_kind", "")
    entry = request.GET.get("entry", "")
    if item_kind:
        docs = [
            d
            for d in docs
            if any(k == item_kind or k.startswith(item_kind + ".") for k in d.tag_kinds)
        ]
    if entry:
        docs = [d for d in docs if entry in d.tag_entries]
    return docs


def filtered(request: HttpRequest) -> bool:
    return any(request.GET.get(k) for k in ("paper", "item_kind", "entry"))


def visible(request: HttpRequest, views: list[DocumentView]) -> list[DocumentView]:
    """A filter on kind or tags must not match a paper whose header is withheld: the match
    itself would tell the reader the kind or tag the paper carries. Such papers come last,
    so that their place in the date order does not tell their date either."""
    if filtered(request):
        return [v for v in views if v.header_released]
    return sorted(views, key=lambda v: not v.header_released)


@login_required
def library(request: HttpRequest) -> HttpResponse:
    r = reader(request)
    q = request.GET.get("q", "").strip()
    docs = library_documents(request)
    problems, hits = [], None
    if q:
        try:
            hits = search(r, q, kinds=LIBRARY_KINDS, documents=docs)
            if filtered(request):
                hits = [h for h in hits if h.view.header_released]
            hits.sort(key=lambda h: not h.view.header_released)
        except InputError as exc:
            problems = exc.problems
    return page(
        request,
        "regime/library.html",
        {
            "q": q,
            "hits": hits,
            "views": visible(request, views_for(r, docs)) if hits is None else [],
            "kinds": [(k, KIND_LABELS[k]) for k in LIBRARY_KINDS],
            "item_kinds": sorted(vocabulary().kinds),
            "filters": request.GET,
            "may_add": actor_role(request.user) in LIBRARY_AUTHORS,
        },
        problems=problems,
    )


def _form(request, values, problems=(), status=200, editing=None):
    return page(
        request,
        "regime/document_form.html",
        {
            "values": values,
            "kinds": [(k, KIND_LABELS[k]) for k in LIBRARY_KINDS],
            "editing": editing,
        },
        problems=list(problems),
        status=status if problems else None,
    )


@login_required
def document_new(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _form(request, {"body": "1. (U) "})
    data = request.POST

    def run():
        dated, decl = inputs.collect(
            lambda: inputs.day(data.get("dated"), "dated"), lambda: inputs.declass(data)
        )
        return document_create(
            actor=request.user,
            kind=data.get("kind", ""),
            title=data.get("title", ""),
            body=data.get("body", ""),
            dated=dated,
            tag_kinds=inputs.words(data.get("tag_kinds"), "tag_kinds"),
            tag_entries=inputs.words(data.get("tag_entries"), "tag_entries"),
            **decl,
        )

    return act(
        request,
        run,
        done="Paper added to the library.",
        then=lambda d: f"/library/{d.pk}/",
        again=lambda problems, status: _form(request, data, problems, status),
    )


def _library_doc(request, pk: int):
    doc = Document.objects.filter(pk=pk, kind__in=LIBRARY_KINDS).first()
    if doc is None:
        raise NotFound(f"no document {pk}")
    return doc, document_view(reader(request), doc)


@login_required
def document_page(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        doc, view = _library_doc(request, pk)
    except NotFound:
        return not_found(request, "such paper")
    return page(
        request,
        "regime/document_detail.html",
        {"view": view, "kind_label": KIND_LABELS[doc.kind], "revisions": list(doc.revisions.all())},
    )


@login_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        doc, view = _library_doc(request, pk)
    except NotFound:
        return not_found(request, "such paper")
    if reader(request).country != doc.originator:
        return HttpResponseForbidden("Only the originating country revises a paper.")
    if request.method != "POST":
        values = {
            "title": f"{view.title.portion_mark} {view.title.text}" if view.title.released else "",
            "body": "\n\n".join(
                f"{p.portion_mark} {p.text}" for p in view.paragraphs if p.released
            ),
            "declassify_on": view.banner.declass_on.isoformat() if view.banner.declass_on else "",
            "declassify_reason": view.banner.declass_reason,
        }
        return _form(request, values, editing=doc)
    data = request.POST
    return act(
        request,
        lambda: document_revise(
            actor=request.user,
            document=doc,
            title=data.get("title", ""),
            body=data.get("body", ""),
            note=data.get("note", ""),
            **inputs.declass(data),
        ),
        done="New revision saved.",
        then=f"/library/{pk}/",
        again=lambda problems, status: _form(request, data, problems, status, editing=doc),
    )


@login_required
def taxonomy(request: HttpRequest) -> HttpResponse:
    return page(request, "regime/taxonomy.html", {"rows": taxonomy_rows()})


@login_required
def taxonomy_kind(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in vocabulary().kinds:
        return not_found(request, "such item kind")
    spec = current_taxonomy().get(kind) or {}

    def again(problems=(), status=200, values=None):
        values = values or {
            "level": spec.get("level", "low"),
            "uses": "\n".join(spec.get("uses") or ()),
            "rationale": spec.get("rationale", ""),
        }
        return page(
            request,
            "regime/taxonomy_kind.html",
            {
                "kind": kind,
                "spec": spec,
                "levels": LEVELS,
                "values": values,
                "history": taxonomy_history(kind),
            },
            problems=list(problems),
            status=status if problems else None,
        )

    if request.method != "POST":
        return again()
    data = request.POST
    return act(
        request,
        lambda: taxonomy_entry_edit(
            actor=request.user,
            kind=kind,
            level=data.get("level", ""),
            uses=data.get("uses", ""),
            rationale=data.get("rationale", ""),
            sources=data.get("sources", ""),
            note=data.get("note", ""),
        ),
        done="Taxonomy entry updated.",
        then=f"/library/taxonomy/{kind}/",
        again=lambda problems, status: again(problems, status, data),
    )
