"""Each application page's answers: read from the form, checked, with plain-language errors.

An error is ``(field id, message)``: the id is the HTML input the message belongs to, so the
error summary can link to it. No field paths or command-line hints on these pages."""

from __future__ import annotations

import copy
from typing import Any

from catchall.core.controls.classifier import classify
from catchall.core.errors import InputError
from catchall.core.items import parse_item, parse_value
from catchall.core.plausibility import implausible, question
from catchall.core.vocabulary import vocabulary
from catchall.web.cases.apply.questions import (
    DECLARATIONS,
    OTHER,
    ROLE_BY_CODE,
    UNITS,
    country_data,
    currencies,
    red_flag_groups,
)
from catchall.web.classification.forms import parameters_for_kind

Errors = list[tuple[str, str]]
MAX_TEXT = 2000


def _text(post, key: str, limit: int = MAX_TEXT) -> str:
    return (
        " ".join((post.get(key) or "").split())[:limit]
        if key != "end_use"
        else ((post.get(key) or "").strip()[:limit])
    )


def _country(post, key: str, errors: Errors, missing: str | None) -> str | None:
    code = (post.get(key) or "").strip().upper()
    if not code:
        if missing:
            errors.append((key, missing))
        return None
    if code not in country_data().names:
        errors.append((key, "Select a country from the list"))
        return None
    return code


def destination(data: dict, post) -> tuple[dict, Errors]:
    errors: Errors = []
    code = _country(post, "destination", errors, "Select the country the items are going to")
    return ({**data, "destination": code} if code else data), errors


def party(data: dict, post, role: str) -> tuple[dict, Errors]:
    """The (first) party of ``role``; an optional role left without a name means there is
    none. The page edits that party in its place: other parties (a second end user in an
    application sent as a file) stay, and so do the details the page does not ask (date of
    birth, nationality, identifiers) while the name is the same."""
    r = ROLE_BY_CODE[role]
    errors: Errors = []
    name, address = _text(post, "name", 500), _text(post, "address")
    parties = list(data.get("parties") or [])
    at = next((i for i, p in enumerate(parties) if p.get("role") == role), None)
    if not name and not r.required:
        # the country alone is not an answer: the picker starts at the destination
        if address:
            errors.append(("name", f"Enter the {r.title.lower()}'s name, or leave it empty"))
        if at is not None:
            del parties[at]
        return {**data, "parties": parties}, errors
    if not name:
        errors.append(("name", f"Enter the {r.title.lower()}'s name"))
    if not address:
        errors.append(("address", f"Enter the {r.title.lower()}'s address"))
    country = _country(post, "country", errors, f"Select the {r.title.lower()}'s country")
    if errors:
        return data, errors
    current = parties[at] if at is not None else {}
    kept = current if current.get("name") == name else {}
    mine = {**kept, "role": role, "name": name, "country": country, "address": address}
    if at is None:
        parties.append(mine)
    else:
        parties[at] = mine
    return {**data, "parties": parties}, errors


def end_use(data: dict, post) -> tuple[dict, Errors]:
    text = _text(post, "end_use")
    if not text:
        return data, [("end_use", "Describe what the end user will use the items for")]
    return {**data, "end_use": text}, []


def declarations(data: dict, post) -> tuple[dict, Errors]:
    errors: Errors = []
    answers = {}
    for key, _question, _hint in DECLARATIONS:
        v = post.get(key)
        if v not in ("yes", "no"):
            errors.append((key, "Select yes or no"))
        else:
            answers[key] = v == "yes"
    return ({**data, "declarations": answers} if not errors else data), errors


def red_flags(data: dict, post) -> tuple[dict, Errors]:
    known = {code for _g, flags in red_flag_groups() for code, _t in flags}
    chosen = [c for c in post.getlist("red_flags") if c in known]
    if not chosen and post.get("none") != "yes":
        return data, [("red_flags", "Select the warning signs you know of, or select none")]
    return {**data, "red_flags": chosen}, []


# ------------------------------------------------------------------------------- items
def _item(data: dict, n: int) -> dict:
    items = data.get("items") or []
    return copy.deepcopy(items[n]) if n < len(items) else {"parameters": {}}


def _put_item(data: dict, n: int, item: dict) -> dict:
    items = list(data.get("items") or [])
    if n < len(items):
        items[n] = item
    else:
        items.append(item)
    return {**data, "items": items}


def item_kind(data: dict, post, n: int) -> tuple[dict, Errors]:
    kind = (post.get("kind") or "").strip()
    description = _text(post, "description")
    errors: Errors = []
    if kind != OTHER and kind not in vocabulary().kinds:
        errors.append(("kind", "Select what the item is, or select something else"))
    if not description:
        errors.append(
            (
                "description",
                "Describe the item in your own words"
                if kind == OTHER
                else "Enter a short description, such as the model name",
            )
        )
    if errors:
        return data, errors
    item = _item(data, n)
    if item.get("kind") != kind:
        item["parameters"] = {}  # another kind asks other questions
    item.update(kind=kind, description=description)
    return _put_item(data, n, item), []


def parameter_fields(kind: str) -> list:
    if kind == OTHER or kind not in vocabulary().kinds:
        return []
    vocab = vocabulary()
    return [vocab.parameters[p] for p in parameters_for_kind(kind)]


def _label(p) -> str:
    """The parameter as the form labels it (its short label)."""
    return p.label


def item_parameters(data: dict, post, n: int) -> tuple[dict, Errors, list[str]]:
    """The kind's parameters; also returns the names of values to confirm (implausible)."""
    item = _item(data, n)
    params: dict[str, Any] = {}
    errors: Errors = []
    doubtful: list[str] = []
    for p in parameter_fields(item.get("kind", "")):
        fid = f"p_{p.name}"
        raw = (post.get(fid) or "").strip()
        if post.get(f"{fid}_unknown") == "yes" or raw in ("", "unknown"):
            continue
        try:
            if p.type == "count":
                params[p.name] = parse_value(p, raw).value
            elif p.type == "bool":
                params[p.name] = raw == "yes"
            elif p.type == "enum":
                params[p.name] = parse_value(p, raw).value
            else:
                unit = post.get(f"{fid}_unit") or ""
                if unit not in dict(UNITS.get(p.dimension or "", ())):
                    raise InputError("choose a unit from the list")
                text = f"{raw} {unit}"
                pv = parse_value(p, text)
                params[p.name] = text
                if implausible(p, float(pv.value)) and post.get(f"{fid}_confirm") != "yes":
                    errors.append(
                        (fid, question(p, text, float(pv.value)) + ", or tick to confirm it")
                    )
                    doubtful.append(p.name)
        except InputError as exc:
            errors.append((fid, f"{_label(p)}: {exc.problems[0].message}"))
    if not errors:
        try:
            parse_item({**item, "parameters": params})
        except InputError as exc:
            errors += [(f"p_{pr.field.rpartition('.')[2]}", pr.message) for pr in exc.problems]
    if errors:
        return data, errors, doubtful
    item["parameters"] = params
    return _put_item(data, n, item), [], []


def item_quantity(data: dict, post, n: int) -> tuple[dict, Errors]:
    item = _item(data, n)
    errors: Errors = []
    q = (post.get("quantity") or "").strip()
    amount = (post.get("value") or "").strip().replace(",", "")
    currency = (post.get("currency") or "").strip().upper()
    if not q.isdigit() or int(q) <= 0:
        errors.append(("quantity", "Enter how many, as a whole number of 1 or more"))
    try:
        value = float(amount)
        if value < 0:
            raise ValueError
    except ValueError:
        errors.append(("value", "Enter the total value as a number, such as 1400000"))
    if currency not in currencies():
        errors.append(("currency", "Select the currency"))
    if errors:
        return data, errors
    item["quantity"] = int(q)
    item["value"] = f"{amount} {currency}"
    return _put_item(data, n, item), []


def remove_item(data: dict, n: int) -> dict:
    items = list(data.get("items") or [])
    if n < len(items):
        del items[n]
    return {**data, "items": items}


def preview(
    item: dict, *, n: int = 0, exporter_country: str | None = None, destination: str | None = None
) -> dict[str, Any]:
    """What the classifier says of an item as far as it is described: entries that catch it,
    or the facts that would decide; "other" items are rated by a technical expert.

    A listed item does not need a licence everywhere (inside the EU, for instance, only the
    Annex IV items do), so a listed item's verdict comes from the installation's law for this
    exporter and destination, with the legal basis of each ground, as the assessment says it."""
    try:
        classification = classify(
            parse_item({k: item[k] for k in ("kind", "description", "parameters") if k in item})
        )
    except InputError:
        return {"verdict": "incomplete"}
    result = classification.as_dict()
    missing = sorted({m["parameter"] for m in result["missing_parameters"]})
    grounds: list[dict[str, Any]] = []
    notes: list[str] = []
    if result["controlled"] is None:
        verdict = "not_rated"
    elif result["controlled"] and not destination:
        verdict = "listed_destination_unknown"
    elif result["controlled"]:
        law = _law_for([classification], n, exporter_country, destination)
        grounds = [g.as_dict() for g in law.grounds]
        notes = list(law.notes)
        verdict = "controlled" if law.required else "listed_no_licence"
    elif missing:
        verdict = "undetermined"
    else:
        verdict = "not_listed"
    vocab = vocabulary()
    return {
        "verdict": verdict,
        "entries": result["entries"],
        "grounds": grounds,
        "notes": notes,
        "missing": [vocab.parameters[m].label for m in missing if m in vocab.parameters],
        "reason": result.get("reason", ""),
    }


def _law_for(classifications, n: int, exporter_country: str | None, destination: str):
    """The licence requirement the installation's jurisdiction profile sets for listed items
    (catch-all is the authority's to weigh on the whole application, not here)."""
    from catchall.core.assessment.engine import line_facts
    from catchall.core.law.apply import Facts, apply_law
    from catchall.web.assessment.services import installation_jurisdiction

    facts = Facts(
        exporter_country=exporter_country,
        destination=destination,
        items=line_facts(classifications, first=n),
    )
    return apply_law(installation_jurisdiction(), facts)
