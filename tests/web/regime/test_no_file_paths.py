"""The web takes control-list versions by ``list@version`` name only, never by a file path.

An attacker must not read a file of the server (a YAML file's text came back in the diff), learn
whether a path exists (the error said so), or make the server open its own SQLite file."""

import json
import os
import sqlite3

import pytest

from catchall.web.regime.models import OutreachMeeting

from .helpers import AMENDMENT

pytestmark = pytest.mark.django_db

MARKER = "Rationale only the server's disk knows"
NOT_A_NAME = "not a list@version name (e.g. eu-dual-use@2022-10)"


@pytest.fixture
def files(tmp_path):
    """Paths an attacker might try: a YAML list version, a SQLite database, absent ones."""
    yaml_file = tmp_path / "planted.yaml"
    yaml_file.write_text(AMENDMENT.replace("Partners agreed to catch", MARKER))
    at_file = tmp_path / "eu-dual-use@2030-01"  # a file named like a version
    at_file.write_text(AMENDMENT.replace("Partners agreed to catch", MARKER))
    db_file = tmp_path / "catchall.sqlite3"
    con = sqlite3.connect(db_file)
    con.execute("create table secret (v text)")
    con.execute("insert into secret values ('sqlite row')")
    con.commit()
    con.close()
    return {
        "absolute yaml": str(yaml_file),
        "relative yaml": os.path.relpath(yaml_file, os.getcwd()),
        "dot-dot yaml": str(tmp_path / ".." / tmp_path.name / "planted.yaml"),
        "file named like a version": str(at_file),
        "sqlite": str(db_file),
        "missing": str(tmp_path / "no-such-file.yaml"),
        "missing relative": "../../no/such/file.yaml",
    }


def problems_of(r):
    return r.json()["problems"]


@pytest.mark.parametrize("who", ["kz-guest", "de-exporter", "us-expert"])
def test_the_diff_api_refuses_paths_alike_whether_they_exist_or_not(client, people, files, who):
    client.force_login(people[who])
    missing = client.get("/api/control-lists/diff", {"old": "eu-dual-use@2022-10", "new": "/x/y"})
    assert missing.status_code == 422
    assert problems_of(missing) == [{"field": "new", "message": NOT_A_NAME}]
    for label, path in files.items():
        for params, field in (
            ({"old": "eu-dual-use@2022-10", "new": path}, "new"),
            ({"old": path, "new": "eu-dual-use@2023-12"}, "old"),
        ):
            r = client.get("/api/control-lists/diff", params)
            body = r.content.decode()
            assert r.status_code == 422, (label, body)
            assert problems_of(r) == [{"field": field, "message": NOT_A_NAME}], label
            assert MARKER not in body and "sqlite row" not in body and path not in body


def test_the_briefing_api_refuses_paths(client, people, files):
    client.force_login(people["kz-guest"])
    for label, path in files.items():
        r = client.get("/api/regime/briefing", {"new": path})
        assert r.status_code == 422, label
        assert MARKER not in r.content.decode()
        assert problems_of(r) == [{"field": "new", "message": NOT_A_NAME}], label
        r = client.get("/api/regime/briefing", {"old": path, "new": "eu-dual-use@2023-12"})
        assert r.status_code == 422 and problems_of(r)[0]["message"] == NOT_A_NAME


def test_the_diff_and_briefing_pages_refuse_paths(client, people, files):
    client.force_login(people["de-exporter"])
    for label, path in files.items():
        for url in (
            "/regime/diff/",
            "/regime/briefing/",
            "/regime/briefing.pdf",
        ):
            r = client.get(url, {"old": "eu-dual-use@2023-12", "new": path})
            body = r.content.decode(errors="replace")
            assert r.status_code in (404, 422), (label, url, r.status_code)
            assert MARKER not in body and "sqlite row" not in body, (label, url)
            if r.status_code == 422:
                assert NOT_A_NAME in body, (label, url)
                assert "no such file" not in body and "neither" not in body


def test_a_meeting_cannot_brief_on_a_file(client, people, files):
    client.force_login(people["us-delegate"])
    for label, path in files.items():
        r = client.post(
            "/regime/meetings/new/",
            {
                "title": "Outreach",
                "date": "2030-02-01",
                "place": "Paris",
                "old_version": "eu-dual-use@2023-12",
                "new_version": path,
            },
        )
        assert r.status_code == 422, label
        assert NOT_A_NAME in r.content.decode() and MARKER not in r.content.decode()
    assert not OutreachMeeting.objects.exists()


def test_stored_and_packaged_names_still_work(client, people):
    client.force_login(people["us-expert"])
    r = client.post("/api/control-lists/versions", data=AMENDMENT, content_type="application/yaml")
    assert r.status_code == 200
    d = client.get("/api/control-lists/diff?old=eu-dual-use@2023-12&new=eu-dual-use@2030-01")
    assert d.status_code == 200 and d.json()["summary"]["changed"] == 1
    r = client.get("/api/control-lists/diff?old=eu-dual-use@1999&new=eu-dual-use@2023-12")
    assert r.status_code == 422 and "1999" in json.dumps(r.json())
