"""The pages that find things, in a real browser: the case queue (searched, filtered, sorted),
a list's page and the classification page with errors. axe-core finds no violation at desktop
(1366 px) and phone (390 px) width, nothing scrolls sideways on the phone, a reference never
breaks across lines, and the error summary's links reach their fields. Screenshots are kept
under test-artifacts/screenshots/."""

from __future__ import annotations

import pytest

from tests.browser.conftest import WIDTHS, audit_widths, login

expect = pytest.importorskip("playwright.sync_api").expect
pytest.importorskip("axe_playwright_python.sync_playwright")  # axe-core, for audit_widths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def audit(pg, name: str) -> list[str]:
    """axe and sideways scrolling at both widths, with a screenshot of each."""
    return audit_widths(pg, name, [], prefix="finding")


@pytest.fixture
def demo(transactional_db):
    from catchall.web.demo import load_cases, load_users
    from catchall.web.screening.services import ensure_starter_list

    users = load_users()
    load_cases(users)
    ensure_starter_list()
    return users


def test_the_queue_and_a_list_page_find_things_accessibly(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1366, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    login(pg, "demo-officer", "demo")
    pg.wait_for_url("**/cases/?mine=1")  # the officer lands on its own work
    problems = []
    pg.goto("/cases/?status=all")
    expect(pg.locator("th[aria-sort=ascending]")).to_contain_text("Due")
    problems += audit(pg, "queue-all")
    # Search by a party's name from the search box, then sort by reference.
    pg.get_by_label("Search").fill("kish trading")
    pg.get_by_role("button", name="Find cases").click()
    expect(pg.locator("table.queue a.ref")).to_have_count(1)  # a consignee
    pg.get_by_role("link", name="Reference").click()
    expect(pg.locator("th[aria-sort=ascending]")).to_contain_text("Reference")
    expect(pg.get_by_label("Search")).to_have_value("kish trading")  # the search is kept
    problems += audit(pg, "queue-search")
    # A reference is one line at every width.
    for width in WIDTHS:
        pg.set_viewport_size({"width": width, "height": 900})
        heights = pg.eval_on_selector_all("a.ref", "els => els.map(e => e.getClientRects().length)")
        assert heights and set(heights) == {1}, (width, heights)
    pg.goto("/lists/programs-of-concern/?q=shahid")
    expect(pg.locator("[role=status]")).to_contain_text("of 82 entities match")
    problems += audit(pg, "list-search")
    context.close()
    assert not problems, "\n".join(problems)


def test_the_classify_page_with_errors_follows_the_govuk_pattern(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1366, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    pg.goto("/classify/?kind=press.isostatic")
    pg.locator("#p_max_pressure").fill("3 kg")
    pg.locator("#list_date").fill("2024-01-01")
    pg.get_by_role("button", name="Classify", exact=True).click()
    expect(pg).to_have_title(__import__("re").compile(r"^Error: "))
    summary = pg.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Maximum pressure")  # the field's label
    expect(pg.locator("#p_max_pressure")).to_have_attribute("aria-invalid", "true")
    expect(pg.get_by_label("Maximum pressure", exact=True)).to_have_id("p_max_pressure")
    expect(pg.locator("#p_max_pressure-h")).to_contain_text("Maximum working pressure")
    problems = audit(pg, "classify-errors")
    summary.get_by_role("link").first.click()
    expect(pg.locator("#p_max_pressure")).to_be_focused()
    context.close()
    assert not problems, "\n".join(problems)


def test_the_screening_page_with_ranked_matches_is_accessible(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1366, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    login(pg, "demo-officer", "demo")
    pg.goto("/screen/")
    pg.get_by_label("Name", exact=True).fill("Shahid Bakeri Industrial Group")
    pg.get_by_role("button", name="Screen").click()
    expect(pg.locator(".screening-match").first).to_contain_text("(rank 1)")
    problems = audit(pg, "screening-ranked")
    pg.set_viewport_size({"width": 320, "height": 900})
    wide = pg.evaluate("document.documentElement.scrollWidth")
    assert not problems, "\n".join(problems)
    assert wide <= 320, f"the screening page scrolls sideways at 320 px ({wide}px)"
