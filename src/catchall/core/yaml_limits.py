"""YAML that may use anchors (control-list files do, for shared exclusions) but cannot expand
without bound: a few hundred bytes of nested aliases ("billion laughs") would otherwise become
gigabytes once walked, stored as JSON or written to the audit log."""

from __future__ import annotations

from typing import Any

import yaml

from catchall.core.errors import InputError

MAX_YAML_CHARS = 5_000_000
MAX_EXPANDED_NODES = 500_000  # ten times the largest packaged list version, expanded


def _expanded_size(node: yaml.Node, memo: dict[int, int], limit: int) -> int:
    """Nodes the document has once every alias is written out (counted once per shared node)."""
    key = id(node)
    if key in memo:
        return memo[key]
    memo[key] = limit + 1  # a node that contains itself expands without end
    if isinstance(node, yaml.ScalarNode):
        size = 1
    elif isinstance(node, yaml.SequenceNode):
        size = 1
        for child in node.value:
            size += _expanded_size(child, memo, limit)
            if size > limit:
                break
    else:
        size = 1
        for k, v in node.value:
            size += _expanded_size(k, memo, limit) + _expanded_size(v, memo, limit)
            if size > limit:
                break
    memo[key] = size
    return size


def load_bounded_yaml(
    text: str,
    where: str,
    *,
    max_chars: int = MAX_YAML_CHARS,
    max_nodes: int = MAX_EXPANDED_NODES,
) -> Any:
    """Safe YAML whose expansion of anchors and aliases stays under ``max_nodes``."""
    if len(text) > max_chars:
        raise InputError(f"larger than {max_chars:,} characters", where)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise InputError(f"not valid YAML{at}: {getattr(exc, 'problem', exc)}", where) from None
    except RecursionError:
        raise InputError("nested too deeply", where) from None
    if node is None:
        return None
    try:
        size = _expanded_size(node, {}, max_nodes)
    except RecursionError:
        raise InputError("nested too deeply", where) from None
    if size > max_nodes:
        raise InputError(
            f"its anchors and aliases expand to more than {max_nodes:,} values; "
            "write the repeated parts out or split the file",
            where,
        )
    try:
        return yaml.SafeLoader(text).get_single_data()
    except yaml.YAMLError as exc:
        raise InputError(f"not valid YAML: {exc}", where) from None
