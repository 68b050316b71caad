"""Control-list YAML may share nodes through anchors, but an alias bomb is refused before it is
walked (issue 9, finding 6: YAML expansion)."""

import pytest

from catchall.core.errors import InputError
from catchall.core.yaml_limits import load_bounded_yaml

BOMB = "\n".join(
    ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    + [
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}" + f", *{chr(97 + i)}" * 9 + "]"
        for i in range(8)
    ]
)


def test_shared_exclusions_through_anchors_still_load():
    text = "x: &ex {id: gear, text: gears}\nentries:\n  - {id: A, exclusions: [*ex]}\n  - {id: B, exclusions: [*ex]}\n"
    data = load_bounded_yaml(text, "body")
    assert data["entries"][1]["exclusions"][0]["id"] == "gear"


def test_an_alias_bomb_is_refused_naming_the_field():
    assert len(BOMB) < 1_000
    with pytest.raises(InputError) as exc:
        load_bounded_yaml(BOMB, "body")
    problem = exc.value.problems[0]
    assert problem.field == "body" and "expand to more than" in problem.message


def test_a_self_referencing_node_is_refused():
    with pytest.raises(InputError):
        load_bounded_yaml("a: &a [*a]", "body")


def test_syntax_errors_name_the_line():
    with pytest.raises(InputError) as exc:
        load_bounded_yaml("list: [", "body")
    assert "line" in exc.value.problems[0].message


def test_oversized_text_is_refused():
    with pytest.raises(InputError):
        load_bounded_yaml("a: b\n" * 10, "body", max_chars=20)
