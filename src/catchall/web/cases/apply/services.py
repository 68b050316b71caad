"""Writes for the page-by-page application: start a draft, save a page, submit it as a case.

A draft is the exporter's working copy (not yet a case, so no audit event per page); the
case is created and submitted through the case services, which audit both."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from catchall.core.workflow import check_create
from catchall.web.accounts.roles import organisation_of, role_of
from catchall.web.cases.models import ApplicationDraft, Case
from catchall.web.cases.services import case_act, case_create


def draft_start(*, actor) -> ApplicationDraft:
    check_create(role_of(actor))
    now = timezone.now()
    return ApplicationDraft.objects.create(
        organisation=organisation_of(actor),
        created_by=actor,
        created_at=now,
        updated_at=now,
        data={},
        progress={},
    )


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
