"""Proposal pages: the dashboard, drafting, the detail page with its workflow forms, redline."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.views.decorators.http import require_POST

from catchall.core.errors import NotFound
from catchall.core.regime.proposals import STATES, TYPES, may_draft
from catchall.core.regime.reminders import capped, grouped
from catchall.web.regime import inputs
from catchall.web.regime.models import ActionRequest, Feedback
from catchall.web.regime.selectors.outreach import meetings_for
from catchall.web.regime.selectors.proposals import (
    proposal_detail,
    proposal_get,
    proposals_for,
    redline_for,
    reminders_for,
    turn_for,
)
from catchall.web.regime.services import exchanges as ex
from catchall.web.regime.services import proposals as ps
from catchall.web.regime.views.common import act, not_found, page, reader

REMINDERS_SHOWN = 8  # the dashboard's first screen; "and N more" links to the rest

DEFAULT_BODY = "1. (U) \n\n2. (C//REL TO USA) "


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    r = reader(request)
    groups = grouped(reminders_for(r, within_days=_within(request)))
    show_all = request.GET.get("all") == "1"
    shown, more = (groups, 0) if show_all else capped(groups, REMINDERS_SHOWN)
    return page(
        request,
        "regime/dashboard.html",
        {
            "reader": r,
            "reminders": shown,
            "more_reminders": more,
            "proposals": [(p, v, turn_for(r, p)) for p, v in proposals_for(r)],
            "meetings": meetings_for(r),
            "states": STATES,
        },
    )


def _within(request: HttpRequest) -> int:
    try:
        return max(0, min(366, int(request.GET.get("within", 14))))
    except ValueError:
        return 14


@login_required
def proposal_new(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else {}

    def again(problems, status):
        return page(
            request,
            "regime/proposal_form.html",
            {"types": TYPES, "values": data, "default_body": DEFAULT_BODY, "editing": None},
            problems=problems,
            status=status,
        )

    r = reader(request)
    if not may_draft(r.role, r.country):
        return page(
            request,
            "core/forbidden.html",
            {"reason": "Only a partner government's delegate drafts Plenary proposals."},
            status=403,
        )
    if request.method != "POST":
        return again([], 200)

    def run():
        plenary_date, dated, decl = inputs.collect(
            lambda: inputs.day(data.get("plenary_date"), "plenary_date"),
            lambda: inputs.day(data.get("dated"), "dated"),
            lambda: inputs.declass(data),
        )
        return ps.proposal_create(
            actor=request.user,
            type=data.get("type", ""),
            title=data.get("title", ""),
            body=data.get("body", ""),
            plenary=data.get("plenary", ""),
            plenary_date=plenary_date,
            dated=dated,
            amendment_yaml=data.get("amendment_yaml", ""),
            **decl,
        )

    return act(
        request,
        run,
        done="Proposal drafted.",
        then=lambda p: f"/regime/proposals/{p.pk}/",
        again=again,
    )


def _detail(request: HttpRequest, pk: int, problems=(), status: int = 200, form: str = ""):
    try:
        d = proposal_detail(reader(request), pk)
    except NotFound:
        return not_found(request, "such proposal")
    return page(
        request,
        "regime/proposal_detail.html",
        {"d": d, "states": STATES, "types": TYPES, "values": request.POST, "form": form},
        problems=list(problems),
        status=status if problems else None,
    )


@login_required
def proposal_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, pk)


def _post(request, pk: int, run, done: str, form: str):
    return act(
        request,
        run,
        done=done,
        then=f"/regime/proposals/{pk}/",
        again=lambda problems, status: _detail(request, pk, problems, status, form),
    )


def _proposal(request, pk):
    return proposal_get(reader(request), pk)[0]


@login_required
def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    r = reader(request)
    try:
        p, view = proposal_get(r, pk)
    except NotFound:
        return not_found(request, "such proposal")
    if r.role != "delegate" or r.country != p.sponsor_country:
        return HttpResponseForbidden("Only the sponsoring delegation revises its proposal.")
    if request.method != "POST":
        body = "\n\n".join(f"{q.portion_mark} {q.text}" for q in view.paragraphs if q.released)
        values = {
            "title": f"{view.title.portion_mark} {view.title.text}" if view.title.released else "",
            "body": body,
            "amendment_yaml": p.amendment_yaml,
            "declassify_on": view.banner.declass_on.isoformat() if view.banner.declass_on else "",
            "declassify_reason": view.banner.declass_reason,
        }
        return page(
            request,
            "regime/proposal_form.html",
            {"types": TYPES, "values": values, "editing": p, "default_body": ""},
        )
    data = request.POST

    def run():
        return ps.proposal_revise(
            actor=request.user,
            proposal=p,
            title=data.get("title", ""),
            body=data.get("body", ""),
            amendment_yaml=data.get("amendment_yaml") if p.type == "annex_amendment" else None,
            note=data.get("note", ""),
            **inputs.declass(data),
        )

    return act(
        request,
        run,
        done="New revision saved.",
        then=f"/regime/proposals/{pk}/",
        again=lambda problems, status: page(
            request,
            "regime/proposal_form.html",
            {"types": TYPES, "values": data, "editing": p, "default_body": ""},
            problems=problems,
            status=status,
        ),
    )


# Steps that cannot be undone act only from their confirmation page (confirm=yes); a bare
# POST (the detail page's button) shows that page and writes nothing.
CONFIRM = {
    "close_feedback": (
        "Close the preview?",
        "The partners it was previewed with can no longer send feedback, and the proposal "
        "goes to the Point of Contact to circulate to all partners. It cannot be previewed again.",
        "Close the preview",
    ),
    "withdraw": (
        "Withdraw the proposal?",
        "It is withdrawn for good: it cannot be reopened, circulated or adopted, and the "
        "partners who have it see it as withdrawn.",
        "Withdraw the proposal",
    ),
}


def _confirmation(request, p, action: str) -> HttpResponse:
    from django.shortcuts import render

    from catchall.core.regime.proposals import may_act
    from catchall.web.regime.services.documents import actor_country, actor_role

    u = request.user
    if not may_act(action, role=actor_role(u), country=actor_country(u), sponsor=p.sponsor_country):
        return HttpResponseForbidden("Your role does not take this step.")
    heading, consequence, button = CONFIRM[action]
    ctx = {"p": p, "action": action, "heading": heading, "consequence": consequence}
    return render(request, "regime/proposal_confirm.html", {**ctx, "button": button})


# What the page says after each step: the new state in the words the page shows it in.
DONE = {
    "preview": "Previewed with selected partners: they can read it now, and their feedback is "
    "due by the deadline you set.",
    "close_feedback": "Preview closed: the proposal goes to the Point of Contact to circulate.",
    "circulate": "Circulated to all partners.",
    "decide": "The Plenary's decision is recorded.",
    "withdraw": "Proposal withdrawn.",
    "reopen": "Proposal reopened as a draft.",
    "feedback": "Your feedback was sent to the sponsoring delegation.",
    "position": "Your position for the Plenary is recorded.",
    "action_request": "Action request sent to the post.",
}


@login_required
@require_POST
def proposal_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One workflow step from the detail page's forms."""
    data = request.POST
    try:
        p = _proposal(request, pk)
    except NotFound:
        return not_found(request, "such proposal")
    u = request.user
    if action in CONFIRM and data.get("confirm") != "yes":
        return _confirmation(request, p, action)
    runs = {
        "preview": lambda: ps.proposal_preview(
            actor=u,
            proposal=p,
            release_list=inputs.words(data.get("release_list"), "release_list"),
            feedback_deadline=inputs.day(data.get("feedback_deadline"), "feedback_deadline"),
        ),
        "close_feedback": lambda: ps.proposal_close_feedback(actor=u, proposal=p),
        "circulate": lambda: ps.proposal_circulate(
            actor=u,
            proposal=p,
            today=inputs.day(data.get("circulated_on"), "circulated_on"),
        ),
        "decide": lambda: ps.proposal_decide(
            actor=u,
            proposal=p,
            outcome=data.get("outcome", ""),
            decided_on=inputs.day(data.get("decided_on"), "decided_on"),
        ),
        "withdraw": lambda: ps.proposal_withdraw(actor=u, proposal=p),
        "reopen": lambda: ps.proposal_reopen(actor=u, proposal=p),
        "feedback": lambda: ex.feedback_add(
            actor=u,
            proposal=p,
            body=data.get("body", ""),
            received_on=inputs.day(data.get("received_on"), "received_on"),
            **inputs.declass(data),
        ),
        "position": lambda: ex.position_record(
            actor=u, proposal=p, position=data.get("position", "")
        ),
        "action_request": lambda: ex.action_request_create(
            actor=u,
            proposal=p,
            post=data.get("post", ""),
            host_country=data.get("host_country", ""),
            host_office=data.get("host_office", ""),
            reply_by=inputs.day(data.get("reply_by"), "reply_by"),
            talking_points=data.get("talking_points", ""),
            **inputs.declass(data),
        ),
    }
    if action not in runs:
        return not_found(request, "such action")
    return _post(request, pk, runs[action], DONE.get(action, "Saved."), action)


@login_required
@require_POST
def feedback_answer(request: HttpRequest, pk: int, fid: int) -> HttpResponse:
    try:
        p = _proposal(request, pk)
        fb = Feedback.objects.get(pk=fid, proposal=p)
    except (NotFound, Feedback.DoesNotExist):
        return not_found(request, "such feedback")
    data = request.POST
    return _post(
        request,
        pk,
        lambda: ex.feedback_answer(
            actor=request.user, feedback=fb, body=data.get("body", ""), **inputs.declass(data)
        ),
        "Answer recorded.",
        f"answer-{fid}",
    )


@login_required
@require_POST
def post_report(request: HttpRequest, pk: int, aid: int) -> HttpResponse:
    try:
        p = _proposal(request, pk)
        ar = ActionRequest.objects.get(pk=aid, proposal=p)
    except (NotFound, ActionRequest.DoesNotExist):
        return not_found(request, "such action request")
    data = request.POST
    return _post(
        request,
        pk,
        lambda: ex.post_report_add(
            actor=request.user,
            action_request=ar,
            body=data.get("body", ""),
            received_on=inputs.day(data.get("received_on"), "received_on"),
            **inputs.declass(data),
        ),
        "Post report recorded.",
        f"report-{aid}",
    )


@login_required
def proposal_redline(request: HttpRequest, pk: int) -> HttpResponse:
    r = reader(request)
    try:
        p, view = proposal_get(r, pk)
        old_rev, new_rev, rows = redline_for(r, p)
    except NotFound:
        return not_found(request, "such proposal")
    return page(
        request,
        "regime/redline.html",
        {"p": p, "view": view, "rows": rows, "old_rev": old_rev, "new_rev": new_rev},
    )
