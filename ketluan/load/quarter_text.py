"""Lists added to one quarter of the data file's text, the rest of it as it was.

Items go at the end of the quarter's list (`reports:`, `directives:`), or a new list at
the end of the quarter, found by PyYAML's node positions: comments, order and layout of
everything else stay untouched.
"""

from __future__ import annotations

from typing import Any

import yaml

from ketluan.load.writer import dump_yaml

__all__ = ["append_to_quarter"]


def append_to_quarter(text: str, key: str, name: str, items: list[dict[str, Any]]) -> str:
    """`text` with `items` appended to quarter `key`'s list `name` (a new `name:` at the
    end of the quarter when it has none), found by PyYAML's node positions: comments,
    order and layout of everything else stay untouched."""
    quarter = _quarter(yaml.compose(text), key)
    lines = text.split("\n")
    listed = next((v for k, v in quarter.value if k.value == name), None)
    if isinstance(listed, yaml.SequenceNode) and listed.value:
        indent = listed.value[0].start_mark.column - 2
        new = _items(items, indent)
    else:
        indent = quarter.value[0][0].start_mark.column
        new = [" " * indent + f"{name}:", *_items(items, indent)]
    at = _after(
        listed if isinstance(listed, yaml.SequenceNode) and listed.value else quarter, lines
    )
    lines[at:at] = new
    return "\n".join(lines)


def _quarter(root: yaml.Node | None, key: str) -> yaml.MappingNode:
    pairs = root.value if isinstance(root, yaml.MappingNode) else []
    quarters = next((v for k, v in pairs if k.value == "quarters"), None)
    for item in quarters.value if isinstance(quarters, yaml.SequenceNode) else ():
        if isinstance(item, yaml.MappingNode) and any(
            k.value == "key" and v.value == key for k, v in item.value
        ):
            return item
    raise KeyError(key)


def _after(node: yaml.Node, lines: list[str]) -> int:
    """The line index right after `node` ends: a block collection ends where the next
    token starts, often at the start of the line after its last one."""
    end = node.end_mark
    if end.line >= len(lines) or not lines[end.line][: end.column].strip():
        return min(end.line, len(lines))
    return end.line + 1


def _items(items: list[dict[str, Any]], indent: int) -> list[str]:
    dumped = dump_yaml(items)
    return [" " * indent + line for line in dumped.rstrip("\n").split("\n")]
