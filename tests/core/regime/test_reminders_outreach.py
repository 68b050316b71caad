"""Reminders as deadlines near; outreach invitees drawn from cited data."""

import datetime as dt

import pytest

from catchall.core.errors import InputError
from catchall.core.regime.outreach import invitees, parse_outreach
from catchall.core.regime.reminders import Deadline, due, reminders_text

TODAY = dt.date(2008, 9, 20)


def test_overdue_and_near_deadlines_are_listed_far_ones_are_not():
    ds = [
        Deadline(dt.date(2008, 9, 29), "feedback due from Brazil", "Machine tools"),
        Deadline(dt.date(2008, 9, 18), "reply due from Embassy Pretoria", "Machine tools"),
        Deadline(dt.date(2008, 11, 5), "Plenary decision", "Machine tools"),
        Deadline(TODAY, "feedback due from South Africa", "Outreach"),
    ]
    rs = due(ds, today=TODAY, within_days=14)
    assert [r.deadline.what for r in rs] == [
        "reply due from Embassy Pretoria",
        "feedback due from South Africa",
        "feedback due from Brazil",
    ]
    assert [r.status for r in rs] == ["overdue by 2 days", "due today", "due in 9 days"]
    assert "overdue by 2 days" in reminders_text(rs)
    assert reminders_text([]) == "Nothing due.\n"


def test_invitees_for_2009_are_pending_applicants_and_agreed_destinations_never_partners():
    inv = {i.country: i for i in invitees(dt.date(2009, 6, 1))}
    assert "CN" in inv and set(inv["CN"].bases) == {"pending_applicant", "agreed_destination"}
    assert "LY" in inv and inv["LY"].bases == ["agreed_destination"]
    assert "BR" not in inv and "US" not in inv
    assert "OM" not in inv  # agreed only in 2016
    assert all(i.citations for i in inv.values())


def test_india_is_invited_as_an_applicant_in_2015_but_not_after_joining():
    assert "IN" in {i.country for i in invitees(dt.date(2015, 12, 1))}
    assert "IN" not in {i.country for i in invitees(dt.date(2016, 7, 1))}


def test_an_outreach_file_with_unknown_sources_or_format_is_refused():
    with pytest.raises(InputError, match="format"):
        parse_outreach({"format": "x"})
    with pytest.raises(InputError, match="unknown source"):
        parse_outreach(
            {
                "format": "catchall-outreach/1",
                "sources": {},
                "destinations": [{"country": "CN", "since": dt.date(2004, 1, 1), "sources": ["x"]}],
            }
        )


def test_reminders_group_by_subject_kind_and_date_and_cap_with_a_count():
    from catchall.core.regime.reminders import capped, grouped

    day = dt.date(2008, 9, 29)
    ds = [
        Deadline(day, "feedback due from Brazil", "P1", "/p/1/", "feedback", "Brazil"),
        Deadline(day, "feedback due from South Africa", "P1", "/p/1/", "feedback", "South Africa"),
        Deadline(day, "feedback due from India", "P2", "/p/2/", "feedback", "India"),
        Deadline(day, "reply due from Embassy Brasilia", "P1", "/p/1/", "post", "Embassy Brasilia"),
        Deadline(day, "outreach meeting in Paris", "M", "/m/1/", "meeting"),
        Deadline(day, "outreach meeting in Paris", "M", "/m/1/", "meeting"),
    ]
    groups = grouped(due(ds, today=dt.date(2008, 9, 20)))
    whats = [g.what for g in groups]
    assert "feedback due from Brazil and South Africa" in whats
    assert "feedback due from India" in whats and "reply due from Embassy Brasilia" in whats
    assert whats.count("outreach meeting in Paris") == 2  # no party: never merged
    assert len(groups) == 5
    shown, more = capped(groups, 3)
    assert len(shown) == 3 and more == 2
    assert "feedback due from Brazil and South Africa - P1" in reminders_text(
        due(ds, today=dt.date(2008, 9, 20))
    )


@pytest.mark.parametrize(
    ("state", "role", "country", "who", "what", "yours"),
    [
        ("draft", "delegate", "US", "the United States delegation", "preview it", True),
        ("draft", "partner_delegate", "BR", "the United States delegation", "preview it", False),
        ("answered", "point_of_contact", "FR", "the Point of Contact", "circulate it", True),
        ("circulated", "partner_delegate", "BR", "23rd Plenary", "decide it by consensus", False),
        ("deferred", "delegate", "US", "the United States delegation", "reopen it", True),
    ],
)
def test_whose_turn_names_the_party_the_step_and_whether_it_is_the_readers(
    state, role, country, who, what, yours
):
    from catchall.core.regime.proposals import whose_turn

    t = whose_turn(
        state=state,
        sponsor="US",
        sponsor_name="United States",
        release_list=["BR", "ZA"],
        feedback={},
        deadline=dt.date(2008, 9, 29),
        plenary="23rd Plenary",
        plenary_date=dt.date(2008, 11, 5),
        today=TODAY,
        reader_role=role,
        reader_country=country,
        names={"BR": "Brazil", "ZA": "South Africa", "US": "United States"},
    )
    assert t is not None and t.who == who and t.what.startswith(what) and t.yours is yours


def test_a_closed_proposal_waits_for_nobody_and_a_late_preview_waits_for_the_sponsor():
    from catchall.core.regime.proposals import whose_turn

    common = dict(
        sponsor="US",
        sponsor_name="United States",
        release_list=["BR", "ZA"],
        deadline=dt.date(2008, 9, 29),
        plenary="",
        plenary_date=None,
        reader_role="delegate",
        reader_country="US",
        names={"BR": "Brazil", "ZA": "South Africa"},
    )
    assert whose_turn(state="adopted", feedback={}, today=TODAY, **common) is None
    late = whose_turn(state="preview", feedback={"BR": False}, today=dt.date(2008, 10, 1), **common)
    assert late.what == "answer the comments of Brazil" and late.yours
    done = whose_turn(state="preview", feedback={"BR": True}, today=dt.date(2008, 10, 1), **common)
    assert done.what == "close the preview"
