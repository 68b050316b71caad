"""Security #9: an outreach guest sees its own invitation and notes, never another invitee's."""

import datetime as dt

import pytest

from catchall.web.regime.releasability import reader_for
from catchall.web.regime.selectors.outreach import meeting_detail
from catchall.web.regime.services.outreach import meeting_create, meeting_note_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def cn_guest(db):
    from django.contrib.auth import get_user_model

    from catchall.web.accounts.models import Organisation, Profile

    org = Organisation.objects.create(name="China MFA", kind="non_partner_government", country="CN")
    user = get_user_model().objects.create(username="cn-guest")
    Profile.objects.create(user=user, role="outreach_guest", organisation=org)
    return get_user_model().objects.select_related("profile__organisation").get(pk=user.pk)


@pytest.fixture
def meeting(people):
    m = meeting_create(
        actor=people["fr-poc"], title="TOM 2009", date=dt.date(2009, 4, 16), place="Paris"
    )
    assert {"KZ", "CN"} <= set(m.invitations.values_list("country", flat=True))
    for country, body in (
        ("KZ", "(U) Kazakh question on hexapods."),
        ("CN", "(U) Chinese question on flow-forming rollers."),
        ("", "(U) The PoC will circulate the Annex handbook to all invitees."),
    ):
        meeting_note_add(
            actor=people["fr-poc"], meeting=m, kind="question", body=body, country=country
        )
    return m


def test_each_guest_reads_its_own_notes_and_invitation_only(client, people, cn_guest, meeting):
    for user, own, other, other_name in (
        (people["kz-guest"], "hexapods", "flow-forming rollers", "China"),
        (cn_guest, "flow-forming rollers", "hexapods", "Kazakhstan"),
    ):
        d = meeting_detail(reader_for(user), meeting.pk)
        assert [i.country for i in d.invitations] == [user.profile.organisation.country]
        texts = " ".join(
            v.title_text + " " + " ".join(p.text for p in v.paragraphs) for _, v in d.notes
        )
        assert own in texts and "Annex handbook" in texts
        assert other not in texts and f"from {other_name}" not in texts
        client.force_login(user)
        for url in (
            f"/regime/meetings/{meeting.pk}/",
            f"/regime/meetings/{meeting.pk}/evaluation/",
            f"/regime/briefing/?meeting={meeting.pk}&old=eu-dual-use@2022-10&new=eu-dual-use@2023-12",
        ):
            r = client.get(url)
            body = r.content.decode()
            assert r.status_code in (200, 403, 404), url
            assert other not in body and f"Question from {other_name}" not in body, url
        assert own in client.get(f"/regime/meetings/{meeting.pk}/").content.decode()


def test_regime_staff_still_see_every_invitee_and_note(people, meeting):
    d = meeting_detail(reader_for(people["fr-poc"]), meeting.pk)
    assert {"KZ", "CN"} <= {i.country for i in d.invitations}
    assert {n.country for n, _ in d.notes} == {"KZ", "CN", ""}
