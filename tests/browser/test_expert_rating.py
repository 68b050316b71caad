"""The technical expert rates a case item by item in a real browser, and the case goes back to
its officer: officer (whose turn, assign the expert) -> expert (confirm one item, change the
other's entries, an error first) -> officer (recommendation next).

axe-core checks every page of the story at 1366 px and 390 px, and no page scrolls sideways
on the phone. Screenshots at both widths are kept under test-artifacts/screenshots/.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import ARTIFACTS, login

expect = pytest.importorskip("playwright.sync_api").expect
Axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP, PHONE = 1366, 390
PANEL = "section.turn"
APPLICATION = {
    "exporter": {"name": "Neckar Umformtechnik GmbH", "country": "DE"},
    "destination": "CH",
    "parties": [{"role": "end_user", "name": "Zurich Turbine Parts AG", "country": "CH"}],
    "end_use": "Turbine blades for hydro-electric plants",
    "items": [
        {
            "description": "CNC flow-forming machine, four rollers",
            "kind": "machine_tool.flow_forming",
            "parameters": {
                "rollers": 4,
                "contouring_axes": 3,
                "roller_force": "120 kN",
                "nc_capable": True,
            },
            "quantity": 1,
        },
        {
            "description": "Five-axis machining centre for turbine blades",
            "kind": "other",
            "quantity": 1,
        },
    ],
}


class Audit:
    def __init__(self, name: str):
        self.name, self.step, self.axe, self.report = name, 0, Axe(), []

    def __call__(self, pg, label: str, fit: str = "") -> None:
        """axe at both widths, no sideways scrolling on the phone, screenshots of both.
        ``fit``: only this part must fit the width (the case page's assessment tables are
        another change's work)."""
        self.step += 1
        for width in (DESKTOP, PHONE):
            pg.set_viewport_size({"width": width, "height": 900})
            results = self.axe.run(pg)
            if results.violations_count:
                self.report.append(f"{label} at {width}px:\n{results.generate_report()}")
            wide = (
                pg.locator(fit).evaluate("e => Math.ceil(e.getBoundingClientRect().right)")
                if fit
                else pg.evaluate("document.documentElement.scrollWidth")
            )
            if wide > width:
                self.report.append(f"{label} at {width}px scrolls sideways ({wide}px)")
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            pg.screenshot(
                path=str(ARTIFACTS / f"{self.name}-{self.step:02d}-{label}-{width}.png"),
                full_page=True,
            )
        pg.set_viewport_size({"width": DESKTOP, "height": 900})


@pytest.fixture
def case(transactional_db):
    from catchall.web.cases.services import case_act, case_create
    from catchall.web.demo import load_users

    users = load_users()
    c = case_create(actor=users["demo-exporter"], data=APPLICATION)
    case_act(c, "submit", actor=users["demo-exporter"])
    c.refresh_from_db()
    case_act(c, "start_review", actor=users["demo-officer"])
    c.refresh_from_db()
    return c


def open_as(browser, live_server, username: str):
    ctx = browser.new_context(
        base_url=live_server.url, viewport={"width": DESKTOP, "height": 900}, bypass_csp=True
    )
    pg = ctx.new_page()
    pg.set_default_timeout(20_000)
    login(pg, username, "demo")
    return ctx, pg


def panel(pg):
    return pg.get_by_role("region", name=re.compile("Whose turn|Your turn"))


def test_the_expert_rates_each_item_and_the_case_returns_to_the_officer(browser, live_server, case):
    audit = Audit("expert-rating")
    officer_ctx, officer = open_as(browser, live_server, "demo-officer")
    expert_ctx, expert = open_as(browser, live_server, "demo-expert")
    try:
        # The officer sees whose turn it is and what blocks a recommendation.
        officer.goto(f"/cases/{case.pk}/")
        turn = panel(officer)
        expect(turn).to_contain_text("The technical expert's rating of the items")
        expect(turn).to_contain_text("A technical expert (nobody assigned yet)")
        expect(turn).to_contain_text(
            "The technical expert must rate item 2 (Five-axis machining centre for turbine "
            "blades: undetermined, not rated automatically) before a recommendation."
        )
        audit(officer, "officer-case", fit=PANEL)
        turn.get_by_role("link", name="Assign a technical expert").click()
        officer.get_by_label("Who should work on the case?").select_option(
            label="Theo Technical (Technical expert)"
        )
        officer.get_by_role("button", name="Assign", exact=True).click()
        expect(panel(officer)).to_contain_text("Theo Technical (technical expert)")

        # The expert's turn: the panel leads to the rating page.
        expert.goto(f"/cases/{case.pk}/")
        turn = panel(expert)
        expect(turn.get_by_role("heading", name="Your turn")).to_be_visible()
        turn.get_by_role("link", name="Rate the items").click()
        expect(expert.get_by_role("heading", level=1)).to_have_text("Rate the items")
        expect(expert.get_by_text("2 of 2 items left to rate")).to_be_visible()
        for radio in expert.get_by_role("radio").all():
            assert not radio.is_checked()  # nothing is preselected
        audit(expert, "rate-page")

        # Item 1: the classifier's 2B009 is confirmed.
        item1 = expert.get_by_role("region", name=re.compile("^Item 1:"))
        item1.get_by_label("Confirm the classifier's entries: 2B009").check()
        item1.get_by_label("Your reasoning").fill("Four rollers, three contouring axes: 2B009.")
        item1.get_by_role("button", name="Save the rating of item 1").click()
        expect(expert.get_by_role("status")).to_contain_text("Item 1 rated. 1 item left to rate.")
        audit(expert, "rate-page-item-1-rated")

        # Item 2: changed to 2B001, first without reasoning (the error names the field).
        item2 = expert.get_by_role("region", name=re.compile("^Item 2:"))
        item2.get_by_label("It is controlled by these entries").check()
        item2.get_by_label("Entry numbers").fill("2B001")
        item2.get_by_role("button", name="Save the rating of item 2").click()
        assert expert.title().startswith("Error:")
        summary = expert.locator(".govuk-error-summary")
        expect(summary).to_contain_text("Give your reasoning for item 2")
        audit(expert, "rate-page-error")
        summary.get_by_role("link", name="Give your reasoning for item 2").click()
        expect(expert.get_by_label("Your reasoning").nth(1)).to_be_focused()
        item2 = expert.get_by_role("region", name=re.compile("^Item 2:"))
        expect(item2.get_by_label("Entry numbers")).to_have_value("2B001")
        item2.get_by_label("Your reasoning").fill(
            "Five simultaneous contouring axes, 4 um positioning accuracy: 2B001."
        )
        item2.get_by_role("button", name="Save the rating of item 2").click()

        # Every item rated: the case page, back with the officer.
        expect(expert.get_by_role("status")).to_contain_text(
            "the classification is confirmed and the case is back with Lena Licensing"
        )
        expect(expert.get_by_role("heading", level=1)).to_contain_text("Classification confirmed")
        audit(expert, "expert-done", fit=PANEL)

        officer.reload()
        turn = panel(officer)
        expect(turn.get_by_role("heading", name="Your turn")).to_be_visible()
        expect(turn).to_contain_text("Lena Licensing (licensing officer)")
        expect(turn.get_by_role("link", name="Record your recommendation")).to_be_visible()
        audit(officer, "officer-recommends-next", fit=PANEL)
        officer.goto(f"/cases/{case.pk}/rate/")
        expect(officer.get_by_text("Changed the entries: 2B001")).to_be_visible()
        audit(officer, "officer-reads-ratings")
    finally:
        officer_ctx.close()
        expert_ctx.close()
    assert not audit.report, "\n\n".join(audit.report)
