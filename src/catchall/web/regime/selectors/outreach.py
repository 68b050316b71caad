"""Outreach as a reader sees it: meetings, notes, the evaluation report and briefing packs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from catchall.core.controls.diff import ListDiff
from catchall.core.controls.impact import ImpactReport
from catchall.core.errors import InputError, NotFound
from catchall.core.regime.briefing import BriefingSection, briefing_sections, impact_sentence
from catchall.web.assessment.services import installation_jurisdiction
from catchall.web.regime import inputs
from catchall.web.regime.models import Invitation, MeetingNote, OutreachMeeting, Proposal
from catchall.web.regime.releasability import DocumentView, Reader, reader_for, view_or_none
from catchall.web.regime.selectors.lists import case_impact, list_diff, worked_examples

# Who sees case-level impact (case references, items): the authority's own staff.
IMPACT_ROLES = frozenset(
    {"licensing_officer", "senior_officer", "technical_expert", "delegate", "partner_liaison"}
)


def meetings_for(reader: Reader) -> list[OutreachMeeting]:
    """Regime staff see every meeting; an outreach guest sees those its country is invited to."""
    qs = OutreachMeeting.objects.all()
    if reader.role == "outreach_guest":
        return list(qs.filter(invitations__country=reader.country or "--").distinct())
    if reader.country is None:
        return []
    return list(qs)


def meeting_get(reader: Reader, pk: int) -> OutreachMeeting:
    for m in meetings_for(reader):
        if m.pk == pk:
            return m
    raise NotFound(f"no outreach meeting {pk}")


@dataclass
class MeetingDetail:
    meeting: OutreachMeeting
    invitations: list[Invitation]
    notes: list[tuple[MeetingNote, DocumentView]]
    proposals: list[tuple[Proposal, DocumentView]] = field(default_factory=list)

    @property
    def attended(self) -> list[Invitation]:
        return [i for i in self.invitations if i.attended]

    def notes_of(self, kind: str) -> list[tuple[MeetingNote, DocumentView]]:
        return [(n, v) for n, v in self.notes if n.kind == kind]

    @property
    def questions(self):
        return self.notes_of("question")

    @property
    def feedback(self):
        return self.notes_of("feedback")

    @property
    def follow_ups(self):
        return self.notes_of("follow_up")


def meeting_detail(reader: Reader, pk: int) -> MeetingDetail:
    """The meeting as the reader may see it. An outreach guest sees its own invitation and the
    notes of its own country or of the whole meeting, never another invitee's (releasability
    comes on top: an unclassified question from one guest is still not another guest's)."""
    m = meeting_get(reader, pk)
    guest = reader.role == "outreach_guest"
    notes = [
        (n, v)
        for n in m.notes.select_related("document")
        if not (guest and n.country not in ("", reader.country))
        and (v := view_or_none(reader, n.document)) is not None
    ]
    props = [
        (p, v)
        for p in m.proposals.select_related("document")
        if (v := view_or_none(reader, p.document)) is not None
    ]
    invitations = list(m.invitations.all())
    if guest:
        invitations = [i for i in invitations if i.country == reader.country]
    return MeetingDetail(m, invitations, notes, props)


# --------------------------------------------------------------------------- briefing


@dataclass
class Briefing:
    diff: ListDiff
    sections: list[BriefingSection]
    impact: ImpactReport
    impact_text: str
    examples: ImpactReport
    decisions: list[tuple[Proposal, DocumentView]]
    show_case_details: bool
    period: tuple[dt.date, dt.date]
    # the delegation's own view (internal caveats, stored-case counts); False for the
    # outreach pack that non-partners receive
    internal: bool = False
    general_internal: list[str] = field(default_factory=list)
    # what "now needs a licence" rests on in the installation's jurisdiction (None: no rule
    # of that jurisdiction binds this list)
    licence_basis: dict | None = None

    def as_dict(self) -> dict:
        d = {
            "old": self.diff.old.key,
            "new": self.diff.new.key,
            "audience": "internal" if self.internal else "outreach",
            "changes": [s.as_dict() for s in self.sections],
            "licensing_impact": {"summary": self.impact_text, "counts": self.impact.counts()},
            "worked_examples": [i.as_dict() for i in self.examples.items],
            "licence_basis": self.licence_basis,
            "decisions": [
                {"proposal": p.pk, "type": p.type, "document": v.as_dict()}
                for p, v in self.decisions
            ],
        }
        if self.internal:
            d["licensing_impact"]["open_cases_affected"] = len(self.impact.open_cases_affected)
            d["licensing_impact"]["items"] = [i.as_dict() for i in self.impact.affected]
            d["internal_notes"] = self.general_internal
        return d


def briefing_for(
    reader: Reader,
    old_ref: str,
    new_ref: str,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    proposals: list[Proposal] | None = None,
    outreach: bool = False,
) -> Briefing:
    """What changed, why, in plain words; licensing impact on stored cases of the period;
    worked examples on typical machines; and the Plenary decisions (released text only).

    The authority's and delegation's readers get the internal view (our caveats on the
    sources, counts of stored cases) unless ``outreach`` asks for the pack as non-partners
    receive it; every other reader only ever gets that pack."""
    internal = reader.role in IMPACT_ROLES and not outreach
    diff = list_diff(old_ref, new_ref)
    period = (since or diff.old.effective_date, until or diff.new.effective_date)
    impact = case_impact(diff, since=since, until=until)
    if proposals is None:
        proposals = list(
            Proposal.objects.filter(
                state="adopted",
                decided_on__gte=min(period),
                decided_on__lte=max(period),
            ).select_related("document")
        )
        proposals += [
            p
            for p in Proposal.objects.filter(
                new_version__list_name=diff.new.list, new_version__version=diff.new.version
            )
            if p not in proposals
        ]
    decisions = [(p, v) for p in proposals if (v := view_or_none(reader, p.document)) is not None]
    return Briefing(
        diff=diff,
        sections=briefing_sections(diff, impact, internal=internal),
        impact=impact,
        impact_text=impact_sentence(impact, internal=internal),
        examples=worked_examples(diff),
        decisions=decisions,
        show_case_details=internal,
        period=period,
        internal=internal,
        general_internal=diff.general_internal if internal else [],
        licence_basis=installation_jurisdiction().listing_basis(diff.new.list),
    )


def briefing_from(user, g, default_audience: str = "internal"):
    """The briefing the query ``g`` asks for, as ``user`` reads it; ``audience=outreach`` gives
    the pack as non-partners receive it (without our internal caveats and stored-case counts),
    which is also all that a reader outside the authority and delegation ever gets."""
    r = reader_for(user)
    since, until = inputs.collect(
        lambda: inputs.day(g.get("since"), "since"), lambda: inputs.day(g.get("until"), "until")
    )
    meeting = None
    proposals = None
    if g.get("meeting"):
        try:
            meeting = meeting_detail(r, int(g["meeting"]))
        except (ValueError, NotFound):
            raise InputError("no such outreach meeting", "meeting") from None
        proposals = [p for p, _ in meeting.proposals] or None
    old = g.get("old") or (meeting.meeting.old_version if meeting else "")
    new = g.get("new") or (meeting.meeting.new_version if meeting else "")
    outreach = g.get("audience", default_audience) == "outreach"
    b = briefing_for(
        r,
        old,
        new,
        since=since,
        until=until,
        proposals=proposals,
        outreach=outreach,
    )
    return b, meeting
