"""A job in every face: the page (refreshing itself while it runs, a progress bar for screen
readers), GET /api/jobs/{id} and ``catchall jobs``; only its creator and the authority see it."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from catchall.web.demo import ensure_user
from catchall.web.jobs.models import Job
from catchall.web.jobs.services import submit, wait
from tests.conftest import run_cli
from tests.web.jobs.test_framework import count  # noqa: F401  (registers tests.count)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    from catchall.web.accounts.models import Organisation

    authority = Organisation.objects.create(name="Authority", kind="authority", country="DE")
    firm = Organisation.objects.create(name="Firm GmbH", kind="exporter", country="DE")
    other = Organisation.objects.create(name="Other AG", kind="exporter", country="DE")
    return {
        "exporter": ensure_user("anna", "exporter", firm),
        "other": ensure_user("otto", "exporter", other),
        "officer": ensure_user("olga", "licensing_officer", authority),
    }


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_a_running_job_page_refreshes_itself_and_shows_progress(people):
    j = Job.objects.create(
        kind="tests.count",
        state="running",
        done=3,
        total=12,
        message="counted 3",
        created_by=people["exporter"],
    )
    html = _client(people["exporter"]).get(f"/jobs/{j.pk}/").content.decode()
    assert '<meta http-equiv="refresh" content="5">' in html and "Stop refreshing" in html
    still = _client(people["exporter"]).get(f"/jobs/{j.pk}/?refresh=off").content.decode()
    assert "http-equiv" not in still and "Refresh now" in still
    assert '<label class="govuk-label" for="job-progress">Progress: counted 3</label>' in html
    assert '<progress id="job-progress" max="12" value="3">25 %</progress>' in html
    assert "3 of 12 (25 %)" in html and '<h1 class="govuk-heading-l">Counting</h1>' in html
    assert people["exporter"].get_full_name() or "anna" in html


def test_a_finished_job_page_stops_refreshing_and_shows_the_outcome(people):
    j = wait(submit("tests.count", {"to": 2}, user=people["exporter"]))
    html = _client(people["exporter"]).get(f"/jobs/{j.pk}/").content.decode()
    assert "http-equiv" not in html and "counted to 2" in html and "govuk-tag--green" in html
    failed = wait(submit("tests.count", {"to": 3, "fail_at": 1}, user=people["exporter"]))
    html = _client(people["exporter"]).get(f"/jobs/{failed.pk}/").content.decode()
    assert "The job failed" in html and "to: cannot count past 1" in html


def test_only_the_creator_and_the_authority_see_a_job(people):
    j = wait(submit("tests.count", {"to": 1}, user=people["exporter"]))
    for who, status in (("exporter", 200), ("officer", 200), ("other", 404)):
        c = _client(people[who])
        assert c.get(f"/jobs/{j.pk}/").status_code == status, who
        assert c.get(f"/api/jobs/{j.pk}").status_code == status, who
    assert Client().get(f"/api/jobs/{j.pk}").status_code == 401
    assert Client().get(f"/jobs/{j.pk}/").status_code == 302
    assert _client(people["officer"]).get("/api/jobs/999999").json() == {
        "error": "no job 999999",
        "problems": [],
    }


def test_the_api_describes_the_job(people):
    j = wait(submit("tests.count", {"to": 4}, user=people["exporter"]))
    d = _client(people["exporter"]).get(f"/api/jobs/{j.pk}").json()
    assert d["state"] == "done" and d["title"] == "Counting" and d["page"] == f"/jobs/{j.pk}/"
    assert d["progress"] == {"done": 4, "total": 4, "percent": 100, "message": "counted 4"}
    assert d["result"] == {"summary": "counted to 4", "sum": 10} and d["error"] is None


def test_an_attached_file_is_downloaded_by_those_who_see_the_job(people):
    j = wait(submit("tests.count", {"to": 1}, user=people["exporter"]))
    j.attach("note.txt", "text/plain", b"hello")
    r = _client(people["exporter"]).get(f"/jobs/{j.pk}/download/file")
    assert r.status_code == 200 and r.content == b"hello"
    assert r["Content-Disposition"] == 'attachment; filename="note.txt"'
    assert _client(people["other"]).get(f"/jobs/{j.pk}/download/file").status_code == 404
    assert _client(people["exporter"]).get(f"/jobs/{j.pk}/download/csv").status_code == 404


def test_cli_jobs_check_runs_parts_and_shows_the_job():
    """Inline here (the suite's mode); against Redis in test_celery."""
    r = run_cli("jobs", "--check", "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["state"] == "done" and d["title"] == "Checking the workers"
    assert d["progress"]["done"] == d["progress"]["total"] == 2 and len(d["result"]["workers"]) == 1
    listed = run_cli("jobs")
    assert listed.returncode == 0 and f"{d['id']:>6}  done" in listed.stdout
    shown = run_cli("jobs", str(d["id"]), "--json")
    assert json.loads(shown.stdout)["id"] == d["id"]
    missing = run_cli("jobs", "999999")
    assert missing.returncode == 2 and "JOB_ID: no job 999999" in missing.stderr


def test_worker_and_serve_with_worker_need_a_broker():
    for args in (("worker",), ("serve", "--with-worker", "--port", "8999")):
        r = run_cli(*args, env={"CATCHALL_BROKER_URL": "", "CATCHALL_JOBS": ""})
        assert r.returncode == 2, args
        assert "no broker configured: set CATCHALL_BROKER_URL" in r.stderr


def test_a_creator_who_lost_the_clearance_a_jobs_result_needs_no_longer_reads_it(people):
    """Asked at every read, not when the job started: a list's review is the authority's; a
    batch over every list (the confidential ones included) is for who may receive those."""
    officer, exporter = people["officer"], people["exporter"]
    made = {
        "review": Job.objects.create(
            kind="lists.review", state="done", created_by=officer, result={"summary": "ok"}
        ),
        "batch": Job.objects.create(
            kind="screen.batch",
            state="done",
            created_by=officer,
            params={"parties": [], "lists": None, "every_list": True},
            result={"summary": "0 parties screened"},
        ),
    }
    own = Job.objects.create(
        kind="screen.batch",
        state="done",
        created_by=exporter,
        params={"parties": [], "lists": None, "every_list": False},
        result={"summary": "0 parties screened"},
    )
    c = _client(officer)
    for j in made.values():
        assert c.get(f"/jobs/{j.pk}/").status_code == 200
        assert c.get(f"/api/jobs/{j.pk}").status_code == 200
    officer.profile.role, officer.profile.organisation = "exporter", exporter.profile.organisation
    officer.profile.save()
    for name, j in made.items():
        assert c.get(f"/jobs/{j.pk}/").status_code == 404, name
        assert c.get(f"/api/jobs/{j.pk}").status_code == 404, name
        assert c.get(f"/api/jobs/{j.pk}/download/csv").status_code == 404, name
    assert _client(exporter).get(f"/jobs/{own.pk}/").status_code == 200  # its own, public lists
