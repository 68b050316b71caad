"""A catch-all notice concerns items on no control list (EU 2021/821 Art. 4; MTCR Guidelines):
it names only those, and an application whose every item is listed gets none, since a licence
is already required for it and a missile end use is a ground for refusal instead."""

from __future__ import annotations

import re

import pytest

from catchall.core.errors import InputError
from catchall.web.cases.documents import ALL_LISTED
from catchall.web.cases.services import case_act, case_create
from tests.web.cases.test_action_pages import _login
from tests.web.cases.test_workflow import fresh
from tests.web.confidential import with_unlisted


def _under_review(users, data):
    case = case_create(actor=users["exporter"], data=data)
    case_act(case, "submit", actor=users["exporter"])
    case_act(fresh(case), "start_review", actor=users["officer"])
    return fresh(case)


def test_a_notice_for_listed_items_only_is_refused_and_nothing_is_written(users, app_data):
    case = _under_review(users, app_data)  # a listed flow-forming machine (2B009) only
    runs = case.assessments.count()
    with pytest.raises(InputError) as exc:
        case_act(case, "issue_inform_letter", actor=users["officer"], reason="Missile use.")
    assert exc.value.problems[0].field == "action"
    assert exc.value.problems[0].message == ALL_LISTED
    case = fresh(case)
    assert not case.documents.exists() and not case.catch_all_informed
    assert case.assessments.count() == runs and case.status == "under_review"


def test_the_page_says_why_before_any_preview(client, users, app_data):
    case = _under_review(users, app_data)
    _login(client, users["officer"])
    url = f"/cases/{case.pk}/act/issue_inform_letter/"
    opened = client.get(url).content.decode()
    assert "govuk-error-summary" in opened and ALL_LISTED in opened
    r = client.post(url, {"lock_version": case.lock_version, "reason": "Missile use."})
    assert r.status_code == 422
    html = r.content.decode()
    assert "govuk-error-summary" in html and ALL_LISTED in html
    assert not fresh(case).documents.exists()


def test_the_notice_names_only_the_unlisted_items(client, users, app_data):
    case = _under_review(users, with_unlisted(app_data))
    case_act(case, "issue_inform_letter", actor=users["officer"], reason="Rocket parts.")
    letter = fresh(case).documents.get(kind="inform_letter").html
    concerned = re.search(r"Items concerned</h2>\s*<ul>(.*?)</ul>", letter, re.S).group(1)
    assert "3-axis machining centre" in concerned
    assert "flow-forming" not in concerned
