"""Briefing packs as PDF jobs (issue 15 item 2): a pack is made for its reader (what is
released to them, their name in the footer) and kept under the hash of that; asked again
unchanged it is served at once and the same. A reader whose releases changed since asking
does not get the stored pack from their job, and asking again makes the pack they may read."""

from __future__ import annotations

import io
import re

import pytest
from django.test import Client

from catchall.web.accounts.models import Organisation
from catchall.web.jobs.models import Job, StoredPdf
from catchall.web.jobs.services import run_job

pytestmark = pytest.mark.django_db

QUERY = "old=eu-dual-use@2022-10&new=eu-dual-use@2023-12"
CAVEAT = "Change date and EU act unverified"  # internal: never in what a guest receives


def _text(data: bytes) -> str:
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(re.sub(r"\s+", " ", p.extract_text() or "") for p in pages)


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def test_a_pack_is_made_once_per_reader_and_served_again_unchanged(people):
    delegate = _client(people["us-delegate"])
    url = f"/regime/briefing.pdf?{QUERY}"
    first = delegate.get(url)
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    assert delegate.get(url).content == first.content
    api = delegate.post(f"/api/regime/briefing/pdf?{QUERY}")
    assert api.status_code == 200 and api.content == first.content
    assert Job.objects.filter(kind="pdf.render").count() == 1 and StoredPdf.objects.count() == 1
    # another reader's pack names that reader: it is theirs, made for them
    other = _client(people["gb-delegate"]).get(url)
    assert other.status_code == 200 and other.content != first.content
    assert StoredPdf.objects.count() == 2
    # the internal briefing is another pack (the caveats the outreach pack leaves out)
    internal = delegate.get(url + "&audience=internal")
    assert CAVEAT in _text(internal.content) and CAVEAT not in _text(first.content)


def test_a_reader_whose_releases_changed_does_not_get_the_pack_of_their_job(people, settings):
    settings.CATCHALL_JOBS_MODE = "embedded"  # the job waits for a worker: run_job below
    person = people["us-delegate"]
    c = _client(person)
    asked = c.post(f"/api/regime/briefing/pdf?{QUERY}&audience=internal")
    assert asked.status_code == 202
    job = asked.json()["id"]
    run_job(job)
    assert CAVEAT in _text(_body(c.get(f"/api/jobs/{job}/download/pdf")))
    # no one else reads that reader's pack through the job, the authority's staff included
    assert _client(people["us-expert"]).get(f"/jobs/{job}/").status_code == 404
    assert _client(people["gb-delegate"]).get(f"/api/jobs/{job}").status_code == 404
    # the person now works for a government outside the regime, invited to outreach
    guest_org = Organisation.objects.get(name="Kazakhstan MFA")
    person.profile.role, person.profile.organisation = "outreach_guest", guest_org
    person.profile.save()
    assert c.get(f"/jobs/{job}/").status_code == 404
    assert c.get(f"/api/jobs/{job}").status_code == 404
    assert c.get(f"/jobs/{job}/download/pdf").status_code == 404
    assert c.get(f"/api/jobs/{job}/download/pdf").status_code == 404
    again = c.post(f"/api/regime/briefing/pdf?{QUERY}&audience=internal")
    assert again.status_code == 202 and again.json()["id"] != job
    run_job(again.json()["id"])
    text = _text(_body(c.get(f"/api/jobs/{again.json()['id']}/download/pdf")))
    assert "ISO 230-2:2006" in text and CAVEAT not in text
