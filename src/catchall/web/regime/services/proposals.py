"""Plenary proposals: draft, revise, preview, close feedback, circulate, decide, withdraw.

Each function is one audited state change; the rules are the core's (state machine,
consensus, release checks), applied here to stored proposals.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from catchall.core.errors import InputError, NotAllowed, Problem
from catchall.core.regime.codes import country_name, mtcr_partners_on, resolve_token
from catchall.core.regime.markings import releasable, releasable_to_all
from catchall.core.regime.proposals import (
    EDITABLE,
    TYPES,
    close_feedback_problems,
    consensus_problems,
    may_act,
    may_draft,
    next_state,
    preview_problems,
)
from catchall.web.audit.services import record_event
from catchall.web.regime.models import Paragraph, Proposal
from catchall.web.regime.releasability import marking_of, paragraph_access, reader_for
from catchall.web.regime.services.documents import (
    actor_country,
    actor_role,
    create_document,
    holds_portions,
    parse_portions,
    revise_document,
    summary,
)
from catchall.web.regime.services.versions import check_version_yaml, store_version


def _check_amendment(type_: str, amendment_yaml: str) -> None:
    if type_ == "annex_amendment":
        if not (amendment_yaml or "").strip():
            raise InputError(
                "an Annex amendment carries the amended list version (YAML)", "amendment_yaml"
            )
        check_version_yaml(amendment_yaml, "amendment_yaml")
    elif (amendment_yaml or "").strip():
        raise InputError("only an Annex amendment carries a list version", "amendment_yaml")


def _require(action: str, actor, proposal: Proposal) -> None:
    if not may_act(
        action,
        role=actor_role(actor),
        country=actor_country(actor),
        sponsor=proposal.sponsor_country,
    ):
        raise NotAllowed(f"you may not {action.replace('_', ' ')} this proposal")


def _move(proposal: Proposal, action: str, actor, **details) -> None:
    before = proposal.state
    proposal.state = next_state(proposal.state, action)
    proposal.save()
    record_event(
        f"proposal.{action}",
        actor=actor,
        object_type="proposal",
        object_id=proposal.pk,
        before={"state": before},
        after={"state": proposal.state},
        details=details,
    )


@transaction.atomic
def proposal_create(
    *,
    actor,
    type: str,
    title: str,
    body: str,
    plenary: str = "",
    plenary_date: dt.date | None = None,
    dated: dt.date | None = None,
    declass_on: dt.date | None = None,
    declass_reason: str = "",
    amendment_yaml: str = "",
) -> Proposal:
    """A delegation's draft; its country is the sponsor and the text's originator."""
    country = actor_country(actor)
    if not may_draft(actor_role(actor), country):
        raise NotAllowed("only a partner's delegate drafts proposals")
    dated = dated or timezone.localdate()
    if country not in mtcr_partners_on(dated):
        raise NotAllowed(f"{country_name(country)} was not an MTCR partner on {dated}")
    problems = []
    if type not in TYPES:
        problems.append(Problem("type", f"one of {', '.join(TYPES)}"))
    try:
        portions = parse_portions(
            title=title, body=body, declass_on=declass_on, declass_reason=declass_reason
        )
    except InputError as exc:
        problems += exc.problems
    if problems:
        raise InputError(problems)
    _check_amendment(type, amendment_yaml)
    latest = (
        Proposal.objects.filter(sponsor=actor, state="draft", type=type)
        .select_related("document")
        .order_by("-pk")
        .first()
    )
    if (
        latest is not None
        and latest.plenary == (plenary or "")[:200]
        and latest.amendment_yaml == (amendment_yaml or "")
        and holds_portions(latest.document, portions)
    ):
        return latest  # the same draft saved again (a double press): one proposal
    doc = create_document(
        actor=actor, kind="proposal", originator=country, dated=dated, portions=portions
    )
    p = Proposal.objects.create(
        document=doc,
        type=type,
        sponsor_country=country,
        sponsor=actor,
        plenary=(plenary or "")[:200],
        plenary_date=plenary_date,
        amendment_yaml=amendment_yaml or "",
    )
    record_event(
        "proposal.create",
        actor=actor,
        object_type="proposal",
        object_id=p.pk,
        after={"type": type, "state": p.state, **summary(doc, portions)},
    )
    return p


@transaction.atomic
def proposal_revise(
    *,
    actor,
    proposal: Proposal,
    title: str,
    body: str,
    declass_on: dt.date | None = None,
    declass_reason: str = "",
    amendment_yaml: str | None = None,
    note: str = "",
) -> Proposal:
    """A new revision of the text (every revision is kept); only in draft or after feedback."""
    if actor_role(actor) != "delegate" or actor_country(actor) != proposal.sponsor_country:
        raise NotAllowed("only the sponsoring delegation revises its proposal")
    if proposal.state not in EDITABLE:
        raise InputError(
            "the text is frozen while partners review it and after circulation", "state"
        )
    portions = parse_portions(
        title=title, body=body, declass_on=declass_on, declass_reason=declass_reason
    )
    if amendment_yaml is not None:
        _check_amendment(proposal.type, amendment_yaml)
        proposal.amendment_yaml = amendment_yaml
        proposal.save(update_fields=["amendment_yaml"])
    before = proposal.document.current_revision
    revise_document(actor=actor, document=proposal.document, portions=portions, note=note)
    record_event(
        "proposal.revise",
        actor=actor,
        object_type="proposal",
        object_id=proposal.pk,
        before={"revision": before},
        after=summary(proposal.document, portions),
        details={"note": note[:300]},
    )
    return proposal


def _unreadable(actor, proposal: Proposal, countries: list[str], today: dt.date) -> list[Problem]:
    """Portions some of ``countries`` could not read (the sponsor must re-mark them first).

    The marking, and who it leaves out, is told only to an actor who may read the portion (the
    sponsor); anyone else learns which paragraph it is and nothing of how it is marked."""
    doc = proposal.document
    with paragraph_access():
        rows = list(
            Paragraph.objects.filter(document=doc, revision=doc.current_revision).order_by(
                "position"
            )
        )
    markings = [marking_of(r) for r in rows]
    missing = releasable_to_all(
        markings, countries, originator=doc.originator, marked_on=doc.dated, today=today
    )
    country = reader_for(actor, today).country  # what the actor may read, as everywhere
    out = []
    for i, who in missing.items():
        where = "title" if rows[i].position == 0 else f"body.paragraph[{rows[i].position}]"
        if releasable(
            markings[i], country, originator=doc.originator, marked_on=doc.dated, today=today
        ):
            names = ", ".join(country_name(c) for c in who)
            out.append(Problem(where, f"is marked {markings[i].text()}: not releasable to {names}"))
        else:
            out.append(Problem(where, "is not releasable to every country it would go to"))
    return out


@transaction.atomic
def proposal_preview(
    *,
    actor,
    proposal: Proposal,
    release_list: list[str],
    feedback_deadline: dt.date | None,
    today: dt.date | None = None,
) -> Proposal:
    """Send the current text to selected partners with a feedback deadline."""
    _require("preview", actor, proposal)
    next_state(proposal.state, "preview")
    today = today or timezone.localdate()
    problems: list[Problem] = []
    codes = []
    for token in release_list:
        try:
            codes.append(resolve_token(token, "release_list"))
        except InputError as exc:
            problems += exc.problems
    codes = sorted(set(codes))
    problems += preview_problems(
        release_list=codes,
        sponsor=proposal.sponsor_country,
        partners=mtcr_partners_on(today),
        deadline=feedback_deadline,
        today=today,
    )
    if not problems:
        problems += _unreadable(actor, proposal, codes, today)
    if problems:
        raise InputError(problems)
    proposal.release_list = codes
    proposal.feedback_deadline = feedback_deadline
    proposal.previewed_on = today
    proposal.previewed_revision = proposal.document.current_revision
    _move(
        proposal,
        "preview",
        actor,
        release_list=codes,
        feedback_deadline=feedback_deadline,
        revision=proposal.previewed_revision,
    )
    return proposal


@transaction.atomic
def proposal_close_feedback(*, actor, proposal: Proposal, today: dt.date | None = None) -> Proposal:
    _require("close_feedback", actor, proposal)
    next_state(proposal.state, "close_feedback")
    today = today or timezone.localdate()
    responded: dict[str, bool] = {}
    for f in proposal.feedback.all():
        responded[f.country] = responded.get(f.country, True) and f.answer_id is not None
    problems = close_feedback_problems(
        release_list=proposal.release_list,
        responded=responded,
        deadline=proposal.feedback_deadline,
        today=today,
    )
    if problems:
        raise InputError(problems)
    _move(proposal, "close_feedback", actor, responded=sorted(responded))
    return proposal


@transaction.atomic
def proposal_circulate(*, actor, proposal: Proposal, today: dt.date | None = None) -> Proposal:
    """The Point of Contact circulates the current text to every partner of the day ``today``
    (the circulation date, default today; the partners are those of that day)."""
    _require("circulate", actor, proposal)
    next_state(proposal.state, "circulate")
    if today and today > timezone.localdate():
        raise InputError("cannot be in the future", "circulated_on")
    today = today or timezone.localdate()
    if proposal.previewed_on and today < proposal.previewed_on:
        raise InputError(f"cannot be before the preview ({proposal.previewed_on})", "circulated_on")
    partners = sorted(mtcr_partners_on(today))
    problems = _unreadable(actor, proposal, partners, today)
    if problems:
        raise InputError(
            [
                Problem(
                    p.field,
                    p.message + " (the sponsor must re-mark it, e.g. C//REL TO MTCR, to circulate)",
                )
                for p in problems
            ]
        )
    proposal.circulated_on = today
    proposal.circulated_revision = proposal.document.current_revision
    proposal.circulated_to = partners
    _move(
        proposal,
        "circulate",
        actor,
        partners=len(partners),
        revision=proposal.circulated_revision,
    )
    return proposal


@transaction.atomic
def proposal_decide(
    *, actor, proposal: Proposal, outcome: str, decided_on: dt.date | None = None
) -> Proposal:
    """Record the Plenary's decision: ``adopt`` (consensus: no partner objects) or ``defer``.

    An adopted Annex amendment stores its list version, which then appears with the others.
    """
    if outcome not in ("adopt", "defer"):
        raise InputError("the Plenary either adopts or defers", "outcome")
    _require(outcome, actor, proposal)
    next_state(proposal.state, outcome)
    positions = {p.country: p.position for p in proposal.positions.all()}
    problems = consensus_problems(outcome, positions)
    if problems:
        raise InputError(problems)
    proposal.decided_on = decided_on or timezone.localdate()
    details: dict = {"objections": sorted(c for c, p in positions.items() if p == "object")}
    if outcome == "adopt" and proposal.type == "annex_amendment":
        rec = store_version(
            actor=actor,
            yaml_text=proposal.amendment_yaml,
            origin="proposal",
            proposal=proposal,
            where="amendment_yaml",
        )
        proposal.new_version = rec
        details["new_version"] = rec.key
    _move(proposal, outcome, actor, **details)
    return proposal


@transaction.atomic
def proposal_withdraw(*, actor, proposal: Proposal) -> Proposal:
    _require("withdraw", actor, proposal)
    _move(proposal, "withdraw", actor)
    return proposal


@transaction.atomic
def proposal_reopen(*, actor, proposal: Proposal) -> Proposal:
    _require("reopen", actor, proposal)
    proposal.release_list, proposal.feedback_deadline = [], None
    _move(proposal, "reopen", actor)
    return proposal
