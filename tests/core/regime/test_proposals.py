"""The proposal state machine and the consensus rule (pure)."""

import datetime as dt

import pytest

from catchall.core.errors import InputError
from catchall.core.regime.proposals import (
    STATES,
    TRANSITIONS,
    actions_from,
    close_feedback_problems,
    consensus_problems,
    late,
    may_act,
    next_state,
    preview_problems,
)

TODAY = dt.date(2008, 9, 10)
PARTNERS = frozenset({"US", "BR", "ZA", "FR"})


def test_the_happy_path_runs_draft_to_adopted():
    s = "draft"
    for action in ("preview", "close_feedback", "circulate", "adopt"):
        s = next_state(s, action)
    assert s == "adopted"


@pytest.mark.parametrize("state", ["adopted", "withdrawn"])
def test_final_states_allow_nothing(state):
    assert actions_from(state) == []
    with pytest.raises(InputError, match="final"):
        next_state(state, "withdraw")


def test_a_draft_cannot_skip_preview_and_be_circulated_or_adopted():
    with pytest.raises(InputError, match="possible: preview, withdraw"):
        next_state("draft", "circulate")
    with pytest.raises(InputError):
        next_state("draft", "adopt")
    with pytest.raises(InputError):
        next_state("preview", "circulate")


def test_every_transition_goes_between_known_states():
    for t in TRANSITIONS.values():
        assert t.target in STATES and all(s in STATES for s in t.sources)


def test_deferred_can_be_reopened_but_not_adopted_later_without_circulating_again():
    assert next_state("deferred", "reopen") == "draft"
    with pytest.raises(InputError):
        next_state("deferred", "adopt")


def test_only_the_sponsor_previews_only_the_point_of_contact_circulates():
    assert may_act("preview", role="delegate", country="US", sponsor="US")
    assert not may_act("preview", role="delegate", country="GB", sponsor="US")
    assert not may_act("preview", role="partner_delegate", country="US", sponsor="US")
    assert may_act("circulate", role="point_of_contact", country="FR", sponsor="US")
    assert not may_act("circulate", role="delegate", country="US", sponsor="US")
    assert may_act("adopt", role="point_of_contact", country="FR", sponsor="US")
    assert not may_act("adopt", role="outreach_guest", country="KZ", sponsor="US")


def test_preview_needs_partners_other_than_the_sponsor_and_a_future_deadline():
    ok = preview_problems(
        release_list=["BR", "ZA"],
        sponsor="US",
        partners=PARTNERS,
        deadline=dt.date(2008, 9, 29),
        today=TODAY,
    )
    assert ok == []
    bad = preview_problems(
        release_list=["US", "KZ"], sponsor="US", partners=PARTNERS, deadline=TODAY, today=TODAY
    )
    text = " ".join(p.message for p in bad)
    assert "sponsor itself" in text and "not an MTCR partner" in text and "future" in text
    assert {p.field for p in bad} == {"release_list", "feedback_deadline"}
    assert preview_problems(
        release_list=[], sponsor="US", partners=PARTNERS, deadline=None, today=TODAY
    )


def test_feedback_cannot_be_closed_before_the_deadline_while_a_partner_is_silent():
    p = close_feedback_problems(
        release_list=["BR", "ZA"],
        responded={"BR": True},
        deadline=dt.date(2008, 9, 29),
        today=dt.date(2008, 9, 20),
    )
    assert p and "ZA" in p[0].message
    after = close_feedback_problems(
        release_list=["BR", "ZA"],
        responded={"BR": True},
        deadline=dt.date(2008, 9, 29),
        today=dt.date(2008, 9, 30),
    )
    assert after == []
    everyone = close_feedback_problems(
        release_list=["BR", "ZA"],
        responded={"BR": True, "ZA": True},
        deadline=dt.date(2008, 9, 29),
        today=dt.date(2008, 9, 20),
    )
    assert everyone == []


def test_unanswered_feedback_blocks_closing_even_after_the_deadline():
    p = close_feedback_problems(
        release_list=["BR"],
        responded={"BR": False},
        deadline=dt.date(2008, 9, 29),
        today=dt.date(2008, 10, 1),
    )
    assert p and "answer the feedback of BR" in p[0].message


def test_one_objection_blocks_adoption_but_not_deferral():
    assert consensus_problems("adopt", {"BR": "support", "ZA": "support"}) == []
    blocked = consensus_problems("adopt", {"BR": "support", "ZA": "object"})
    assert blocked and "ZA" in blocked[0].message
    assert consensus_problems("defer", {"ZA": "object"}) == []


def test_feedback_after_the_deadline_is_late():
    assert late(dt.date(2008, 9, 30), dt.date(2008, 9, 29))
    assert not late(dt.date(2008, 9, 29), dt.date(2008, 9, 29))
