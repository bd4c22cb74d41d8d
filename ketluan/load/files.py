"""Reading the data file's bytes: a regular file, of bounded size, or one clear problem."""

from __future__ import annotations

import stat
from pathlib import Path

from ketluan.problems import DataError, Problem, os_reason

# Ten years of a province's quarters are about 3 MB; far larger input is not a data
# file, and reading it would take minutes and gigabytes before saying so.
MAX_BYTES = 16 * 1024 * 1024


def read_data_file(file: Path, shown: str) -> bytes:
    """The bytes of a regular data file of at most MAX_BYTES; DataError otherwise.

    A FIFO would block the reader forever, a directory or a symlink loop raise
    OSErrors: each is said in one line, like any other problem of the file.
    """

    def refuse(message: str) -> DataError:
        return DataError([Problem(shown, 1, 1, "", message)])

    try:
        status = file.stat()
    except FileNotFoundError:
        raise refuse("không tìm thấy tệp dữ liệu") from None
    except OSError as exc:  # a symlink loop, a path too long, a folder without access
        raise refuse(f"không mở được tệp dữ liệu: {os_reason(exc)}") from None
    if stat.S_ISDIR(status.st_mode):
        raise refuse("đây là một thư mục, không phải tệp dữ liệu YAML")
    if not stat.S_ISREG(status.st_mode):
        raise refuse("không phải tệp thường (FIFO, thiết bị hoặc socket); cần một tệp YAML")
    if status.st_size > MAX_BYTES:
        raise refuse(
            f"tệp lớn {status.st_size / 1024 / 1024:.1f} MB, vượt giới hạn "
            f"{MAX_BYTES // 1024 // 1024} MB của một tệp dữ liệu"
        )
    try:
        with file.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        raise refuse(f"không đọc được tệp dữ liệu: {os_reason(exc)}") from None
    if len(raw) > MAX_BYTES:  # grew while being read
        raise refuse(f"tệp vượt giới hạn {MAX_BYTES // 1024 // 1024} MB của một tệp dữ liệu")
    return raw


def decode(raw: bytes, shown: str) -> str:
    """The file's text; a byte that is not UTF-8 is located by line and column."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        # Columns count characters, as an editor sees them, not bytes.
        column = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        raise DataError([Problem(shown, line, column, "", "tệp không phải UTF-8")]) from exc
