"""The older forms in the GOV.UK patterns, in Chromium: the screening form, the assessment
page (a pasted document and the short form), the classification page's item-document box, the
list import form and the login form. The pages load no script, so this is how they work
without JavaScript. Each is sent a bad answer (the error summary links to the field, which says
the same and keeps what was typed, and nothing is written) and a good one; axe finds no
violation and nothing scrolls sideways at 1366, 390 and 320 px. Screenshots:
test-artifacts/screenshots/forms-*."""

from __future__ import annotations

import functools
import json
import re

import pytest

from tests.browser.conftest import audit_widths, login
from tests.conftest import fixture_path

expect = pytest.importorskip("playwright.sync_api").expect
pytest.importorskip("axe_playwright_python.sync_playwright")  # axe-core, for audit_widths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

_audit = functools.partial(audit_widths, prefix="forms")


@pytest.fixture
def officer(transactional_db):
    from catchall.web.accounts.models import Organisation
    from catchall.web.demo import ensure_user
    from catchall.web.screening.index import reset_index

    reset_index()  # list import ids repeat across rolled-back databases
    org = Organisation.objects.create(name="Authority", kind="authority", country="DE")
    return ensure_user("olga", "licensing_officer", org, "Olga Officer", password="pass phrase 77")


@pytest.fixture
def pg(browser, live_server, officer):
    """The pages load no script (see no_script), so what runs here runs without JavaScript;
    axe itself needs JavaScript in the page to run."""
    ctx = browser.new_context(base_url=live_server.url, viewport={"width": 1366, "height": 900})
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    login(page, "olga", "pass phrase 77")
    yield page
    ctx.close()


def narrowest(pg, label: str, problems: list[str]) -> None:
    """The narrowest screen the house supports: nothing may scroll sideways at 320 px."""
    pg.set_viewport_size({"width": 320, "height": 900})
    wide = pg.evaluate("document.documentElement.scrollWidth")
    if wide > 320:
        problems.append(f"{label} at 320px scrolls sideways ({wide}px)")
    pg.set_viewport_size({"width": 1366, "height": 900})


def no_script(pg) -> None:
    """Nothing on the page depends on JavaScript: it has no script to run."""
    assert pg.locator("script").count() == 0
    assert pg.locator("[onclick], [onchange], [onsubmit]").count() == 0


def error_shown(pg, field: str, words: str) -> None:
    """The GOV.UK error pattern: title, summary link to the field, the field's own message."""
    no_script(pg)
    expect(pg).to_have_title(re.compile(r"^Error: "))
    link = pg.locator(f'.govuk-error-summary a[href="#{field}"]')
    expect(link).to_contain_text(words)
    expect(pg.locator(f"#{field}-error")).to_contain_text(words)
    expect(pg.locator(f"#{field}")).to_have_attribute("aria-invalid", "true")
    expect(pg.locator(f".govuk-form-group--error #{field}")).to_have_count(1)
    link.click()
    expect(pg.locator(f"#{field}")).to_be_focused()


def test_the_screening_form(pg):
    from catchall.web.screening.models import ScreeningRecord

    problems: list[str] = []
    pg.goto("/screen/")
    _audit(pg, "screen-form", problems)
    pg.get_by_label("Name", exact=True).fill("Ali Reza")
    pg.get_by_label("Country (optional)").select_option(label="Iran")
    pg.get_by_label("Date of birth (optional)").fill("27/03/1958")
    pg.get_by_label("Identifiers (optional)").fill("passport:A1234567")
    pg.get_by_label("Programs of concern").check()
    pg.get_by_role("button", name="Screen").click()
    error_shown(pg, "dob", "Date of birth: must be a date")
    assert not ScreeningRecord.objects.exists()
    expect(pg.get_by_label("Name", exact=True)).to_have_value("Ali Reza")
    expect(pg.get_by_label("Country (optional)")).to_have_value("IR")
    expect(pg.get_by_label("Identifiers (optional)")).to_have_value("passport:A1234567")
    expect(pg.get_by_label("Programs of concern")).to_be_checked()
    _audit(pg, "screen-error", problems)
    narrowest(pg, "screen-error", problems)

    pg.get_by_label("Date of birth (optional)").fill("1958-03-27")
    pg.get_by_role("button", name="Screen").click()
    expect(pg.locator(".result")).to_be_visible()
    expect(pg.locator(".govuk-error-summary")).to_have_count(0)
    assert ScreeningRecord.objects.count() == 1
    _audit(pg, "screen-result", problems)
    assert not problems, "\n".join(problems)


def _application(name: str) -> str:
    return fixture_path("examples", "applications", name).read_text()


def test_the_assessment_page(pg):
    problems: list[str] = []
    pg.goto("/assess/")
    _audit(pg, "assess-form", problems)
    doc = json.loads(_application("unlisted-mill-benign.json"))
    doc["items"][0]["parameters"]["positioning_repeatability"] = "five microns"
    pg.get_by_label("Application document").fill(json.dumps(doc, indent=2))
    pg.get_by_role("button", name="Assess document").click()
    error_shown(pg, "document", "Item 1, parameters, positioning repeatability")
    expect(pg.get_by_label("Application document")).to_have_value(re.compile("five microns"))
    _audit(pg, "assess-document-error", problems)

    # the short form: a missing destination, then the same answers with one
    pg.get_by_text("Or fill the short form").click()
    item = json.loads(_application("press-to-partner.json"))["items"][0]
    pg.get_by_label("Exporter", exact=True).fill("Neckar Umformtechnik GmbH")
    pg.get_by_label("End user", exact=True).fill("Harbin Ceramics Works")
    pg.get_by_label("End user's country (optional)").select_option(label="China")
    pg.get_by_label("Military end use").check()
    pg.get_by_label("Cash payment offered for an expensive item").check()
    pg.get_by_label("Item", exact=True).fill(json.dumps(item))
    pg.get_by_role("button", name="Assess", exact=True).click()
    error_shown(pg, "destination", "Choose the destination")
    document_box, short_form = pg.locator("details.assess-form").all()
    expect(short_form).to_have_attribute("open", "")  # the form in error is shown
    expect(document_box).not_to_have_attribute("open", "")
    expect(pg.get_by_label("End user", exact=True)).to_have_value("Harbin Ceramics Works")
    expect(pg.get_by_label("Military end use")).to_be_checked()
    _audit(pg, "assess-short-form-error", problems)
    narrowest(pg, "assess-short-form-error", problems)

    pg.get_by_label("Destination", exact=True).select_option(label="China")
    pg.get_by_role("button", name="Assess", exact=True).click()
    expect(pg.get_by_text("Recommendation:")).to_be_visible()
    expect(pg.locator(".govuk-error-summary")).to_have_count(0)
    _audit(pg, "assess-result", problems)
    assert not problems, "\n".join(problems)


def test_the_classification_item_document_box(pg):
    problems: list[str] = []
    pg.goto("/classify/")
    pg.get_by_text("Or paste an item document").click()
    _audit(pg, "classify-document-form", problems)
    pg.get_by_label("Item document").fill("kind: press.isostatic\nparameters: [1, 2]\n")
    pg.get_by_role("button", name="Classify document").click()
    error_shown(pg, "document", "Parameters")
    expect(pg.get_by_label("Item document")).to_have_value(re.compile("parameters: \\[1, 2\\]"))
    _audit(pg, "classify-document-error", problems)
    narrowest(pg, "classify-document-error", problems)

    pg.get_by_label("Item document").fill(
        "kind: press.isostatic\nparameters:\n  max_pressure: 150 MPa\n"
    )
    pg.get_by_role("button", name="Classify document").click()
    expect(pg.locator("#result-h")).to_contain_text("Result:")
    expect(pg.locator(".govuk-error-summary")).to_have_count(0)
    _audit(pg, "classify-document-result", problems)
    assert not problems, "\n".join(problems)


def test_the_list_import_form(pg, tmp_path):
    from catchall.web.jobs.models import Job

    problems: list[str] = []
    upload = tmp_path / "watch.csv"
    upload.write_text("id,name,schema,aliases,countries\na,Alpha Trading,Company,,IR\n")
    pg.goto("/lists/")
    pg.get_by_label("File").set_input_files(str(upload))
    pg.get_by_label("List name").fill("Watch List")
    pg.get_by_label("Title (optional)").fill("Our watch list")
    pg.get_by_role("button", name="Import").click()
    error_shown(pg, "lname", "List name: list names use lower-case letters")
    assert not Job.objects.filter(kind="lists.review").exists()
    expect(pg.get_by_label("Title (optional)")).to_have_value("Our watch list")
    _audit(pg, "lists-import-error", problems)
    narrowest(pg, "lists-import-error", problems)

    pg.get_by_label("File").set_input_files(str(upload))
    pg.get_by_label("List name").fill("watch")
    pg.get_by_role("button", name="Import").click()
    expect(pg.get_by_role("button", name="Replace the list watch")).to_be_visible()
    assert not problems, "\n".join(problems)


def test_the_login_form(browser, live_server, officer):
    ctx = browser.new_context(base_url=live_server.url, viewport={"width": 1366, "height": 900})
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    problems: list[str] = []
    page.goto("/login/")
    expect(page.get_by_label("Username")).to_be_focused()
    page.get_by_label("Username").fill("olga")
    page.get_by_label("Password").fill("not the pass phrase")
    page.get_by_role("button", name="Log in").click()
    error_shown(page, "id_username", "Enter a correct username and password")
    expect(page.get_by_label("Username")).to_have_value("olga")
    expect(page.get_by_label("Password")).to_have_value("")
    _audit(page, "login-error", problems)
    narrowest(page, "login-error", problems)
    page.get_by_label("Password").fill("pass phrase 77")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Olga Officer")).to_be_visible()
    ctx.close()
    assert not problems, "\n".join(problems)
