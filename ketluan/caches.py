"""The user's private cache folders, for work kept between runs (compiled templates,
quarters already read).

What a cache holds is run or trusted as it is, so a folder is used only when it belongs
to this user and nobody else can write to it; otherwise the work is simply done again.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = ["private_folder", "private_path"]


def private_folder(name: str) -> Path | None:
    """`$XDG_CACHE_HOME/ketluan/<name>` (`~/.cache/…` by default), made if missing, or
    None when it cannot be made or is not private to this user."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    directory = Path(base) / "ketluan" / name
    # Cached work is taken as it is: a folder that someone else owns or can write to
    # could hold what they planted there (the parent too: they could swap the folder).
    made = private_path(directory)
    return made if made is not None and _private(directory.parent) else None


def private_path(directory: Path) -> Path | None:
    """`directory`, made if missing, or None when it cannot be made or is not private
    to this user."""
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return directory if _private(directory) else None


def _private(folder: Path) -> bool:
    """Whether `folder` (not a link) belongs to this user and only they can write to it."""
    try:
        status = folder.lstat()
    except OSError:
        return False
    return (
        stat.S_ISDIR(status.st_mode)
        and status.st_uid == os.getuid()
        and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )
