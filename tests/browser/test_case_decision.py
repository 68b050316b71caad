"""A refusal decided deliberately, in a real browser: the officer recommends on its own page,
the senior officer first submits without choosing an outcome (an error, nothing written), then
refuses with a reason for the exporter and partners and an internal note; the officer checks
the letter and the denial notification as they will go, then sends them.

axe-core checks each action page at 1366 and 390 px (zero violations, colour contrast
included) and the page must not scroll sideways; screenshots of both widths are kept under
test-artifacts/screenshots/.
"""

from __future__ import annotations

import copy
import re

import pytest

from tests.browser.conftest import ARTIFACTS, login

expect = pytest.importorskip("playwright.sync_api").expect
Axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1366, 390)
PUBLIC = "The end user develops missiles; the machine would serve that programme."
INTERNAL = "Agree with the officer: listed 2B009 item, D:4 destination, designated end user."


# the innermost elements reaching past the viewport's right edge (named in the report)
WIDER_THAN_VIEWPORT = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right >
                                          document.documentElement.clientWidth + 1))
  .slice(0, 5).map(e => e.tagName + '.' + e.className + ': ' + e.textContent.slice(0, 60))"""


class Pages:
    """One user's browser page with an accessibility audit and screenshots of each step."""

    def __init__(self, browser, live_server, username: str, name: str, report: list[str]):
        ctx = browser.new_context(
            base_url=live_server.url, viewport={"width": WIDTHS[0], "height": 900}, bypass_csp=True
        )
        self.ctx, self.pg, self.name, self.report = ctx, ctx.new_page(), name, report
        self.pg.set_default_timeout(20_000)
        self.axe = Axe()
        login(self.pg, username, "demo")

    def audit(self, label: str, sideways: bool = True) -> None:
        pg = self.pg
        for width in WIDTHS:
            pg.set_viewport_size({"width": width, "height": 900})
            results = self.axe.run(pg)
            if results.violations_count:
                self.report.append(f"{label} at {width}px:\n{results.generate_report()}")
            wide = pg.evaluate("document.documentElement.scrollWidth")
            if sideways and wide > width:
                culprits = pg.evaluate(WIDER_THAN_VIEWPORT)
                self.report.append(f"{label} at {width}px scrolls sideways ({wide}px): {culprits}")
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            pg.screenshot(path=str(ARTIFACTS / f"{self.name}-{label}-{width}.png"), full_page=True)
        pg.set_viewport_size({"width": WIDTHS[0], "height": 900})


@pytest.fixture
def classified(transactional_db):
    """A flow-former for a designated Iranian end user, reviewed and its classification
    confirmed: the officer's recommendation is next."""
    from catchall.web.cases.services import case_act, case_create
    from catchall.web.demo import load_users
    from tests.web.cases.conftest import FLOW_FORMER

    users = load_users()
    case = case_create(actor=users["demo-exporter"], data=copy.deepcopy(FLOW_FORMER))
    case_act(case, "submit", actor=users["demo-exporter"])
    case.refresh_from_db()
    case_act(case, "start_review", actor=users["demo-officer"])
    case.refresh_from_db()
    case_act(case, "confirm_classification", actor=users["demo-expert"], note="2B009.")
    case.refresh_from_db()
    return case


def test_a_senior_refuses_with_a_public_reason_and_an_internal_note_after_a_preview(
    browser, live_server, classified
):
    from catchall.web.cases.models import Case
    from catchall.web.denials.models import DenialNotification

    case, report = classified, []
    officer = Pages(browser, live_server, "demo-officer", "decision-officer", report)
    o = officer.pg

    # The officer opens the recommendation page from the case: nothing is chosen for them.
    o.goto(f"/cases/{case.pk}/")
    for width in WIDTHS:  # the case page's actions: a short list of buttons to their pages
        o.set_viewport_size({"width": width, "height": 900})
        o.locator(".case-actions").screenshot(
            path=str(ARTIFACTS / f"decision-officer-00-case-actions-{width}.png")
        )
    o.get_by_role("button", name="Record the officer's recommendation").click()
    expect(o.get_by_role("heading", level=1)).to_have_text("Record your recommendation")
    assert o.locator("input[type=radio]:checked").count() == 0
    officer.audit("01-recommend")
    o.get_by_label("Refuse", exact=True).check()
    o.get_by_label("Your reasoning").fill("The end user is designated for Iran's missile work.")
    o.get_by_role("button", name="Record the recommendation").click()
    expect(o.get_by_role("status")).to_contain_text("Recommendation recorded: refuse")

    # The senior reads the officer's recommendation first, and forgets to choose an outcome.
    senior = Pages(browser, live_server, "demo-senior", "decision-senior", report)
    s = senior.pg
    s.goto(f"/cases/{case.pk}/")
    s.get_by_role("button", name="Countersign the decision").click()
    headings = s.get_by_role("heading", level=2).all_inner_texts()
    assert headings.index("The officer's recommendation") < headings.index(
        "The automatic assessment"
    )
    expect(s.get_by_text("The end user is designated for Iran's missile work.")).to_be_visible()
    assert s.locator("input[type=radio]:checked").count() == 0
    senior.audit("02-decide")
    s.get_by_label("Reason given to the exporter and partners").fill(PUBLIC)
    s.get_by_label("Internal note (optional)").fill(INTERNAL)
    s.get_by_role("button", name="Record the decision").click()
    expect(s).to_have_title(re.compile(r"^Error: "))
    summary = s.locator(".govuk-error-summary")
    expect(summary.get_by_role("link", name="Select an outcome")).to_be_visible()
    assert s.get_by_label("Reason given to the exporter and partners").input_value() == PUBLIC
    assert Case.objects.get(pk=case.pk).status == "recommended"
    senior.audit("03-decide-error")
    summary.get_by_role("link", name="Select an outcome").click()
    s.get_by_label("Refuse", exact=True).check()
    s.get_by_role("button", name="Record the decision").click()
    expect(s.get_by_role("status")).to_contain_text("Decision recorded: refuse")

    # The officer sees the letter and the notification as they will go, then sends them.
    o.goto(f"/cases/{case.pk}/")
    o.get_by_role("button", name="Send the refusal").click()
    expect(o.get_by_role("heading", level=1)).to_have_text("Check the refusal before you send it")
    letter = o.locator(".letter-preview")
    expect(letter).to_contain_text(PUBLIC)
    expect(o.locator(".govuk-warning-text")).to_contain_text(
        re.compile(r"\d{2} partner governments get the denial notification")
    )
    assert INTERNAL not in o.content()
    officer.audit("04-send-refusal-preview")
    o.get_by_role("button", name="Send the refusal").click()
    message = o.get_by_role("status")
    expect(message).to_contain_text(re.compile(r"Refusal REF-\S+ sent to the exporter"))
    expect(message).to_contain_text(re.compile(r"shared with \d+ partners"))
    # the case page itself: axe only (its assessment tables are the case page's own work)
    officer.audit("05-refusal-sent", sideways=False)

    case = Case.objects.get(pk=case.pk)
    assert case.status == "refusal_sent"
    issued = case.documents.get(kind="refusal").html
    assert PUBLIC in issued and INTERNAL not in issued
    sent = DenialNotification.objects.filter(case_reference=case.reference)
    assert sent.exists() and {n.reason_for_refusal for n in sent} == {PUBLIC}
    assert case.notes.filter(internal=True, text=INTERNAL).exists()
    for p in (officer, senior):
        p.ctx.close()
    assert not report, "\n\n".join(report)


def test_consequential_actions_spell_out_the_consequence_before_a_warning_button(
    browser, live_server, tmp_path
):
    """Withdraw (exporter), revoke a notification and replace a list (liaison): each is a
    confirmation page with a warning button, accessible at both widths."""
    from catchall.web.cases.services import case_act, case_create
    from catchall.web.demo import load_users
    from catchall.web.denials.models import DenialNotification
    from catchall.web.screening.services import list_import
    from tests.web.cases.conftest import FLOW_FORMER
    from tests.web.confidential import import_partner_denial

    users, report = load_users(), []
    case = case_create(actor=users["demo-exporter"], data=copy.deepcopy(FLOW_FORMER))
    case_act(case, "submit", actor=users["demo-exporter"])
    import_partner_denial(users["demo-liaison"])
    denial = DenialNotification.objects.get(direction="incoming")
    first = tmp_path / "watch.csv"
    first.write_text("id,name,schema,aliases,countries\na,Alpha Trading,Company,,IR\n")
    list_import(first, format="csv", name="watch", actor=users["demo-liaison"])

    exporter = Pages(browser, live_server, "demo-exporter", "confirm-exporter", report)
    e = exporter.pg
    e.goto(f"/cases/{case.pk}/")
    e.get_by_role("button", name="Withdraw the application").click()
    expect(e.get_by_role("heading", level=1)).to_contain_text("Withdraw application")
    expect(e.locator(".govuk-button--warning")).to_have_text("Withdraw the application")
    exporter.audit("01-withdraw")

    liaison = Pages(browser, live_server, "demo-liaison", "confirm-liaison", report)
    li = liaison.pg
    li.goto(f"/denials/{denial.pk}/")
    li.get_by_role("button", name="Revoke this notification").click()
    expect(li.get_by_role("heading", level=1)).to_contain_text("Revoke notification")
    li.get_by_role("button", name="Revoke the notification").click()  # no reason given
    expect(li).to_have_title(re.compile(r"^Error: "))
    expect(li.locator(".govuk-error-summary")).to_contain_text("Enter why")
    liaison.audit("02-revoke-error")

    li.goto("/lists/")
    second = (
        "id,name,schema,aliases,countries\na,Alpha Trading LLC,Company,,IR\nb,Beta,Company,,SY\n"
    )
    li.locator("#file").set_input_files(
        files=[{"name": "watch.csv", "mimeType": "text/csv", "buffer": second.encode()}]
    )
    li.get_by_label("List name").fill("watch")
    li.get_by_label("Format").select_option("csv")
    li.get_by_role("button", name="Import").click()
    # the review job's page: what the file changes and what replacing does, then the button
    expect(li.get_by_text("1 added, 0 removed, 1 changed", exact=True)).to_be_visible()
    expect(li.locator(".govuk-warning-text")).to_contain_text("every open case is screened")
    warning = li.locator(".govuk-button--warning")
    expect(warning).to_have_text("Replace the list watch")
    liaison.audit("03-replace-list")
    warning.click()
    expect(li.get_by_text("Replacing a screening list").first).to_be_visible()
    expect(li.get_by_role("link", name="See the list watch")).to_be_visible()
    for p in (exporter, liaison):
        p.ctx.close()
    assert not report, "\n\n".join(report)
