"""Outreach meetings: plan with invitees drawn from data, record attendance, questions and
feedback, and the evaluation the next Plenary reads."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from catchall.core.errors import InputError, NotAllowed, Problem
from catchall.core.regime.codes import country_name
from catchall.core.regime.outreach import invitees
from catchall.web.audit.services import record_event
from catchall.web.regime.models import Invitation, MeetingNote, OutreachMeeting, Proposal
from catchall.web.regime.selectors.lists import library_with_imports, resolve_version
from catchall.web.regime.services.documents import (
    actor_country,
    actor_role,
    create_document,
    holds_portions,
    parse_portions,
    summary,
)

ORGANISERS = frozenset({"delegate", "point_of_contact"})


def _organiser(actor) -> None:
    if actor_role(actor) not in ORGANISERS:
        raise NotAllowed("only delegates and the Point of Contact organise outreach")


@transaction.atomic
def meeting_create(
    *,
    actor,
    title: str,
    date: dt.date | None,
    place: str,
    after_event: str = "",
    old_version: str = "",
    new_version: str = "",
    next_plenary: str = "",
    proposals: list[Proposal] = (),
) -> OutreachMeeting:
    """Plan a meeting; the invitation list is drawn from the data for the meeting's date."""
    _organiser(actor)
    problems = []
    if not (title or "").strip():
        problems.append(Problem("title", "required"))
    if date is None:
        problems.append(Problem("date", "required (YYYY-MM-DD)"))
    if not (place or "").strip():
        problems.append(Problem("place", "required, e.g. Paris"))
    if bool(old_version) != bool(new_version):
        problems.append(Problem("new_version", "give both list versions to brief on, or neither"))
    elif old_version:
        lib = library_with_imports()
        versions = []
        for ref, where in ((old_version, "old_version"), (new_version, "new_version")):
            try:
                versions.append(resolve_version(ref, lib, where))
            except InputError as exc:
                problems += exc.problems
        if len(versions) == 2 and versions[0].list != versions[1].list:
            problems.append(Problem("new_version", "the two versions must be of one list"))
        elif len(versions) == 2 and versions[0].effective_date >= versions[1].effective_date:
            # the briefing would refuse it, or tell the invitees controls were removed
            problems.append(Problem("old_version", "choose a version older than the new one"))
    for p in proposals:
        if p.state != "adopted":
            problems.append(Problem("proposals", f"proposal {p.pk} is not adopted"))
    if problems:
        raise InputError(problems)
    same = OutreachMeeting.objects.filter(
        created_by=actor,
        title=title.strip()[:300],
        date=date,
        place=place.strip()[:200],
        old_version=old_version.strip(),
        new_version=new_version.strip(),
    ).first()
    if same is not None:
        return same  # the same meeting planned again (a double press): one meeting
    m = OutreachMeeting.objects.create(
        title=title.strip()[:300],
        date=date,
        place=place.strip()[:200],
        after_event=after_event.strip()[:200],
        old_version=old_version.strip(),
        new_version=new_version.strip(),
        next_plenary=next_plenary.strip()[:200],
        created_by=actor,
    )
    m.proposals.set(proposals)
    invited = invitees(date)
    Invitation.objects.bulk_create(
        Invitation(
            meeting=m,
            country=i.country,
            bases=i.bases,
            reasons=i.reasons,
            citations=i.citations,
            verified=i.verified,
        )
        for i in invited
    )
    record_event(
        "outreach.meeting_create",
        actor=actor,
        object_type="outreach_meeting",
        object_id=m.pk,
        after={"date": date, "place": m.place, "invitees": [i.country for i in invited]},
    )
    return m


@transaction.atomic
def invitation_update(
    *, actor, invitation: Invitation, attended: bool, attendees: str = ""
) -> Invitation:
    _organiser(actor)
    before = {"attended": invitation.attended, "attendees": invitation.attendees}
    invitation.attended = attended
    invitation.attendees = (attendees or "").strip()[:500]
    invitation.save(update_fields=["attended", "attendees"])
    record_event(
        "outreach.attendance",
        actor=actor,
        object_type="outreach_meeting",
        object_id=invitation.meeting_id,
        before=before,
        after={
            "country": invitation.country,
            "attended": attended,
            "attendees": invitation.attendees,
        },
    )
    return invitation


@transaction.atomic
def meeting_note_add(
    *,
    actor,
    meeting: OutreachMeeting,
    kind: str,
    body: str,
    country: str = "",
    recorded_on: dt.date | None = None,
    declass_on: dt.date | None = None,
    declass_reason: str = "",
) -> MeetingNote:
    """A question asked, feedback given, or a follow-up agreed (marked text)."""
    _organiser(actor)
    if kind not in dict(MeetingNote.KINDS):
        raise InputError(f"one of {', '.join(dict(MeetingNote.KINDS))}", "kind")
    if country and not meeting.invitations.filter(country=country).exists():
        raise InputError(f"{country} was not invited to this meeting", "country")
    recorded_on = recorded_on or timezone.localdate()
    who = country_name(country) if country else "the meeting"
    label = dict(MeetingNote.KINDS)[kind]
    portions = parse_portions(
        title=f"(U) {label} from {who}",
        body=body,
        declass_on=declass_on,
        declass_reason=declass_reason,
    )
    latest = meeting.notes.filter(kind=kind, country=country).select_related("document").last()
    if latest is not None and holds_portions(latest.document, portions):
        return latest  # the same note sent again (a double press): recorded once
    doc = create_document(
        actor=actor,
        kind="meeting_note",
        originator=actor_country(actor) or "",
        dated=recorded_on,
        portions=portions,
    )
    note = MeetingNote.objects.create(
        meeting=meeting,
        country=country,
        kind=kind,
        document=doc,
        recorded_by=actor,
        recorded_on=recorded_on,
    )
    record_event(
        "outreach.note",
        actor=actor,
        object_type="outreach_meeting",
        object_id=meeting.pk,
        after={"note": note.pk, "kind": kind, "country": country, **summary(doc, portions)},
    )
    return note


@transaction.atomic
def meeting_evaluate(
    *, actor, meeting: OutreachMeeting, held: bool, hold_another: str
) -> OutreachMeeting:
    _organiser(actor)
    if hold_another not in dict(OutreachMeeting.HOLD_ANOTHER):
        raise InputError(f"one of {', '.join(dict(OutreachMeeting.HOLD_ANOTHER))}", "hold_another")
    before = {"held": meeting.held, "hold_another": meeting.hold_another}
    meeting.held, meeting.hold_another = held, hold_another
    meeting.save(update_fields=["held", "hold_another"])
    record_event(
        "outreach.evaluate",
        actor=actor,
        object_type="outreach_meeting",
        object_id=meeting.pk,
        before=before,
        after={"held": held, "hold_another": hold_another},
    )
    return meeting
