"""JSON Schemas of the public input formats, generated from the packaged vocabulary.

The generated schema is also committed as ``catchall/schemas/item.schema.json`` for integrators;
a test keeps the two identical.
"""

from __future__ import annotations

from typing import Any

from catchall.core import units
from catchall.core.items import AXIS_NAME_PATTERN
from catchall.core.vocabulary import ParamDef, vocabulary

SCHEMA_BASE = "https://catchall.example.org/schemas"


def _param_schema(p: ParamDef) -> dict[str, Any]:
    if p.type == "count":
        return {"type": "integer", "minimum": 0, "description": p.title}
    if p.type == "number":
        return {"type": "number", "minimum": 0, "description": p.title}
    if p.type == "bool":
        return {"type": "boolean", "description": p.title}
    if p.type == "enum":
        return {"type": "string", "enum": list(p.values), "description": p.title}
    if p.type == "identifier" and p.format == "cas":
        return {
            "type": "string",
            "pattern": r"^\s*(CAS\s*:?\s*)?\d{2,7}-\d{2}-\d\s*$",
            "description": f'{p.title}, e.g. "69102-90-5" (the check digit is verified).',
        }
    if p.type == "identifier":
        return {"type": "string", "minLength": 1, "maxLength": 200, "description": p.title}
    text = {
        "type": "string",
        "description": f"{p.title}. A {p.dimension.replace('_', ' ')} with a unit, "
        f'e.g. "{units._example(p.dimension)}"; any convertible unit is accepted.',
        "minLength": 1,
    }
    if not (p.accepts_standard or p.per_axis):
        return text
    standard = {"type": "string", "description": "Measurement standard, e.g. ISO 230-2:1988"}
    forms: list[dict[str, Any]] = [text]
    if p.accepts_standard:
        forms.append(
            {
                "type": "object",
                "properties": {"value": text, "standard": standard},
                "required": ["value"],
                "additionalProperties": False,
            }
        )
    if p.per_axis:
        axis: dict[str, Any] = {
            "type": "object",
            "properties": {
                "value": text,
                "travel": {
                    "type": "string",
                    "description": 'Travel of this axis, a length with a unit, e.g. "1.2 m"',
                    "minLength": 1,
                },
            },
            "required": ["value"],
            "additionalProperties": False,
        }
        if p.accepts_standard:
            axis["properties"]["standard"] = standard
        forms.append(
            {
                "type": "object",
                "description": "Per linear axis (ISO 841 names such as X, Y, Z), each with its "
                "own travel: the entry tests each axis against the limit of its travel band.",
                "propertyNames": {"pattern": AXIS_NAME_PATTERN},
                "additionalProperties": axis,
                "minProperties": 1,
            }
        )
    return {"description": p.title, "oneOf": forms}


def item_properties() -> dict[str, Any]:
    v = vocabulary()
    return {
        "description": {
            "type": "string",
            "maxLength": 2000,
            "description": "What the item is, in words.",
        },
        "kind": {
            "type": "string",
            "enum": list(v.kinds),
            "description": "Dotted item kind; see `catchall kinds`.",
        },
        "parameters": {
            "type": "object",
            "properties": {name: _param_schema(p) for name, p in v.parameters.items()},
            "additionalProperties": False,
        },
    }


def item_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}/item.schema.json",
        "title": "catchall item",
        "description": "An item described by its technical parameters, for classification against control lists.",
        "type": "object",
        "properties": item_properties(),
        "required": ["kind"],
        "additionalProperties": False,
    }


def application_schema() -> dict[str, Any]:
    from catchall.core.assessment.application import (
        ASSURANCES,
        DECLARATIONS,
        MAX_ITEMS,
        MAX_PARTIES,
        ROLES,
    )
    from catchall.core.assessment.red_flags import catalogue

    item = {
        "type": "object",
        "properties": {
            **item_properties(),
            "quantity": {"type": "number", "exclusiveMinimum": 0},
            "value": {
                "type": "string",
                "description": 'Amount and ISO 4217 currency, e.g. "1400000 EUR"',
            },
        },
        "required": ["kind"],
        "additionalProperties": False,
    }
    country = {"type": "string", "pattern": "^[A-Za-z]{2}$", "description": "ISO 3166 alpha-2 code"}
    flags = {k: {"type": "boolean"} for k in DECLARATIONS}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}/application.schema.json",
        "title": "catchall licence application",
        "type": "object",
        "properties": {
            "reference": {"type": "string"},
            "exporter": {
                "type": "object",
                "properties": {"name": {"type": "string", "minLength": 1}, "country": country},
                "required": ["name"],
                "additionalProperties": False,
            },
            "destination": country,
            "parties": {
                "type": "array",
                "minItems": 1,
                "maxItems": MAX_PARTIES,
                "items": {
                    "type": "object",
                    "properties": {
                        "role": {"enum": list(ROLES)},
                        "name": {"type": "string", "minLength": 1, "maxLength": 500},
                        "country": country,
                        "address": {"type": "string"},
                        "dob": {
                            "type": "string",
                            "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
                            "description": "date of birth of a person: YYYY-MM-DD, YYYY-MM or"
                            " YYYY (screening evidence)",
                        },
                        "nationality": {
                            "type": "string",
                            "pattern": "^[A-Za-z]{2}$",
                            "description": "nationality, ISO 3166 alpha-2 code (screening"
                            " evidence)",
                        },
                        "identifiers": {
                            "type": "array",
                            "items": {
                                "type": "string",
                                "pattern": "^(passport|national_id|id|nid|registration|reg|tax"
                                "|vat|imo|lei|swift|duns|other):.+$",
                            },
                            "description": "KIND:NUMBER, e.g. passport:A1234567 or"
                            " imo:9123456; a matching identifier decides a screening match",
                        },
                    },
                    "required": ["role", "name"],
                    "additionalProperties": False,
                },
            },
            "end_use": {"type": "string", "maxLength": 10000},
            "declarations": {"type": "object", "properties": flags, "additionalProperties": False},
            "assurances": {
                "type": "object",
                "properties": {k: {"type": "boolean"} for k in ASSURANCES},
                "additionalProperties": False,
            },
            "red_flags": {"type": "array", "items": {"enum": sorted(catalogue())}},
            "items": {"type": "array", "minItems": 1, "maxItems": MAX_ITEMS, "items": item},
            "notes": {"type": "string"},
        },
        "required": ["exporter", "destination", "parties", "items"],
        "additionalProperties": False,
    }
