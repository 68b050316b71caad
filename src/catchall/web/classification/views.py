"""The classification page: usable without JavaScript (choose a kind, then fill parameters)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from catchall.core.controls.lists import REGIMES
from catchall.core.errors import InputError, NotFound
from catchall.core.items import load_document, parse_item
from catchall.core.vocabulary import vocabulary
from catchall.web.classification.forms import item_from_form, parameters_for_kind
from catchall.web.classification.library import classify_item, control_entry, lists_in_force
from catchall.web.core.page_errors import at_fields, page_errors, plain


def classify_page(request: HttpRequest) -> HttpResponse:
    vocab = vocabulary()
    data = request.POST if request.method == "POST" else request.GET
    kind = (data.get("kind") or "").strip()
    problems: list = []
    result = None
    item_dict = None
    list_date = (data.get("list_date") or "").strip()
    if request.method == "POST":
        try:
            at = dt.date.fromisoformat(list_date) if list_date else None
        except ValueError:
            at = None
            problems.append(
                InputError(f"{list_date!r} is not a date (YYYY-MM-DD)", "list_date").problems[0]
            )
        try:
            if (data.get("document") or "").strip():
                item_dict = load_document(data["document"], "document")
            elif request.FILES.get("upload"):
                item_dict = load_document(
                    request.FILES["upload"].read().decode("utf-8", "replace"), "upload"
                )
            else:
                item_dict = item_from_form(data)
            if not problems:
                result = classify_item(parse_item(item_dict), at).as_dict()
                kind = result["item"]["kind"]
        except (InputError, NotFound) as exc:
            problems += getattr(exc, "problems", []) or [InputError(str(exc)).problems[0]]
    params = []
    if kind in vocab.kinds:
        params = [vocab.parameters[p] for p in parameters_for_kind(kind)]
    other = [p for p in vocab.parameters.values() if p not in params]
    document = (
        "document"
        if (data.get("document") or "").strip()
        else "upload"
        if request.FILES.get("upload")
        else None
    )
    errors = _page_errors(problems, document=document)
    status = 422 if problems else 200
    return render(
        request,
        "classification/classify.html",
        {
            "kinds": [k for k in vocab.kinds.values() if k.is_leaf],
            "kind": kind,
            "params": params,
            "other_params": other,
            "values": data,
            "errors": errors,
            "field_errors": at_fields(errors),
            "other_open": any(e["field"] == f"p_{p.name}" for e in errors for p in other),
            "result": result,
            "list_date": list_date,
        },
        status=status,
    )


def _page_errors(problems, *, document: str | None) -> list[dict]:
    """The problems in the GOV.UK pattern: each linked to the field it is about, in words. A
    parameter's problem names the parameter by its label (as the form does) and links to its input; a problem in
    a pasted document says where in it and links to the document box."""
    vocab = vocabulary()
    out = []
    for p in problems:
        field = getattr(p, "field", "") or ""
        message = plain(p.message)
        name = field.removeprefix("parameters.").split(".")[0].split("[")[0]
        if field == "list_date":
            out.append({"field": "list_date", "message": f"Lists in force on: {message}"})
        elif document:  # the pasted or uploaded document's box
            out.append(page_errors([p], document)[0])
        elif field.startswith("parameters.") and name in vocab.parameters:
            label = vocab.parameters[name].label
            out.append({"field": f"p_{name}", "message": f"{label}: {message}"})
        elif field in ("kind", "description"):
            label = {"kind": "Item kind", "description": "Description"}[field]
            out.append({"field": field, "message": f"{label}: {message}"})
        else:
            out.append({"field": "description", "message": message[:1].upper() + message[1:]})
    return out


CONTROLS_PER_PAGE = 200


def controls_page(request: HttpRequest) -> HttpResponse:
    """Every entry in force, page by page; with ``q``, the entries that answer a search."""
    from django.core.paginator import Paginator
    from django.utils.http import urlencode

    from catchall.web.classification.search import search_controls

    regime = request.GET.get("regime") or ""
    context = {"regime": regime, "regimes": REGIMES, "q": None, "problems": [], "hits": None}
    if "q" in request.GET:
        context["q"] = request.GET["q"]
        try:
            context["hits"] = search_controls(
                request.GET["q"], regime or None, request.GET.get("limit") or 25
            )
        except InputError as exc:
            context["problems"] = exc.problems
        context["problem_fields"] = {p.field for p in context["problems"]}
        status = 422 if context["problems"] else 200
        return render(request, "classification/controls.html", context, status=status)
    versions = lists_in_force()
    rows = [
        (v, e) for v in versions for e in v.entries.values() if not regime or e.regime == regime
    ]
    page = Paginator(rows, CONTROLS_PER_PAGE).get_page(request.GET.get("page"))
    context["page"] = page
    context["query"] = urlencode({"regime": regime}) if regime else ""
    return render(request, "classification/controls.html", context)


def control_entry_page(request: HttpRequest, entry_id: str) -> HttpResponse:
    from catchall.core.controls.render import criteria_lines

    try:
        version, entry = control_entry(entry_id)
    except NotFound:
        return render(
            request, "core/not_found.html", {"what": f"control entry {entry_id}"}, status=404
        )
    from catchall.core.controls.render import official_text_lines
    from catchall.web.classification.entry_words import kind_names, list_name, source_rows

    # Joined here: a Django tag cannot hold the newline a |join:"\n" in the template needs.
    criteria = "\n".join(criteria_lines(entry.criteria, 0))
    exclusions = [(x, "\n".join(criteria_lines(x.criteria, 0))) for x in entry.exclusions]
    official = "\n".join(line[4:] for line in official_text_lines(version, entry)[1:])
    return render(
        request,
        "classification/entry.html",
        {
            # (not "version": base.html prints that name in the footer as catchall's version)
            "list_version": version,
            "entry": entry,
            "criteria": criteria,
            "exclusions": exclusions,
            "official": official,
            "list_name": list_name(version),
            "kind_names": kind_names(entry.kinds),
            "source_rows": source_rows(entry.source),
        },
    )
