"""New status reports written into the data file's text, the rest of it as it was.

The reports go at the end of the quarter's `reports:` list, or a new `reports:` at the
end of the quarter, found by PyYAML's node positions: comments, order and layout of
everything else stay untouched. A report already in the data (same task, date,
status, note, agency and evidence) is not added again, so importing a sheet twice
changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from ketluan.load.writer import dump_yaml

__all__ = ["Merged", "merge_reports"]


@dataclass(frozen=True, slots=True)
class Merged:
    """The data file's new text, which of the reports were added, and which were there."""

    text: str
    added: list[int]  # indexes into the reports given
    already: list[int]


def merge_reports(text: str, key: str, reports: list[dict[str, Any]]) -> Merged:
    """`text` with `reports` appended to quarter `key` (which must exist)."""
    root = yaml.compose(text)
    quarter = _quarter(root, key)
    existing = _existing(yaml.safe_load(text), key)
    added = [i for i, r in enumerate(reports) if _same(r) not in existing]
    already = [i for i, r in enumerate(reports) if _same(r) in existing]
    if not added:
        return Merged(text, [], already)
    lines = text.split("\n")
    block = [reports[i] for i in added]
    listed = next((v for k, v in quarter.value if k.value == "reports"), None)
    if isinstance(listed, yaml.SequenceNode) and listed.value:
        indent = listed.value[0].start_mark.column - 2
        new = _items(block, indent)
    else:
        indent = quarter.value[0][0].start_mark.column
        new = [" " * indent + "reports:", *_items(block, indent)]
    at = _after(
        listed if isinstance(listed, yaml.SequenceNode) and listed.value else quarter, lines
    )
    lines[at:at] = new
    return Merged("\n".join(lines), added, already)


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


def _items(reports: list[dict[str, Any]], indent: int) -> list[str]:
    dumped = dump_yaml(reports)
    return [" " * indent + line for line in dumped.rstrip("\n").split("\n")]


def _existing(data: Any, key: str) -> set[str]:
    quarter = next(q for q in data["quarters"] if q.get("key") == key)
    return {_same(r) for r in quarter.get("reports") or []}


def _same(report: dict[str, Any]) -> str:
    return dump_yaml(report, sort_keys=True)
