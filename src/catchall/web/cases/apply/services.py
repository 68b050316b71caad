"""Writes for the page-by-page application: start a draft, save a page, submit it as a case;
and the same for an amendment of a case, which is sent as the case's next version.

A draft is the exporter's working copy (not yet a case, so no audit event per page); the
case is created and submitted, or amended, through the case services, which audit them."""

from __future__ import annotations

import copy
from typing import Any

from django.db import transaction
from django.utils import timezone

from catchall.core.errors import InputError
from catchall.core.workflow import NotAllowed, check, check_create
from catchall.web.accounts.roles import organisation_of, role_of
from catchall.web.cases.apply.questions import PAGES
from catchall.web.cases.models import ApplicationDraft, Case
from catchall.web.cases.services import case_act, case_create


def _new_draft(actor, **fields: Any) -> ApplicationDraft:
    """A draft of the actor's organisation, started now (a new application or an amendment)."""
    now = timezone.now()
    return ApplicationDraft.objects.create(
        organisation=organisation_of(actor),
        created_by=actor,
        created_at=now,
        updated_at=now,
        **fields,
    )


def draft_start(*, actor) -> ApplicationDraft:
    check_create(role_of(actor))
    return _new_draft(actor, data={}, progress={})


def draft_save(draft: ApplicationDraft, *, data: dict[str, Any], page: str) -> ApplicationDraft:
    """Keep the answers so far and mark ``page`` as answered."""
    draft.data = data
    draft.progress = {**draft.progress, page: True}
    draft.updated_at = timezone.now()
    draft.save(update_fields=["data", "progress", "updated_at"])
    return draft


@transaction.atomic
def draft_submit(draft: ApplicationDraft, *, actor) -> Case:
    """Create the case from the checked answers and submit it (both audited by the case
    services); the draft keeps a link to its case."""
    case = case_create(actor=actor, data=draft.data)
    case_act(case, "submit", actor=actor)
    draft.case = case
    draft.updated_at = timezone.now()
    draft.save(update_fields=["case", "updated_at"])
    case.refresh_from_db()
    return case


# ------------------------------------------------------------------------------ amendments


def _may_amend(case: Case, actor) -> None:
    """The amend action's own rule (core/workflow.py and the case's readers), checked here
    too so that no face can start or send an amendment the action would refuse."""
    from catchall.web.cases.selectors import visible_cases

    if not visible_cases(actor).filter(pk=case.pk).exists():
        raise NotAllowed("no such case")
    check(Case.objects.get(pk=case.pk).status, "amend", role_of(actor))


def open_amendment(case: Case, actor) -> ApplicationDraft | None:
    """The amendment of ``case`` the actor's organisation has started and not sent."""
    return ApplicationDraft.objects.filter(
        amends=case, organisation=organisation_of(actor), submitted_version__isnull=True
    ).first()


def amend_start(case: Case, *, actor, again: bool = False) -> ApplicationDraft:
    """The open amendment of ``case`` (resumed), or a new one holding every answer of the
    current version. ``again`` discards the open one first (it started from an older version)."""
    _may_amend(case, actor)
    existing = open_amendment(case, actor)
    if existing and not again:
        return existing
    if existing:
        existing.delete()
    version = case.current_version
    return _new_draft(
        actor,
        data=copy.deepcopy(version.data),
        # a party the version does not name is an answer ("none"); the rest show as the data says
        progress=dict.fromkeys((p for p in PAGES if p.startswith("party-")), True),
        amends=case,
        base_version=version.number,
    )


@transaction.atomic
def amend_submit(draft: ApplicationDraft, *, actor, reason: str) -> Case:
    """Send the amendment through the case's amend action (new version, audit event,
    re-assessment as the action does); the draft keeps the version it became."""
    case = draft.amends
    current = case.current_version.number
    if current != draft.base_version:
        raise InputError(
            f"the application has changed since you started this amendment (it is now "
            f"version {current}): start the amendment again",
            "changes",
        )
    case_act(case, "amend", actor=actor, data=draft.data, reason=reason)
    case.refresh_from_db()
    draft.submitted_version = case.current_version.number
    draft.updated_at = timezone.now()
    draft.save(update_fields=["submitted_version", "updated_at"])
    return case
