"""The case page (officer and exporter) and the audit page (administrator) in Chromium:
axe-core finds no violation, nothing scrolls sideways at 1366 and 390 px, screenshots kept."""

from __future__ import annotations

import pytest

from tests.browser.conftest import login

Axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1366, 390)


@pytest.fixture
def refused_case(transactional_db):
    from catchall.web.cases.models import Case
    from catchall.web.cases.services import case_act
    from catchall.web.demo import load_cases, load_users
    from catchall.web.screening.services import ensure_starter_list

    ensure_starter_list()
    users = load_users()
    load_cases(users)
    case = Case.objects.get(status="under_review")
    for who, action, payload in [
        ("demo-officer", "request_information", {"question": "Who owns the end user?"}),
        ("demo-exporter", "answer_information", {"answer": "Nobody else."}),
        ("demo-expert", "confirm_classification", {"note": "2B009 confirmed"}),
        ("demo-officer", "recommend", {"outcome": "deny", "reasoning": "Listed end user."}),
        ("demo-senior", "decide", {"outcome": "deny", "reason": "Designated end user."}),
    ]:
        case_act(Case.objects.get(pk=case.pk), action, actor=users[who], **payload)
    return case


@pytest.mark.parametrize(
    "username,path",
    [("demo-officer", "case"), ("demo-exporter", "case"), ("demo-admin", "audit")],
)
def test_no_axe_violation_and_no_sideways_scrolling(
    browser, live_server, refused_case, shot, username, path
):
    url = f"/cases/{refused_case.pk}/" if path == "case" else f"/{path}/"
    axe = Axe()
    for width in WIDTHS:
        ctx = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": 900}
        )
        pg = ctx.new_page()
        pg.set_default_timeout(20_000)
        login(pg, username, "demo")
        pg.goto(url)
        assert pg.get_by_role("heading", level=1).count() == 1
        results = axe.run(pg)
        assert results.violations_count == 0, results.generate_report()
        overflow = pg.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow} px at {width} px"
        shot(pg, f"{username}-{width}")
        ctx.close()


@pytest.mark.parametrize("width", (390, 320))
def test_the_criteria_tables_fit_a_phone_when_opened(
    browser, live_server, refused_case, shot, width
):
    """The criteria checked for each listed entry (a table in a closed <details>) stack into
    labelled rows on a phone: opened, nothing scrolls sideways (it was 6 px too wide at 390)."""
    ctx = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 900})
    pg = ctx.new_page()
    pg.set_default_timeout(20_000)
    login(pg, "demo-officer", "demo")
    pg.goto(f"/cases/{refused_case.pk}/")
    summaries = pg.locator("summary", has_text="Criteria checked for")
    assert summaries.count() >= 1
    for i in range(summaries.count()):
        summaries.nth(i).click()
    assert pg.locator("table.trace").first.is_visible()
    wide = pg.evaluate("document.scrollingElement.scrollWidth")
    assert wide <= width, f"the case page scrolls sideways at {width} px ({wide} px wide)"
    results = Axe().run(pg)
    assert results.violations_count == 0, results.generate_report()
    shot(pg, f"criteria-open-{width}")
    ctx.close()
