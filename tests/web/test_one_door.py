"""One door per use case: the CLI, the API and the pages answer a classification, a control-entry
look-up, the list of entries in force and an assessment the same way, because all of them ask
``catchall.web.classification.library`` which list versions are in force.

The authority has stored its own version of the EU list that catches a 20 um three-axis mill,
which the packaged lists leave unlisted; every face must apply it (the CLI used to read the
packaged lists only)."""

from __future__ import annotations

import json

import pytest

from catchall.web.regime.services.versions import control_list_import
from tests.conftest import run_cli
from tests.web.assessment.conftest import example

pytestmark = pytest.mark.django_db

AT = "2026-01-01"
AUTHORITY_VERSION = """
list: eu-dual-use
title: EU dual-use list as the authority amended it (test)
version: "2025-06"
effective_date: 2025-06-01
extends: "2023-12"
replace:
  - id: 2B201.a
    regime: NSG
    reasons: [NP]
    title: Milling machines outside 2B001 with 25 um accuracy (authority's amendment)
    kinds: [machine_tool.milling]
    criteria:
      - {param: nc_capable, is: true}
      - {param: contouring_axes, ge: 2}
      - {param: positioning_accuracy, le: "25 um", standard: "ISO 230-2:2006"}
changes:
  - entry: 2B201.a
    rationale: The authority catches three-axis mills of 25 um.
"""
APPLICATION = example("unlisted-mill-benign.json")
ITEM = {k: APPLICATION["items"][0][k] for k in ("description", "kind", "parameters")}


@pytest.fixture(scope="module")
def cli_env(tmp_path_factory):
    """A CLI installation of its own with the authority's version stored through the CLI."""
    home = tmp_path_factory.mktemp("one-door-home")
    env = {"CATCHALL_HOME": str(home)}
    (home / "version.yaml").write_text(AUTHORITY_VERSION)
    (home / "item.json").write_text(json.dumps(ITEM))
    (home / "application.json").write_text(json.dumps(APPLICATION))
    r = run_cli("controls", "import", str(home / "version.yaml"), env=env)
    assert r.returncode == 0, r.stderr
    return env


@pytest.fixture
def web(client, db):
    """The test database with the same version stored, and a signed-in licensing officer."""
    from catchall.web.accounts.models import Organisation
    from catchall.web.demo import ensure_user

    control_list_import(actor="cli", yaml_text=AUTHORITY_VERSION)
    org = Organisation.objects.create(name="Authority", kind="authority", country="DE")
    client.force_login(ensure_user("officer", "licensing_officer", org, "Olga Officer"))
    return client


def cli(env, *args):
    home = env["CATCHALL_HOME"]
    r = run_cli(*(a.replace("HOME", home) for a in args), "--json", env=env)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def as_json(data):
    """The answer as a JSON reader sees it: the page renders Python values (tuples, dates) and
    the API's response schema spells out absent optional fields as null."""

    def drop_nulls(x):
        if isinstance(x, dict):
            return {k: drop_nulls(v) for k, v in x.items() if v is not None}
        return [drop_nulls(v) for v in x] if isinstance(x, list) else x

    return drop_nulls(json.loads(json.dumps(data, default=str)))


def entry_ids(classification):
    return sorted(e["entry"] for e in classification["entries"])


def assessment_answer(a):
    """What an assessment decides about the item and the licence (screening aside)."""
    return {
        "recommendation": a["recommendation"],
        "licence_required": a["licence_required"],
        "catch_all": a["catch_all"]["invoked"],
        "items": [entry_ids(i) for i in a["items"]],
    }


def _classify(env, client):
    faces = {
        "cli": cli(env, "classify", "HOME/item.json", "--list-date", AT),
        "api": client.post(
            f"/api/classify?list_date={AT}", json.dumps(ITEM), content_type="application/json"
        ).json(),
        "page": client.post("/classify/", {"document": json.dumps(ITEM), "list_date": AT}).context[
            "result"
        ],
    }
    return faces, lambda d: entry_ids(d) == ["2B201.a"]


def _show(env, client):
    page = client.get("/controls/2B201.a/").context
    faces = {
        "cli": cli(env, "controls", "show", "2B201.a"),
        "api": client.get("/api/controls/2B201.a").json(),
        "page": {
            "list": page["list_version"].list,
            "version": page["list_version"].version,
            **page["entry"].as_data(),
        },
    }
    return faces, lambda d: d["version"] == "2025-06" and "25 um" in d["title"]


def _list(env, client):
    page = client.get("/controls/?regime=NSG").context["page"].paginator.object_list
    faces = {
        "cli": cli(env, "controls", "list", "--regime", "NSG"),
        "api": client.get("/api/controls?regime=NSG").json(),
        "page": [{"entry": e.id, "list": v.list, "version": v.version} for v, e in page],
    }
    faces = {k: sorted((r["entry"], r["list"], r["version"]) for r in v) for k, v in faces.items()}
    return faces, lambda rows: ["2B201.a", "eu-dual-use", "2025-06"] in rows


def _assess(env, client):
    faces = {
        "cli": cli(env, "assess", "HOME/application.json"),
        "api": client.post(
            "/api/assess", json.dumps(APPLICATION), content_type="application/json"
        ).json(),
        "page": client.post("/assess/", {"document": json.dumps(APPLICATION)}).context["result"],
    }
    faces = {k: assessment_answer(v) for k, v in faces.items()}
    return faces, lambda a: a["items"] == [["2B201.a"]] and a["licence_required"]["required"]


@pytest.mark.parametrize("look_up", [_classify, _show, _list, _assess], ids=lambda f: f.__name__)
def test_every_face_answers_the_same_with_the_authoritys_stored_version(cli_env, web, look_up):
    faces, uses_stored_version = look_up(cli_env, web)
    faces = {k: as_json(v) for k, v in faces.items()}
    assert faces["cli"] == faces["api"] == faces["page"]
    assert uses_stored_version(faces["cli"]), faces["cli"]
