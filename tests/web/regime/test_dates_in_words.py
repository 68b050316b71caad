"""The delegate's and the guest's regime pages write days as people read them
("29 September 2008"), not as ISO codes ("2008-09-29"); list-version keys such as
eu-dual-use@2023-12 are names, not days, and stay; so does the declassification line of a
marked document ("Declassify on 2033-09-30"), which follows the marking convention."""

import re

import pytest
from django.contrib.auth import get_user_model

from catchall.web.regime.demo import load_regime_demo
from catchall.web.regime.models import OutreachMeeting, Proposal
from tests.web.regime.test_pages_in_words import _visible

pytestmark = pytest.mark.django_db

ISO_DAY = re.compile(r"(?<![@\d-])\d{4}-\d{2}-\d{2}(?![\d-])")


@pytest.mark.parametrize("who", ["demo-delegate", "demo-guest"])
def test_regime_pages_write_days_in_words(client, who):
    load_regime_demo()
    client.force_login(get_user_model().objects.get(username=who))
    meeting = OutreachMeeting.objects.first().pk
    first = Proposal.objects.order_by("pk").first().pk  # not 1: PostgreSQL keeps its sequences
    for url in (
        "/regime/?within=7000",
        f"/regime/proposals/{first}/",
        "/regime/versions/",
        "/regime/meetings/",
        f"/regime/meetings/{meeting}/",
        f"/regime/meetings/{meeting}/evaluation/",
    ):
        r = client.get(url)
        assert r.status_code == 200, url
        main = r.content.decode().split('<main id="main"', 1)[1].split("</main>")[0]
        text = re.sub(r"Declassify on \d{4}-\d{2}-\d{2}", "", _visible(main))
        assert not ISO_DAY.findall(text), (url, ISO_DAY.findall(text)[:5])
    assert "29 September 2008" in _visible(client.get("/regime/?within=7000").content.decode())
