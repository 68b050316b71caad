"""diff_entities: what changes when a newer version of a list replaces the old one."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from catchall.core.model import ListEntity
from catchall.core.screening.importers import diff_entities

A = ListEntity("a", "Company", "ACME", "l1", aliases=("X", "Y"), countries=("IR", "CN"))
B = ListEntity("b", "Person", "Li Fangwei", "l1")
C = ListEntity("c", "Organization", "KOMID", "l1")


def test_added_removed_and_changed_confused():
    new_b = replace(B, aliases=("Karl Lee",), listed_on=date(2009, 4, 7))
    diff = diff_entities([A, B], [new_b, C])
    assert diff.added == ["c"]
    assert diff.removed == ["a"]
    assert diff.changed == [("b", ("aliases", "listed_on"))]
    assert diff.summary() == "1 added, 1 removed, 1 changed"


def test_reordered_aliases_reported_as_a_change():
    reordered = replace(A, aliases=("Y", "X"), countries=("CN", "IR"))
    assert diff_entities([A], [reordered]).unchanged


def test_renamed_list_reported_as_every_entity_changed():
    assert diff_entities([A, B], [replace(A, list_name="l2"), replace(B, list_name="l2")]).unchanged


def test_result_order_depends_on_input_order():
    one = diff_entities([C, A], [B])
    two = diff_entities([A, C], [B])
    assert one == two and one.removed == ["a", "c"]


def test_duplicate_ids_in_input_compare_the_wrong_record():
    diff = diff_entities([A, replace(A, name="Other")], [A])
    assert diff.unchanged
