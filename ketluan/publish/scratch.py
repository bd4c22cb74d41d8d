"""The folder a publication builds in: its own, under the system's temporary folder,
removed on every exit it lives through, and by the next publication when it did not
(a `kill -9`, a power cut).

Each folder holds a lock for as long as its publication runs; a `ketluan-*` folder
whose lock nobody holds is left over, and goes.
"""

from __future__ import annotations

import contextlib
import fcntl
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

__all__ = ["PREFIX", "build_folder"]

PREFIX = "ketluan-"
_LOCK = ".dang-dung"


@contextlib.contextmanager
def build_folder() -> Iterator[Path]:
    """A new folder of this publication's own, the left-over ones swept first."""
    sweep_left_over()
    folder = Path(tempfile.mkdtemp(prefix=PREFIX))
    try:
        with open(folder / _LOCK, "w", encoding="utf-8") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield folder
    finally:
        _remove(folder)


def _remove(folder: Path) -> None:
    """Remove the folder; a child of a stopped build may still write into it for a
    moment after the build has ended (it is told to stop when the build dies), so a
    folder that comes back is removed again."""
    for _ in range(20):
        shutil.rmtree(folder, ignore_errors=True)
        time.sleep(0.1)
        if not folder.exists():
            return


def sweep_left_over() -> list[Path]:
    """Remove the build folders of publications that ended without removing them;
    the ones removed."""
    gone = []
    for folder in Path(tempfile.gettempdir()).glob(f"{PREFIX}*"):
        lock_path = folder / _LOCK
        if not lock_path.is_file() or folder.is_symlink():
            continue  # not a build folder of ours (or one being made this instant)
        try:
            with open(lock_path, encoding="utf-8") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except (BlockingIOError, OSError):
            continue  # its publication is running
        shutil.rmtree(folder, ignore_errors=True)
        gone.append(folder)
    return gone
