"""The assessment page: paste or upload an application, or fill the short form."""

from __future__ import annotations

import json
import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from catchall.core.assessment.red_flags import catalogue
from catchall.core.errors import InputError, Problem
from catchall.core.items import load_document
from catchall.web.accounts.decorators import role_required
from catchall.web.assessment.services import assess_application
from catchall.web.cases.apply.questions import countries, red_flag_groups
from catchall.web.core.page_errors import at_fields, page_errors


def _from_form(data) -> dict:
    item_text = (data.get("item") or "").strip()
    item = load_document(item_text, "item") if item_text else None
    parties = []
    for role in ("end_user", "consignee"):
        name = (data.get(f"{role}_name") or "").strip()
        if name:
            parties.append(
                {
                    "role": role,
                    "name": name,
                    "country": (data.get(f"{role}_country") or "").strip() or None,
                }
            )
    return {
        "reference": (data.get("reference") or "").strip(),
        "exporter": {
            "name": (data.get("exporter_name") or "").strip(),
            "country": (data.get("exporter_country") or "").strip() or None,
        },
        "destination": (data.get("destination") or "").strip(),
        "parties": parties,
        "end_use": (data.get("end_use") or "").strip(),
        "declarations": {
            k: True
            for k in ("aware_of_missile_or_wmd_use", "informed_by_authority", "military_end_use")
            if data.get(k)
        },
        "red_flags": data.getlist("red_flags") if hasattr(data, "getlist") else [],
        "items": [item] if item else [],
    }


FIELD_LABELS = {
    "reference": "Reference",
    "exporter_name": "Exporter",
    "exporter_country": "Exporter's country",
    "destination": "Destination",
    "end_user_name": "End user",
    "end_user_country": "End user's country",
    "consignee_name": "Consignee",
    "consignee_country": "Consignee's country",
    "end_use": "Stated end use",
    "aware_of_missile_or_wmd_use": "Declarations",
    "red_flags": "Red flags",
    "item": "Item",
}
_CHOSEN = ("exporter_country", "destination", "end_user_country", "consignee_country")
_ITEM = re.compile(r"(items\[0\]|item)(\.|$)")


def _short_form_field(path: str, roles: list[str]) -> tuple[str, str]:
    """(input id, where inside it) for a problem the short form caused: the application's path
    (``parties[1].country``) mapped back to the input a person filled in."""
    head, _, rest = path.partition(".")
    party = re.fullmatch(r"parties\[(\d+)\]", head)
    if party and int(party.group(1)) < len(roles):
        role = roles[int(party.group(1))]
        return (f"{role}_country" if rest == "country" else f"{role}_name"), ""
    if head == "exporter":
        return ("exporter_country" if rest == "country" else "exporter_name"), ""
    if head == "parties":
        return "end_user_name", ""
    if head.startswith("declarations"):
        return "aware_of_missile_or_wmd_use", ""
    if head.startswith("red_flags"):
        return "red_flags", ""
    if head == "items":
        return "item", ""
    if _ITEM.match(path):
        return "item", _ITEM.sub("", path, count=1)
    if head in FIELD_LABELS:
        return head, ""
    return "reference", path


def _short_form_errors(problems, roles: list[str]) -> list[dict]:
    """The GOV.UK error pattern for the short form: each message names its field in words and
    links to its input; a missing answer says what to enter or choose."""
    out = []
    for p in problems:
        field, inner = _short_form_field(getattr(p, "field", "") or "", roles)
        message = page_errors([Problem(inner, p.message)], field)[0]["message"]
        label = FIELD_LABELS[field]
        if message.lower().startswith("required") or p.field == "parties":
            verb = "Choose" if field in _CHOSEN else "Enter"
            message = f"{verb} the {label[:1].lower()}{label[1:]}"
        else:
            message = f"{label}: {message[:1].lower()}{message[1:]}"
        out.append({"field": field, "message": message})
    return out


@role_required()
def assess_page(request: HttpRequest) -> HttpResponse:
    """One page, two forms: a whole application (pasted or uploaded) or the short form. A bad
    answer is shown in the GOV.UK error pattern, at the input it belongs to, and nothing is assessed."""
    problems, result = [], None
    data = request.POST
    source = None
    if request.method == "POST":
        source = (
            "document"
            if (data.get("document") or "").strip()
            else "upload"
            if request.FILES.get("upload")
            else "form"
        )
        try:
            if source == "document":
                doc = load_document(data["document"], "document")
            elif source == "upload":
                doc = load_document(
                    request.FILES["upload"].read().decode("utf-8", "replace"), "upload"
                )
            else:
                doc = _from_form(data)
            result = assess_application(
                doc, actor=request.user, context="assessment page"
            ).as_dict()
        except InputError as exc:
            problems = exc.problems
    if source == "form":
        roles = [r for r in ("end_user", "consignee") if (data.get(f"{r}_name") or "").strip()]
        errors = _short_form_errors(problems, roles)
    else:
        errors = page_errors(
            [Problem("" if p.field == source else p.field, p.message) for p in problems],
            source or "document",
        )
    return render(
        request,
        "assessment/assess.html",
        {
            "errors": errors,
            "field_errors": at_fields(errors),
            "source": source,
            "result": result,
            "values": data,
            "chosen_flags": data.getlist("red_flags"),
            "flag_groups": _flag_groups(),
            "countries": countries(),
            "result_json": json.dumps(result, indent=2, ensure_ascii=False, default=str)
            if result
            else "",
        },
        status=422 if problems else 200,
    )


def _flag_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every red flag the assessment knows, grouped as the application pages group them; the
    know-your-customer steps (which those pages leave out) last."""
    groups = list(red_flag_groups())
    shown = {code for _g, flags in groups for code, _t in flags}
    rest = [(f.code, f.title) for f in sorted(catalogue().values(), key=lambda f: f.code)]
    rest = [(code, title) for code, title in rest if code not in shown]
    return groups + ([("Know-your-customer checks", rest)] if rest else [])
