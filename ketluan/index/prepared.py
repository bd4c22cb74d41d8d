"""A version's index made once and handed on: a publication reads, checks and indexes
the data, then its build and its exports process take that index instead of reading the
data again (#28: in year ten, reading a province's data costs seconds each time).

The build is started first and the index made meanwhile: the build's own start
(Python, MkDocs, the theme and the plugins, about a second) and the index (half a second
in year ten) then overlap on the machine's two cores, and the build waits for the file
only if it gets to its pages first. The publication announces the file before the build
starts (`announce`); a build that finds it announced waits until it is written whole.

The file is the publication's own, in its private folder, and names the exact bytes it
was made from and the quarter: an index is used only for those bytes and that quarter,
so a stale or foreign file can never stand in for the data; the build then reads the
data itself. It is a pickle, which runs code as it loads: it is read only from the path
a publication of this user gives its own build (`KETLUAN_PREPARED`, in the publication's
private folder), never from a received or shared file.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from pathlib import Path

from ketluan.index.site_index import SiteIndex

# Raised when the index's classes change shape: an older file is then not used.
_FORMAT = 2  # 2: Entry.ref became a field


def data_digest(raw: bytes) -> str:
    """What names a data file's exact bytes."""
    return hashlib.sha256(raw).hexdigest()


# How long a build waits for an announced index before it reads the data itself: far
# longer than indexing takes, so that only a publication gone wrong ever reaches it.
WAIT_SECONDS = 120.0


def _writing(path: Path) -> Path:
    """Where the index at `path` is being written, and until then its announcement."""
    return path.with_name(path.name + ".dang-ghi")


def announce(path: Path) -> Path:
    """Say that the index at `path` is being made: a build given `path` waits for it."""
    _writing(path).touch()
    return path


def abandon(path: Path) -> None:
    """Withdraw the announcement (the index will not come): a build reads the data."""
    _writing(path).unlink(missing_ok=True)


def write_prepared(index: SiteIndex, raw: bytes, path: Path) -> Path:
    """Save the index of quarter `index.conclusion.key` made from the data bytes `raw`.
    It appears at `path` whole (written beside it, then renamed)."""
    writing = _writing(path)
    with writing.open("wb") as out:
        pickle.dump((_FORMAT, data_digest(raw), index.conclusion.key), out, protocol=5)
        pickle.dump(index, out, protocol=5)
    os.replace(writing, path)
    return path


def read_prepared(
    path: Path, data_file: Path, quarter: str | None, wait: float = WAIT_SECONDS
) -> SiteIndex | None:
    """The index saved at `path` if it was made from `data_file` as it is now, for
    `quarter` (None: the newest, which the index says); otherwise None. An index
    announced and not yet written is waited for, up to `wait` seconds."""
    deadline = time.monotonic() + wait
    while not path.exists() and _writing(path).exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    try:
        raw = data_file.read_bytes()
        with path.open("rb") as stream:
            form, digest, key = pickle.load(stream)
            if form != _FORMAT or digest != data_digest(raw) or quarter not in (None, key):
                return None
            index = pickle.load(stream)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError):
        return None
    return index if isinstance(index, SiteIndex) else None
