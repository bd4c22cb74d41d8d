"""Checks on every text value of the raw data: NFC, one line, nothing hidden or spoofed."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from typing import Any

from ketluan.problems import FieldPath, Mark, Reporter
from ketluan.text.characters import may_mix_scripts, mixed_script_words, unsafe

# Where a word stands in the source of the value at a path, if it is written there.
FindWord = Callable[[FieldPath, str], Mark | None]


def check_strings(reporter: Reporter, data: Any, find: FindWord) -> None:
    """Every text value: NFC, one line, no hidden character, no word of mixed scripts.

    Characters written as they are were refused by the reader where they stand; what
    remains here came through an escape sequence ("\\0", "\\u202e", "\\N").
    """
    for path, text in _strings(data, ()):
        if text.isascii() and text.isprintable():
            continue  # most ids, codes and dates: nothing below can apply
        if not unicodedata.is_normalized("NFC", text):
            reporter.report(
                path, "chuỗi chưa ở dạng Unicode NFC (chữ có dấu bị tách); hãy chuẩn hóa NFC"
            )
        if "\n" in text:
            reporter.report(path, "giá trị có ký tự xuống dòng; mỗi đoạn văn là một mục riêng")
        if "\t" in text:
            reporter.report(path, "giá trị có ký tự Tab; dùng dấu cách")
        chars = set(text)
        for reason in sorted({r for c in chars if (r := unsafe(c))}):
            reporter.report(path, reason)
        if not may_mix_scripts(chars):
            continue
        for word, why in mixed_script_words(text):
            reporter.report(
                path,
                f"từ '{word}' trộn chữ của nhiều bảng chữ cái ({why}); "
                "có thể là chữ giả mạo, hãy gõ lại từ này",
                mark=find(path, word),
            )


def _strings(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*path, i))
