"""What passes between the sponsor and others: partner feedback and answers, Plenary positions,
action requests to posts and the posts' reports. All text is marked, like any document."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from catchall.core.errors import InputError, NotAllowed, Problem
from catchall.core.regime.codes import GROUPS, country_name, resolve_token
from catchall.core.regime.proposals import POSITIONS, late
from catchall.web.audit.services import record_event
from catchall.web.regime.models import ActionRequest, Feedback, Position, PostReport, Proposal
from catchall.web.regime.services.documents import (
    actor_country,
    actor_role,
    create_document,
    holds_portions,
    parse_portions,
    summary,
)

PARTNER_ROLES = frozenset({"partner_delegate", "delegate"})


def _sponsor_only(actor, proposal: Proposal, what: str) -> None:
    if actor_role(actor) != "delegate" or actor_country(actor) != proposal.sponsor_country:
        raise NotAllowed(f"only the sponsoring delegation may {what}")


def _doc(actor, kind: str, originator: str, dated: dt.date, title: str, body: str, declass):
    portions = parse_portions(
        title=title, body=body, declass_on=declass[0], declass_reason=declass[1]
    )
    return create_document(
        actor=actor, kind=kind, originator=originator, dated=dated, portions=portions
    ), portions


@transaction.atomic
def feedback_add(
    *,
    actor,
    proposal: Proposal,
    body: str,
    received_on: dt.date | None = None,
    declass_on: dt.date | None = None,
    declass_reason: str = "",
) -> Feedback:
    """A previewed partner's comments, marked by that partner (late if after the deadline)."""
    country = actor_country(actor)
    if actor_role(actor) not in PARTNER_ROLES or country not in proposal.release_list:
        raise NotAllowed("only the partners the proposal was previewed with give feedback")
    if proposal.state != "preview":
        raise InputError("feedback is taken while the proposal is in preview", "state")
    received_on = received_on or timezone.localdate()
    if proposal.previewed_on and received_on < proposal.previewed_on:
        raise InputError("feedback cannot predate the preview", "received_on")
    title = f"(U) Feedback from {country_name(country)} on proposal {proposal.pk}"
    portions = parse_portions(
        title=title, body=body, declass_on=declass_on, declass_reason=declass_reason
    )
    latest = proposal.feedback.filter(country=country).select_related("document").last()
    if latest is not None and holds_portions(latest.document, portions):
        return latest  # the same text sent again (a double press): recorded once
    doc = create_document(
        actor=actor, kind="feedback", originator=country, dated=received_on, portions=portions
    )
    fb = Feedback.objects.create(
        proposal=proposal,
        country=country,
        author=actor,
        received_on=received_on,
        late=late(received_on, proposal.feedback_deadline),
        document=doc,
    )
    record_event(
        "proposal.feedback",
        actor=actor,
        object_type="proposal",
        object_id=proposal.pk,
        after={"feedback": fb.pk, "country": country, "late": fb.late, **summary(doc, portions)},
    )
    return fb


@transaction.atomic
def feedback_answer(
    *,
    actor,
    feedback: Feedback,
    body: str,
    answered_on: dt.date | None = None,
    declass_on: dt.date | None = None,
    declass_reason: str = "",
) -> Feedback:
    proposal = feedback.proposal
    _sponsor_only(actor, proposal, "answer feedback")
    if proposal.state != "preview":
        raise InputError("feedback is answered while the proposal is in preview", "state")
    if feedback.answer_id:
        raise InputError("this feedback is already answered", "feedback")
    answered_on = answered_on or timezone.localdate()
    title = f"(U) Answer to {country_name(feedback.country)} on proposal {proposal.pk}"
    doc, portions = _doc(
        actor,
        "answer",
        proposal.sponsor_country,
        answered_on,
        title,
        body,
        (declass_on, declass_reason),
    )
    feedback.answer, feedback.answered_by, feedback.answered_on = doc, actor, answered_on
    feedback.save(update_fields=["answer", "answered_by", "answered_on"])
    record_event(
        "proposal.answer",
        actor=actor,
        object_type="proposal",
        object_id=proposal.pk,
        after={"feedback": feedback.pk, **summary(doc, portions)},
    )
    return feedback


@transaction.atomic
def position_record(
    *, actor, proposal: Proposal, position: str, recorded_on: dt.date | None = None
) -> Position:
    """A circulated-to partner states support or objection ahead of the Plenary."""
    country = actor_country(actor)
    if actor_role(actor) not in PARTNER_ROLES or country not in proposal.circulated_to:
        raise NotAllowed("only partners the proposal was circulated to state positions")
    if proposal.state != "circulated":
        raise InputError("positions are stated on a circulated proposal", "state")
    if position not in POSITIONS:
        raise InputError(f"one of {', '.join(POSITIONS)}", "position")
    before = Position.objects.filter(proposal=proposal, country=country).first()
    pos, _ = Position.objects.update_or_create(
        proposal=proposal,
        country=country,
        defaults={
            "position": position,
            "recorded_by": actor,
            "recorded_on": recorded_on or timezone.localdate(),
        },
    )
    record_event(
        "proposal.position",
        actor=actor,
        object_type="proposal",
        object_id=proposal.pk,
        before={"position": before.position} if before else None,
        after={"country": country, "position": position},
    )
    return pos


@transaction.atomic
def action_request_create(
    *,
    actor,
    proposal: Proposal,
    post: str,
    host_country: str,
    host_office: str,
    reply_by: dt.date | None,
    talking_points: str,
    declass_on: dt.date | None = None,
    declass_reason: str = "",
) -> ActionRequest:
    """Instruct a post to deliver the preview to a host-government office, with talking points."""
    _sponsor_only(actor, proposal, "send action requests")
    if proposal.state not in ("draft", "preview", "answered"):
        raise InputError("action requests go out before circulation", "state")
    problems = []
    if not (post or "").strip():
        problems.append(Problem("post", "name the embassy or post, e.g. Embassy Brasilia"))
    if not (host_office or "").strip():
        problems.append(Problem("host_office", "name the host-government office"))
    if reply_by is None:
        problems.append(Problem("reply_by", "a reply deadline is required"))
    code = None
    try:
        code = resolve_token(host_country or "", "host_country")
        if code in GROUPS:
            problems.append(Problem("host_country", "a single country, not a group"))
    except InputError as exc:
        problems += exc.problems
    try:
        doc, portions = _doc(
            actor,
            "talking_points",
            proposal.sponsor_country,
            timezone.localdate(),
            f"(U) Action request to {(post or '').strip()[:200]}",
            talking_points,
            (declass_on, declass_reason),
        )
    except InputError as exc:
        problems += exc.prefixed("talking_points").problems
    if problems:
        raise InputError(problems)
    ar = ActionRequest.objects.create(
        proposal=proposal,
        post=post.strip()[:200],
        host_country=code,
        host_office=host_office.strip()[:300],
        reply_by=reply_by,
        document=doc,
        created_by=actor,
    )
    record_event(
        "proposal.action_request",
        actor=actor,
        object_type="proposal",
        object_id=proposal.pk,
        after={
            "action_request": ar.pk,
            "post": ar.post,
            "host_country": code,
            "reply_by": reply_by,
            **summary(doc, portions),
        },
    )
    return ar


@transaction.atomic
def post_report_add(
    *,
    actor,
    action_request: ActionRequest,
    body: str,
    received_on: dt.date | None = None,
    declass_on: dt.date | None = None,
    declass_reason: str = "",
) -> PostReport:
    """The post's report of the host government's reaction, recorded against the proposal."""
    proposal = action_request.proposal
    _sponsor_only(actor, proposal, "record post reports")
    received_on = received_on or timezone.localdate()
    doc, portions = _doc(
        actor,
        "post_report",
        proposal.sponsor_country,
        received_on,
        f"(U) Report from {action_request.post}",
        body,
        (declass_on, declass_reason),
    )
    rep = PostReport.objects.create(
        action_request=action_request, received_on=received_on, document=doc, recorded_by=actor
    )
    record_event(
        "proposal.post_report",
        actor=actor,
        object_type="proposal",
        object_id=proposal.pk,
        after={
            "post_report": rep.pk,
            "action_request": action_request.pk,
            **summary(doc, portions),
        },
    )
    return rep
