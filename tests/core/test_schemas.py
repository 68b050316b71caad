"""The published JSON Schemas stay in step with the vocabulary, and the examples satisfy them."""

import json
from importlib import resources

import jsonschema

from catchall.core.schemas import item_schema
from tests.conftest import fixture_path


def test_committed_item_schema_matches_the_vocabulary():
    committed = json.loads(
        (resources.files("catchall") / "schemas" / "item.schema.json").read_text()
    )
    assert committed == item_schema(), (
        "run `catchall schema item > src/catchall/schemas/item.schema.json`"
    )


def test_example_items_are_valid_against_the_schema_and_bad_units_is_not_a_schema_error():
    folder = fixture_path("examples", "items")
    for path in sorted(folder.glob("*.json")):
        doc = json.loads(path.read_text())
        jsonschema.validate(
            doc, item_schema()
        )  # bad units are a dimension error, not a schema error
