"""Two officers deciding the same case at once: the second gets a clear conflict, nothing lost."""

import pytest

from catchall.web.cases.models import Case, Decision
from catchall.web.cases.services import Conflict, case_act
from tests.web.cases.test_workflow import to_recommended

pytestmark = pytest.mark.django_db


def test_a_decision_made_on_a_stale_view_is_refused_with_who_changed_it(users, app_data):
    case = to_recommended(users, app_data)
    seen_by_both = case.lock_version
    case_act(
        case,
        "decide",
        actor=users["senior"],
        expected_version=seen_by_both,
        outcome="deny",
        reason="first",
    )
    with pytest.raises(Conflict, match="senior"):
        case_act(
            Case.objects.get(pk=case.pk),
            "decide",
            actor=users["senior2"],
            expected_version=seen_by_both,
            outcome="approve",
            reason="second",
        )
    assert list(Decision.objects.values_list("reason", flat=True)) == ["first"]


def test_the_conflict_page_keeps_what_the_second_officer_typed(client, users, app_data):
    case = to_recommended(users, app_data)
    stale = case.lock_version
    case_act(
        case,
        "decide",
        actor=users["senior"],
        expected_version=stale,
        outcome="deny",
        reason="first",
    )
    client.force_login(users["senior2"])
    r = client.post(
        f"/cases/{case.pk}/act/return_to_officer/",
        {"lock_version": stale, "reason": "my careful reasons"},
    )
    assert r.status_code == 409
    html = r.content.decode()
    assert "changed by someone else" in html
