"""An item described in words is never "not listed": the faces answer undetermined, with the
entries whose text answers the description as candidates for the expert (issue 11)."""

import json

import pytest

from tests.conftest import run_cli

pytestmark = pytest.mark.django_db(transaction=True)

ITEM = {"kind": "other", "description": "Fibre optic gyroscope for an inertial navigation system"}


def test_the_api_gives_candidates_from_the_description(client, django_user_model):
    r = client.post("/api/classify", data=json.dumps(ITEM), content_type="application/json")
    assert r.status_code == 200, r.content
    d = r.json()
    assert d["controlled"] is None and "technical expert" in d["reason"]
    assert d["headline"].startswith("UNDETERMINED")
    entries = [c["entry"] for c in d["candidates"]]
    assert entries and all(set(c) == {"entry", "score", "why"} for c in d["candidates"])
    assert any(e.startswith(("7A002", "7A003", "7A102", "7A103")) for e in entries), entries


def test_the_cli_answers_the_same(tmp_path):
    path = tmp_path / "item.json"
    path.write_text(json.dumps(ITEM))
    env = {"CATCHALL_HOME": str(tmp_path / "home"), "DATABASE_URL": ""}
    r = run_cli("classify", str(path), "--json", env=env)
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["controlled"] is None and d["candidates"]
