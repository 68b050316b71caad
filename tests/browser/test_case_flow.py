"""A licence case from the exporter's paste to the partners' denial file, in a real browser.

Each role works in its own browser context, reaching every control by its label or role as a
screen-reader user would; the technical expert works with JavaScript switched off and the
senior officer with the keyboard only. Screenshots of every step are kept under
test-artifacts/screenshots/.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from pypdf import PdfReader

from tests.browser.conftest import login

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FLOW_FORMER = {
    "description": "CNC flow-forming machine, four rollers",
    "kind": "machine_tool.flow_forming",
    "parameters": {
        "rollers": 4,
        "contouring_axes": 3,
        "roller_force": "120 kN",
        "nc_capable": True,
    },
    "quantity": 1,
    "value": "1500000 EUR",
}


def application(end_user: str, item: dict = FLOW_FORMER) -> str:
    return json.dumps(
        {
            "exporter": {"name": "Neckar Umformtechnik GmbH", "country": "DE"},
            "destination": "IR",
            "parties": [
                {"role": "end_user", "name": end_user, "country": "IR", "address": "Tehran"}
            ],
            "end_use": "Production of gas cylinders",
            "items": [item],
        },
        indent=2,
    )


# A partner's notification in the UK LITE denial CSV layout, naming the end user in another
# transliteration than the exporter will use.
PARTNER_DENIAL = (
    "reference,regime_reg_ref,notifying_government,denial_cle,item_description,end_use,"
    "reason_for_refusal,name,address,country,entity_type\n"
    'GB-2025-031,MTCR-2025-0107,United Kingdom,2B109,"CNC flow-forming machine, 3 rollers",'
    "Motor cases,Risk of diversion to a missile programme,Sahand Sanat Pishro Company,Karaj,IR,end_user\n"
)


@pytest.fixture
def demo_users(transactional_db):
    from catchall.web.demo import load_users

    return load_users()


@pytest.fixture
def as_user(browser, live_server, demo_users):
    """A fresh browser context logged in as a demo user (each role keeps its own session)."""
    contexts = []

    def open_as(username: str, *, javascript: bool = True, keyboard: bool = False):
        ctx = browser.new_context(
            base_url=live_server.url,
            viewport={"width": 1280, "height": 900},
            java_script_enabled=javascript,
        )
        contexts.append(ctx)
        pg = ctx.new_page()
        pg.set_default_timeout(20_000)
        if keyboard:
            login_by_keyboard(pg, username, "demo")
        else:
            login(pg, username, "demo")
        expect(pg.get_by_role("button", name="Log out")).to_be_visible()
        return pg

    yield open_as
    for ctx in contexts:
        ctx.close()


def login_by_keyboard(pg, username: str, password: str) -> None:
    """Log in with Tab and Enter only."""
    pg.goto("/login/")
    tab_to(pg, pg.get_by_label("Username"))
    pg.keyboard.type(username)
    pg.keyboard.press("Tab")
    pg.keyboard.type(password)
    assert pg.get_by_label("Password").input_value() == password
    with pg.expect_navigation():
        pg.keyboard.press("Enter")


def action(pg, title: str):
    """The case page's button that opens one workflow action's page."""
    return pg.get_by_role("button", name=title, exact=True)


def status_of(pg) -> str:
    return pg.get_by_role("heading", level=1).inner_text()


def expect_status(pg, status: str) -> None:
    """Wait until the case page's heading shows ``status`` (the POST and redirect may still run)."""
    expect(pg.get_by_role("heading", level=1)).to_contain_text(status)


def tab_to(pg, locator, limit: int = 200) -> None:
    """Press Tab until ``locator`` has the focus; fail if the keyboard cannot reach it."""
    for _ in range(limit):
        if locator.evaluate("el => el === document.activeElement"):
            return
        pg.keyboard.press("Tab")
    raise AssertionError(f"{locator} cannot be reached with the Tab key")


def open_case(pg, reference: str) -> None:
    pg.goto("/cases/")
    pg.get_by_role("link", name=reference, exact=True).click()
    pg.wait_for_url(re.compile(r"/cases/\d+/$"))


def new_application(pg, shot, document: str, step: str) -> str:
    """The exporter pastes the application, saves the draft and submits it; its reference."""
    pg.goto("/cases/")
    pg.get_by_role("link", name="or upload an application file").click()
    pg.get_by_label("Application (JSON or YAML)").fill(document)
    pg.get_by_role("button", name="Save draft").click()
    pg.wait_for_url(re.compile(r"/cases/\d+/$"))
    expect_status(pg, "Draft")
    reference = status_of(pg).split()[0]
    shot(pg, f"{step}-draft")
    pg.get_by_role("region", name="Your turn").get_by_role(
        "button", name="Submit the application"
    ).click()
    expect_status(pg, "Submitted")
    shot(pg, f"{step}-submitted")
    return reference


def test_an_exporter_cannot_ship_a_flow_former_to_a_listed_end_user_and_partners_are_told(
    page, as_user, shot
):
    # The exporter pastes the application and submits it.
    login(page, "demo-exporter", "demo")
    reference = new_application(
        page, shot, application("Shahid Bakeri Industrial Group"), "01-exporter"
    )

    # The officer opens it from the queue and starts the review: the automatic assessment
    # shows the end user's list match and recommends denial.
    officer = as_user("demo-officer")
    officer.goto("/cases/")
    shot(officer, "02-officer-queue")
    open_case(officer, reference)
    officer.get_by_role("region", name="Your turn").get_by_role(
        "button", name="Start the review"
    ).click()
    expect_status(officer, "Under review")
    expect(officer.get_by_role("heading", name="Recommendation: REFUSE")).to_be_visible()
    parties = officer.get_by_role("row").filter(
        has=officer.get_by_role("cell", name="End user", exact=True)
    )
    assert "SHAHID BAGHERI INDUSTRIAL GROUP" in parties.inner_text()
    assert "on Programs of concern" in parties.inner_text()
    # No partner denial applies, so there is no consultation to resolve and no empty form for it.
    assert action(officer, "Record the outcome of a partner consultation").count() == 0
    shot(officer, "03-officer-assessment")

    # The technical expert confirms the classification with JavaScript switched off.
    expert = as_user("demo-expert", javascript=False)
    open_case(expert, reference)
    expect(expert.get_by_text("2B009", exact=True).first).to_be_visible()
    action(expert, "Confirm the classification").click()
    expert.get_by_label("Note").fill("Four rollers, three contouring axes: 2B009 (MTCR 3.B.3).")
    expert.get_by_role("button", name="Confirm the classification").click()
    expect_status(expert, "Classification confirmed")
    shot(expert, "04-expert-confirmed-without-javascript")

    # The officer recommends denial.
    officer.reload()
    action(officer, "Record the officer's recommendation").click()
    officer.get_by_label("Refuse", exact=True).check()
    officer.get_by_label("Your reasoning").fill(
        "The end user is designated for Iran's missile programme."
    )
    officer.get_by_role("button", name="Record the recommendation").click()
    expect_status(officer, "Recommended")
    shot(officer, "05-officer-recommended")

    # The senior officer logs in and countersigns the refusal with the keyboard only.
    senior = as_user("demo-senior", keyboard=True)
    open_case(senior, reference)
    tab_to(senior, action(senior, "Countersign the decision"))
    senior.keyboard.press("Enter")
    # Nothing is chosen for the senior: the arrow keys choose "Refuse" in the radio group.
    assert senior.locator("input[type=radio]:checked").count() == 0
    tab_to(senior, senior.get_by_label("Approve", exact=True))
    senior.keyboard.press("ArrowDown")
    senior.keyboard.press("ArrowDown")
    assert senior.get_by_label("Refuse", exact=True).is_checked()
    tab_to(senior, senior.get_by_label("Reason given to the exporter and partners"))
    senior.keyboard.type("Risk of use in Iran's solid-propellant motor production.")
    tab_to(senior, senior.get_by_role("button", name="Record the decision"))
    senior.keyboard.press("Enter")
    expect_status(senior, "Refused")
    shot(senior, "06-senior-refused-by-keyboard")

    # The officer sends the refusal; its PDF names the case and the reason.
    officer.reload()
    action(officer, "Send the refusal").click()  # the letter and notification, as they will go
    officer.get_by_role("button", name="Send the refusal").click()
    expect_status(officer, "Refusal sent")
    letter = officer.get_by_role("listitem").filter(has_text="Refusal letter")
    pdf = officer.request.get(letter.get_by_role("link", name="PDF").get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert reference in text and "solid-propellant motor production" in text
    shot(officer, "07-officer-refusal-sent")

    # The liaison officer exports the denial notification for the partners.
    liaison = as_user("demo-liaison")
    liaison.goto("/denials/")
    assert liaison.get_by_role("row").filter(has_text="Shahid Bakeri Industrial Group").count() == 1
    shot(liaison, "08-liaison-denials")
    with liaison.expect_download() as download:
        liaison.get_by_role("link", name="LITE CSV").click()
    with open(download.value.path(), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    [row] = [r for r in rows if r["name"] == "Shahid Bakeri Industrial Group"]
    assert row["denial_cle"] == "2B009" and row["entity_type"] == "end_user"
    assert row["country"] == "IR"


def test_a_partner_denial_of_a_similar_machine_holds_approval_until_the_partner_is_consulted(
    page, as_user, shot
):
    # The liaison officer imports the United Kingdom's notification (LITE CSV).
    liaison = as_user("demo-liaison")
    liaison.goto("/denials/import/")
    liaison.get_by_label("File").set_input_files(
        files=[
            {"name": "gb-denials.csv", "mimeType": "text/csv", "buffer": PARTNER_DENIAL.encode()}
        ]
    )
    liaison.get_by_label("Format").select_option("lite-csv")
    liaison.get_by_role("button", name="Import").click()
    expect(liaison.get_by_role("status")).to_contain_text("1 new")
    shot(liaison, "01-liaison-imported")

    # The exporter applies for a similar machine to the same company, spelt differently.
    login(page, "demo-exporter", "demo")
    three_rollers = {**FLOW_FORMER, "description": "CNC flow-forming machine, three rollers"}
    three_rollers["parameters"] = {**FLOW_FORMER["parameters"], "rollers": 3}
    reference = new_application(
        page, shot, application("Sahand Sanaat Pishrow Co.", three_rollers), "02-exporter"
    )

    # The officer sees that the UK must be consulted, and why.
    officer = as_user("demo-officer")
    open_case(officer, reference)
    officer.get_by_role("region", name="Your turn").get_by_role(
        "button", name="Start the review"
    ).click()
    consult = officer.get_by_role("definition").filter(has_text="GB-2025-031")
    expect(officer.get_by_role("term").filter(has_text="Consult before approving")).to_be_visible()
    text = consult.inner_text()
    assert "United Kingdom (GB) GB-2025-031" in text
    assert "matches denied end user 'Sahand Sanat Pishro Company'" in text
    assert "both implement MTCR Annex item 3.B.3" in text
    pending = officer.get_by_role("region", name="Partner consultations (no-undercut)")
    assert "pending" in pending.inner_text()
    shot(officer, "03-officer-sees-consultation")

    expert = as_user("demo-expert")
    open_case(expert, reference)
    action(expert, "Confirm the classification").click()
    expert.get_by_role("button", name="Confirm the classification").click()
    expect_status(expert, "Classification confirmed")

    officer.reload()
    action(officer, "Record the officer's recommendation").click()
    officer.get_by_label("Approve with conditions", exact=True).check()
    # The conditions the assessment proposes are offered, one per line, for the officer to edit.
    conditions = officer.get_by_label("Conditions, one per line").input_value().splitlines()
    assert "End-user statement naming the end use and the end-use location" in conditions
    assert not any("{" in c for c in conditions)
    officer.get_by_label("Your reasoning").fill(
        "Civil gas-cylinder production, if the UK does not object."
    )
    officer.get_by_role("button", name="Record the recommendation").click()
    expect_status(officer, "Recommended")

    # Approval is refused while the consultation is open; nothing typed is lost.
    senior = as_user("demo-senior")
    open_case(senior, reference)
    decide(senior, "Approve with conditions", "Civil end use verified on site.")
    expect(senior.get_by_role("alert")).to_contain_text(
        "Consult before approving (no-undercut): United Kingdom (GB) GB-2025-031"
    )
    reason = senior.get_by_label("Reason given to the exporter and partners")
    assert reason.input_value() == "Civil end use verified on site."
    shot(senior, "04-senior-approval-refused")

    # The liaison officer records the UK's answer; now the senior officer may approve.
    open_case(liaison, reference)
    action(liaison, "Record the outcome of a partner consultation").click()
    liaison.get_by_label("Consultation").select_option(label="United Kingdom (GB) GB-2025-031")
    liaison.get_by_label("No objection", exact=True).check()
    liaison.get_by_label("Note").fill(
        "The UK's MTCR point of contact does not object (letter of 3 March)."
    )
    liaison.get_by_role("button", name="Record the outcome of a partner consultation").click()
    expect(
        liaison.get_by_role("region", name="Partner consultations (no-undercut)")
    ).to_contain_text("no objection")
    shot(liaison, "05-liaison-consultation-resolved")

    open_case(senior, reference)
    decide(senior, "Approve with conditions", "Civil end use verified; the UK does not object.")
    expect_status(senior, "Approved")
    shot(senior, "06-senior-approved")


def decide(pg, outcome: str, reason: str) -> None:
    """From the case page: the countersignature page, an outcome chosen by its label, the
    reason given to the exporter and partners."""
    action(pg, "Countersign the decision").click()
    pg.get_by_label(outcome, exact=True).check()
    pg.get_by_label("Reason given to the exporter and partners").fill(reason)
    pg.get_by_role("button", name="Record the decision").click()
