"""Security #13: a fake .gz uploaded on the lists page fails its review job, naming gzip."""

from __future__ import annotations

import gzip

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from catchall.web.demo import ensure_user
from tests.web.screening.list_jobs import upload_and_replace

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
def test_fake_or_broken_gz_upload_fails_naming_the_file(officer_client, content):
    from catchall.web.screening.models import ScreeningList

    page, replaced = upload_and_replace(
        officer_client,
        {"file": SimpleUploadedFile("fake.csv.gz", content), "name": "fake", "format": "csv"},
    )
    assert replaced is None and "The job failed" in page.content.decode()
    assert b"gzip" in page.content
    assert not ScreeningList.objects.filter(name="fake").exists()
