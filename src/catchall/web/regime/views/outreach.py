"""Outreach pages: meetings, attendance, notes, evaluation; briefing packs; list versions/diff."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from catchall.core.errors import InputError, NotFound
from catchall.core.regime.outreach import outreach_data
from catchall.web.regime import inputs
from catchall.web.regime.models import Invitation, MeetingNote, OutreachMeeting, Proposal
from catchall.web.regime.selectors.lists import list_diff, previous_key, version_rows
from catchall.web.regime.selectors.outreach import briefing_from, meeting_detail
from catchall.web.regime.services import outreach as svc
from catchall.web.regime.services.versions import IMPORTERS, control_list_import
from catchall.web.regime.views.common import act, not_found, page, reader


@login_required
def versions(request: HttpRequest) -> HttpResponse:
    from catchall.web.accounts.roles import role_of

    def again(problems=(), status=200):
        return page(
            request,
            "regime/versions.html",
            # the import form only for the roles control_list_import lets in
            {
                "rows": version_rows(),
                "values": request.POST,
                "may_import": role_of(request.user) in IMPORTERS,
            },
            problems=list(problems),
            status=status if problems else None,
        )

    if request.method != "POST":
        return again()

    def run():
        upload = request.FILES.get("file")
        text = request.POST.get("yaml_text", "")
        if upload is not None:
            try:
                text = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                raise InputError("the file is not UTF-8 text", "file") from None
        return control_list_import(actor=request.user, yaml_text=text)

    return act(
        request,
        run,
        done="List version imported.",
        then=lambda rec: f"/regime/diff/?new={rec.key}",
        again=again,
    )


@login_required
def diff_page(request: HttpRequest) -> HttpResponse:
    old, new = request.GET.get("old", ""), request.GET.get("new", "")
    rows = version_rows()
    if new and not old:
        old = previous_key(new)
    diff, problems = None, []
    if old or new:
        try:
            diff = list_diff(old, new).as_dict()
        except InputError as exc:
            problems = exc.problems
    return page(
        request,
        "regime/diff.html",
        {"diff": diff, "old": old, "new": new, "rows": rows},
        problems=problems,
    )


def _briefing(request: HttpRequest, default_audience: str = "internal"):
    return briefing_from(request.user, request.GET, default_audience)


@login_required
def briefing(request: HttpRequest) -> HttpResponse:
    rows = version_rows()
    # offered first: a version with one before it (the first of a list has nothing to brief on)
    choose = {
        "rows": rows,
        "first_briefable": next((r["key"] for r in rows if r.get("extends")), ""),
    }
    if not request.GET.get("new") and not request.GET.get("meeting"):
        return page(request, "regime/briefing_choose.html", choose)
    try:
        b, meeting = _briefing(request)
    except InputError as exc:
        return page(request, "regime/briefing_choose.html", choose, problems=exc.problems)
    return page(
        request,
        "regime/briefing.html",
        {
            "b": b,
            "meeting": meeting,
            "query": _without_audience(request),
            "today": dt.date.today(),
        },
    )


def _without_audience(request: HttpRequest) -> str:
    q = request.GET.copy()
    q.pop("audience", None)
    return q.urlencode()


@login_required
def meetings(request: HttpRequest) -> HttpResponse:
    from catchall.web.regime.selectors.outreach import meetings_for

    return page(request, "regime/meetings.html", {"meetings": meetings_for(reader(request))})


@login_required
def meeting_new(request: HttpRequest) -> HttpResponse:
    defaults = outreach_data().meeting_defaults
    adopted = [p for p in Proposal.objects.filter(state="adopted").select_related("document")]
    from catchall.web.regime.releasability import views_for

    visible = {v.document.pk: v for v in views_for(reader(request), [p.document for p in adopted])}
    choices = [(p, visible[p.document_id]) for p in adopted if p.document_id in visible]

    def again(problems=(), status=200, values=None):
        return page(
            request,
            "regime/meeting_form.html",
            {
                "values": values
                or {
                    "place": defaults.get("place", ""),
                    "after_event": defaults.get("after_event", ""),
                },
                "rows": version_rows(),
                "choices": choices,
            },
            problems=list(problems),
            status=status if problems else None,
        )

    if request.method != "POST":
        return again()
    data = request.POST

    def run():
        ids = {int(x) for x in data.getlist("proposals") if x.isdigit()}
        chosen = [p for p, _ in choices if p.pk in ids]
        return svc.meeting_create(
            actor=request.user,
            title=data.get("title", ""),
            date=inputs.day(data.get("date"), "date", required=True),
            place=data.get("place", ""),
            after_event=data.get("after_event", ""),
            old_version=data.get("old_version", ""),
            new_version=data.get("new_version", ""),
            next_plenary=data.get("next_plenary", ""),
            proposals=chosen,
        )

    return act(
        request,
        run,
        done="Meeting planned; invitees drawn from the data.",
        then=lambda m: f"/regime/meetings/{m.pk}/",
        again=lambda problems, status: again(problems, status, data),
    )


def _meeting(request, pk: int, problems=(), status=200, template="regime/meeting_detail.html"):
    try:
        d = meeting_detail(reader(request), pk)
    except NotFound:
        return not_found(request, "such meeting")
    return page(
        request,
        template,
        {
            "d": d,
            "kinds": MeetingNote.KINDS,
            "hold": OutreachMeeting.HOLD_ANOTHER,
            "values": request.POST,
            # the forms only for who may use them (anyone else would get 403 on saving)
            "organiser": svc.actor_role(request.user) in svc.ORGANISERS,
        },
        problems=list(problems),
        status=status if problems else None,
    )


@login_required
def meeting_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting(request, pk)


@login_required
def meeting_evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting(request, pk, template="regime/evaluation.html")


@login_required
@require_POST
def meeting_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    try:
        m = meeting_detail(reader(request), pk).meeting
    except NotFound:
        return not_found(request, "such meeting")
    data, u = request.POST, request.user

    def attendance():
        inv = Invitation.objects.filter(meeting=m, pk=data.get("invitation") or 0).first()
        if inv is None:
            raise InputError("no such invitation", "invitation")
        return svc.invitation_update(
            actor=u,
            invitation=inv,
            attended=data.get("attended") == "on",
            attendees=data.get("attendees", ""),
        )

    runs = {
        "attendance": attendance,
        "note": lambda: svc.meeting_note_add(
            actor=u,
            meeting=m,
            kind=data.get("kind", ""),
            body=data.get("body", ""),
            country=data.get("country", ""),
            recorded_on=inputs.day(data.get("recorded_on"), "recorded_on"),
            **inputs.declass(data),
        ),
        "evaluate": lambda: svc.meeting_evaluate(
            actor=u,
            meeting=m,
            held=data.get("held") == "on",
            hold_another=data.get("hold_another", ""),
        ),
    }
    if action not in runs:
        return not_found(request, "such action")
    return act(
        request,
        runs[action],
        done="Recorded.",
        then=f"/regime/meetings/{pk}/",
        again=lambda problems, status: _meeting(request, pk, problems, status),
    )
