"""A list import is two jobs on the page (review, then replacement) and one through the API;
a button pressed twice, or a second upload while one runs for the list, starts no second job."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from catchall.web.demo import ensure_user
from catchall.web.jobs.models import Job
from catchall.web.screening.models import ListImport, ScreeningList
from tests.web.screening.list_jobs import upload_and_replace

pytestmark = pytest.mark.django_db
CSV = b"id,name,schema,aliases,countries\na,Alpha Trading,Company,,IR\nb,Beta Works,Company,,SY\n"


def _client(role: str) -> Client:
    from catchall.web.accounts.models import Organisation

    org, _ = Organisation.objects.get_or_create(
        name="Authority", defaults={"kind": "authority", "country": "DE"}
    )
    c = Client()
    c.force_login(ensure_user(role, role, org))
    return c


def _form(name: str = "watch") -> dict:
    return {"file": SimpleUploadedFile("w.csv", CSV), "name": name, "format": "csv"}


def test_the_review_writes_nothing_and_replace_pressed_twice_replaces_once():
    client = _client("licensing_officer")
    r = client.post("/lists/", _form())
    review = Job.objects.get(kind="lists.review")
    assert r.url == f"/jobs/{review.pk}/" and review.state == "done"
    assert review.input_name == "w.csv" and bytes(review.input_file) == CSV
    assert review.result["changes"]["added"] == 2 and review.result["import_id"] is None
    assert not ScreeningList.objects.filter(name="watch").exists()
    first = client.post("/lists/watch/replace/", {"review": review.pk})
    second = client.post("/lists/watch/replace/", {"review": review.pk})
    assert first.url == second.url
    assert Job.objects.filter(kind="lists.replace").count() == 1
    assert ListImport.objects.filter(screening_list__name="watch").count() == 1


def test_a_second_upload_while_a_job_runs_for_the_list_returns_that_job():
    client = _client("licensing_officer")
    running = Job.objects.create(kind="lists.replace", state="running", key="lists:watch")
    r = client.post("/lists/", _form())
    assert r.url == f"/jobs/{running.pk}/"
    api = client.post("/api/lists/watch/import", _form())
    assert api.status_code == 202 and api.json()["id"] == running.pk
    assert Job.objects.count() == 1


def test_only_importers_are_offered_the_replacement():
    review_page, _ = upload_and_replace(_client("licensing_officer"), _form())
    assert "Replace the list watch" in review_page.content.decode()
    review = Job.objects.get(kind="lists.review")
    senior = _client("senior_officer")
    page = senior.get(f"/jobs/{review.pk}/").content.decode()
    assert "2 to import" in page and "Replace the list" not in page
    assert senior.post("/lists/watch/replace/", {"review": review.pk}).status_code == 403


def test_a_review_of_another_list_or_no_review_is_not_found():
    client = _client("licensing_officer")
    client.post("/lists/", _form("watch"))
    review = Job.objects.get(kind="lists.review")
    assert client.post("/lists/other/replace/", {"review": review.pk}).status_code == 404
    assert client.post("/lists/watch/replace/", {"review": "x"}).status_code == 404
    assert client.get("/lists/watch/replace/").status_code == 405


def test_the_api_can_ask_for_the_report_only():
    r = _client("licensing_officer").post("/api/lists/watch/import", {**_form(), "review": "true"})
    assert r.status_code == 202 and r.json()["kind"] == "lists.review"
    assert r.json()["result"]["changes"]["added"] == 2
    assert not ScreeningList.objects.filter(name="watch").exists()
