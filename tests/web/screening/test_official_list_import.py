"""Issue 14: each official list format imports through the CLI, the lists page and the API,
with its import report; a broken or hostile file replaces nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from catchall.web.demo import ensure_user
from tests.conftest import run_cli
from tests.web.screening.list_jobs import upload_and_replace

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "lists"
# fixture → (format detected, report format, read, imported, an original-script alias)
OFFICIAL = {
    "un-consolidated-extract.xml": ("un", "un-xml", 9, 9, "Эмират Кавказ"),
    "eu-fsf-extract.xml": ("eu", "eu-fsf-xml", 7, 6, None),
    "uk-conlist-extract.csv": ("uk", "uk-conlist-csv", 24, 6, "ЗАДАЧИН Андрей Андреевич"),
    "uk-fcdo-constructed.xml": ("uk", "uk-fcdo-xml", 4, 3, "ЗАДАЧИН Андрей Андреевич"),
    "uk-conlist-constructed.xml": ("uk", "uk-conlist-xml", 3, 2, "ЗАДАЧИН Андрей Андреевич"),
    "ofac-consolidated-extract.xml": ("ofac", "ofac-xml", 5, 5, None),
    "ofac-advanced-constructed.xml": ("ofac", "ofac-advanced-xml", 3, 2, "محمود خالد الزهار"),
}


def _client(role: str) -> Client:
    from catchall.web.accounts.models import Organisation

    org, _ = Organisation.objects.get_or_create(
        name="Authority" if role != "exporter" else "Maker",
        defaults={"kind": "authority" if role != "exporter" else "exporter", "country": "DE"},
    )
    client = Client(raise_request_exception=False)
    client.force_login(ensure_user(role, role, org))
    return client


def _upload(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content or (FIXTURES / name).read_bytes())


def _entities(list_name: str) -> dict[str, object]:
    from catchall.web.screening.models import ListEntityRecord

    return {r.entity_id: r for r in ListEntityRecord.objects.filter(screening_list__name=list_name)}


@pytest.mark.parametrize("fixture", sorted(OFFICIAL))
def test_api_imports_each_official_format_with_its_report(fixture):
    _, fmt, read, imported, native = OFFICIAL[fixture]
    r = _client("licensing_officer").post(
        "/api/lists/official/import", {"file": _upload(fixture), "audience": "public"}
    )
    assert r.status_code == 202, r.content[:500]
    assert r["Location"] == f"/api/jobs/{r.json()['id']}" and r.json()["state"] == "done"
    body = r.json()["result"]
    assert (body["format"], body["read"], body["imported"]) == (fmt, read, imported)
    assert body["read"] == body["imported"] + body["skipped"] + body["context_records"]
    assert body["changes"]["added"] == imported
    rows = _entities("official")
    assert len(rows) == imported
    if native:
        assert any(native in row.aliases for row in rows.values())


def test_api_import_keeps_dates_nationalities_and_documents_in_ftm_names():
    client = _client("licensing_officer")
    r = client.post("/api/lists/un/import", {"file": _upload("un-consolidated-extract.xml")})
    assert r.status_code == 202 and r.json()["state"] == "done", r.content[:300]
    fitouri = _entities("un")["un-6908704"]
    assert fitouri.properties["birthDate"] == ["1988-05-07"]
    assert fitouri.properties["nationality"] == ["LY"]
    assert fitouri.properties["passportNumber"] == ["LY53FP76"]
    assert fitouri.properties["idNumber"] == ["119880387067"]
    # and they come back out of the database into the core type the scorer reads
    from catchall.web.screening.models import ScreeningList
    from catchall.web.screening.selectors import list_entities

    entity = next(
        e for e in list_entities(ScreeningList.objects.get(name="un")) if e.id == "un-6908704"
    )
    assert entity.properties["birthDate"] == ("1988-05-07",)


def test_api_format_forced_and_wrong_fails_the_job_naming_the_field_and_writes_nothing():
    from catchall.web.screening.models import ScreeningList

    r = _client("licensing_officer").post(
        "/api/lists/un/import", {"file": _upload("un-consolidated-extract.xml"), "format": "eu"}
    )
    assert r.status_code == 202 and r.json()["state"] == "failed"
    body = r.json()["result"]
    assert r.json()["error"].startswith("format: ")
    assert body["problems"][0]["field"] == "format"
    assert "<CONSOLIDATED_LIST>" in body["problems"][0]["message"]
    assert not ScreeningList.objects.filter(name="un").exists()


def test_api_import_without_a_file_is_422_naming_the_field():
    r = _client("licensing_officer").post("/api/lists/x/import", {})
    assert r.status_code == 422
    assert r.json()["problems"][0]["field"] == "file"


def test_api_import_is_refused_to_an_exporter():
    from catchall.web.screening.models import ScreeningList

    r = _client("exporter").post(
        "/api/lists/official/import", {"file": _upload("un-consolidated-extract.xml")}
    )
    assert r.status_code == 403
    assert not ScreeningList.objects.filter(name="official").exists()


@pytest.mark.parametrize(
    "content",
    [
        "truncated",
        "doctype",
    ],
)
def test_a_broken_or_hostile_file_replaces_nothing(content):
    """The list imported before stays exactly as it was; the error names the file and line."""
    client = _client("licensing_officer")
    ok = client.post("/api/lists/un/import", {"file": _upload("un-consolidated-extract.xml")})
    assert ok.status_code == 202 and ok.json()["state"] == "done"
    before = sorted(_entities("un"))
    text = (FIXTURES / "un-consolidated-extract.xml").read_text(encoding="utf-8")
    if content == "truncated":
        bad = text[: len(text) * 2 // 3].encode()
    else:
        bad = text.replace(
            "<CONSOLIDATED_LIST",
            '<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
            "<CONSOLIDATED_LIST",
            1,
        ).encode()
    r = client.post("/api/lists/un/import", {"file": _upload("un-new.xml", bad)})
    assert r.status_code == 202 and r.json()["state"] == "failed"
    message = r.json()["result"]["problems"][0]["message"]
    assert "un-new.xml" in message
    assert ("at line" in message) if content == "truncated" else ("DOCTYPE" in message)
    assert sorted(_entities("un")) == before
    from catchall.web.screening.models import ListImport

    assert ListImport.objects.filter(screening_list__name="un").count() == 1


@pytest.mark.parametrize("fixture", sorted(OFFICIAL))
def test_lists_page_upload_imports_each_official_format(fixture):
    _, fmt, _, imported, _ = OFFICIAL[fixture]
    client = _client("licensing_officer")
    review, job = upload_and_replace(client, {"file": _upload(fixture), "name": "page-list"})
    from catchall.web.screening.models import ListImport

    # the report for review, before anything is written
    assert review.status_code == 200 and f"{imported} to import" in review.content.decode()
    assert "Replace the list page-list" in review.content.decode()
    assert job.state == "done" and f"imported {imported}" in job.result["summary"]
    imp = ListImport.objects.get(screening_list__name="page-list")
    assert (imp.format, imp.imported) == (fmt, imported)
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert f"imported {imported}" in page and 'href="/lists/page-list/"' in page


def test_lists_page_offers_the_official_formats():
    page = _client("licensing_officer").get("/lists/").content.decode()
    for value in ("un", "eu", "uk", "ofac"):
        assert f'<option value="{value}"' in page


@pytest.fixture(scope="module")
def cli_home(tmp_path_factory):
    return {"CATCHALL_HOME": str(tmp_path_factory.mktemp("home")), "DATABASE_URL": ""}


@pytest.mark.parametrize("fixture", sorted(OFFICIAL))
def test_cli_imports_each_official_format_with_its_report(cli_home, fixture):
    detected, fmt, read, imported, _ = OFFICIAL[fixture]
    name = fixture.split(".")[0]
    r = run_cli("lists", "import", str(FIXTURES / fixture), "--name", name, "--json", env=cli_home)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert (out["format"], out["read"], out["imported"]) == (fmt, read, imported)


def test_cli_format_forced_wrong_exits_2_naming_the_file(cli_home):
    r = run_cli(
        "lists",
        "import",
        str(FIXTURES / "eu-fsf-extract.xml"),
        "--name",
        "eu-wrong",
        "--format",
        "ofac",
        env=cli_home,
    )
    assert r.returncode == 2
    assert "eu-fsf-extract.xml" in r.stderr and "<export>" in r.stderr


def test_cli_unknown_format_exits_2(cli_home):
    r = run_cli(
        "lists",
        "import",
        str(FIXTURES / "eu-fsf-extract.xml"),
        "--name",
        "x",
        "--format",
        "xls",
        env=cli_home,
    )
    assert r.returncode == 2
    assert "un, eu, uk, ofac" in r.stderr or "ftm, csl, csv, un, eu, uk, ofac" in r.stderr


def test_api_import_of_undecodable_bytes_fails_the_job_with_a_message_not_a_500():
    """A header cell that is not UTF-8 reaches the problem's message (read with
    surrogateescape): the failed job is stored with the byte replaced, never a server error."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("watch.csv", b"id,name,\x89notes\n1,Alpha Trading,x\n")
    r = _client("licensing_officer").post("/api/lists/watch/import", {"file": bad})
    assert r.status_code == 202 and r.json()["state"] == "failed"
    assert "unknown column" in r.json()["error"]
