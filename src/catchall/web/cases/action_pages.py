"""One page per case action: GET shows the action's form, POST takes it.

Decisions are deliberate (the outcome is a radio with nothing chosen), and consequential
actions (withdraw, issuing a letter or licence, sending a refusal) act only from their
confirmation page: a POST without ``confirm=yes`` shows that page again and writes nothing.
Errors follow the GOV.UK pattern in plain words; the API and the service keep exact paths.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from catchall.core.errors import InputError, Problem
from catchall.core.workflow import ACTIONS, NotAllowed, WrongState, check
from catchall.core.workflow_payloads import validate_payload
from catchall.web.accounts.confidentiality import may_receive_confidential
from catchall.web.accounts.roles import role_of
from catchall.web.cases.forms import payload_from_post
from catchall.web.cases.selectors import case_for
from catchall.web.cases.services import Conflict, case_act
from catchall.web.cases.services.actions import CONDITIONS_MISSING
from catchall.web.cases.services.common import stale
from catchall.web.cases.templatetags.case_actions import DIRECT
from catchall.web.core.page_errors import plain

# The letter or licence each of these issues: its page previews the document as it will go.
PREVIEW = {
    "issue_licence": "licence",
    "send_refusal": "refusal",
    "issue_inform_letter": "inform_letter",
}
# Acting needs the confirmation page's confirm=yes: these cannot be undone from the case.
CONFIRM = frozenset({"withdraw", *PREVIEW})
OUTCOMES = {
    "approve": "Approve",
    "approve_with_conditions": "Approve with conditions",
    "deny": "Refuse",
}

# Each action's inputs, in the page's order: an error links to the one it names.
FIELDS = {
    "amend": ("data", "reason"),
    "withdraw": ("reason",),
    "assign": ("user_id", "team"),
    "request_information": ("question",),
    "answer_information": ("answer",),
    "confirm_classification": ("note",),
    "issue_inform_letter": ("reason",),
    "resolve_consultation": ("consultation_id", "outcome", "note"),
    "recommend": ("outcome", "reasoning", "conditions"),
    "return_to_officer": ("reason",),
    "decide": ("outcome", "reason", "internal_note", "conditions"),
    "appeal": ("grounds",),
    "decide_appeal": ("outcome", "reason"),
    "add_note": ("text",),
}
LABELS = {
    "data": "The amended application",
    "reason": "The reason",
    "question": "Your question",
    "answer": "Your answer",
    "note": "The note",
    "text": "The note",
    "reasoning": "Your reasoning",
    "conditions": "The conditions",
    "internal_note": "The internal note",
    "grounds": "Your grounds of appeal",
    "team": "The team",
}
MISSING = {  # what a person is asked when a required input is empty
    "outcome": "Select an outcome",
    "reasoning": "Enter your reasoning for the recommendation",
    "question": "Enter your question to the exporter",
    "answer": "Enter your answer",
    "grounds": "Enter your grounds of appeal",
    "text": "Enter the note",
    "note": "Enter a note",
    "consultation_id": "Select the consultation",
    "user_id": "Select who the case goes to",
    "data": "Paste the amended application",
    "conditions": "Enter at least one condition, or choose another outcome",
}
MISSING_BY_ACTION = {
    ("decide", "reason"): "Enter the reason given to the exporter and partners",
    ("return_to_officer", "reason"): "Enter why the case goes back to the officer",
    ("decide_appeal", "reason"): "Enter the reason for the appeal decision",
}


def _errors(action: str, problems: list[Problem]) -> list[dict]:
    """[{field, message}] for the error summary: each linked to its input, in plain words."""
    fields = FIELDS.get(action, ())
    out = []
    for p in problems:
        path = getattr(p, "field", "") or ""
        name = re.split(r"[.\[]", path)[0]
        message = plain(getattr(p, "message", str(p)))
        if name not in fields:
            out.append({"field": "act", "message": message[:1].upper() + message[1:]})
            continue
        if message in ("required", CONDITIONS_MISSING) or (
            name == "outcome" and message.startswith("one of")
        ):
            message = MISSING_BY_ACTION.get((action, name)) or MISSING.get(name, "Enter this")
        else:
            label = LABELS.get(name)
            m = re.fullmatch(r"longer than ([\d,]+) characters", message)
            if m and name == "conditions" and "[" in path:
                n = int(re.search(r"\[(\d+)\]", path).group(1)) + 1
                message = f"Condition {n} must be {m.group(1)} characters or fewer"
            elif m:
                message = f"{label or 'The answer'} must be {m.group(1)} characters or fewer"
            elif label and not message[:1].isupper():
                message = f"{label}: {message}"
            else:
                message = message[:1].upper() + message[1:]
        out.append({"field": name, "message": message})
    return out


def available_to(role: str | None) -> list:
    """The actions ``role`` may take in some state (whatever the case's state now)."""
    return [a for a in ACTIONS.values() if role in a.roles]


def _case_or_404(request, pk):
    case = case_for(request.user, pk)
    if case is None:
        raise Http404("no such case")
    return case


def _body(html: str) -> str:
    """The letter's body (its own head and print styles stay in the issued document)."""
    m = re.search(r"<body[^>]*>(.*)</body>", html, re.S)
    body = m.group(1) if m else html
    # inside the page, under its "The letter to …" heading: the letter's h1 becomes an h3
    return re.sub(r"<(/?)h([1-4])\b", lambda h: f"<{h.group(1)}h{int(h.group(2)) + 2}", body)


def _preview(case, action: str, reason: str) -> dict:
    """The document ``action`` issues, rendered as it will go, and for a refusal the denial
    notification and the partners it is shared with."""
    from catchall.web.cases.documents import next_number, render_html
    from catchall.web.cases.refusals import notification_content, partners_notified
    from catchall.web.cases.services.common import APPEAL_DAYS

    kind = PREVIEW[action]
    if action == "issue_inform_letter":
        from catchall.web.cases.documents import check_inform_letter

        check_inform_letter(case)
    if action == "send_refusal":  # the letter states the appeal deadline the send sets
        case.appeal_deadline = (timezone.now() + dt.timedelta(days=APPEAL_DAYS)).date()
    number = next_number(case, kind)
    html = render_html(case, kind, number, {"reason": reason} if kind == "inform_letter" else None)
    out = {"number": number, "letter": mark_safe(_body(html))}  # noqa: S308 (our template)
    if action == "send_refusal":
        content = notification_content(case)
        if content["items"]:
            out["notification"] = content
            out["partners"] = partners_notified(content["items"])
    return out


def _context(request, case, action: str) -> dict:
    """What the action's page shows besides its form."""
    from catchall.web.cases.views import _officers

    ctx: dict = {}
    confidential = may_receive_confidential(request.user)
    if action in ("recommend", "decide"):
        run = case.assessments.first() if confidential else None
        ctx["result"] = run.result if run else None
        ctx["classification"] = case.classifications.select_related("confirmed_by").last()
        rec = case.recommendations.select_related("by").order_by("-at", "-id").first()
        ctx["recommendation"] = rec
        ctx["outcomes"] = OUTCOMES
        # the conditions filled in: the officer's for the senior, the assessment's for the officer
        given = (
            (rec.conditions if rec else [])
            if action == "decide"
            else ((ctx["result"] or {}).get("conditions") or [])
        )
        ctx["default_conditions"] = "\n".join(given)
    if action == "answer_information":
        ctx["open_requests"] = case.information_requests.filter(answered_at__isnull=True)
    if action == "assign":
        ctx["officers"] = officers = list(_officers())
        # "Assign a technical expert" (the whose-turn panel) opens with the first expert chosen
        wanted = request.GET.get("role")
        ctx["preselected"] = next(
            (o.pk for o in officers if wanted and role_of(o) == wanted), case.assigned_to_id
        )
    if action == "resolve_consultation":
        ctx["consultations"] = list(case.consultations.all()) if confidential else []
        ctx["consultation_outcomes"] = {"no objection": "No objection", "objection": "Objection"}
    if action == "decide_appeal":
        ctx["appeal_outcomes"] = {
            "upheld": "Uphold the appeal (the review reopens)",
            "dismissed": "Dismiss the appeal (the refusal stands)",
        }
    if action == "amend":
        ctx["version_json"] = json.dumps(case.current_version.data, indent=2, ensure_ascii=False)
    return ctx


def _render(request, case, action, *, problems=(), preview=None, status=200, confirming=False):
    errors = _errors(action, list(problems))
    ctx = {
        "case": case,
        "action": ACTIONS[action],
        "name": action,
        "values": request.POST if request.method == "POST" else {},
        "errors": errors,
        "error_fields": {e["field"]: e["message"] for e in errors},
        "preview": preview,
        "confirming": confirming,
        "direct": action in DIRECT,
        "exporter": role_of(request.user) == "exporter",
        **_context(request, case, action),
    }
    return render(request, "cases/action.html", ctx, status=status)


def refusal(request, case, action: str) -> HttpResponse | None:
    """The page refusing ``action`` on ``case`` to this user (403 without a role that takes it,
    409 when the case is in a state it is not taken from), or None when they may take it.
    The guided amendment (apply/views.py) asks this too, so both routes keep one rule."""
    role = role_of(request.user)
    if action not in {a.name for a in available_to(role)}:
        return render(request, "core/forbidden.html", status=403)  # nothing of the page shown
    try:
        check(case.status, action, role)
    except WrongState as exc:
        ctx = {"case": case, "message": str(exc)}
        return render(request, "cases/action_closed.html", ctx, status=409)
    return None


@login_required
@require_http_methods(["GET", "POST"])
def case_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    case = _case_or_404(request, pk)
    if action not in ACTIONS:
        raise Http404("no such action")
    role = role_of(request.user)
    if action not in {a.name for a in available_to(role)}:
        return render(request, "core/forbidden.html", status=403)  # nothing of the page shown
    if request.method == "GET":
        closed = refusal(request, case, action)
        if closed is not None:
            return closed
        if action == "issue_inform_letter":  # said at once, not after the reason is typed
            from catchall.web.cases.documents import check_inform_letter

            try:
                check_inform_letter(case)
            except InputError as exc:
                return _render(request, case, action, problems=exc.problems)
        preview = (
            _preview(case, action, "")
            if action in PREVIEW and action != "issue_inform_letter"
            else None
        )
        return _render(request, case, action, preview=preview, confirming=preview is not None)
    try:
        expected = int(request.POST.get("lock_version", ""))
    except ValueError:
        problem = Problem("lock_version", "The page was out of date: open the case and try again")
        return _render(request, case, action, problems=[problem], status=422)
    try:
        if case.lock_version != expected:  # the conflict first: it says who changed what
            raise stale(case, request.user)
        check(case.status, action, role)
        payload = payload_from_post(action, request.POST)
        if action in CONFIRM and request.POST.get("confirm") != "yes":
            validate_payload(action, payload)  # a faulty reason is reported before the preview
            preview = (
                _preview(case, action, payload.get("reason", "")) if action in PREVIEW else None
            )
            return _render(request, case, action, preview=preview, confirming=True)
        case_act(case, action, actor=request.user, expected_version=expected, **payload)
    except NotAllowed as exc:
        problems = InputError(str(exc), "action").problems
        return _render(request, case, action, problems=problems, status=403)
    except Conflict as exc:
        case.refresh_from_db()
        message = str(exc)
        problems = [Problem("action", message[:1].upper() + message[1:])]
        return _render(request, case, action, problems=problems, status=409)
    except InputError as exc:
        status = 409 if isinstance(exc, WrongState) else 422
        return _render(request, case, action, problems=exc.problems, status=status)
    messages.success(request, done_message(case, action))
    return redirect("case", pk=pk)


def done_message(case, action: str) -> str:
    """What happened and what comes next, in words."""
    doc = (
        case.documents.filter(kind=PREVIEW[action]).order_by("-pk").first()
        if action in PREVIEW
        else None
    )
    if action == "send_refusal":
        from catchall.web.cases.refusals import partners_notified, refused_listed_items

        text = f"Refusal {doc.number} sent to the exporter"
        items = refused_listed_items(case)
        if items:
            from catchall.web.denials.models import DenialNotification

            refs = list(
                DenialNotification.objects.filter(
                    direction="outgoing", case_reference=case.reference
                )
                .order_by("pk")
                .values_list("reference", flat=True)
            )
            n = len(partners_notified(items))
            text += f"; notification {', '.join(refs)} shared with {n} partners"
        deadline = case.appeal_deadline.strftime("%-d %B %Y") if case.appeal_deadline else ""
        return text + (f". The exporter may appeal until {deadline}." if deadline else ".")
    if action == "issue_licence":
        return f"Licence {doc.number} issued to the exporter. The case is closed."
    if action == "issue_inform_letter":
        return f"Letter {doc.number} sent to the exporter: the export needs a licence (catch-all)."
    if action == "decide":
        then = (
            "an officer sends the refusal"
            if case.decision == "deny"
            else "an officer issues the licence"
        )
        return f"Decision recorded: {OUTCOMES[case.decision].lower()}. Next, {then}."
    if action == "assign" and case.assigned_to is not None:
        from catchall.web.core.templatetags.catchall_tags import person

        return f"Case assigned to {person(case.assigned_to)}."
    if action == "recommend":
        outcome = OUTCOMES.get(case.officer_recommendation, "")
        return f"Recommendation recorded: {outcome.lower()}. Next, a senior officer countersigns the decision."
    return {
        "withdraw": f"Application {case.reference} withdrawn. The authority will not review it.",
        "submit": f"Application {case.reference} submitted. A licensing officer will review it.",
        "request_information": "Question sent to the exporter. The case waits for their answer.",
        "answer_information": "Answer sent. The licensing officer continues the review.",
        "confirm_classification": "Classification confirmed. Next, the officer records a recommendation.",
        "return_to_officer": "Case returned to the officer with your reason.",
        "appeal": "Appeal lodged. A senior officer will decide it.",
    }.get(action, f"{ACTIONS[action].title}: done.")
