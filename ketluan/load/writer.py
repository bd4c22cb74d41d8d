"""YAML text the data file's reader accepts, for the commands that write into it
(`ketluan import`, `ketluan reports import`).

PyYAML writes an anchor and an alias for a value that appears twice (one `date` object
as two reports' date); the reader refuses both, so they are never written. Vietnamese
stays as it is, and long lines are not wrapped (a paragraph is one value on one line).
"""

from __future__ import annotations

from typing import Any

import yaml

__all__ = ["dump_yaml"]


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_yaml(value: Any, *, sort_keys: bool = False, width: int = 100_000) -> str:
    """`value` as YAML text, without anchors or aliases; lines wrap at `width` columns."""
    return yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=sort_keys, width=width)
