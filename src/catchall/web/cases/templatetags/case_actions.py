"""The case page's action buttons: the step that moves the case on comes first, as the one
primary button; the others follow as secondary buttons."""

from django import template

register = template.Library()

# The workflow's forward steps, in the order a case takes them.
FORWARD = (
    "submit",
    "start_review",
    "answer_information",
    "confirm_classification",
    "recommend",
    "decide",
    "issue_licence",
    "send_refusal",
    "appeal",
    "decide_appeal",
)
# Actions that take no input: a button that acts at once (no page of their own to fill in).
DIRECT = frozenset({"submit", "start_review", "rerun_assessment"})


@register.filter
def action_buttons(actions) -> list[dict]:
    """[{action, primary, direct}]: the first forward step first and primary."""
    actions = list(actions)
    main = next((a for name in FORWARD for a in actions if a.name == name), None)
    ordered = ([main] if main else []) + [a for a in actions if a is not main]
    return [{"action": a, "primary": a is main, "direct": a.name in DIRECT} for a in ordered]
