"""Feedback on a previewed proposal is between the sponsor and each partner it was previewed
with: another partner sees neither who replied nor what they said, on the page or the API."""

from __future__ import annotations

from .helpers import answered


def _feedback_countries(client, who, pk):
    client.force_login(who)
    data = client.get(f"/api/regime/proposals/{pk}").json()
    page = client.get(f"/regime/proposals/{pk}/").content.decode()
    return sorted(f["country"] for f in data["feedback"]), page


def test_a_partner_sees_only_its_own_feedback(client, people):
    p = answered(people)  # Brazil and South Africa each sent feedback, each answered
    countries, page = _feedback_countries(client, people["za-partner"], p.pk)
    assert countries == ["ZA"]
    assert "Brazil — received" not in page and "South Africa — received" in page


def test_the_sponsor_and_the_point_of_contact_see_all_of_it(client, people):
    p = answered(people)
    for who in ("us-delegate", "fr-poc"):
        countries, page = _feedback_countries(client, people[who], p.pk)
        assert countries == ["BR", "ZA"], who
        assert "Brazil — received" in page and "South Africa — received" in page, who


def test_a_partners_reminders_name_only_its_own_feedback(people):
    from catchall.web.regime.releasability import reader_for
    from catchall.web.regime.selectors.proposals import deadlines_for

    from .helpers import previewed

    previewed(people)  # Brazil and South Africa owe feedback
    whats = lambda who: sorted(d.what for d in deadlines_for(reader_for(people[who])))  # noqa: E731
    assert whats("za-partner") == ["feedback due from South Africa"]
    assert whats("us-delegate") == ["feedback due from Brazil", "feedback due from South Africa"]
