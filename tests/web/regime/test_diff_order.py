"""Comparing a list version with itself, or the newer one as "old", is refused with a message
naming the field: a briefing "from 2024-03 to 2022-10" would tell non-members that the
controls added since were removed. The first version of a list has none before it, and the
page says so rather than "not a list@version name"."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def delegate(client, people):
    client.force_login(people["us-delegate"])
    return client


@pytest.mark.parametrize("url", ["/regime/diff/", "/regime/briefing/"])
def test_the_newer_version_as_old_is_refused(delegate, url):
    r = delegate.get(url, {"old": "eu-dual-use@2023-12", "new": "eu-dual-use@2022-10"})
    assert r.status_code == 422
    body = r.content.decode()
    assert "Old version: " in body and "is newer than" in body


@pytest.mark.parametrize("url", ["/regime/diff/", "/regime/briefing/"])
def test_a_version_compared_with_itself_is_refused(delegate, url):
    r = delegate.get(url, {"old": "eu-dual-use@2023-12", "new": "eu-dual-use@2023-12"})
    assert r.status_code == 422
    assert "New version: choose a version other than the old one" in r.content.decode()


def test_the_first_version_has_none_before_it(delegate):
    r = delegate.get("/regime/briefing/", {"new": "eu-dual-use@2022-10"})
    assert r.status_code == 422
    body = r.content.decode()
    assert "first version of its list" in body and "not a list@version name" not in body


def test_the_api_refuses_the_same(delegate):
    r = delegate.get(
        "/api/control-lists/diff", {"old": "eu-dual-use@2023-12", "new": "eu-dual-use@2022-10"}
    )
    assert r.status_code == 422, r.content
