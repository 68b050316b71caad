"""The technical experts' edits of the missile-relevance taxonomy change what the assessment does."""

import pytest

from catchall.web.accounts.models import Organisation
from catchall.web.assessment.services import assess_application
from catchall.web.demo import ensure_user

pytestmark = pytest.mark.django_db

# An unlisted positioning table sent to Syria with a stated missile end use: catch-all
# applies only if the kind is missile-relevant, which the experts decide in the taxonomy.
APP = {
    "exporter": {"name": "Neckar Umformtechnik GmbH", "country": "DE"},
    "destination": "SY",
    "parties": [{"role": "end_user", "name": "Aleppo Metrology Lab", "country": "SY"}],
    "end_use": "Inspection of rocket motor cases and nozzles",
    "items": [{"kind": "inertial.positioning_table", "parameters": {"axes": 1}}],
}


def test_an_expert_raising_a_kinds_relevance_makes_catch_all_apply():
    from catchall.web.regime.services.taxonomy import taxonomy_entry_edit

    expert = ensure_user(
        "expert",
        "technical_expert",
        Organisation.objects.create(name="Authority", kind="authority", country="DE"),
    )
    before = assess_application(APP, actor=expert).as_dict()
    taxonomy_entry_edit(
        actor=expert,
        kind="inertial.positioning_table",
        level="low",
        uses=["none for missiles (test)"],
        rationale="test: lowered",
        note="lowered for the test",
    )
    lowered = assess_application(APP, actor=expert).as_dict()
    taxonomy_entry_edit(
        actor=expert,
        kind="inertial.positioning_table",
        level="high",
        uses=["testing inertial guidance instruments"],
        rationale="test: raised",
        note="raised for the test",
    )
    raised = assess_application(APP, actor=expert).as_dict()
    assert lowered["items"][0]["missile_relevance"]["level"] == "low"
    assert raised["items"][0]["missile_relevance"]["level"] == "high"
    assert not lowered["catch_all"]["invoked"]
    assert raised["catch_all"]["invoked"]
    assert (
        before["items"][0]["missile_relevance"]["level"] != "low"
        or not before["catch_all"]["invoked"]
    )
