"""The screening page in Chromium: a match shown by the listed name, the list's title, the
countries and the reasons in words (the entity id only as a "List reference"), a clear result and
an error; axe at 1366 and 390 px, no sideways scrolling, screenshots of each."""

from __future__ import annotations

import functools

import pytest

from tests.browser.conftest import audit_widths, login
from tests.web.screening.people import assert_named_not_coded

expect = pytest.importorskip("playwright.sync_api").expect
pytest.importorskip("axe_playwright_python.sync_playwright")  # axe-core, for audit_widths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

_audit = functools.partial(audit_widths, prefix="screening")


@pytest.fixture
def officer(transactional_db):
    from catchall.web.accounts.models import Organisation
    from catchall.web.demo import ensure_user
    from catchall.web.screening.index import reset_index

    reset_index()  # list import ids repeat across rolled-back databases
    org = Organisation.objects.create(name="Authority", kind="authority", country="DE")
    return ensure_user("sam", "licensing_officer", org, "Sam Screener", password="pass phrase 77")


def test_a_match_reads_in_words_at_both_widths(browser, live_server, officer):
    ctx = browser.new_context(base_url=live_server.url, viewport={"width": 1366, "height": 900})
    pg = ctx.new_page()
    pg.set_default_timeout(60_000)
    problems: list[str] = []
    login(pg, "sam", "pass phrase 77")
    pg.goto("/screen/")
    _audit(pg, "form", problems)

    pg.get_by_label("Name", exact=True).fill("Shahid Bakeri Industries")
    pg.get_by_label("Country (optional)").select_option(label="Germany")
    pg.get_by_role("button", name="Screen").click()
    card = pg.locator(".screening-match").first
    expect(card.locator("h3")).to_contain_text("SHAHID BAGHERI INDUSTRIAL GROUP")
    expect(card).to_contain_text("Programs of concern")
    expect(card).to_contain_text("The party is in Germany; the listed entity is in Iran")
    expect(card).to_contain_text("'shahid' and 'shahid' are the same word")
    # its programmes in words, the WMD and missile ones marked
    expect(card).to_contain_text(
        "Non-proliferation of weapons of mass destruction (US OFAC NPWMD, Executive Order 13382"
    )
    expect(card.locator(".programmes .govuk-tag").first).to_have_text("WMD or missile programme")
    assert_named_not_coded(pg.content(), ids=("poc-ir-sbig",))
    _audit(pg, "match", problems)

    pg.get_by_label("Name", exact=True).fill("Neckar Umformtechnik GmbH")
    pg.get_by_label("Country (optional)").select_option(label="Any country")
    pg.get_by_role("button", name="Screen").click()
    expect(pg.locator(".result")).to_contain_text("Clear")
    _audit(pg, "clear", problems)

    pg.get_by_label("Name", exact=True).fill("")
    pg.get_by_role("button", name="Screen").click()
    expect(pg.locator("#name-error")).to_be_visible()
    _audit(pg, "error", problems)

    pg.get_by_label("Name", exact=True).fill("Ali Reza")
    pg.get_by_label("Date of birth (optional)").fill("1990-13-45")
    pg.get_by_role("button", name="Screen").click()
    expect(pg.locator("#dob-error")).to_contain_text("Date of birth: '1990-13-45' is not")
    pg.locator(".govuk-error-summary a").first.click()
    expect(pg.locator("#dob")).to_be_focused()
    _audit(pg, "error-dob", problems)
    ctx.close()
    assert not problems, "\n".join(problems)
