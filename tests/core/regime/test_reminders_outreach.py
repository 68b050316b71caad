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
