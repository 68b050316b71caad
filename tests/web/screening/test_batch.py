"""Batch screening for people: a CSV uploaded on the web or to the API becomes a job split into
parts; its CSV and JSON lines are exactly what ``catchall screen --batch`` prints locally."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from catchall.web.demo import ensure_user
from catchall.web.jobs.models import Job
from tests.conftest import run_cli
from tests.web.screening.people import assert_named_not_coded

pytestmark = pytest.mark.django_db

# Names near the packaged starter list, a clear one, a bad row (skipped) and evidence columns.
BATCH = (
    "id,name,country,schema,dob,nationality,identifiers\n"
    "p1,Shahid Hemmat Industrial Group,IR,Company,,,\n"
    "p2,Neckar Umformtechnik GmbH,DE,Company,,,\n"
    "p3,Shahid Bakeri Industries,IR,,,,\n"
    "p4,,IR,,,,\n"
    'p5,=HYPERLINK("x"),,,,,\n'
    "p6,Korea Mining Development Trading Corporation,KP,Organization,,,\n"
    "p7,Ali Reza Ahmadi,IR,Person,1970,IR,passport:A1234567\n"
)


def _client(role: str = "licensing_officer") -> Client:
    from catchall.web.accounts.models import Organisation

    org, _ = Organisation.objects.get_or_create(
        name="Authority", defaults={"kind": "authority", "country": "DE"}
    )
    c = Client()
    c.force_login(ensure_user(role, role, org))
    return c


def _file(text: str = BATCH) -> SimpleUploadedFile:
    return SimpleUploadedFile("parties.csv", text.encode("utf-8"), "text/csv")


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    """What the command line prints for the batch, run locally in its own data folder."""
    path = tmp_path_factory.mktemp("batch") / "parties.csv"
    path.write_text(BATCH, encoding="utf-8")
    out = {}
    for fmt in ("--json", "--csv"):
        r = run_cli("screen", "--batch", str(path), fmt)
        assert r.returncode == 0, r.stderr
        assert "line 5: name: empty name (row skipped)" in r.stderr
        out[fmt] = r.stdout
    return out


def _body(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


@override_settings(CATCHALL_BATCH_PART=2)
def test_a_web_upload_screens_in_parts_and_downloads_what_the_cli_prints(local):
    client = _client()
    r = client.post("/screen/batch/", {"file": _file()})
    assert r.status_code == 302
    job = Job.objects.get(pk=int(re.search(r"/jobs/(\d+)/", r.url).group(1)))
    assert job.state == "done" and (job.done, job.total) == (3, 3)  # 6 parties in parts of 2
    assert [len(c.params["parties"]) for c in job.children.order_by("seq")] == [2, 2, 2]
    page = client.get(r.url).content.decode()
    assert "6 parties screened" in page and "1 row skipped" in page
    assert "line 5: name: empty name" in page
    # the parties that met a listed entry, by name, list title and country; ids only downloaded
    text = assert_named_not_coded(page, ids=("poc-ir-sbig", "poc-ir-shig", "poc-kp-komid"))
    assert "Parties that met a listed entry" in text
    assert "p3 Shahid Bakeri Industries Match SHAHID BAGHERI INDUSTRIAL GROUP (Iran), " in text
    assert "Programs of concern" in text
    assert f'href="/jobs/{job.pk}/download/csv"' in page
    jsonl = client.get(f"/jobs/{job.pk}/download/jsonl")
    assert jsonl["Content-Type"].startswith("application/x-ndjson")
    assert _body(jsonl) == local["--json"]
    csv = client.get(f"/jobs/{job.pk}/download/csv")
    assert _body(csv) == local["--csv"].replace("\n", "\r\n").replace("\r\r\n", "\r\n")
    assert "'=HYPERLINK" in _body(client.get(f"/jobs/{job.pk}/download/csv"))  # csvsafe


def test_the_api_takes_the_same_file_and_gives_the_same_lines(local):
    client = _client("technical_expert")
    r = client.post("/api/screen/batch", {"file": _file()})
    assert r.status_code == 202 and r["Location"] == f"/api/jobs/{r.json()['id']}"
    d = r.json()
    assert d["state"] == "done" and d["result"]["parties"] == 6
    assert [x["format"] for x in d["downloads"]] == ["csv", "jsonl"]
    lines = client.get(f"/api/jobs/{d['id']}/download/jsonl")
    assert _body(lines) == local["--json"]
    assert _client("senior_officer").get(lines.request["PATH_INFO"]).status_code == 200
    assert _client("exporter").get(lines.request["PATH_INFO"]).status_code == 404


def test_bad_uploads_are_refused_naming_the_field_and_start_nothing(monkeypatch):
    from catchall.core.screening import batch_io
    from catchall.web.screening import services

    client = _client()
    cases = {
        "no file": ({}, "Choose a CSV file of parties to upload"),
        "header": ({"file": _file("who,where\nx,y\n")}, "the batch file needs the columns"),
        "no rows": ({"file": _file("id,name\n1,\n")}, "no party to screen in the file"),
        "list": ({"file": _file(), "list": "nope"}, "no screening list named nope"),
    }
    for label, (form, message) in cases.items():
        r = client.post("/screen/batch/", form)
        html = r.content.decode()
        assert r.status_code == 422, label
        assert "<title>Error: " in html and message.lower() in html.lower(), label
        assert 'aria-invalid="true"' in html, label
    monkeypatch.setattr(batch_io, "MAX_ROWS", 3)
    r = client.post("/api/screen/batch", {"file": _file()})
    assert r.status_code == 422 and r.json()["problems"] == [
        {"field": "file", "message": "more than 3 parties; split the file"}
    ]
    monkeypatch.setattr(services, "MAX_BATCH_UPLOAD", 100)
    r = client.post("/api/screen/batch", {"file": _file()})
    assert r.status_code == 422 and r.json()["problems"][0]["field"] == "file"
    assert not Job.objects.exists()


def test_distributed_needs_a_broker(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text(BATCH, encoding="utf-8")
    r = run_cli("screen", "--batch", str(path), "--distributed", env={"CATCHALL_BROKER_URL": ""})
    assert r.returncode == 2 and "no broker configured" in r.stderr
