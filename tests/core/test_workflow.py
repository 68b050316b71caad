"""The workflow table as users read it: docs/case-management.md must say what the code does."""

from __future__ import annotations

from pathlib import Path

from catchall.core.workflow import ACTIONS, APPEAL_OUTCOMES, DECISION_STATE, STATES

DOC = Path(__file__).resolve().parents[2] / "docs" / "case-management.md"
START = "<!-- actions table: keep equal to core/workflow.ACTIONS -->"
END = "<!-- end of actions table -->"
ROLES = [
    ("exporter", "Exporter"),
    ("licensing_officer", "Licensing officer"),
    ("technical_expert", "Technical expert"),
    ("senior_officer", "Senior officer"),
    ("partner_liaison", "Partner liaison"),
    ("administrator", "Administrator"),
]


def _alternatives(states) -> str:
    return " or ".join(f"`{s}`" for s in dict.fromkeys(states))


def actions_table() -> str:
    """The documented table, generated from ACTIONS."""
    to_states = {
        "decide": DECISION_STATE.values(),
        "decide_appeal": APPEAL_OUTCOMES.values(),
        # the last item rated confirms the classification
        "rate_item": ("under_review", "classification_confirmed"),
    }
    lines = [
        "| Action | From | To | " + " | ".join(label for _, label in ROLES) + " |",
        "|---|---|---" + "|---" * len(ROLES) + "|",
    ]
    for a in ACTIONS.values():
        origin = (
            "any state"
            if set(a.from_states) == set(STATES)
            else ", ".join(f"`{s}`" for s in a.from_states)
        )
        if a.to_state:
            target = f"`{a.to_state}`"
        elif a.name in to_states:
            target = _alternatives(to_states[a.name])
        else:
            target = "(unchanged)"
        marks = " | ".join("✓" if role in a.roles else "" for role, _ in ROLES)
        lines.append(f"| {a.title} (`{a.name}`) | {origin} | {target} | {marks} |")
    return "\n".join(lines)


def documented_table() -> str:
    text = DOC.read_text(encoding="utf-8")
    return text.split(START, 1)[1].split(END, 1)[0].strip()


def test_every_role_that_may_act_has_a_column_in_the_documented_table():
    roles = {role for a in ACTIONS.values() for role in a.roles}
    assert roles <= {role for role, _ in ROLES}


def test_the_documented_action_table_matches_the_workflow():
    expected = actions_table()
    assert documented_table().split("\n") == expected.split("\n"), (
        "docs/case-management.md disagrees with core/workflow.ACTIONS; paste this table:\n\n"
        + expected
    )
