"""OFAC's classic CSV release (sdn.csv with alt.csv and add.csv) through the three faces: one
ZIP on the lists page and the API, the ZIP or the three files on the command line; all three
give the same list."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import run_cli
from tests.web.screening.list_jobs import upload_and_replace
from tests.web.screening.test_official_list_import import _client, _entities

pytestmark = pytest.mark.django_db

SET = Path(__file__).resolve().parents[2] / "fixtures" / "lists" / "ofac-classic-csv"
FILES = [SET / "sdn.csv", SET / "alt.csv", SET / "add.csv"]
# read: 7 sdn rows + 7 alias rows + 6 address rows; one vessel skipped
EXPECTED = {"format": "ofac-csv", "read": 20, "imported": 6}


def _zip_bytes(members: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (members or {p.name: p.read_bytes() for p in FILES}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _check_stored(list_name: str) -> None:
    rows = _entities(list_name)
    assert len(rows) == 6
    bank = rows["ofac-306"]
    assert "NATIONAL BANK OF CUBA" in bank.aliases and "BNC" in bank.weak_aliases
    assert {"CH", "ES"} <= set(bank.countries)


def test_api_imports_the_release_as_a_zip():
    r = _client("licensing_officer").post(
        "/api/lists/ofac-sdn/import",
        {"file": SimpleUploadedFile("sdn_csv.zip", _zip_bytes()), "audience": "public"},
    )
    assert r.status_code == 202, r.content[:500]
    body = r.json()["result"]
    assert {k: body[k] for k in EXPECTED} == EXPECTED
    assert body["read"] == body["imported"] + body["skipped"] + body["context_records"]
    _check_stored("ofac-sdn")


def test_api_refuses_a_hostile_zip_naming_the_file_and_writes_nothing():
    r = _client("licensing_officer").post(
        "/api/lists/ofac-sdn/import",
        {"file": SimpleUploadedFile("x.zip", _zip_bytes({"../sdn.csv": FILES[0].read_bytes()}))},
    )
    assert r.status_code == 202
    job = r.json()
    assert job["state"] == "failed"
    problem = job["result"]["problems"][0]
    assert problem["field"] == "file" and "outside the archive" in problem["message"]
    assert _entities("ofac-sdn") == {}


def test_lists_page_imports_the_release_as_a_zip():
    client = _client("licensing_officer")
    upload = SimpleUploadedFile("sdn_csv.zip", _zip_bytes())
    review, job = upload_and_replace(client, {"file": upload, "name": "ofac-page"})
    assert review.status_code == 200 and "6 to import" in review.content.decode()
    assert job.state == "done" and "imported 6" in job.result["summary"]
    _check_stored("ofac-page")


@pytest.fixture(scope="module")
def cli_home(tmp_path_factory):
    return {"CATCHALL_HOME": str(tmp_path_factory.mktemp("home")), "DATABASE_URL": ""}


def test_cli_imports_the_three_files_or_the_zip_alike(cli_home, tmp_path):
    r = run_cli("lists", "import", *map(str, FILES), "--name", "sdn-files", "--json", env=cli_home)
    assert r.returncode == 0, r.stderr
    files = json.loads(r.stdout)
    archive = tmp_path / "sdn_csv.zip"
    archive.write_bytes(_zip_bytes())
    r = run_cli("lists", "import", str(archive), "--name", "sdn-zip", "--json", env=cli_home)
    assert r.returncode == 0, r.stderr
    zipped = json.loads(r.stdout)
    for out in (files, zipped):
        assert {k: out[k] for k in EXPECTED} == EXPECTED


def test_cli_refuses_a_foreign_file_among_several_with_exit_2(cli_home, tmp_path):
    other = tmp_path / "mine.csv"
    other.write_text("id,name\n1,Someone\n")
    r = run_cli("lists", "import", str(FILES[0]), str(other), "--name", "x", env=cli_home)
    assert r.returncode == 2
    assert "mine.csv is none of sdn.csv, alt.csv or add.csv" in r.stderr
    assert "Traceback" not in r.stderr
