"""Writing the files the commands make: whole or not at all, one writer at a time, never
over the wrong file.

- `write_whole` writes into a temporary file of its own beside the target (a new name
  each time, created exclusively, so no planted file or symlink is followed), flushes it
  to disk and renames it over the target: a reader sees the old file or the new one,
  never a mix; a failure (a full disk) removes the temporary file and leaves the target
  as it was. A read-only target is refused, not replaced, and the target's permissions
  are kept.
- `writer_lock` is held by a command from the moment it reads the data file until it has
  written it back, so that two commands at once do not lose each other's changes: the
  second waits, then reads what the first wrote.
- `check_outputs` refuses, before any work, an output that is a folder, a symlink, or
  the same file as an input or another output.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

__all__ = ["OutputRefused", "check_outputs", "write_whole", "writer_lock"]

PARTIAL_SUFFIX = ".dang-viet"


class OutputRefused(ValueError):
    """A file cannot or must not be written there; the message says why, in Vietnamese."""


def check_outputs(outputs: dict[str, Path], inputs: dict[str, Path]) -> None:
    """Refuse each output (named by how the command calls it: "tệp bản nháp") that is a
    folder or a symlink, or the same file as an input or as another output."""
    seen: dict[str, str] = {}
    for name, path in inputs.items():
        if path.exists():
            seen.setdefault(_identity(path), name)
    for name, path in outputs.items():
        if path.is_symlink():
            raise OutputRefused(f"{name} {path} là một liên kết tượng trưng; hãy chỉ một tệp thật")
        if path.is_dir():
            raise OutputRefused(f"{name} {path} là một thư mục; hãy chỉ một tệp trong thư mục đó")
        identity = _identity(path) if path.exists() else f"new:{path.resolve()}"
        same = seen.get(identity)
        if same is not None:
            raise OutputRefused(f"{name} {path} trùng với {same}; hãy chọn tệp khác")
        seen[identity] = name


def _identity(path: Path) -> str:
    status = path.stat()
    return f"{status.st_dev}:{status.st_ino}"


def write_whole(path: Path, text: str, *, before_rename: Callable[[], None] | None = None) -> None:
    """Write `text` to `path` whole or not at all (see the module); `before_rename` runs
    once the new bytes are on disk (tests use it to fail there)."""
    mode = _mode_to_keep(path)
    handle, partial = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=PARTIAL_SUFFIX
    )
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(text.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        # A temporary file is made private; the file it becomes is not: it keeps the
        # target's permissions, or gets those any new file gets (the umask's).
        os.chmod(partial, mode if mode is not None else _new_file_mode())
        if before_rename is not None:
            before_rename()
        os.replace(partial, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(partial)
        raise


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _mode_to_keep(path: Path) -> int | None:
    """The permission bits of an existing target; refuses one that is read-only."""
    try:
        status = path.lstat()
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(status.st_mode):
        raise OutputRefused(f"{path} là một liên kết tượng trưng; hãy chỉ một tệp thật")
    if not stat.S_ISREG(status.st_mode):
        raise OutputRefused(f"{path} không phải một tệp thường; hãy chỉ một tệp")
    # The owner's write bit, not os.access: root may write anything, and a file made
    # read-only on purpose must stay so whoever runs the command.
    if not status.st_mode & stat.S_IWUSR:
        raise OutputRefused(f"tệp {path} chỉ cho đọc; không ghi đè")
    return stat.S_IMODE(status.st_mode)


@contextlib.contextmanager
def writer_lock(path: Path, *, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the lock of the file `path` (a `.<name>.khoa` file beside it): a second
    writer waits until the first is done; `waiting` is called once if it has to."""
    lock_path = path.parent / f".{path.name}.khoa"
    with open(lock_path, "a", encoding="utf-8") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None:
                waiting()
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
