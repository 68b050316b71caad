"""Building proposals through the services, as the tests' common ground."""

from __future__ import annotations

import datetime as dt

from catchall.web.regime.services import exchanges as ex
from catchall.web.regime.services import proposals as ps

D2008 = dt.date(2008, 9, 10)
DECL = {"declass_on": dt.date(2033, 9, 30), "declass_reason": "1.4(b), (d)"}
PREVIEW_BODY = (
    "1. (U) The United States proposes that partners weigh missile applications of machine tools.\n\n"
    "2. (C/REL Brazil/South Africa) Partners should use catch-all for unlisted five-axis machines."
)
CIRCULATE_BODY = (
    "1. (U) The United States proposes that partners weigh missile applications of machine tools.\n\n"
    "2. (Confidential/Rel MTCR Countries) Partners shall use catch-all for unlisted five-axis "
    "machines bound for programs of concern."
)
AMENDMENT = """
list: eu-dual-use
title: EU dual-use list after the test amendment
version: "2030-01"
effective_date: 2030-01-01
extends: "2023-12"
replace:
  - id: 2B201.a
    regime: NSG
    reasons: [NP]
    title: Milling machines outside 2B001 with 6 um accuracy (ISO 230-2:2006)
    kinds: [machine_tool.milling]
    criteria:
      - {param: nc_capable, is: true}
      - {param: contouring_axes, ge: 2}
      - {param: positioning_accuracy, le: "6 um", standard: "ISO 230-2:2006"}
changes:
  - entry: 2B201.a
    rationale: Partners agreed to catch three-axis mills of 6 um again.
"""


def draft(people, *, type="policy", body=PREVIEW_BODY, amendment="", dated=D2008, **kw):
    return ps.proposal_create(
        actor=people["us-delegate"],
        type=type,
        title="(U) Machine tools and missile programs",
        body=body,
        plenary="23rd Plenary, Canberra",
        plenary_date=dt.date(2008, 11, 5),
        dated=dated,
        amendment_yaml=amendment,
        **DECL,
        **kw,
    )


def previewed(people, **kw):
    p = draft(people, **kw)
    return ps.proposal_preview(
        actor=people["us-delegate"],
        proposal=p,
        release_list=["Brazil", "South Africa"],
        feedback_deadline=dt.date(2008, 9, 29),
        today=D2008,
    )


def answered(people, **kw):
    p = previewed(people, **kw)
    for who in ("br-partner", "za-partner"):
        fb = ex.feedback_add(
            actor=people[who],
            proposal=p,
            body=f"(C//REL TO USA, {'BRA' if who == 'br-partner' else 'ZAF'}) Comments of {who}.",
            received_on=dt.date(2008, 9, 20),
            **DECL,
        )
        ex.feedback_answer(
            actor=people["us-delegate"], feedback=fb, body="(U) Thank you; adjusted.", **DECL
        )
    ps.proposal_close_feedback(actor=people["us-delegate"], proposal=p, today=dt.date(2008, 9, 21))
    return p


def circulated(people, **kw):
    p = answered(people, **kw)
    ps.proposal_revise(
        actor=people["us-delegate"],
        proposal=p,
        title="(U) Machine tools and missile programs",
        body=CIRCULATE_BODY,
        note="re-marked for circulation",
        **DECL,
    )
    return ps.proposal_circulate(actor=people["fr-poc"], proposal=p, today=dt.date(2008, 10, 3))
