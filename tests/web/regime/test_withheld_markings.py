"""Security #10: a refusal names a withheld paragraph, never its marking, to a reader it is
withheld from; the sponsor, who may read its own paragraph, still learns what to re-mark."""

import datetime as dt
import json

import pytest

from catchall.core.errors import InputError
from catchall.web.regime.services import proposals as ps

from .helpers import D2008, DECL, answered, draft

pytestmark = pytest.mark.django_db

SECRET_BODY = "(U) Purpose.\n\n(S//NOFORN) Negotiating room.\n\n(C//REL TO USA, BRA) More room."
# The paragraphs' markings, and who they exclude, in any spelling: none may reach the PoC.
MARKING_WORDS = ("is marked", "NOFORN", "S//", "SECRET", "REL TO USA", "BRA", "Brazil", "Argentina")


def assert_names_only(problems, fields):
    assert [p.field for p in problems] == fields
    for p in problems:
        for word in MARKING_WORDS:
            assert word not in p.message, (word, p.message)


def test_the_point_of_contact_learns_which_paragraph_but_not_its_marking(people):
    p = answered(people)
    ps.proposal_revise(
        actor=people["us-delegate"], proposal=p, title="(U) t", body=SECRET_BODY, **DECL
    )
    with pytest.raises(InputError) as exc:
        ps.proposal_circulate(actor=people["fr-poc"], proposal=p, today=dt.date(2008, 10, 3))
    assert_names_only(exc.value.problems, ["body.paragraph[2]", "body.paragraph[3]"])
    assert all("re-mark" in pr.message for pr in exc.value.problems)


def test_the_circulate_api_does_not_reveal_the_marking_either(client, people):
    p = answered(people)
    client.force_login(people["fr-poc"])
    r = client.post(
        f"/api/regime/proposals/{p.pk}/actions/circulate",
        data=json.dumps({"circulated_on": "2008-10-03"}),
        content_type="application/json",
    )
    assert r.status_code == 422, r.content
    text = json.dumps(r.json())
    assert "body.paragraph[2]" in text
    for word in ("is marked", "C/REL", "REL TO BRA", "BRA", "ZAF", "South Africa", "Argentina"):
        assert word not in text, word


def test_the_sponsor_still_sees_its_own_marking_and_who_cannot_read_it(people):
    p = draft(people, body=SECRET_BODY)
    with pytest.raises(InputError) as exc:
        ps.proposal_preview(
            actor=people["us-delegate"],
            proposal=p,
            release_list=["BR"],
            feedback_deadline=dt.date(2008, 9, 29),
            today=D2008,
        )
    [problem] = exc.value.problems
    assert problem.field == "body.paragraph[2]"
    assert "NOFORN" in problem.message and "Brazil" in problem.message
