"""What each case action accepts: one pydantic model per action, with a size cap on every
string and list, checked before anything is written.

Pages and the API hand user input straight to the case services; without these caps a note,
a list of conditions or a classification could be megabytes (kept in the case, printed on a
licence and copied into the append-only audit log) or an object where text belongs.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)

from catchall.core.controls.rating import OUTCOMES as RATING_OUTCOMES
from catchall.core.errors import InputError, Problem
from catchall.core.items import MAX_DOCUMENT_CHARS
from catchall.core.workflow import APPEAL_OUTCOMES, DECISIONS

MAX_TEXT = 10_000  # a note, a reason, a question, an answer, grounds of appeal
MAX_CONDITION = 2_000
MAX_CONDITIONS = 50
MAX_ITEMS = 200  # classified items confirmed at once
MAX_ENTRIES = 50  # control entries per item

Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_TEXT)]
RequiredText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT)
]
Short = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]
Condition = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_CONDITION)
]
Conditions = Annotated[list[Condition], Field(max_length=MAX_CONDITIONS)]
EntryId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]


def _record_id(value: Any) -> Any:
    """A record id: a whole number or its digits as a form posts them; never a boolean."""
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 18:
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 2**63:
        raise ValueError("must be a whole number (the record's id)")
    return value


RecordId = Annotated[int, BeforeValidator(_record_id)]
Decision = Literal[DECISIONS]  # type: ignore[valid-type]
AppealOutcome = Literal[tuple(APPEAL_OUTCOMES)]  # type: ignore[valid-type]


class _Payload(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Empty(_Payload):
    """Actions that take no input."""


class Amend(_Payload):
    data: dict[str, Any]
    reason: Short = ""

    @field_validator("data")
    @classmethod
    def _not_too_large(cls, v: dict[str, Any]) -> dict[str, Any]:
        if len(json.dumps(v, default=str)) > MAX_DOCUMENT_CHARS:
            raise ValueError(f"longer than {MAX_DOCUMENT_CHARS:,} characters")
        return v


class Reason(_Payload):
    reason: Text = ""


class RequiredReason(_Payload):
    reason: RequiredText


class Assign(_Payload):
    user_id: RecordId | None = None
    team: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] = ""


class RequestInformation(_Payload):
    question: RequiredText


class AnswerInformation(_Payload):
    answer: RequiredText


class ConfirmedItem(_Payload):
    index: Annotated[int, Field(ge=0, le=10_000)]
    entries: Annotated[list[EntryId], Field(max_length=MAX_ENTRIES)] = []
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_CONDITION)] = ""


class ConfirmClassification(_Payload):
    items: Annotated[list[ConfirmedItem], Field(max_length=MAX_ITEMS)] | None = None
    note: Text = ""


class RateItem(_Payload):
    """The technical expert's rating of one item (core.controls.rating.OUTCOMES)."""

    index: Annotated[int, Field(ge=0, le=10_000)]
    outcome: Literal[tuple(RATING_OUTCOMES)]  # type: ignore[valid-type]
    entries: Annotated[list[EntryId], Field(max_length=MAX_ENTRIES)] = []
    reasoning: RequiredText


class ResolveConsultation(_Payload):
    consultation_id: RecordId | None = None
    outcome: Literal["no objection", "objection"]
    note: RequiredText


class Recommend(_Payload):
    outcome: Decision
    reasoning: RequiredText
    conditions: Conditions = []


class Decide(_Payload):
    """``reason`` is public: it goes on the refusal letter and into the denial notification
    shared with partners. ``internal_note`` never leaves the authority: it is kept as an
    internal case note and in the audit event."""

    outcome: Decision
    reason: RequiredText
    internal_note: Text = ""
    conditions: Conditions | None = None  # None: the recommendation's conditions


class Appeal(_Payload):
    grounds: RequiredText


class DecideAppeal(_Payload):
    outcome: AppealOutcome
    reason: RequiredText


class AddNote(_Payload):
    text: RequiredText
    internal: bool = True


PAYLOADS: dict[str, type[_Payload]] = {
    "submit": Empty,
    "amend": Amend,
    "withdraw": Reason,
    "start_review": Empty,
    "assign": Assign,
    "rerun_assessment": Empty,
    "request_information": RequestInformation,
    "answer_information": AnswerInformation,
    "confirm_classification": ConfirmClassification,
    "rate_item": RateItem,
    "issue_inform_letter": Reason,
    "resolve_consultation": ResolveConsultation,
    "recommend": Recommend,
    "return_to_officer": RequiredReason,
    "decide": Decide,
    "issue_licence": Empty,
    "send_refusal": Empty,
    "appeal": Appeal,
    "decide_appeal": DecideAppeal,
    "add_note": AddNote,
}


def payload_fields(action: str) -> tuple[str, ...]:
    """The fields ``action`` accepts (a page form sends only these)."""
    model = PAYLOADS.get(action)
    return tuple(model.model_fields) if model else ()


def validate_payload(action: str, raw: dict[str, Any]) -> dict[str, Any]:
    """The payload of ``action`` checked against its model: the fields given, cleaned (text
    stripped). Raise InputError naming every faulty field."""
    model = PAYLOADS.get(action)
    if model is None:
        raise InputError(f"unknown action {action!r}", "action")
    try:
        parsed = model.model_validate(raw)
    except ValidationError as exc:
        raise InputError([_problem(e) for e in exc.errors()]) from None
    dumped = parsed.model_dump()
    return {k: dumped[k] for k in parsed.model_fields_set}


def _path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _problem(err: dict[str, Any]) -> Problem:
    kind, ctx = err.get("type", ""), err.get("ctx") or {}
    if kind in ("missing", "string_too_short"):
        message = "required"
    elif kind == "string_too_long":
        message = f"longer than {ctx.get('max_length'):,} characters"
    elif kind == "too_long":
        message = f"more than {ctx.get('max_length')} items"
    elif kind == "string_type":
        message = "must be text"
    elif kind == "list_type":
        message = "must be a list"
    elif kind in ("dict_type", "model_type", "model_attributes_type"):
        message = "must be an object"
    elif kind in ("int_type", "int_parsing", "int_from_float"):
        message = "must be a whole number"
    elif kind in ("bool_type", "bool_parsing"):
        message = "must be true or false"
    elif kind == "literal_error":
        message = f"one of {ctx.get('expected')}"
    elif kind == "extra_forbidden":
        message = "not a field of this action"
    elif kind == "value_error":
        message = str(ctx.get("error", err.get("msg", "invalid")))
    else:
        message = err.get("msg", "invalid")
    return Problem(_path(tuple(err.get("loc", ()))), message)
