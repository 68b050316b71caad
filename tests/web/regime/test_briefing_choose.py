"""The briefing pack's first page starts on a version that has one before it, so pressing
"Build the briefing" as offered builds one (the first version of a list has nothing to brief
on); the pack writes its days in words."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_offered_new_version_can_be_briefed_on(client, people):
    client.force_login(people["us-delegate"])
    form = client.get("/regime/briefing/").content.decode()
    new = re.search(r'<select id="new" name="new">(.*?)</select>', form, re.S).group(1)
    chosen = re.search(r"<option selected>([^<]+)</option>", new)
    assert chosen, "no version chosen for the new version"
    r = client.get("/regime/briefing/", {"old": "", "new": chosen.group(1)})
    assert r.status_code == 200
    body = r.content.decode()
    assert "(in force 1 October 2022)" in body and "(in force 16 December 2023)" in body
