"""The whole case-work story of issue 13 in a real browser, from a submitted application to the
refusal sent: officer (whose turn; start the review; assign the expert) -> technical expert
(confirms item 1, changes item 2's entries) -> officer (the case is back; recommends refusal)
-> senior officer (forgets the outcome: an error; refuses with a reason for the exporter and
partners and an internal note) -> officer (previews the letter and the notification, sends).

Every click a person makes is counted (log-ins included) and printed; before this work the
same story took about 28 clicks and 5 log-ins. axe-core checks every page the story shows at
1366 and 390 px (zero violations), and screenshots of both widths are kept under
test-artifacts/screenshots/. The letter and the denial notification carry the public reason
only; the internal note stays an internal case note.
"""

from __future__ import annotations

import copy
import re

import pytest

from tests.browser.conftest import ARTIFACTS
from tests.web.cases.conftest import FLOW_FORMER

expect = pytest.importorskip("playwright.sync_api").expect
Axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1366, 390)
PUBLIC = "The end user develops missiles; these machines would serve that programme."
INTERNAL = "Agree with the officer: 2B009 and 2B001 items to a designated end user."
# the flow-former case of the web tests, with a second item the classifier cannot rate
APPLICATION = copy.deepcopy(FLOW_FORMER) | {"reference": "STORY-1"}
APPLICATION["items"].append(
    {
        "description": "Five-axis machining centre for turbine blades",
        "kind": "other",
        "quantity": 1,
        "value": "900000 EUR",
    }
)


class Person:
    """One person's browser: every click counted, every page audited at both widths."""

    def __init__(self, browser, live_server, username: str, story: Story):
        self.ctx = browser.new_context(
            base_url=live_server.url, viewport={"width": WIDTHS[0], "height": 900}, bypass_csp=True
        )
        self.pg = self.ctx.new_page()
        self.pg.set_default_timeout(20_000)
        self.story, self.name = story, username
        self.pg.goto("/login/")
        self.pg.get_by_label("Username").fill(username)
        self.pg.get_by_label("Password").fill("demo")
        self.click(self.pg.get_by_role("button", name="Log in"))
        story.logins += 1

    def click(self, locator) -> None:
        self.story.clicks += 1
        locator.click()

    def audit(self, label: str) -> None:
        self.story.audit(self.pg, f"{self.name}-{label}")


class Story:
    def __init__(self):
        self.clicks = self.logins = self.pages = 0
        self.axe, self.report = Axe(), []

    def audit(self, pg, label: str) -> None:
        self.pages += 1
        for width in WIDTHS:
            pg.set_viewport_size({"width": width, "height": 900})
            results = self.axe.run(pg)
            if results.violations_count:
                self.report.append(f"{label} at {width}px:\n{results.generate_report()}")
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            pg.screenshot(
                path=str(ARTIFACTS / f"story-{self.pages:02d}-{label}-{width}.png"), full_page=True
            )
        pg.set_viewport_size({"width": WIDTHS[0], "height": 900})


def panel(pg):
    return pg.get_by_role("region", name=re.compile("Whose turn|Your turn"))


@pytest.fixture
def submitted(transactional_db):
    from catchall.web.cases.services import case_act, case_create
    from catchall.web.demo import load_users

    users = load_users()
    case = case_create(actor=users["demo-exporter"], data=copy.deepcopy(APPLICATION))
    case_act(case, "submit", actor=users["demo-exporter"])
    case.refresh_from_db()
    return case


def test_officer_expert_officer_senior_refusal_with_a_public_reason_and_an_internal_note(
    browser, live_server, submitted
):
    from catchall.web.cases.models import Case
    from catchall.web.denials.models import DenialNotification

    case, story = submitted, Story()
    people = []
    try:
        # The officer: the panel says what the case waits for; the review starts from it.
        officer = Person(browser, live_server, "demo-officer", story)
        people.append(officer)
        o = officer.pg
        o.goto(f"/cases/{case.pk}/")
        officer.audit("01-submitted")
        officer.click(panel(o).get_by_role("button", name="Start the review"))
        turn = panel(o)
        expect(turn).to_contain_text(
            "The technical expert must rate item 2 (Five-axis machining centre for turbine "
            "blades: undetermined, not rated automatically) before a recommendation."
        )
        officer.audit("02-review-started")
        officer.click(turn.get_by_role("link", name="Assign a technical expert"))
        o.get_by_label("Who should work on the case?").select_option(
            label="Theo Technical (Technical expert)"
        )
        officer.audit("03-assign")
        officer.click(o.get_by_role("button", name="Assign", exact=True))
        expect(panel(o)).to_contain_text("Theo Technical (technical expert)")

        # The technical expert rates each item: item 1 confirmed, item 2 given 2B001.
        expert = Person(browser, live_server, "demo-expert", story)
        people.append(expert)
        x = expert.pg
        x.goto(f"/cases/{case.pk}/")
        officer_turn = panel(x)
        expect(officer_turn.get_by_role("heading", name="Your turn")).to_be_visible()
        expert.click(officer_turn.get_by_role("link", name="Rate the items"))
        expect(x.get_by_role("heading", level=1)).to_have_text("Rate the items")
        assert x.locator("input[type=radio]:checked").count() == 0
        expert.audit("04-rate")
        item1 = x.get_by_role("region", name=re.compile("^Item 1:"))
        expert.click(item1.get_by_label(re.compile("^Confirm the classifier's entries")))
        item1.get_by_label("Your reasoning").fill("Four rollers, three contouring axes: 2B009.")
        expert.click(item1.get_by_role("button", name="Save the rating of item 1"))
        item2 = x.get_by_role("region", name=re.compile("^Item 2:"))
        expert.click(item2.get_by_label("It is controlled by these entries"))
        item2.get_by_label("Entry numbers").fill("2B001")
        item2.get_by_label("Your reasoning").fill(
            "Five simultaneous contouring axes, 4 um positioning accuracy: 2B001."
        )
        expert.click(item2.get_by_role("button", name="Save the rating of item 2"))
        expect(x.get_by_role("status").first).to_contain_text(
            "the case is back with Lena Licensing"
        )
        expert.audit("05-rated")

        # The officer: the case is back; the recommendation page preselects nothing.
        o.goto(f"/cases/{case.pk}/")
        turn = panel(o)
        expect(turn.get_by_role("heading", name="Your turn")).to_be_visible()
        officer.click(turn.get_by_role("link", name="Record your recommendation"))
        assert o.locator("input[type=radio]:checked").count() == 0
        officer.audit("06-recommend")
        officer.click(o.get_by_label("Refuse", exact=True))
        o.get_by_label("Your reasoning").fill(
            "Designated end user; 2B009 and, as rated by the expert, 2B001 items."
        )
        officer.click(o.get_by_role("button", name="Record the recommendation"))
        expect(o.get_by_role("status").first).to_contain_text("Recommendation recorded: refuse")

        # The senior: the officer's recommendation first; no outcome chosen is an error.
        senior = Person(browser, live_server, "demo-senior", story)
        people.append(senior)
        s = senior.pg
        s.goto(f"/cases/{case.pk}/")
        officer_turn = panel(s)
        senior.click(officer_turn.get_by_role("link", name=re.compile("Countersign")))
        headings = s.get_by_role("heading", level=2).all_inner_texts()
        assert headings.index("The officer's recommendation") < headings.index(
            "The automatic assessment"
        )
        expect(s.get_by_text("2B001").first).to_be_visible()  # the expert's rating
        assert s.locator("input[type=radio]:checked").count() == 0
        senior.audit("07-countersign")
        s.get_by_label("Reason given to the exporter and partners").fill(PUBLIC)
        s.get_by_label("Internal note (optional)").fill(INTERNAL)
        senior.click(s.get_by_role("button", name="Record the decision"))
        expect(s).to_have_title(re.compile(r"^Error: "))
        assert Case.objects.get(pk=case.pk).status == "recommended"
        senior.audit("08-countersign-error")
        senior.click(
            s.locator(".govuk-error-summary").get_by_role("link", name="Select an outcome")
        )
        senior.click(s.get_by_label("Refuse", exact=True))
        senior.click(s.get_by_role("button", name="Record the decision"))
        expect(s.get_by_role("status").first).to_contain_text("Decision recorded: refuse")

        # The officer sees the letter and the notification as they will go, then sends.
        o.goto(f"/cases/{case.pk}/")
        officer.click(panel(o).get_by_role("link", name="Send the refusal"))
        expect(o.get_by_role("heading", level=1)).to_have_text(
            "Check the refusal before you send it"
        )
        expect(o.locator(".letter-preview")).to_contain_text(PUBLIC)
        assert INTERNAL not in o.content()
        officer.audit("09-preview")
        officer.click(o.get_by_role("button", name="Send the refusal"))
        expect(o.get_by_role("status").first).to_contain_text(
            re.compile(r"Refusal REF-\S+ sent to the exporter; notification .* shared with \d+")
        )
        officer.audit("10-sent")
    finally:
        for person in people:
            person.ctx.close()

    case = Case.objects.get(pk=case.pk)
    assert case.status == "refusal_sent"
    letter = case.documents.get(kind="refusal")
    assert PUBLIC in letter.html and INTERNAL not in letter.html
    sent = DenialNotification.objects.filter(case_reference=case.reference)
    assert sent.exists() and {n.reason_for_refusal for n in sent} == {PUBLIC}
    assert case.notes.filter(internal=True, text=INTERNAL).exists()
    assert not case.notes.filter(internal=False, text__contains=INTERNAL).exists()
    ratings = {r.item.get("description"): r for r in case.ratings.all()}
    assert ratings["Five-axis machining centre for turbine blades"].entries == ["2B001"]
    print(
        f"\ncase story: {story.clicks} clicks, {story.logins} log-ins, "
        f"{story.pages} pages audited at 2 widths, axe violations: {len(story.report)}"
    )
    assert not story.report, "\n\n".join(story.report)
