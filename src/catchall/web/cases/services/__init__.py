"""Writes to cases: every state change is one atomic service that writes its audit event."""

from catchall.web.cases.services.actions import case_act
from catchall.web.cases.services.create import case_create, case_update_draft
from catchall.web.cases.services.errors import Conflict

__all__ = ["Conflict", "case_act", "case_create", "case_update_draft"]
