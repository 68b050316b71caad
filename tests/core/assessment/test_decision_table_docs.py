"""The README's decision table lists every rule of decision.RULES, in order, with its outcome."""

from __future__ import annotations

import re

from catchall.core.assessment.decision import RULES
from tests.conftest import ROOT


def documented_rows() -> list[tuple[str, str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### The decision table", 1)[1].split("\n### ", 1)[0]
    return re.findall(r"^\| `([a-z0-9_]+)` \| ([a-z_]+) \|", section, flags=re.M)


def test_readme_documents_every_rule_in_order_with_its_outcome():
    assert documented_rows() == [(rule, outcome) for rule, (outcome, _) in RULES.items()]
