"""The delegate's and the outreach guest's remaining regime pages in a real browser, on the
demo data: list versions, outreach meetings, one meeting and its evaluation, the proposal form
and a refused form. axe-core must find nothing at 1366 and 390 px, no page may scroll
sideways, and each page is kept as a screenshot at both widths (test-artifacts/screenshots/).
"""

from __future__ import annotations

import functools

import pytest

from tests.browser.conftest import audit_widths, login

pytest.importorskip("axe_playwright_python.sync_playwright")  # axe-core, for audit_widths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

audit = functools.partial(audit_widths, prefix="regime-outreach")


@pytest.fixture
def demo(transactional_db):
    from catchall.web.regime.demo import load_regime_demo

    load_regime_demo()


def test_outreach_and_version_pages_fit_a_phone_and_pass_axe(browser, live_server, demo):
    from catchall.web.regime.models import OutreachMeeting

    report: list[str] = []
    meeting = OutreachMeeting.objects.exclude(new_version="").first().pk
    ctx = browser.new_context(base_url=live_server.url, viewport={"width": 1366, "height": 900})
    pg = ctx.new_page()
    pg.set_default_timeout(20_000)

    login(pg, "demo-delegate", "demo")
    for name, url in (
        ("delegate-versions", "/regime/versions/"),
        ("delegate-meetings", "/regime/meetings/"),
        ("delegate-meeting", f"/regime/meetings/{meeting}/"),
        ("delegate-evaluation", f"/regime/meetings/{meeting}/evaluation/"),
        ("delegate-proposal-new", "/regime/proposals/new/"),
    ):
        pg.goto(url)
        audit(pg, name, report)
    # a refused form names its fields in words in the GOV.UK error summary
    pg.goto("/regime/proposals/new/")
    pg.get_by_label("Title (with its portion mark)").fill("no mark")
    pg.get_by_role("button", name="Save draft").click()
    summary = pg.locator(".govuk-error-summary")
    assert "Title:" in summary.inner_text()
    audit(pg, "delegate-proposal-new-refused", report)

    pg.get_by_role("button", name="Log out").click()
    login(pg, "demo-guest", "demo")
    for name, url in (
        ("guest-versions", "/regime/versions/"),
        ("guest-meetings", "/regime/meetings/"),
        ("guest-meeting", f"/regime/meetings/{meeting}/"),
        ("guest-evaluation", f"/regime/meetings/{meeting}/evaluation/"),
    ):
        pg.goto(url)
        audit(pg, name, report)
    # the guest reads the meeting's record with the country named, and gets no organiser forms
    assert pg.get_by_role("cell", name="Kazakhstan").is_visible()
    pg.goto(f"/regime/meetings/{meeting}/")
    assert pg.get_by_role("cell", name="Kazakhstan").is_visible()
    assert pg.locator("main form").count() == 0
    ctx.close()
    assert not report, "\n\n".join(report)
