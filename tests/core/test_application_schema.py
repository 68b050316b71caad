"""The published application JSON Schema stays in step with the format the engine accepts."""

from __future__ import annotations

import copy
import json
from importlib import resources

import jsonschema
import pytest

from catchall.core.assessment.application import parse_application
from catchall.core.schemas import application_schema
from tests.conftest import fixture_path, run_cli
from tests.core.assessment.helpers import MILL_UNLISTED, PRESS, application

FULL = application(
    PRESS,
    MILL_UNLISTED,
    parties=[
        {"role": "end_user", "name": "Acme Precision Parts", "country": "KR", "address": "Busan"},
        {"role": "intermediate_consignee", "name": "Harbour Logistics", "country": "SG"},
    ],
    declarations={"military_end_use": False, "informed_by_authority": False},
    assurances={"end_use_statement": True},
    red_flags=["thin_website"],
)
FULL["items"][0].update(quantity=2, value="1800000 EUR")
FULL["notes"] = "Second machine of a framework contract"


def test_committed_application_schema_matches_the_code():
    committed = json.loads(
        (resources.files("catchall") / "schemas" / "application.schema.json").read_text()
    )
    assert committed == application_schema(), (
        "run `catchall schema application > src/catchall/schemas/application.schema.json`"
    )


def test_the_cli_prints_the_application_schema():
    r = run_cli("schema", "application")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == application_schema()


def test_an_unknown_schema_name_exits_2_listing_the_choices():
    r = run_cli("schema", "licence")
    assert r.returncode == 2
    assert "one of: item, application" in r.stderr


def test_example_applications_are_valid_against_the_schema():
    folder = fixture_path("examples", "applications")
    for path in sorted(folder.glob("*.json")):
        jsonschema.validate(json.loads(path.read_text()), application_schema())


def test_a_document_using_every_field_is_valid_for_both_schema_and_parser():
    jsonschema.validate(FULL, application_schema())
    parse_application(copy.deepcopy(FULL))


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(priority="high"),
        lambda d: d["exporter"].update(phone="+49 711 0"),
        lambda d: d.update(parties=[]),
        lambda d: d["parties"][0].update(role="buyer"),
        lambda d: d["items"][0].update(quantity=0),
        lambda d: d.update(red_flags=["cash_payment"]),
        lambda d: d.update(declarations={"aware": True}),
        lambda d: d.update(assurances={"g2g": True}),
        lambda d: d.pop("destination"),
        lambda d: d.update(items=[]),
    ],
    ids=[
        "unknown field",
        "unknown exporter field",
        "no parties",
        "unknown role",
        "zero quantity",
        "unknown red flag",
        "unknown declaration",
        "unknown assurance",
        "no destination",
        "no items",
    ],
)
def test_what_the_parser_refuses_for_its_structure_the_schema_refuses_too(change):
    doc = copy.deepcopy(FULL)
    change(doc)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, application_schema())
    with pytest.raises(ValueError):
        parse_application(doc)


@pytest.mark.parametrize(
    "field, many",
    [
        ("parties", [{"role": "end_user", "name": f"Party {i}"} for i in range(51)]),
        ("items", [dict(MILL_UNLISTED) for _ in range(201)]),
    ],
)
def test_the_parser_and_the_schema_refuse_an_application_too_long_to_assess(field, many):
    # every party is screened and every item classified: unbounded lists tie up the server
    from catchall.core.errors import InputError

    doc = copy.deepcopy(FULL)
    doc[field] = many
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, application_schema())
    with pytest.raises(InputError) as exc:
        parse_application(doc)
    assert [p.field for p in exc.value.problems] == [field]
    assert "at most" in exc.value.problems[0].message
