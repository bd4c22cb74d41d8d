"""What the data may leave out because its phrase already says it: a deadline's
`precision` and `relation` ("trước 15/6/2026" is a day, before; "trong quý II" a
quarter, by). They are filled in from the phrase before the data is converted, so the
model always holds them; a phrase the reader cannot parse leaves them missing, and the
conversion then asks for them where they belong."""

from __future__ import annotations

from typing import Any

from ketluan.model.calendar import planning_year
from ketluan.model.keys import QuarterKey
from ketluan.text.deadlines import DeadlinePhraseError, parse_deadline

__all__ = ["derive_deadline_codes"]


def derive_deadline_codes(data: Any) -> None:
    """Fill each deadline's missing `precision` and `relation` from its phrase (in place)."""
    quarters = data.get("quarters") if isinstance(data, dict) else None
    for quarter in quarters if isinstance(quarters, list) else ():
        key = quarter.get("key") if isinstance(quarter, dict) else None
        if not isinstance(key, str) or QuarterKey.parse(key) is None:
            continue
        texts = [quarter, *_dicts(quarter.get("directives"))]
        tasks = [t for text in texts for t in _tasks(text.get("sections"))]
        tasks += [t for text in texts[1:] for t in _dicts(text.get("tasks"))]
        for task in tasks:
            deadlines = task.get("deadlines")
            for deadline in deadlines if isinstance(deadlines, list) else ():
                _derive(deadline, planning_year(key))


def _dicts(items: Any) -> list[dict[str, Any]]:
    return [i for i in (items if isinstance(items, list) else ()) if isinstance(i, dict)]


def _tasks(sections: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for section in sections if isinstance(sections, list) else ():
        if isinstance(section, dict):
            tasks = section.get("tasks")
            out += [t for t in (tasks if isinstance(tasks, list) else ()) if isinstance(t, dict)]
            out += _tasks(section.get("sections"))
    return out


def _derive(deadline: Any, year: int) -> None:
    if not isinstance(deadline, dict) or {"precision", "relation"} <= deadline.keys():
        return
    phrase = deadline.get("phrase")
    if not isinstance(phrase, str):
        return
    try:
        parsed = parse_deadline(phrase, default_year=year)
    except DeadlinePhraseError:
        return  # the checker says why; "precision" is then asked for
    deadline.setdefault("precision", parsed.precision.value)
    deadline.setdefault("relation", parsed.relation.value)
