"""The data file with a drafted quarter in it: appended as text, comments kept, where
the file's layout allows; written anew otherwise."""

from __future__ import annotations

import re
from typing import Any

import yaml

from ketluan.ingest.directive import DirectiveDraft
from ketluan.ingest.draft import QuarterDraft
from ketluan.load.quarter_text import append_to_quarter
from ketluan.load.writer import dump_yaml

__all__ = ["with_directive", "with_quarter"]


def with_directive(data_text: str, key: str, drafted: DirectiveDraft) -> str:
    """The data file's text with the drafted directive appended to quarter `key`'s
    `directives:`, and the documents and agencies it proposes (itself first) to their
    registries; comments kept where the registries are top-level block lists, the
    whole data written anew otherwise (said in the notes)."""
    text = append_to_quarter(data_text, key, "directives", [drafted.directive])
    documents = [*([drafted.document] if drafted.document else []), *drafted.documents]
    additions = {"agencies": drafted.agencies, "documents": documents}
    raw = yaml.safe_load(text) or {}
    lines = text.rstrip("\n").split("\n")
    if _insert_in_place(lines, raw, additions):
        return "\n".join(lines) + "\n"
    drafted.notes.append("tệp dữ liệu được viết lại toàn bộ; các dòng chú thích (#) không còn")
    return _dump({**raw, **{n: [*(raw.get(n) or []), *a] for n, a in additions.items()}})


def with_quarter(data_text: str, drafted: QuarterDraft) -> str:
    """The data file's text with the drafted quarter appended to `quarters:` and the
    proposed agencies and documents to their registries: the file as it was, comments
    included, when those keys hold block lists at the top level and `quarters` comes
    last; otherwise the whole data written anew (its comments lost, said in the notes)."""
    raw = yaml.safe_load(data_text) or {}
    keys = list(raw) if isinstance(raw, dict) else []
    lines = data_text.rstrip("\n").split("\n")
    additions = {"agencies": drafted.agencies, "documents": drafted.documents}
    # A registry with no quarter yet ends "quarters: []": the draft's block list follows
    # the key instead, and the comments above stay.
    empty = bool(keys) and keys[-1] == "quarters" and lines[-1] == "quarters: []"
    last = bool(keys) and keys[-1] == "quarters" and bool(raw["quarters"] or empty)
    if last and _insert_in_place(lines, raw, additions):
        if empty:
            lines[-1] = "quarters:"
        return "\n".join(lines) + "\n" + _dump([drafted.quarter])
    drafted.notes.append("tệp dữ liệu được viết lại toàn bộ; các dòng chú thích (#) không còn")
    whole = {
        **raw,
        **{key: [*(raw.get(key) or []), *added] for key, added in additions.items()},
        "quarters": [*(raw.get("quarters") or []), drafted.quarter],
    }
    return _dump(whole)


def _insert_in_place(
    lines: list[str], raw: Any, additions: dict[str, list[dict[str, Any]]]
) -> bool:
    """Append each registry's additions at the end of its top-level block list in
    `lines` (in place); False, changing nothing, when a registry with additions is no
    such list."""
    ends = {key: _list_end(lines, key) for key in additions}
    if not all(
        not added or (raw.get(key) and ends[key] is not None) for key, added in additions.items()
    ):
        return False
    # From the bottom up, so that an insertion does not move the next one's line.
    for key in sorted(additions, key=lambda k: -(ends[k] or 0)):
        end = ends[key]
        if additions[key] and end is not None:
            lines[end:end] = _dump(additions[key]).rstrip("\n").split("\n")
    return True


def _dump(value: Any) -> str:
    return dump_yaml(value)


def _list_end(lines: list[str], key: str) -> int | None:
    """The line after the last item of top-level block list `key` (before the next
    top-level key and the comments that lead it), or None if `key` is not one."""
    start = next((i for i, line in enumerate(lines) if line == f"{key}:"), None)
    if start is None:
        return None
    end = next(
        (i for i in range(start + 1, len(lines)) if re.match(r"[^\s#-]", lines[i])), len(lines)
    )
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1
    return end
