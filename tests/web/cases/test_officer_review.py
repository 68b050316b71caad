"""Defects found walking the licensing officer's and the senior officer's journeys: each test
fails on the code before its fix."""

from __future__ import annotations

import pytest

from catchall.core.errors import InputError
from catchall.web.cases.models import Decision, Recommendation
from catchall.web.cases.services import case_act
from tests.web.cases.test_action_pages import _classified, _login
from tests.web.cases.test_workflow import fresh, to_recommended
from tests.web.confidential import UNLISTED_MILL

pytestmark = pytest.mark.django_db


def test_approve_with_conditions_needs_a_condition_on_the_recommend_page(client, users, app_data):
    case = _classified(users, app_data)
    r = _login(client, users["officer"]).post(
        f"/cases/{case.pk}/act/recommend/",
        {
            "lock_version": case.lock_version,
            "outcome": "approve_with_conditions",
            "reasoning": "Verified end user.",
            "conditions": "  \n ",
        },
    )
    html = r.content.decode()
    assert r.status_code == 422 and not Recommendation.objects.exists()
    assert '<a href="#conditions"' in html
    assert "Enter at least one condition, or choose another outcome" in html
    assert fresh(case).status == "classification_confirmed"


def test_approve_with_conditions_needs_a_condition_through_the_service(users, app_data):
    """The API and the CLI call the same service: it refuses the empty list too."""
    case = _classified(users, app_data)
    with pytest.raises(InputError) as err:
        case_act(
            case,
            "recommend",
            actor=users["officer"],
            outcome="approve_with_conditions",
            reasoning="Verified end user.",
            conditions=[],
        )
    assert err.value.problems[0].field == "conditions"


def test_a_senior_cannot_approve_with_conditions_and_no_conditions(client, users, app_data):
    case = to_recommended(users, app_data)  # the officer recommended refusal: no conditions
    r = _login(client, users["senior"]).post(
        f"/cases/{case.pk}/act/decide/",
        {
            "lock_version": case.lock_version,
            "outcome": "approve_with_conditions",
            "reason": "Conditions make it safe.",
            "conditions": "",
        },
    )
    html = r.content.decode()
    assert r.status_code == 422 and not Decision.objects.exists()
    assert '<a href="#conditions"' in html
    assert "Enter at least one condition, or choose another outcome" in html
    assert fresh(case).status == "recommended"


def test_the_refusal_letter_names_the_end_users_country_not_its_code(client, users, app_data):
    case = to_recommended(users, app_data)
    case_act(case, "decide", actor=users["senior"], outcome="deny", reason="Missile programme.")
    case_act(fresh(case), "send_refusal", actor=users["officer"])
    letter = fresh(case).documents.get(kind="refusal").html
    assert "<li>Shahid Bakeri Industrial Group, Iran</li>" in letter
    assert ", IR</li>" not in letter


def test_the_licence_names_each_partys_role_and_country_in_words(client, users, partner_data):
    case = to_recommended(users, partner_data, outcome="approve_with_conditions")
    case_act(case, "decide", actor=users["senior"], outcome="approve_with_conditions", reason="OK")
    case_act(fresh(case), "issue_licence", actor=users["officer"])
    parties = fresh(case).documents.get(kind="licence").html.split("<h2>Parties</h2>")[1]
    parties = parties.split("</table>")[0]
    assert "<td>End user</td>" in parties and "<td>South Korea</td>" in parties
    assert "end_user" not in parties and "<td>KR</td>" not in parties


def test_the_queue_shows_the_automatic_recommendation_in_words(client, users, app_data):
    case = _classified(users, app_data)  # a designated end user: the assessment says deny
    assert fresh(case).auto_recommendation == "deny"
    html = _login(client, users["officer"]).get("/cases/").content.decode()
    cell = html.split('data-label="Assessment">')[1].split("</td>")[0]
    assert ">⚠ Refuse<" in cell.replace("\n", "") or ">Refuse<" in cell
    assert ">deny<" not in cell


def test_what_would_change_names_outcomes_in_words_not_codes():
    from catchall.web.assessment.readable import readable

    result = {
        "recommendation": "deny",
        "what_would_change": [
            "If the list match were shown to be a different entity, the recommendation would "
            "become refer.",
            "If enquiries rebutted the evidence, the recommendation would still be deny (other "
            "findings remain).",
            "Only if all of these were resolved would the recommendation become approve.",
        ],
    }
    changes = readable(result)["what_would_change"]
    assert changes[0].endswith("would become “refer for a closer review”.")
    assert "would still be “refuse” (other findings remain)" in changes[1]
    assert changes[2].endswith("would the recommendation become “approve”.")


def test_assigning_says_to_whom_the_case_went(client, users, app_data):
    from catchall.web.cases.services import case_create

    case = case_create(actor=users["exporter"], data=app_data)
    case_act(case, "submit", actor=users["exporter"])
    case_act(fresh(case), "start_review", actor=users["officer"])
    case = fresh(case)
    r = _login(client, users["officer"]).post(
        f"/cases/{case.pk}/act/assign/",
        {"lock_version": case.lock_version, "user_id": users["expert"].pk},
        follow=True,
    )
    html = r.content.decode()
    assert "Assign: done." not in html
    assert f"Case assigned to {users['expert'].get_full_name() or 'expert'}." in html


def test_the_recommending_officer_is_told_a_senior_officer_countersigns(users, partner_data):
    from catchall.web.cases.turn import whose_turn

    case = _classified(users, partner_data)
    case_act(case, "recommend", actor=users["officer"], outcome="approve", reasoning="Fine.")
    idle = whose_turn(fresh(case), users["officer"]).idle
    assert "another senior officer" not in idle  # the officer is not a senior officer
    assert (
        idle == "You recommended on this case, so a senior officer other than you countersigns it."
    )


def test_the_assign_a_technical_expert_step_opens_with_an_expert_chosen(client, users, app_data):
    import re

    from catchall.web.cases.services import case_create

    case = case_create(actor=users["exporter"], data=app_data)
    case_act(case, "submit", actor=users["exporter"])
    case_act(fresh(case), "start_review", actor=users["officer"])
    _login(client, users["officer"])
    page = client.get(f"/cases/{case.pk}/").content.decode()
    href = re.search(r'href="([^"]+)"[^>]*>Assign a technical expert<', page).group(1)
    form = client.get(href.replace("&amp;", "&")).content.decode()
    chosen = re.findall(r'<option value="(\d+)" selected>', form)
    assert chosen == [str(users["expert"].pk)], "the officer picked themselves by default"
    plain = client.get(f"/cases/{case.pk}/act/assign/").content.decode()  # the Assign button
    assert re.findall(r'<option value="(\d+)" selected>', plain) == [str(users["officer"].pk)]


UNLISTED_TO_PAKISTAN = {
    "exporter": {"name": "Neckar Umformtechnik GmbH", "country": "DE"},
    "destination": "PK",
    "parties": [{"role": "end_user", "name": "Lahore Engineering Works", "country": "PK"}],
    "items": [UNLISTED_MILL],
}


def test_the_inform_letter_preview_names_the_legal_basis_the_sent_letter_names(client, users):
    """The officer checks the notice before it goes: its legal basis must be on the preview,
    not only on the letter sent (whose assessment is re-run once the exporter is informed)."""
    import copy

    from catchall.web.cases.services import case_create

    case = case_create(actor=users["exporter"], data=copy.deepcopy(UNLISTED_TO_PAKISTAN))
    case_act(case, "submit", actor=users["exporter"])
    case_act(fresh(case), "start_review", actor=users["officer"])
    case = fresh(case)
    url = f"/cases/{case.pk}/act/issue_inform_letter/"
    _login(client, users["officer"])
    preview = client.post(url, {"lock_version": case.lock_version, "reason": "Rocket parts."})
    assert preview.status_code == 200 and not case.documents.exists()
    assert "Legal basis" in preview.content.decode()
    assert "EU 2021/821 Art. 4(1)(a)" in preview.content.decode()
    client.post(
        url, {"lock_version": case.lock_version, "reason": "Rocket parts.", "confirm": "yes"}
    )
    assert "EU 2021/821 Art. 4(1)(a)" in fresh(case).documents.get(kind="inform_letter").html


def test_the_application_as_submitted_gives_the_total_value_not_a_product(client, users, app_data):
    """ "1 × 1500000 EUR" read as a unit price times the quantity; the value is the total."""
    case = _classified(users, app_data)
    html = _login(client, users["officer"]).get(f"/cases/{case.pk}/").content.decode()
    submitted = html.split("Application as submitted")[1]
    assert "× 1500000" not in submitted
    assert "quantity 1, total value 1,500,000.00 EUR" in submitted


def test_the_decide_page_says_where_the_reason_goes_for_each_outcome(client, users, app_data):
    """The reason is printed only on a refusal; the hint said it always went to the exporter."""
    case = to_recommended(users, app_data)
    html = _login(client, users["senior"]).get(f"/cases/{case.pk}/act/decide/").content.decode()
    assert "If you refuse, it is printed on the refusal letter" in html
    assert "If you approve, it stays in the case file" in html


def test_the_history_tells_a_rating_and_the_denial_sharing_in_plain_english(users, app_data):
    """It read "Theo Technical rate an item." and "Denial notification shared with 1 partner."
    when one notification went to every partner."""
    from catchall.web.cases.services import case_create
    from tests.web.cases.test_history_sentences import _sentences

    for key, name in {"officer": "Lena Licensing", "expert": "Theo Technical"}.items():
        users[key].first_name, users[key].last_name = name.split()
        users[key].save()
    case = case_create(actor=users["exporter"], data=app_data)
    case_act(case, "submit", actor=users["exporter"])
    case_act(fresh(case), "start_review", actor=users["officer"])
    case_act(
        fresh(case),
        "rate_item",
        actor=users["expert"],
        index=0,
        outcome="confirm",
        reasoning="Three rollers, 100 kN: 2B009.",
    )
    case_act(fresh(case), "recommend", actor=users["officer"], outcome="deny", reasoning="Listed.")
    case_act(fresh(case), "decide", actor=users["senior"], outcome="deny", reason="Missiles.")
    case_act(fresh(case), "send_refusal", actor=users["officer"])
    told = _sentences(case, users["officer"])
    rated = told["case.rate_item"][0]
    assert "rate an item" not in rated
    assert rated.startswith("Theo Technical rated item 1: confirmed the classifier's entries")
    sent = " ".join(told["case.send_refusal"])
    assert "shared with 1 partner" not in sent
    assert "1 denial notification shared with the partner governments" in sent
