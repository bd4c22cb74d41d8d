"""The data file as a tree that writes back as it was read: comments, key order,
quoting and layout kept, so that a change made in the review touches only its lines.

ruamel.yaml's round-trip mode, chosen by measurement on the real data file (1,008
lines, 11 comments): read and written back unchanged it keeps every comment and all but
one line (a long plain value that an editor had folded over two lines becomes one), in
0.14 s to read and 0.08 s to write. Node-position edits on PyYAML's events would keep
that line too, but every kind of change (a list made, a key removed, a registry entry
merged into another) would need its own text surgery; the tree does them all alike.

The layout options are those of the files ketluan writes (`ketluan.load.writer`): lists
at their key's indentation, values never wrapped (a paragraph is one line).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ketluan.load.review import REVIEW_KEY
from ketluan.problems import FieldPath

__all__ = ["at", "clear_mark", "parse", "put", "unparse"]


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=2, offset=0)
    return yaml


def parse(text: str) -> Any:
    """The tree of a data file's text (already accepted by the checker)."""
    return _yaml().load(text)


def unparse(tree: Any) -> str:
    """The text of `tree`, laid out as it was read."""
    out = io.StringIO()
    _yaml().dump(tree, out)
    return out.getvalue()


def at(tree: Any, path: FieldPath) -> Any:
    """The node at `path`; KeyError or IndexError if the file has none there."""
    node = tree
    for part in path:
        node = node[part]
    return node


def clear_mark(record: CommentedMap, note: str) -> None:
    """Delete review note `note` from `record`, and the key when it was the last;
    KeyError if the record has no such note."""
    notes = record.get(REVIEW_KEY)
    if not isinstance(notes, list) or note not in notes:
        raise KeyError(note)
    notes.remove(note)
    if not notes:
        del record[REVIEW_KEY]


def put(record: CommentedMap, key: str, value: Any, *, after: Iterable[str] = ()) -> None:
    """Set `record[key]`: in place when the key is there, else right after the last of
    `after` the record has (so a new `lead` sits under the task's text), else last. A
    list becomes a block list; None or an empty list removes the key."""
    if value is None or (isinstance(value, list) and not value):
        record.pop(key, None)
        return
    if isinstance(value, list):
        value = CommentedSeq(value)
    if key in record:
        record[key] = value
        return
    keys = list(record)
    anchors = [keys.index(k) for k in after if k in record]
    record.insert(max(anchors) + 1 if anchors else len(keys), key, value)
