"""The demo exporter amends a submitted application in Chromium through the apply journey's
pages: from the case page, a consignee added and the quantity changed, the changes read back
in words, the reason forgotten once (the error summary), then sent to the confirmation panel.

Every page: axe-core with no violation and no sideways scrolling at 1366 and 390 px, a
screenshot at each width (test-artifacts/screenshots/amend-*), no script error on the page."""

from __future__ import annotations

import pytest

from tests.browser.conftest import audit_widths, login

expect = pytest.importorskip("playwright.sync_api").expect
pytest.importorskip("axe_playwright_python.sync_playwright")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def press_case(transactional_db):
    """The demo's hot isostatic press to South Korea, submitted by the demo exporter."""
    from catchall.web.cases.models import Case
    from catchall.web.demo import load_cases, load_users
    from catchall.web.screening.services import ensure_starter_list

    ensure_starter_list()
    load_cases(load_users())
    return Case.objects.get(destination="KR")


def test_an_exporter_amends_an_application_page_by_page(page, press_case):
    pg, case = page, press_case
    problems: list[str] = []
    script_errors: list[str] = []
    pg.on("pageerror", lambda exc: script_errors.append(str(exc)))
    # the browser logs the error page's own 422 as a console error: that one is expected
    expected = "the server responded with a status of 422"

    def console(m) -> None:
        if m.type == "error" and expected not in m.text:
            script_errors.append(m.text)

    pg.on("console", console)

    def audit(label: str) -> None:
        audit_widths(pg, label, problems, prefix="amend")

    login(pg, "demo-exporter", "demo")
    pg.goto(f"/cases/{case.pk}/")
    pg.get_by_role("button", name="Amend the application (new version)").click()
    expect(pg.get_by_role("heading", level=1)).to_have_text("Amend your application")
    audit("01-start")
    pg.get_by_role("button", name="Start amending").click()
    expect(pg.get_by_text("You have not changed anything yet.")).to_be_visible()
    audit("02-tasks")

    pg.get_by_role("link", name="Consignee (if there is one)", exact=True).click()
    pg.get_by_label("Name of the organisation or person").fill("Incheon Freight Co")
    pg.get_by_label("Address").fill("Harbour Road 3, Incheon")
    pg.get_by_label("Country").select_option(label="South Korea")
    audit("03-consignee")
    pg.get_by_role("button", name="Save and continue").click()
    expect(pg.get_by_text("You have made 1 change so far.")).to_be_visible()
    expect(pg.get_by_text("You changed this")).to_have_count(1)
    audit("04-tasks-changed")

    pg.get_by_role("link", name="Check your changes").click()
    pg.get_by_role("link", name="Change quantity and value of item 1").click()
    expect(pg.get_by_label("How many?")).to_have_value("1")
    pg.get_by_label("How many?").fill("2")
    pg.get_by_label("Total value").fill("4200000")
    audit("05-quantity")
    pg.get_by_role("button", name="Save and continue").click()

    expect(pg.get_by_role("heading", level=1)).to_have_text(
        "Check your changes before sending the amendment"
    )
    changes = pg.locator("#changes + ul li")
    expect(changes).to_have_text(
        [
            "Consignee added: Incheon Freight Co, South Korea",
            "Item changed: Hot isostatic press (quantity 2, was 1; "
            "value 4200000 EUR, was 2100000 EUR)",
        ]
    )
    audit("06-check")

    pg.get_by_label("I confirm the declaration").check()
    pg.get_by_role("button", name="Accept and send the amendment").click()
    summary = pg.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the reason for the amendment")
    expect(pg.locator("#reason-error")).to_contain_text("Enter the reason for the amendment")
    audit("07-reason-missing")

    pg.get_by_label("Reason for the amendment").fill("A freight forwarder in Incheon now ships")
    pg.get_by_label("I confirm the declaration").check()
    pg.get_by_role("button", name="Accept and send the amendment").click()
    panel = pg.locator(".govuk-panel--confirmation")
    expect(panel).to_contain_text("Amendment sent")
    expect(panel).to_contain_text("version 2")
    audit("08-sent")

    case.refresh_from_db()
    version = case.current_version
    assert version.number == 2
    assert version.reason == "A freight forwarder in Incheon now ships"
    assert {p["name"] for p in version.data["parties"]} == {
        "Busan Ceramic Components Ltd",
        "Incheon Freight Co",
    }
    assert version.data["items"][0]["quantity"] == 2
    assert not problems, "\n".join(problems)
    assert not script_errors, script_errors
