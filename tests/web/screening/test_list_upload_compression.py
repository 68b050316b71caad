"""Security #13: a fake .gz uploaded on the lists page is a 422 page naming the file field."""

from __future__ import annotations

import gzip

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from catchall.web.demo import ensure_user

pytestmark = pytest.mark.django_db

CSV = b"id,name,countries\n1,Shahid Bakeri Industrial Group,IR\n"


@pytest.fixture
def officer_client(db) -> Client:
    from catchall.web.accounts.models import Organisation

    org = Organisation.objects.create(name="Authority", kind="authority", country="DE")
    client = Client(raise_request_exception=False)
    client.force_login(ensure_user("officer", "licensing_officer", org))
    return client


@pytest.mark.parametrize(
    "content",
    [CSV, b"\x1f\x8b\x08\x00garbage", gzip.compress(CSV * 100)[:40]],
    ids=["plain", "bad-header", "truncated"],
)
def test_fake_or_broken_gz_upload_is_422_naming_the_file(officer_client, content):
    from catchall.web.screening.models import ScreeningList

    r = officer_client.post(
        "/lists/",
        {"file": SimpleUploadedFile("fake.csv.gz", content), "name": "fake", "format": "csv"},
    )
    assert r.status_code == 422, r.content[:300]
    assert b"gzip" in r.content
    assert not ScreeningList.objects.filter(name="fake").exists()
