"""An item the taxonomy has no kind for ("other"): described in words, never rated by the
classifier (a technical expert rates it)."""

from __future__ import annotations

import pytest

from catchall.core.controls.classifier import classify
from catchall.core.errors import InputError
from catchall.core.items import parse_item


def test_other_item_is_undetermined_with_the_reason():
    result = classify({"kind": "other", "description": "Gyroscope test rig"}).as_dict()
    assert result["controlled"] is None
    assert result["reason"] == "not rated automatically: the technical expert rates it"
    assert result["entries"] == []


def test_other_item_needs_a_description():
    with pytest.raises(InputError) as exc:
        parse_item({"kind": "other", "description": "  "})
    assert [(p.field, p.message) for p in exc.value.problems] == [
        ("description", "required for an item of kind other")
    ]


def test_a_known_kind_still_has_a_yes_or_no_answer():
    assert classify({"kind": "machine_tool.milling"}).as_dict()["controlled"] is False
