"""The licence-application format: parse and validate, reporting every problem with its field.

{"reference", "exporter": {"name", "country"}, "destination": "IR",
 "parties": [{"role", "name", "country", "address"}], "end_use": "...",
 "declarations": {"aware_of_missile_or_wmd_use", "informed_by_authority", "military_end_use"},
 "assurances": {"government_to_government", "end_use_statement", "no_retransfer",
                "post_shipment_verification"},
 "red_flags": ["code", ...], "items": [<item> + "quantity", "value": "1400000 EUR"]}
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from catchall.core.assessment.destinations import validate_country
from catchall.core.assessment.red_flags import resolve as resolve_red_flags
from catchall.core.errors import InputError, Problem
from catchall.core.items import Item, parse_item

ROLES = ("end_user", "consignee", "intermediate_consignee", "purchaser", "agent")
DECLARATIONS = ("aware_of_missile_or_wmd_use", "informed_by_authority", "military_end_use")
ASSURANCES = (
    "government_to_government",
    "end_use_statement",
    "no_retransfer",
    "post_shipment_verification",
)
TOP_KEYS = (
    "reference",
    "exporter",
    "destination",
    "parties",
    "end_use",
    "declarations",
    "assurances",
    "red_flags",
    "items",
    "notes",
)
MAX_TEXT = 10_000
# Every party is screened and every item classified, so an unbounded list lets one request
# hold a server for minutes (2,000 parties took 30 s); no real application comes near these.
MAX_PARTIES = 50
MAX_ITEMS = 200
_VALUE = re.compile(r"^\s*([0-9][0-9_,]*(?:\.[0-9]+)?)\s*([A-Za-z]{3})\s*$")


def party_words(role: str, name: str) -> str:
    """A party as a sentence names it: its role in words and its name in quotes
    ("end user 'Acme'"), never a code or a Python repr."""
    return f"{role.replace('_', ' ')} '{name}'"


@dataclass(frozen=True)
class Party:
    role: str
    name: str
    country: str | None = None
    address: str = ""
    # Evidence for screening (core/screening/evidence.py): date of birth, nationality,
    # identifiers "KIND:NUMBER". Optional; they raise or lower a match and are explained.
    dob: str | None = None
    nationality: str | None = None
    identifiers: tuple[str, ...] = ()

    def words(self) -> str:
        return party_words(self.role, self.name)

    def query(self):
        """The screening query for this party: its name with every piece of evidence it has,
        so the assessment and the re-screening after a list change ask the same question."""
        from catchall.core.model import ScreeningQuery

        return ScreeningQuery(
            name=self.name,
            country=self.country,
            dob=self.dob,
            nationality=self.nationality,
            identifiers=self.identifiers,
        )


_PARTY_FIELDS = ("role", "name", "country", "address", "dob", "nationality", "identifiers")


def _party_evidence(
    p: dict, path: str, problems: list[Problem]
) -> tuple[str | None, str | None, tuple[str, ...]]:
    """A party's optional date of birth, nationality and identifiers, checked."""
    from catchall.core.screening.evidence import parse_dob, parse_identifier

    dob = p.get("dob")
    if dob is not None:
        if not isinstance(dob, str):
            problems.append(Problem(f"{path}.dob", "must be text YYYY-MM-DD, YYYY-MM or YYYY"))
            dob = None
        else:
            try:
                parse_dob(dob, f"{path}.dob")
            except InputError as exc:
                problems.extend(exc.problems)
                dob = None
    nationality = _country(p.get("nationality"), f"{path}.nationality", problems, required=False)
    raw = p.get("identifiers", [])
    ids: list[str] = []
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        problems.append(Problem(f"{path}.identifiers", "must be a list of 'KIND:NUMBER' texts"))
    else:
        for i, text in enumerate(raw):
            try:
                if ":" not in text:
                    raise InputError(
                        "must be KIND:NUMBER, e.g. passport:A1234567", f"{path}.identifiers[{i}]"
                    )
                parse_identifier(text, f"{path}.identifiers[{i}]")
                ids.append(text.strip())
            except InputError as exc:
                problems.extend(exc.problems)
    return dob or None, nationality, tuple(ids)


@dataclass(frozen=True)
class LineItem:
    item: Item
    quantity: int = 1
    value: float | None = None
    currency: str | None = None


@dataclass(frozen=True)
class Application:
    reference: str
    exporter_name: str
    exporter_country: str | None
    destination: str
    parties: tuple[Party, ...]
    items: tuple[LineItem, ...]
    end_use: str = ""
    declarations: dict[str, bool] = field(default_factory=dict)
    assurances: dict[str, bool] = field(default_factory=dict)
    red_flags: tuple[str, ...] = ()
    notes: str = ""

    @property
    def end_users(self) -> list[Party]:
        return [p for p in self.parties if p.role == "end_user"]


def _text(data: dict, key: str, path: str, problems: list[Problem], required: bool = False) -> str:
    v = data.get(key)
    if v is None or v == "":
        if required:
            problems.append(Problem(path, "required"))
        return ""
    if not isinstance(v, str):
        problems.append(Problem(path, "must be text"))
        return ""
    v = "".join(ch for ch in v if ch in "\n\t" or ord(ch) >= 32).strip()
    if len(v) > MAX_TEXT:
        problems.append(Problem(path, f"longer than {MAX_TEXT} characters"))
    if required and not v:
        problems.append(Problem(path, "required"))
    return v


def _country(value: Any, path: str, problems: list[Problem], required: bool) -> str | None:
    if value is None or value == "":
        if required:
            problems.append(Problem(path, "required (ISO 3166 alpha-2 code)"))
        return None
    try:
        return validate_country(value)
    except InputError as exc:
        problems.extend(exc.prefixed(path).problems)
        return None


def _flags(
    data: Any, allowed: tuple[str, ...], path: str, problems: list[Problem]
) -> dict[str, bool]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.append(Problem(path, "must be an object of name: true/false"))
        return {}
    out = {}
    for k, v in data.items():
        if k not in allowed:
            problems.append(Problem(f"{path}.{k}", f"unknown; one of {', '.join(allowed)}"))
        elif not isinstance(v, bool):
            problems.append(Problem(f"{path}.{k}", "must be true or false"))
        else:
            out[k] = v
    return out


def parse_value(raw: Any) -> tuple[float, str]:
    """ "1400000 EUR" -> (1400000.0, "EUR")."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        raise InputError(f'{raw!r} has no currency; write e.g. "{raw} EUR"')
    m = _VALUE.match(raw) if isinstance(raw, str) else None
    if not m:
        raise InputError(f'{raw!r} is not an amount with an ISO 4217 currency, e.g. "1400000 EUR"')
    return float(m.group(1).replace(",", "").replace("_", "")), m.group(2).upper()


def parse_application(data: Any) -> Application:
    """Validate ``data`` against the application format; raise InputError listing every problem."""
    if not isinstance(data, dict):
        raise InputError("an application must be an object")
    problems: list[Problem] = []
    for key in data:
        if key not in TOP_KEYS:
            problems.append(Problem(str(key), "unknown field"))
    reference = _text(data, "reference", "reference", problems)
    exporter = data.get("exporter") or {}
    if not isinstance(exporter, dict):
        problems.append(Problem("exporter", "must be an object with name and country"))
        exporter = {}
    for key in exporter:
        if key not in ("name", "country"):
            problems.append(Problem(f"exporter.{key}", "unknown field"))
    exporter_name = _text(exporter, "name", "exporter.name", problems, required=True)
    exporter_country = _country(
        exporter.get("country"), "exporter.country", problems, required=False
    )
    destination = _country(data.get("destination"), "destination", problems, required=True)

    parties: list[Party] = []
    raw_parties = data.get("parties")
    if not isinstance(raw_parties, list) or not raw_parties:
        problems.append(Problem("parties", "at least one party (the end user) is required"))
        raw_parties = raw_parties if isinstance(raw_parties, list) else []
    if len(raw_parties) > MAX_PARTIES:
        problems.append(
            Problem("parties", f"{len(raw_parties)} parties; at most {MAX_PARTIES} are accepted")
        )
        raw_parties = []
    for i, p in enumerate(raw_parties):
        path = f"parties[{i}]"
        if not isinstance(p, dict):
            problems.append(Problem(path, "must be an object with role, name, country"))
            continue
        for key in p:
            if key not in _PARTY_FIELDS:
                problems.append(Problem(f"{path}.{key}", "unknown field"))
        role = p.get("role")
        if role not in ROLES:
            problems.append(Problem(f"{path}.role", f"{role!r} is not one of {', '.join(ROLES)}"))
        name = _text(p, "name", f"{path}.name", problems, required=True)
        if name and len(name) > 500:
            problems.append(Problem(f"{path}.name", "longer than 500 characters"))
        country = _country(p.get("country"), f"{path}.country", problems, required=False)
        address = _text(p, "address", f"{path}.address", problems)
        dob, nationality, identifiers = _party_evidence(p, path, problems)
        if role in ROLES and name:
            parties.append(Party(role, name, country, address, dob, nationality, identifiers))
    if raw_parties and parties and not any(p.role == "end_user" for p in parties):
        problems.append(Problem("parties", "no party has the role end_user"))

    items: list[LineItem] = []
    raw_items = data.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        problems.append(Problem("items", "at least one item is required"))
        raw_items = raw_items if isinstance(raw_items, list) else []
    if len(raw_items) > MAX_ITEMS:
        problems.append(
            Problem("items", f"{len(raw_items)} items; at most {MAX_ITEMS} are accepted")
        )
        raw_items = []
    for i, it in enumerate(raw_items):
        path = f"items[{i}]"
        if not isinstance(it, dict):
            problems.append(Problem(path, "must be an item object"))
            continue
        item = None
        try:
            item = parse_item(it, extra_keys=("quantity", "value"))
        except InputError as exc:
            problems.extend(exc.prefixed(path).problems)
        quantity = it.get("quantity", 1)
        if isinstance(quantity, bool) or not isinstance(quantity, int | float):
            problems.append(Problem(f"{path}.quantity", f"{quantity!r} is not a number"))
        elif quantity <= 0:
            problems.append(Problem(f"{path}.quantity", f"must be positive (got {quantity})"))
        value = currency = None
        if it.get("value") is not None:
            try:
                value, currency = parse_value(it["value"])
            except InputError as exc:
                problems.extend(exc.prefixed(f"{path}.value").problems)
        if item is not None:
            items.append(
                LineItem(
                    item, quantity if isinstance(quantity, int | float) else 1, value, currency
                )
            )

    declarations = _flags(data.get("declarations"), DECLARATIONS, "declarations", problems)
    assurances = _flags(data.get("assurances"), ASSURANCES, "assurances", problems)
    red_flags: tuple[str, ...] = ()
    raw_flags = data.get("red_flags") or []
    if not isinstance(raw_flags, list) or not all(isinstance(c, str) for c in raw_flags):
        problems.append(Problem("red_flags", "must be a list of red-flag codes"))
    else:
        try:
            red_flags = tuple(f.code for f in resolve_red_flags(raw_flags))
        except InputError as exc:
            problems.extend(exc.prefixed("red_flags").problems)
    end_use = _text(data, "end_use", "end_use", problems)
    notes = _text(data, "notes", "notes", problems)
    if problems:
        raise InputError(problems)
    assert destination is not None
    return Application(
        reference=reference,
        exporter_name=exporter_name,
        exporter_country=exporter_country,
        destination=destination,
        parties=tuple(parties),
        items=tuple(items),
        end_use=end_use,
        declarations=declarations,
        assurances=assurances,
        red_flags=red_flags,
        notes=notes,
    )


def search_text(data: Any) -> str:
    """What a search of the case queue finds an application by, folded to lower case: the
    exporter's own reference, the exporter's name and every party's name (any role), one per
    line. Stored beside the case so that a plain substring query finds it on any database,
    without reading JSON there."""
    if not isinstance(data, dict):
        return ""
    texts = [data.get("reference")]
    exporter = data.get("exporter")
    if isinstance(exporter, dict):
        texts.append(exporter.get("name"))
    for party in data.get("parties") or []:
        if isinstance(party, dict):
            texts.append(party.get("name"))
    return "\n".join(" ".join(str(t).split()).casefold() for t in texts if t)
