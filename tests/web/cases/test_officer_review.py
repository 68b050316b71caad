"""Defects found walking the licensing officer's and the senior officer's journeys: each test
fails on the code before its fix."""

from __future__ import annotations

import pytest

from catchall.core.errors import InputError
from catchall.web.cases.models import Decision, Recommendation
from catchall.web.cases.services import case_act
from tests.web.cases.test_action_pages import _classified, _login
from tests.web.cases.test_workflow import fresh, to_recommended

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
