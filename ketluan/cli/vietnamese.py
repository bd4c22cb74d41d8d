"""argparse's own words in Vietnamese: "usage:", the section titles, the help option's
text and the messages of a mistyped command.

argparse looks its words up through gettext at the time it uses them (`argparse._`), and
ships no Vietnamese catalogue; the console script installs these before it builds its
parser, so an official never meets "positional arguments" or "error: the following
arguments are required". Messages argparse raises only to programmers (a parser built
wrongly) stay as they are.
"""

from __future__ import annotations

import argparse

VIETNAMESE = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "show program's version number and exit": "hiện phiên bản rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "the following arguments are required: %s": "thiếu tham số: %s",
    "unrecognized arguments: %s": "tham số không nhận ra: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "lựa chọn không có: %(value)r (chọn một trong: %(choices)s)"
    ),
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected %s argument": "cần %s giá trị",
    "expected %s arguments": "cần %s giá trị",
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tùy chọn %(option)s chưa rõ, có thể là: %(matches)s"
    ),
    "not allowed with argument %s": "không dùng được cùng %s",
    "ignored explicit argument %r": "tùy chọn không nhận giá trị %r",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "can't open '%(filename)s': %(error)s": "không mở được '%(filename)s': %(error)s",
}


def vietnamese(message: str) -> str:
    """argparse's `message` in Vietnamese, or as it is when it is not one of its words
    an official can meet."""
    return VIETNAMESE.get(message, message)


def _plural(singular: str, plural: str, n: int) -> str:
    return vietnamese(singular if n == 1 else plural)


def install() -> None:
    """Make argparse speak Vietnamese in this process (before a parser is built: the
    section titles are looked up then)."""
    argparse._ = vietnamese  # type: ignore[attr-defined]
    argparse.ngettext = _plural  # type: ignore[attr-defined]
