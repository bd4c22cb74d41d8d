"""Characters a data file may not hold, and words that mix scripts.

Text reaches the data from Word and PDF files received from outside, and what a reader
cannot see cannot be checked: a control character reaches the HTML, a zero-width space
or a no-break space in an agency name silently stops it being linked, U+202E reverses
the text on screen, U+2028 and U+0085 are line breaks to YAML (and shift every later
line number), and a Cyrillic "а" inside a Latin word spoofs a name. Every such
character is refused, with its code point and name, where it stands.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache

__all__ = ["blank", "may_mix_scripts", "mixed_script_words", "scan", "unsafe"]

# Bidirectional controls: they reorder what a reader sees (Trojan Source, CVE-2021-42574).
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

_WORD = re.compile(r"\w+")


@cache
def unsafe(c: str) -> str | None:
    """Why `c` may not stand in a data file (in Vietnamese), or None if it may.

    A line feed and a tab are the only controls YAML itself needs; tabs are refused
    inside values by the value checks.
    """
    if c in "\n\t" or " " <= c <= "~":
        return None
    category = unicodedata.category(c)
    code = f"U+{ord(c):04X}"
    name = unicodedata.name(c, "")
    shown = f"{code} {name}".strip()
    if c in _BIDI:
        return f"ký tự đảo chiều hiển thị {shown}: có thể làm văn bản hiện khác nội dung thật"
    if category == "Cc":
        return f"ký tự điều khiển {code}"
    if category == "Cf":
        return f"ký tự định dạng vô hình {shown}"
    if category in ("Zl", "Zp"):
        return f"ký tự xuống dòng {shown}; mỗi đoạn là một mục riêng"
    if category == "Zs" and c != " ":
        return f"khoảng trắng đặc biệt {shown}; dùng dấu cách thường"
    if category in ("Co", "Cn"):
        return (
            f"ký tự {code} không có trong bảng mã Unicode chuẩn "
            "(thường do phông chữ cũ TCVN3, VNI); chuyển văn bản sang Unicode"
        )
    return None


def scan(text: str) -> Iterator[tuple[int, int, str]]:
    """(line, column, reason) of every refused character in `text`, both 1-based.

    Lines are counted at line feeds only, as an editor counts them; a carriage return
    is allowed only before a line feed, and a byte order mark only at the very start.
    """
    distinct = {c for c in set(text) if unsafe(c)}
    if "\ufeff" in distinct and text.count("\ufeff") == 1 and text.startswith("\ufeff"):
        distinct.discard("\ufeff")
    lone_cr = "\r" in text and re.search(r"\r(?!\n)", text) is not None
    distinct.discard("\r")
    if not distinct and not lone_cr:
        return
    alternatives = [re.escape(c) for c in sorted(distinct)]
    if lone_cr:
        alternatives.append(r"\r(?!\n)")
    pattern = re.compile("|".join(alternatives))
    for line_number, line in enumerate(text.split("\n"), start=1):
        for m in pattern.finditer(line):
            if m.start() == 0 and line_number == 1 and m.group() == "\ufeff":
                continue
            reason = (
                "ký tự CR (U+000D) đứng riêng; dùng xuống dòng thường"
                if m.group() == "\r"
                else unsafe(m.group()) or ""
            )
            yield line_number, m.start() + 1, reason


@cache
def _script(c: str) -> str:
    # The first word of a letter's Unicode name is its script ("LATIN SMALL LETTER A",
    # "CYRILLIC SMALL LETTER A"); look-alike letters of other blocks ("FULLWIDTH LATIN",
    # "MATHEMATICAL BOLD") count as their own, as they are not Vietnamese letters.
    return unicodedata.name(c, "?").split(" ", 1)[0]


@cache
def _foreign_letter(c: str) -> bool:
    return c.isalpha() and not c.isascii() and _script(c) != "LATIN"


def may_mix_scripts(chars: set[str]) -> bool:
    """Whether a text made of `chars` can hold a word of mixed scripts at all: only if
    one of its letters is not Latin (a check of distinct characters, not of words)."""
    return any(_foreign_letter(c) for c in chars)


def mixed_script_words(text: str) -> Iterator[tuple[str, str]]:
    """Each word of `text` whose letters come from more than one script, with a
    Vietnamese explanation ("chữ 'а' U+0430 là chữ Cyrillic")."""
    if text.isascii():
        return
    for m in _WORD.finditer(text):
        word = m.group()
        if word.isascii():
            continue
        letters = [c for c in word if c.isalpha()]
        scripts = {_script(c) for c in letters}
        if len(scripts) < 2:
            continue
        main = "LATIN" if "LATIN" in scripts else _script(letters[0])
        odd = next(c for c in letters if _script(c) != main)
        yield word, f"chữ '{odd}' U+{ord(odd):04X} thuộc bảng chữ {_script(odd)}"


def blank(text: str) -> str:
    """`text` with every refused character replaced by a space, so that the rest of
    the file can still be read and checked with every line and column where it was."""
    out = re.sub(r"\r(?!\n)", " ", text)
    head = "\ufeff" if out.startswith("\ufeff") else ""
    body = out[len(head) :]
    return head + "".join(" " if c != "\r" and unsafe(c) else c for c in body)
