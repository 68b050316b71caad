"""The regime workbench's changed pages in a real browser, on the demo data: page banners,
whose turn, grouped reminders, a withheld action request, a text redline in the list diff,
the outreach pack. axe-core must find nothing at 1366 and 390 px, no page may scroll
sideways, and each page is kept as a screenshot at both widths (test-artifacts/screenshots/).
"""

from __future__ import annotations

import functools

import pytest

from tests.browser.conftest import audit_widths, login

pytest.importorskip("axe_playwright_python.sync_playwright")  # axe-core, for audit_widths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT_CHANGE = """list: eu-dual-use
title: EU dual-use list with a reworded thrust vector control entry
version: "2024-06"
effective_date: 2024-06-01
extends: "2023-12"
replace:
  - id: 9A106.c
    regime: MTCR
    title: Thrust vector control sub-systems, usable in "missiles"
    text: Thrust vector control sub-systems, usable in "missiles" or unmanned aerial vehicles;
changes:
  - entry: 9A106.c
    rationale: Partners extended the wording to unmanned aerial vehicles of the same range.
"""

audit = functools.partial(audit_widths, prefix="regime-workbench")


@pytest.fixture
def demo(transactional_db):
    from catchall.web.regime.demo import load_regime_demo
    from catchall.web.regime.services.versions import control_list_import

    load_regime_demo()
    control_list_import(actor="cli", yaml_text=TEXT_CHANGE)


def test_the_changed_workbench_pages_pass_axe_at_both_widths(browser, live_server, demo):
    from catchall.web.regime.models import Proposal

    report: list[str] = []
    mt = Proposal.objects.filter(action_requests__isnull=False).distinct().get().pk
    ctx = browser.new_context(base_url=live_server.url, viewport={"width": 1366, "height": 900})
    pg = ctx.new_page()
    pg.set_default_timeout(20_000)

    login(pg, "demo-delegate", "demo")
    for name, url in (
        ("delegate-dashboard", "/regime/?within=7000"),
        ("delegate-proposal", f"/regime/proposals/{mt}/"),
        ("delegate-diff-redline", "/regime/diff/?old=eu-dual-use@2023-12&new=eu-dual-use@2024-06"),
        ("delegate-briefing", "/regime/briefing/?old=eu-dual-use@2022-10&new=eu-dual-use@2023-12"),
        ("delegate-library", "/library/"),
    ):
        pg.goto(url)
        assert pg.get_by_test_id("page-banner").is_visible(), url
        audit(pg, name, report)
    pg.goto("/regime/diff/?old=eu-dual-use@2023-12&new=eu-dual-use@2024-06")
    assert pg.locator("ins", has_text="or unmanned aerial vehicles").count() == 1
    pg.goto(f"/regime/proposals/{mt}/")
    assert "Embassy Brasilia" in pg.content()  # the sponsor reads its NOFORN action requests

    pg.get_by_role("button", name="Log out").click()
    login(pg, "demo-guest", "demo")
    for name, url in (
        ("guest-dashboard", "/regime/"),
        ("guest-proposal", f"/regime/proposals/{mt}/"),
        ("guest-briefing", "/regime/briefing/?old=eu-dual-use@2022-10&new=eu-dual-use@2023-12"),
        ("guest-library", "/library/"),
    ):
        pg.goto(url)
        body = pg.content()
        assert "Draft a proposal" not in body and "Embassy Brasilia" not in body, url
        assert "EU act unverified" not in body, url
        audit(pg, name, report)
    ctx.close()
    assert not report, "\n\n".join(report)
