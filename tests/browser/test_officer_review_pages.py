"""Pages a licensing officer walks through that the case tests do not cover, in a real browser
at phone and desktop widths: zero axe violations, no sideways scrolling, words not codes."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.browser.conftest import audit_widths, login

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
