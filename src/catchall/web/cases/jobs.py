"""Case jobs: re-screening the open cases after a list changed, in parts across workers; the
case's PDFs (cases/pdfs.py) are made by the jobs framework's ``pdf.render``."""

from __future__ import annotations

from catchall.core.workflow import OPEN_STATES
from catchall.web.accounts.roles import AUTHORITY_ROLES, has_role
from catchall.web.cases import pdfs  # noqa: F401  (registers the case's PDF sources)
from catchall.web.jobs.services import job

# Cases per part: a part takes seconds, so progress moves and workers share the load.
RESCREEN_PART = 250


def _rescreen_collect(parent, children) -> dict:
    cases = sum(c.result["cases"] for c in children)
    flagged = sum(c.result["flagged"] for c in children)
    name = parent.params["list_name"]
    return {
        "summary": f"{cases:,} open cases re-screened against {name}; {flagged:,} with new hits",
        "list": name,
        "cases": cases,
        "flagged": flagged,
        "links": [{"label": "Cases with new screening hits", "url": "/cases/?flagged=1"}],
    }


def _authority(j, user) -> bool:
    return has_role(user, *AUTHORITY_ROLES)


@job(
    "cases.rescreen",
    title="Re-screening open cases",
    collect=_rescreen_collect,
    allowed=_authority,
)
def rescreen(j, *, list_name: str, import_id: int | None = None):
    from catchall.web.cases.models import Case

    open_cases = Case.objects.filter(status__in=OPEN_STATES).order_by("pk")
    ids = list(open_cases.values_list("pk", flat=True))
    parts = [ids[i : i + RESCREEN_PART] for i in range(0, len(ids), RESCREEN_PART)]
    return j.fan_out(
        "cases.rescreen_part", [{"list_name": list_name, "case_ids": p} for p in parts]
    )


@job("cases.rescreen_part", title="Re-screening a part of the open cases")
def rescreen_part(j, *, list_name: str, case_ids: list[int]):
    from catchall.web.cases.models import Case
    from catchall.web.cases.rescreen import rescreen_cases

    cases = Case.objects.filter(pk__in=case_ids, status__in=OPEN_STATES).order_by("pk")
    flagged = rescreen_cases(list_name, cases.iterator())
    j.progress(len(case_ids), len(case_ids), f"{len(case_ids):,} cases re-screened")
    return {"cases": len(case_ids), "flagged": flagged}
