"""Proposals as a reader sees them: released text, feedback, positions, posts, redline, reminders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from catchall.core.errors import NotFound
from catchall.core.redline import redline_html
from catchall.core.regime.codes import country_name, mtcr_partners_on
from catchall.core.regime.proposals import TRANSITIONS, Turn, actions_from, may_act, whose_turn
from catchall.core.regime.reminders import Deadline, Reminder, due
from catchall.web.regime.models import (
    ActionRequest,
    DocumentRevision,
    Feedback,
    OutreachMeeting,
    Proposal,
)
from catchall.web.regime.releasability import (
    DocumentView,
    Portion,
    Reader,
    complete_view_or_none,
    document_view,
    view_or_none,
    views_for,
)


def proposals_for(reader: Reader) -> list[tuple[Proposal, DocumentView]]:
    """Proposals with at least one portion released to the reader, newest first."""
    props = list(Proposal.objects.select_related("document", "new_version"))
    views = {v.document.pk: v for v in views_for(reader, [p.document for p in props])}
    return [(p, views[p.document_id]) for p in props if p.document_id in views]


def proposal_get(reader: Reader, pk: int) -> tuple[Proposal, DocumentView]:
    """One proposal, or NotFound alike for a wrong id and for one the reader may not see."""
    p = Proposal.objects.select_related("document", "new_version").filter(pk=pk).first()
    if p is None:
        raise NotFound(f"no proposal {pk}")
    try:
        return p, document_view(reader, p.document)
    except NotFound:
        raise NotFound(f"no proposal {pk}") from None


def turn_for(reader: Reader, p: Proposal) -> Turn | None:
    """Whose turn it is on ``p``, as ``reader`` may be told (see core whose_turn)."""
    feedback = {f.country: f.answer_id is not None for f in p.feedback.all()}
    names = {c: country_name(c) for c in [*p.release_list, *feedback, p.sponsor_country]}
    if reader.country:
        names[reader.country] = country_name(reader.country)
    return whose_turn(
        state=p.state,
        sponsor=p.sponsor_country,
        sponsor_name=country_name(p.sponsor_country),
        release_list=p.release_list,
        feedback=feedback,
        deadline=p.feedback_deadline,
        plenary=p.plenary,
        plenary_date=p.plenary_date,
        today=reader.today,
        reader_role=reader.role,
        reader_country=reader.country,
        names=names,
    )


@dataclass
class FeedbackView:
    feedback: Feedback
    text: DocumentView
    answer: DocumentView | None


@dataclass
class PostView:
    request: ActionRequest
    talking_points: DocumentView
    reports: list[tuple[object, DocumentView]]


@dataclass
class ProposalDetail:
    proposal: Proposal
    view: DocumentView
    revisions: list[DocumentRevision]
    feedback: list[FeedbackView] = field(default_factory=list)
    positions: list = field(default_factory=list)
    posts: list[PostView] = field(default_factory=list)
    actions: list[tuple[str, str]] = field(default_factory=list)
    show_amendment: bool = False
    may_give_feedback: bool = False
    may_answer: bool = False
    may_state_position: bool = False
    may_revise: bool = False
    may_decide: bool = False
    is_sponsor: bool = False
    turn: Turn | None = None


def proposal_detail(reader: Reader, pk: int) -> ProposalDetail:
    p, view = proposal_get(reader, pk)
    is_sponsor = reader.role == "delegate" and reader.country == p.sponsor_country
    partner_reader = bool(reader.country) and reader.country in mtcr_partners_on(reader.today)
    # Feedback on a preview is between the sponsor and each partner: another partner learns
    # neither who has replied nor what they said (as ``whose_turn`` says), only its own.
    sees_all_feedback = is_sponsor or reader.role == "point_of_contact"
    fbs = []
    for f in p.feedback.select_related("document", "answer"):
        if not sees_all_feedback and f.country != reader.country:
            continue
        text = view_or_none(reader, f.document)
        if text is not None:
            fbs.append(FeedbackView(f, text, view_or_none(reader, f.answer)))
    posts = []
    for ar in p.action_requests.select_related("document").prefetch_related("reports__document"):
        tp = complete_view_or_none(reader, ar.document)  # NOFORN talking points: nothing shown
        if tp is None:
            continue
        reps = [(r, v) for r in ar.reports.all() if (v := view_or_none(reader, r.document))]
        posts.append(PostView(ar, tp, reps))
    actions = [
        (a, TRANSITIONS[a].label)
        for a in actions_from(p.state)
        if a not in ("adopt", "defer")
        and may_act(a, role=reader.role, country=reader.country, sponsor=p.sponsor_country)
    ]
    return ProposalDetail(
        proposal=p,
        view=view,
        revisions=list(p.document.revisions.select_related("created_by")),
        feedback=fbs,
        positions=list(p.positions.order_by("country")) if partner_reader else [],
        posts=posts,
        actions=actions,
        show_amendment=bool(p.amendment_yaml) and (view.withheld == 0 or p.state == "adopted"),
        may_give_feedback=p.state == "preview"
        and reader.role in ("partner_delegate", "delegate")
        and reader.country in p.release_list,
        may_answer=is_sponsor and p.state == "preview",
        may_state_position=p.state == "circulated"
        and reader.role in ("partner_delegate", "delegate")
        and reader.country in p.circulated_to,
        may_revise=is_sponsor and p.state in ("draft", "answered"),
        is_sponsor=is_sponsor,
        turn=turn_for(reader, p),
        may_decide=p.state == "circulated"
        and may_act("adopt", role=reader.role, country=reader.country, sponsor=p.sponsor_country),
    )


# --------------------------------------------------------------------------- redline


@dataclass
class RedlineRow:
    position: int
    html: str  # escaped text with <ins>/<del>; empty when withheld
    old_marking: str
    new_marking: str
    note: str = ""


def redline_for(
    reader: Reader, proposal: Proposal, old_rev: int | None = None, new_rev: int | None = None
) -> tuple[int, int, list[RedlineRow]]:
    """Word-level changes between the previewed and the circulated (or current) text.

    A portion appears only as far as the reader may read it: both sides released gives the
    redline; a side withheld is never shown, not even as deletions."""
    doc = proposal.document
    old_rev = old_rev or proposal.previewed_revision or 1
    new_rev = new_rev or proposal.circulated_revision or doc.current_revision
    old = view_or_none(reader, doc, old_rev)
    new = view_or_none(reader, doc, new_rev)
    if old is None and new is None:
        raise NotFound(f"no proposal {proposal.pk}")

    def by_pos(v: DocumentView | None) -> dict[int, Portion]:
        return {p.position: p for p in ([v.title, *v.paragraphs] if v else [])}

    o, n = by_pos(old), by_pos(new)
    rows = []
    for pos in sorted(set(o) | set(n)):
        a, b = o.get(pos), n.get(pos)
        om = a.portion_mark if a and a.released else ""
        nm = b.portion_mark if b and b.released else ""
        if a and a.released and b and b.released:
            rows.append(RedlineRow(pos, redline_html(a.text or "", b.text or ""), om, nm))
        elif b and b.released and a is None:
            rows.append(RedlineRow(pos, redline_html("", b.text or ""), "", nm, "added"))
        elif a and a.released and b is None:
            rows.append(RedlineRow(pos, redline_html(a.text or "", ""), om, "", "removed"))
        elif b and b.released:
            rows.append(
                RedlineRow(pos, redline_html("", b.text or ""), "", nm, "earlier text withheld")
            )
        else:
            rows.append(RedlineRow(pos, "", "", "", "withheld"))
    return old_rev, new_rev, rows


# --------------------------------------------------------------------------- reminders

REMINDED = frozenset({"delegate", "partner_delegate", "point_of_contact", "technical_expert"})


def deadlines_for(reader: Reader) -> list[Deadline]:
    """Dated obligations on proposals and meetings the reader can see (regime staff only)."""
    out: list[Deadline] = []
    if reader.role not in REMINDED:
        return out
    for p, view in proposals_for(reader):
        link = f"/regime/proposals/{p.pk}/"
        title = view.title_text
        if p.state == "preview" and p.feedback_deadline:
            given = {f.country: f for f in p.feedback.all()}
            sponsor = reader.role == "delegate" and reader.country == p.sponsor_country
            for c in p.release_list:
                if not (sponsor or reader.role == "point_of_contact") and c != reader.country:
                    continue  # who else owes feedback is the sponsor's business (whose_turn)
                if c not in given:
                    out.append(
                        Deadline(
                            p.feedback_deadline,
                            f"feedback due from {country_name(c)}",
                            title,
                            link,
                            "feedback",
                            country_name(c),
                        )
                    )
                elif given[c].answer_id is None:
                    out.append(
                        Deadline(
                            p.feedback_deadline,
                            f"answer the feedback of {country_name(c)}",
                            title,
                            link,
                            "answer",
                            country_name(c),
                        )
                    )
        if p.state == "answered" and p.plenary_date:
            out.append(
                Deadline(
                    p.plenary_date,
                    "circulate through the Point of Contact before the Plenary",
                    title,
                    link,
                    "circulate",
                )
            )
        if p.state == "circulated" and p.plenary_date:
            out.append(
                Deadline(
                    p.plenary_date,
                    f"Plenary decision ({p.plenary or 'Plenary'})",
                    title,
                    link,
                    "decision",
                )
            )
        if p.state in ("preview", "answered"):
            for ar in p.action_requests.select_related("document"):
                if not ar.reports.exists() and complete_view_or_none(reader, ar.document):
                    out.append(
                        Deadline(
                            ar.reply_by, f"reply due from {ar.post}", title, link, "post", ar.post
                        )
                    )
    if reader.role in ("delegate", "point_of_contact"):
        for m in OutreachMeeting.objects.filter(held=False):
            out.append(
                Deadline(
                    m.date,
                    f"outreach meeting in {m.place}",
                    m.title,
                    f"/regime/meetings/{m.pk}/",
                    "meeting",
                )
            )
    return out


def reminders_for(
    reader: Reader, *, within_days: int = 14, today: dt.date | None = None
) -> list[Reminder]:
    return due(deadlines_for(reader), today=today or reader.today, within_days=within_days)
