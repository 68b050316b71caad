"""The assessment page: paste or upload an application, or fill the short form."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from catchall.core.assessment.red_flags import catalogue
from catchall.core.errors import InputError
from catchall.core.items import load_document
from catchall.web.accounts.decorators import role_required
from catchall.web.assessment.services import assess_application


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


@role_required()
def assess_page(request: HttpRequest) -> HttpResponse:
    problems, result = [], None
    data = request.POST
    if request.method == "POST":
        try:
            if (data.get("document") or "").strip():
                doc = load_document(data["document"], "document")
            elif request.FILES.get("upload"):
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
    return render(
        request,
        "assessment/assess.html",
        {
            "problems": problems,
            "result": result,
            "values": data,
            "flags": sorted(catalogue().values(), key=lambda f: f.code),
            "result_json": json.dumps(result, indent=2, ensure_ascii=False, default=str)
            if result
            else "",
        },
        status=422 if problems else 200,
    )
