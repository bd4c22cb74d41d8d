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

from ketluan.load.quarter_text import append_to_quarter
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
    existing = _existing(yaml.safe_load(text), key)
    added = [i for i, r in enumerate(reports) if _same(r) not in existing]
    already = [i for i, r in enumerate(reports) if _same(r) in existing]
    if not added:
        return Merged(text, [], already)
    block = [reports[i] for i in added]
    return Merged(append_to_quarter(text, key, "reports", block), added, already)


def _existing(data: Any, key: str) -> set[str]:
    quarter = next(q for q in data["quarters"] if q.get("key") == key)
    return {_same(r) for r in quarter.get("reports") or []}


def _same(report: dict[str, Any]) -> str:
    return dump_yaml(report, sort_keys=True)
