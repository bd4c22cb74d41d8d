"""Problems found in the data: where they are and what was expected.

Every stage (YAML reading, conversion to the model, semantic checks) reports
`Problem`s instead of raising on the first one, so an editor sees all of them at once.
"""

from __future__ import annotations

import errno
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

# Where a value stands in the data: ("quarters", 0, "tasks", 12).
FieldPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Mark:
    """A 1-based line and column in the data file."""

    line: int
    column: int


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong with the data, printed as `file:line:column: path: message`."""

    file: str
    line: int
    column: int
    path: str
    message: str
    # The path as data, for code that maps a problem back to where its value came from
    # (a returned sheet's row); `path` is how it is printed.
    field: FieldPath = field(default=(), compare=False)

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{self.file}:{self.line}:{self.column}: {where}{self.message}"


class DataError(Exception):
    """Raised when the data is invalid; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def format_path(path: FieldPath) -> str:
    """`("quarters", 0, "tasks", 12)` → `quarters[0].tasks[12]`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


class Locator(Protocol):
    """What finds the position of a path in the file (the YAML reader's node marks)."""

    def get(self, path: FieldPath) -> Mark | None:
        """The mark of `path`, or None if the file has no value there."""


class Reporter:
    """Collects problems for one file, locating each by the nearest known path."""

    def __init__(self, file: str, marks: Locator) -> None:
        self.file = file
        self.marks = marks
        self.problems: list[Problem] = []

    def mark_of(self, path: FieldPath) -> Mark:
        """The mark of `path`, or of its closest ancestor that has one."""
        for end in range(len(path), -1, -1):
            mark = self.marks.get(path[:end])
            if mark is not None:
                return mark
        return Mark(1, 1)

    def report(self, path: FieldPath, message: str, *, mark: Mark | None = None) -> None:
        """Record a problem at `path` (or at an explicit mark)."""
        where = mark or self.mark_of(path)
        self.problems.append(
            Problem(self.file, where.line, where.column, format_path(path), message, path)
        )


_OS_REASONS = {
    errno.ENOENT: "không tìm thấy",
    errno.ELOOP: "các liên kết tượng trưng trỏ vòng vào nhau",
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không có quyền truy cập",
    errno.ENAMETOOLONG: "tên tệp hoặc đường dẫn quá dài",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.EISDIR: "đây là một thư mục",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.EIO: "lỗi đọc, ghi ổ đĩa",
    errno.EADDRINUSE: "cổng đang được chương trình khác dùng",
}


def os_reason(exc: OSError) -> str:
    """What went wrong with a file or a port, in Vietnamese (the system's words else)."""
    return _OS_REASONS.get(exc.errno or 0) or exc.strerror or str(exc)
