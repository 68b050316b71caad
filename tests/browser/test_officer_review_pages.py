"""Pages a licensing officer walks through that the case tests do not cover, in a real browser
at phone and desktop widths: zero axe violations, no sideways scrolling, words not codes."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.browser.conftest import ARTIFACTS, audit_widths, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_denials_list_fits_a_phone_and_reads_dates_and_countries_in_words(
    page, transactional_db
):
    from catchall.web.demo import load_users
    from tests.web.confidential import import_partner_denial

    users = load_users()
    import_partner_denial(users["demo-liaison"])
    login(page, "demo-officer", "demo")
    page.goto("/denials/")
    problems = audit_widths(page, "denials-list", [], prefix="officer-review")
    assert not problems, "\n\n".join(problems)
    row = page.locator("tbody tr").first.inner_text()
    denied_on = dt.date.today() - dt.timedelta(days=30)
    assert f"{denied_on:%-d %b %Y}" in row and denied_on.isoformat() not in row
    assert "United Arab Emirates" in row and "(AE)" not in row


def test_the_mtcr_factors_table_stacks_full_width_on_a_phone(page, transactional_db):
    """Each factor's heading and finding take the phone's width: they were held at 22% and
    broke mid-word ("Concer-ns about the prolife-ration")."""
    import copy

    from catchall.web.cases.services import case_act, case_create
    from catchall.web.demo import load_users
    from tests.web.cases.conftest import FLOW_FORMER

    users = load_users()
    case = case_create(actor=users["demo-exporter"], data=copy.deepcopy(FLOW_FORMER))
    case_act(case, "submit", actor=users["demo-exporter"])
    case.refresh_from_db()
    case_act(case, "start_review", actor=users["demo-officer"])
    login(page, "demo-officer", "demo")
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(f"/cases/{case.pk}/")
    table = page.locator("table.factors").first
    width = table.bounding_box()["width"]
    heading = table.locator("tbody th[scope=row]").first
    finding = table.locator("tbody td[data-label=Finding]").first
    heading.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "officer-review-factors-390.png"))
    assert heading.bounding_box()["width"] > 0.9 * width
    assert finding.bounding_box()["width"] > 0.9 * width
