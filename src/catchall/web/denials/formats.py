"""Denial-notification file formats: read (with a warning per bad row) and write.

Formats:

- ``lite-csv`` — the UK LITE denial CSV: one row per denied entity, header exactly
  ``reference,regime_reg_ref,notifying_government,denial_cle,item_description,end_use,
  reason_for_refusal,name,address,country,entity_type``; rows with the same reference and
  notifying government form one notification. It carries no dates.
- ``csv`` — ours: the LITE columns plus regime, mtcr_item, item_kind, denied_on, valid_until
  and status (see ``CSV_HEADER``).
- ``json`` — ours: ``{"notifications": [{..., "parties": [...]}]}`` (docs/denials.md).

No Django here: the services decide what to write.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from catchall.core import csvsafe
from catchall.core.assessment.destinations import country_name, validate_country
from catchall.core.assessment.no_undercut import split_entries
from catchall.core.errors import InputError

LITE_HEADER = [
    "reference",
    "regime_reg_ref",
    "notifying_government",
    "denial_cle",
    "item_description",
    "end_use",
    "reason_for_refusal",
    "name",
    "address",
    "country",
    "entity_type",
]
CSV_HEADER = [
    "reference",
    "regime_reg_ref",
    "notifying_government",
    "regime",
    "denial_cle",
    "mtcr_item",
    "item_kind",
    "item_description",
    "end_use",
    "reason_for_refusal",
    "denied_on",
    "valid_until",
    "status",
    "name",
    "address",
    "country",
    "entity_type",
]
FORMATS = ("lite-csv", "csv", "json")
# What people read for each format (the codes are the API's and the CLI's option values).
FORMAT_NAMES = {
    "lite-csv": "UK LITE denial CSV",
    "csv": "catchall CSV (with dates and status)",
    "json": "catchall JSON",
}
NOTIFICATION_FIELDS = (
    "reference",
    "regime_reg_ref",
    "notifying_government",
    "regime",
    "denial_cle",
    "mtcr_item",
    "item_kind",
    "item_description",
    "end_use",
    "reason_for_refusal",
    "denied_on",
    "valid_until",
    "status",
)
PARTY_FIELDS = ("name", "address", "country", "entity_type")
REGIMES = ("MTCR", "WA", "NSG")
ENTITY_TYPES = (
    "end_user",
    "ultimate_end_user",
    "consignee",
    "intermediate_consignee",
    "purchaser",
    "agent",
    "third_party",
    "unknown",
)
_ENTITY_SYNONYMS = {
    "enduser": "end_user",
    "end_user_": "end_user",
    "ultimate_enduser": "ultimate_end_user",
    "ultimate_consignee": "consignee",
    "thirdparty": "third_party",
    "": "unknown",
    "not_stated": "unknown",
}
LIMITS = {
    "reference": 100,
    "regime_reg_ref": 100,
    "denial_cle": 200,
    "mtcr_item": 20,
    "item_kind": 100,
    "name": 500,
    "address": 1000,
}
MAX_TEXT = 10_000
MAX_WARNINGS = 1000


@dataclass
class PartyData:
    name: str
    address: str = ""
    country: str = ""
    entity_type: str = "end_user"


@dataclass
class NotificationData:
    reference: str
    notifying_government: str
    regime_reg_ref: str = ""
    regime: str = ""
    denial_cle: str = ""
    mtcr_item: str = ""
    item_kind: str = ""
    item_description: str = ""
    end_use: str = ""
    reason_for_refusal: str = ""
    denied_on: dt.date | None = None
    valid_until: dt.date | None = None
    status: str | None = None  # None: the file does not say
    parties: list[PartyData] = field(default_factory=list)
    line: int = 0

    @property
    def key(self) -> tuple[str, str]:
        return (self.notifying_government, self.reference)


@dataclass(frozen=True)
class ImportWarning:
    line: int  # 1-based line (CSV) or record number (JSON); 0 = the file
    message: str
    reference: str = ""
    unit: str = "line"

    def __str__(self) -> str:
        where = f"{self.unit} {self.line}" if self.line else "file"
        ref = f" [{self.reference}]" if self.reference else ""
        return f"{where}{ref}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "message": self.message, "reference": self.reference}


@dataclass
class ParseResult:
    format: str
    notifications: list[NotificationData]
    read: int = 0  # CSV data rows or JSON records
    imported: int = 0  # of those, used
    skipped: int = 0
    warnings: list[ImportWarning] = field(default_factory=list)
    warnings_omitted: int = 0

    def warn(self, line: int, message: str, reference: str = "", unit: str = "line") -> None:
        if len(self.warnings) < MAX_WARNINGS:
            self.warnings.append(ImportWarning(line, message, reference, unit))
        else:
            self.warnings_omitted += 1


# ---------------------------------------------------------------------------- field rules


def normalise_country(value: str) -> str:
    """ISO alpha-2 from a code or a country name ("United Kingdom", "UK" -> "GB")."""
    value = (value or "").strip()
    if not value:
        raise InputError("a country is required")
    code = _country_code(value)
    if code is None:
        raise InputError(f"{value!r} is not a country name or ISO 3166 alpha-2 code")
    return code


@lru_cache(maxsize=4096)
def _country_code(value: str) -> str | None:
    """Cached: a file repeats the same few countries thousands of times."""
    if len(value) == 2:
        try:
            return validate_country(value)
        except InputError:
            pass
    from rigour.territories import lookup_territory

    t = lookup_territory(value)
    code = (t.code if t else "").upper()
    if len(code) == 2:
        try:
            return validate_country(code)
        except InputError:
            return None
    return None


def normalise_entity_type(value: str) -> str:
    key = re.sub(r"[\s\-]+", "_", (value or "").strip().lower())
    key = _ENTITY_SYNONYMS.get(key, key)
    if key not in ENTITY_TYPES:
        raise InputError(f"entity_type {value!r} is not one of {', '.join(ENTITY_TYPES)}")
    return key


def regime_of(regime_reg_ref: str, denial_cle: str) -> str:
    """The regime from the registration reference, else from the first entry's number."""
    ref = (regime_reg_ref or "").upper()
    for token, regime in (("MTCR", "MTCR"), ("NSG", "NSG"), ("WASSENAAR", "WA"), ("WA", "WA")):
        if re.search(rf"(^|[^A-Z]){token}([^A-Z]|$)", ref):
            return regime
    for entry in split_entries(denial_cle):
        e = entry.upper()
        if re.match(r"^\d{1,2}\.[A-E]", e):
            return "MTCR"
        m = re.match(r"^\d[A-E]([012])\d\d", e)
        if m:
            return {"0": "WA", "1": "MTCR", "2": "NSG"}[m.group(1)]
    return ""


def _clean(value: Any, name: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        else:
            raise InputError(f"{name} must be text")
    value = "".join(ch for ch in value if ch in "\n\t" or ord(ch) >= 32).strip()
    limit = LIMITS.get(name, MAX_TEXT)
    if len(value) > limit:
        raise InputError(f"{name} is longer than {limit} characters")
    return value


def _date(value: Any, name: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(f"{name} {value!r} is not a date YYYY-MM-DD") from None


def _kind(value: str) -> str:
    if not value:
        return ""
    from catchall.core.vocabulary import vocabulary

    if value not in vocabulary().kinds:
        raise InputError(f"item_kind {value!r} is not a known item kind (see `catchall kinds`)")
    return value


def _notification(raw: dict[str, Any], line: int) -> NotificationData:
    """Validate the notification-level fields of one row or record."""
    ref = _clean(raw.get("reference"), "reference")
    if not ref:
        raise InputError("reference is required")
    gov_raw = _clean(raw.get("notifying_government"), "notifying_government")
    if not gov_raw:
        raise InputError("notifying_government is required")
    try:
        gov = normalise_country(gov_raw)
    except InputError as exc:
        raise InputError(f"notifying_government: {exc.problems[0].message}") from None
    cle = ", ".join(split_entries(_clean(raw.get("denial_cle"), "denial_cle")))
    reg_ref = _clean(raw.get("regime_reg_ref"), "regime_reg_ref")
    regime = _clean(raw.get("regime"), "regime").upper()
    if regime and regime not in REGIMES:
        raise InputError(f"regime {regime!r} is not one of {', '.join(REGIMES)}")
    status = _clean(raw.get("status"), "status").lower() or None
    if status not in (None, "active", "revoked"):
        raise InputError(f"status {status!r} is not active or revoked")
    denied_on = _date(raw.get("denied_on"), "denied_on")
    valid_until = _date(raw.get("valid_until"), "valid_until")
    if denied_on and valid_until and valid_until < denied_on:
        raise InputError("valid_until is before denied_on")
    return NotificationData(
        reference=ref,
        notifying_government=gov,
        regime_reg_ref=reg_ref,
        regime=regime or regime_of(reg_ref, cle),
        denial_cle=cle,
        mtcr_item=_clean(raw.get("mtcr_item"), "mtcr_item"),
        item_kind=_kind(_clean(raw.get("item_kind"), "item_kind")),
        item_description=_clean(raw.get("item_description"), "item_description"),
        end_use=_clean(raw.get("end_use"), "end_use"),
        reason_for_refusal=_clean(raw.get("reason_for_refusal"), "reason_for_refusal"),
        denied_on=denied_on,
        valid_until=valid_until,
        status=status,
        line=line,
    )


def _party(raw: dict[str, Any], warn) -> PartyData:
    name = _clean(raw.get("name"), "name")
    if not name:
        raise InputError("name of the denied party is required")
    country = _clean(raw.get("country"), "country")
    if country:
        try:
            country = normalise_country(country)
        except InputError as exc:
            warn(f"country: {exc.problems[0].message}; the party is kept without a country")
            country = ""
    return PartyData(
        name=name,
        address=_clean(raw.get("address"), "address"),
        country=country,
        entity_type=normalise_entity_type(_clean(raw.get("entity_type"), "entity_type")),
    )


def _merge(
    into: NotificationData, new: NotificationData, party: PartyData, result: ParseResult
) -> None:
    """Add a later row's party; say so when its notification fields disagree with the first."""
    for name in NOTIFICATION_FIELDS:
        a, b = getattr(into, name), getattr(new, name)
        if b not in (None, "") and a != b:
            result.warn(
                new.line,
                f"{name} differs from line {into.line}; the first row's value is kept",
                new.reference,
            )
    if any((p.name, p.entity_type) == (party.name, party.entity_type) for p in into.parties):
        result.warn(
            new.line,
            f"{party.name!r} ({party.entity_type}) is listed twice; kept once",
            new.reference,
        )
        return
    into.parties.append(party)


# ---------------------------------------------------------------------------- reading


def decode(data: bytes | str) -> str:
    """UTF-8 text of an upload (a byte-order mark is dropped); whole-file errors raise."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(f"the file is not UTF-8 text (byte {exc.start})", "file") from None
    if data.startswith("\ufeff"):
        data = data[1:]
    if not data.strip():
        raise InputError("the file is empty", "file")
    return data


def detect_format(text: str) -> str:
    if text.lstrip().startswith(("{", "[")):
        return "json"
    first = next(csv.reader(io.StringIO(text)), [])
    header = [h.strip().lower() for h in first]
    if header == CSV_HEADER:
        return "csv"
    if header == LITE_HEADER:
        return "lite-csv"
    # Name the problem against the layout the header resembles most.
    closest = max(
        (LITE_HEADER, "lite-csv"), (CSV_HEADER, "csv"), key=lambda e: len(set(e[0]) & set(header))
    )
    raise InputError(_header_problem(header, *closest) + " (or use --format)", "file")


def _header_problem(header: list[str], expected: list[str], fmt: str) -> str:
    missing = [h for h in expected if h not in header]
    extra = [h for h in header if h not in expected]
    parts = []
    if missing:
        parts.append("missing " + ", ".join(missing))
    if extra:
        parts.append("unexpected " + ", ".join(e or "(blank)" for e in extra))
    if not parts:
        parts.append("columns out of order")
    return f"wrong header for {fmt} ({'; '.join(parts)}); expected exactly: {','.join(expected)}"


def parse(data: bytes | str, fmt: str | None = None) -> ParseResult:
    """Read a notifications file; raise InputError for a file that cannot be used at all."""
    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"{fmt!r} is not one of {', '.join(FORMATS)}", "format")
    text = decode(data)
    fmt = fmt or detect_format(text)
    result = _parse_json(text) if fmt == "json" else _parse_csv(text, fmt)
    if result.read == 0:
        raise InputError("the file holds no denial notifications", "file")
    if not result.notifications:
        shown = "; ".join(str(w) for w in result.warnings[:5])
        raise InputError(f"no row could be imported ({result.skipped} skipped): {shown}", "file")
    return result


def _parse_csv(text: str, fmt: str) -> ParseResult:
    expected = LITE_HEADER if fmt == "lite-csv" else CSV_HEADER
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except csv.Error as exc:
        raise InputError(f"unreadable CSV header: {exc}", "file") from None
    if header != expected:
        raise InputError(_header_problem(header, expected, fmt), "file")
    result = ParseResult(fmt, [])
    groups: dict[tuple[str, str], NotificationData] = {}
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            result.read += 1
            result.skipped += 1
            result.warn(line, f"unreadable CSV record: {exc}; skipped")
            line = reader.line_num + 1
            continue
        start, line = line, reader.line_num + 1
        if not any(c.strip() for c in row):
            continue
        result.read += 1
        if len(row) != len(expected):
            result.skipped += 1
            result.warn(start, f"{len(row)} fields where the header has {len(expected)}; skipped")
            continue
        raw = {k: csvsafe.restore(v) for k, v in zip(expected, row, strict=True)}
        _take(raw, start, groups, result)
    result.notifications = list(groups.values())
    return result


def _take(
    raw: dict[str, Any], line: int, groups: dict, result: ParseResult, unit: str = "line"
) -> None:
    ref = str(raw.get("reference") or "")[:100]
    try:
        notification = _notification(raw, line)
        party = _party(raw, lambda m: result.warn(line, m, ref, unit))
    except InputError as exc:
        result.skipped += 1
        result.warn(line, "; ".join(p.message for p in exc.problems) + "; skipped", ref, unit)
        return
    result.imported += 1
    existing = groups.get(notification.key)
    if existing is None:
        notification.parties.append(party)
        groups[notification.key] = notification
    else:
        _merge(existing, notification, party, result)


def _parse_json(text: str) -> ParseResult:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", "file"
        ) from None
    return parse_document(doc)


def parse_document(doc: Any) -> ParseResult:
    """Read our JSON document (already decoded): ``{"notifications": [...]}``."""
    if not isinstance(doc, dict) or not isinstance(doc.get("notifications"), list):
        raise InputError(
            'expected an object {"notifications": [...]} (see docs/denials.md)', "file"
        )
    result = ParseResult("json", [])
    groups: dict[tuple[str, str], NotificationData] = {}
    for n, rec in enumerate(doc["notifications"], start=1):
        result.read += 1
        if not isinstance(rec, dict):
            result.skipped += 1
            result.warn(n, "must be an object; skipped", unit="notification")
            continue
        unknown = [k for k in rec if k not in (*NOTIFICATION_FIELDS, "parties")]
        ref = str(rec.get("reference") or "")[:100]
        if unknown:
            result.warn(
                n, f"unknown field(s) ignored: {', '.join(map(str, unknown))}", ref, "notification"
            )
        parties = rec.get("parties")
        if not isinstance(parties, list) or not parties:
            result.skipped += 1
            result.warn(
                n, "parties: at least one denied party is required; skipped", ref, "notification"
            )
            continue
        try:
            notification = _notification(rec, n)
            plist = []
            for i, p in enumerate(parties):
                if not isinstance(p, dict):
                    raise InputError(
                        f"parties[{i}] must be an object with name, address, country, entity_type"
                    )
                try:
                    plist.append(
                        _party(
                            p,
                            lambda m, i=i, n=n, ref=ref: result.warn(
                                n, f"parties[{i}].{m}", ref, "notification"
                            ),
                        )
                    )
                except InputError as exc:
                    raise InputError(f"parties[{i}]: {exc.problems[0].message}") from None
        except InputError as exc:
            result.skipped += 1
            result.warn(
                n, "; ".join(p.message for p in exc.problems) + "; skipped", ref, "notification"
            )
            continue
        if notification.key in groups:
            result.skipped += 1
            result.warn(
                n,
                f"repeats notification {notification.reference} of {notification.notifying_government} (record {groups[notification.key].line}); skipped",
                ref,
                "notification",
            )
            continue
        result.imported += 1
        for party in plist:
            if any(
                (q.name, q.entity_type) == (party.name, party.entity_type)
                for q in notification.parties
            ):
                result.warn(
                    n,
                    f"{party.name!r} ({party.entity_type}) is listed twice; kept once",
                    ref,
                    "notification",
                )
            else:
                notification.parties.append(party)
        groups[notification.key] = notification
    result.notifications = list(groups.values())
    return result


# ---------------------------------------------------------------------------- writing


def to_json(notifications: list[NotificationData]) -> str:
    out = []
    for n in notifications:
        d = asdict(n)
        d.pop("line")
        d["denied_on"] = n.denied_on.isoformat() if n.denied_on else None
        d["valid_until"] = n.valid_until.isoformat() if n.valid_until else None
        d["parties"] = [asdict(p) for p in n.parties]
        out.append(d)
    return (
        json.dumps(
            {"format": "catchall-denials", "version": 1, "notifications": out},
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )


def to_csv(notifications: list[NotificationData], fmt: str = "lite-csv") -> str:
    header = LITE_HEADER if fmt == "lite-csv" else CSV_HEADER
    rows: list[list[str]] = [list(header)]
    for n in notifications:
        base = {k: getattr(n, k) for k in NOTIFICATION_FIELDS}
        base["denied_on"] = n.denied_on.isoformat() if n.denied_on else ""
        base["valid_until"] = n.valid_until.isoformat() if n.valid_until else ""
        base["status"] = n.status or ""
        if fmt == "lite-csv":
            base["notifying_government"] = country_name(n.notifying_government)
        for p in n.parties:
            row = {**base, **{k: getattr(p, k) for k in PARTY_FIELDS}}
            rows.append([str(row.get(h) or "") for h in header])
    return csvsafe.to_text(rows)


def render(notifications: list[NotificationData], fmt: str) -> str:
    if fmt not in FORMATS:
        raise InputError(f"{fmt!r} is not one of {', '.join(FORMATS)}", "format")
    return to_json(notifications) if fmt == "json" else to_csv(notifications, fmt)
