"""An Annex amendment from draft to outreach briefing, in a real browser, on the demo data.

The US delegate previews it with Brazil and South Africa, both give feedback by the deadline,
the delegate answers, re-marks the text for all partners and closes the preview, the French
Point of Contact circulates it and records the Plenary's adoption, the new list version
appears, the briefing shows the change and its licensing impact, and the Kazakh outreach
guest sees only the released paragraphs. Screenshots under test-artifacts/screenshots/.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AMENDMENT = """list: eu-dual-use
title: EU dual-use list after the Plenary's machine-tool amendment
version: "2031-01"
effective_date: 2031-01-01
extends: "2023-12"
replace:
  - id: 2B201.a
    regime: NSG
    reasons: [NP]
    title: Milling machines outside 2B001 with 6 um accuracy (ISO 230-2:2006), two rotary or five contouring axes
    kinds: [machine_tool.milling, machine_tool.jig_boring, machine_tool.fly_cutting]
    not_in: [2B001.a, 2B001.b.1, 2B001.b.2, 2B001.b.3, 2B001.b.4, 2B001.c.1, 2B001.c.2, 2B001.d, 2B001.e, 2B001.f]
    criteria:
      - {param: nc_capable, is: true}
      - {param: contouring_axes, ge: 2}
      - any:
          - {param: positioning_accuracy, le: "6 um", standard: "ISO 230-2:2006"}
          - {param: rotary_contouring_axes, ge: 2}
          - {param: contouring_axes, ge: 5}
    exclusions:
      - {id: gear-machines, text: Special-purpose machines limited to making gears, criteria: [{param: special_purpose, in: [gear_machining]}]}
      - {id: crankshaft-camshaft-machines, text: Special-purpose machines limited to making crankshafts or camshafts, criteria: [{param: special_purpose, in: [crankshaft_camshaft]}]}
      - {id: tool-cutter-machines, text: Special-purpose machines limited to making tools or cutters, criteria: [{param: special_purpose, in: [tool_or_cutter]}]}
      - {id: extruder-worm-machines, text: Special-purpose machines limited to making extruder worms, criteria: [{param: special_purpose, in: [extruder_worm]}]}
      - id: long-x-travel-low-accuracy
        text: Milling machines with more than 2 m of x-axis travel and x-axis accuracy worse than 22.5 um
        criteria:
          - {param: x_axis_travel, gt: "2 m"}
          - {param: x_axis_positioning_accuracy, gt: "22.5 um", standard: "ISO 230-2:2006"}
changes:
  - entry: 2B201.a
    rationale: Partners agreed that three-axis mills of 6 um feed missile guidance production.
"""
PREVIEW_TEXT = (
    "1. (U) The United States proposes to restore the 6 um milling threshold in 2B201.a.\n\n"
    "2. (C/REL Brazil/South Africa) Procurement networks buy three-axis mills just outside "
    "the current limit."
)
CIRCULATED_TEXT = (
    "1. (U) The United States proposes to restore the 6 um milling threshold in 2B201.a.\n\n"
    "2. (Confidential/Rel MTCR Countries) Procurement networks buy three-axis mills just "
    "outside the current limit, through trading companies."
)
SECRET_WORDS = "Procurement networks"


@pytest.fixture
def demo(transactional_db):
    from catchall.web.regime.demo import load_regime_demo

    return load_regime_demo()


@pytest.fixture
def as_user(browser, live_server, demo):
    contexts = []

    def open_as(username: str):
        ctx = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        contexts.append(ctx)
        pg = ctx.new_page()
        pg.set_default_timeout(20_000)
        login(pg, username, "demo")
        assert pg.get_by_role("button", name="Log out").is_visible(), username
        return pg

    yield open_as
    for ctx in contexts:
        ctx.close()


def state(pg) -> str:
    return pg.get_by_test_id("state").inner_text()


def give_feedback(pg, pk: int, text: str) -> None:
    pg.goto(f"/regime/proposals/{pk}/")
    pg.get_by_label("Your feedback, portion-marked").fill(text)
    pg.get_by_role("button", name="Send feedback").click()
    pg.wait_for_url(re.compile(rf"/regime/proposals/{pk}/$"))


def test_an_annex_amendment_from_preview_to_outreach_briefing(as_user, shot):
    deadline = (dt.date.today() + dt.timedelta(days=10)).isoformat()

    # The delegate drafts the amendment with its amended list version.
    us = as_user("demo-delegate")
    us.goto("/regime/")
    us.get_by_role("link", name="Draft a proposal").first.click()
    us.get_by_label("Type").select_option("annex_amendment")
    us.get_by_label("Plenary", exact=True).fill("Plenary (test)")
    us.get_by_label("Title (with its portion mark)").fill("(U) Restore the 6 um milling threshold")
    us.get_by_label("Text by paragraph").fill(PREVIEW_TEXT)
    us.get_by_label("Declassify on").fill("2040-01-01")
    us.get_by_label("Reason").fill("1.4(b), (d)")
    us.locator("#amendment_yaml").fill(AMENDMENT)
    us.get_by_role("button", name="Save draft").click()
    us.wait_for_url(re.compile(r"/regime/proposals/\d+/$"))
    pk = int(us.url.rstrip("/").split("/")[-1])
    assert state(us) == "Draft"
    shot(us, "1-draft")

    # Preview with two partners and a deadline.
    us.get_by_label("Partners to preview with (names or codes, comma-separated)").fill(
        "Brazil, South Africa"
    )
    us.get_by_label("Feedback deadline").fill(deadline)
    us.get_by_role("button", name="Preview", exact=True).click()
    us.wait_for_url(re.compile(rf"/regime/proposals/{pk}/$"))
    assert state(us) == "Previewed with selected partners"
    shot(us, "2-previewed")

    # Both partners read the confidential paragraph and give feedback by the deadline.
    br = as_user("demo-partner-br")
    br.goto(f"/regime/proposals/{pk}/")
    assert SECRET_WORDS in br.content()
    give_feedback(br, pk, "(U) Brazil agrees and asks to mention trading companies.")
    shot(br, "3-feedback-brazil")
    za = as_user("demo-partner-za")
    give_feedback(za, pk, "(U) South Africa agrees.")

    # The delegate answers both, re-marks the text for all partners and closes the preview.
    us.goto(f"/regime/proposals/{pk}/")
    for _ in range(2):
        us.locator("textarea[id^=answer-]").first.fill("(U) Thank you; done.")
        us.get_by_role("button", name="Send answer").first.click()
        us.wait_for_url(re.compile(rf"/regime/proposals/{pk}/$"))
    us.get_by_role("button", name="Close the preview (feedback answered)").click()
    us.get_by_role("button", name="Close the preview", exact=True).click()  # the confirmation
    assert state(us) == "Feedback collected and answered"
    us.get_by_role("link", name="Revise the text").click()
    us.get_by_label("Text by paragraph").fill(CIRCULATED_TEXT)
    us.get_by_label("Declassify on").fill("2040-01-01")
    us.get_by_label("Reason").fill("1.4(b), (d)")
    us.get_by_label("What changed (kept with the revision)").fill("marked for all partners")
    us.get_by_role("button", name="Save new revision").click()
    shot(us, "4-answered-and-remarked")

    # The Point of Contact circulates it to all partners.
    poc = as_user("demo-poc")
    poc.goto(f"/regime/proposals/{pk}/")
    poc.get_by_role("button", name="Circulate to all partners").click()
    assert state(poc) == "Circulated to all partners"
    shot(poc, "5-circulated")

    # The redline shows the words worked out since the preview.
    us.goto(f"/regime/proposals/{pk}/redline/")
    assert us.locator("ins", has_text="through trading companies").count() == 1
    assert us.locator("del").count() >= 1
    shot(us, "6-redline")

    # The Plenary adopts it by consensus; the new list version appears.
    poc.goto(f"/regime/proposals/{pk}/")
    poc.get_by_role("button", name="Record the decision").click()
    assert state(poc) == "Adopted by the Plenary"
    poc.goto("/regime/versions/")
    row = poc.get_by_role("row", name=re.compile("eu-dual-use@2031-01"))
    assert "Adopted Annex amendment" in row.inner_text()
    shot(poc, "7-new-version")

    # The briefing: what changed, why, and what it means for licensing.
    us.goto("/regime/briefing/?new=eu-dual-use@2031-01")
    body = us.content()
    assert "2B201.a" in body and "three-axis mills of 6 um feed missile guidance" in body
    assert (
        "was positioning accuracy ≤ 4.5 µm (ISO 230-2:2006), now positioning accuracy ≤ 6 µm"
        in body
    )
    assert (
        "now needs a licence" in us.get_by_role("row", name=re.compile("5 um")).first.inner_text()
    )
    assert us.get_by_test_id("impact").is_visible()
    assert SECRET_WORDS in body  # the sponsor reads its whole decision text
    shot(us, "8-briefing")

    # The outreach guest sees the briefing and only the released paragraphs of the decision.
    guest = as_user("demo-guest")
    guest.goto("/regime/briefing/?new=eu-dual-use@2031-01")
    body = guest.content()
    assert "restore the 6 um milling threshold" in body
    assert SECRET_WORDS not in body and "withheld" in body
    shot(guest, "9-guest-briefing")
    guest.goto(f"/regime/proposals/{pk}/")
    assert SECRET_WORDS not in guest.content()
    assert guest.locator(".withheld").count() >= 1
    shot(guest, "10-guest-proposal")
