"""The plugin's options in mkdocs.yml (`plugins: - ketluan: ...`), typed.

Each may be set from the environment with MkDocs' `!ENV` tag, as mkdocs.yml does: a
publication builds each quarter with `KETLUAN_QUARTER` set, as mike builds each version
with `MIKE_DOCS_VERSION`, and tests and benchmarks point `KETLUAN_DATA` at another file.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption

from ketluan.load import DEFAULT_DATA
from ketluan.outputs.pdf import wanted


class Switch(BaseConfigOption[bool]):
    """A yes/no that also takes what an environment variable holds through `!ENV`
    ("0", "false", "no" and "off" say no; anything else yes)."""

    def __init__(self, default: bool) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> bool:
        if value is None:
            return bool(self.default)
        return value if isinstance(value, bool) else wanted(value)


# MkDocs' Config.__init_subclass__ carries no annotations.
class KetluanConfig(base.Config):  # type: ignore[no-untyped-call]
    """`plugins: - ketluan:` of mkdocs.yml."""

    # The data file, relative to mkdocs.yml's folder (not `data`: Config is a UserDict,
    # whose `data` holds its items).
    data_file = c.Type(str, default=DEFAULT_DATA)
    # The quarter this build shows ("2026-q1"); empty: the newest in the data.
    quarter = c.Type(str, default="")
    # Print each agency page to A4 PDF with the system's Chromium.
    pdf = Switch(default=True)
    # The version's index, made by the publication that runs this build from the same
    # data bytes (`ketluan.index.prepared`); empty: read the data.
    prepared = c.Type(str, default="")
