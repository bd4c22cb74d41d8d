"""Hostile text for security tests: characters that decompose into markup.

A Word or PDF file received from outside can carry any character. Those whose NFD or
NFKD decomposition yields an HTML special (`≮` is "<" plus a combining slash, `＜` a
compatibility form of "<") become markup if any stage normalises and strips them after
escaping. `poison` puts an attack built from each of them into every free-text field
of a data file, so a test can prove that every page, index and PDF shows them as text.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Any, Literal

_FORMS: tuple[Literal["NFD", "NFKD"], ...] = ("NFD", "NFKD")

SPECIALS = frozenset("<>&\"'=")

# The keys whose values are free text: the checks compare nothing else against them,
# so an attack appended there still leaves the file valid.
FREE_TEXT = frozenset(
    {
        "province",
        "name",
        "short",
        "notes",
        "subject",
        "title",
        "text",
        "label",
        "heading",
        "preamble",
        "paragraphs",
        "basis",
        "source_issue",
        "suggested",
        "note",
        "metric",
        "on_behalf_of",
    }
)


@cache
def lookalikes() -> tuple[str, ...]:
    """Every character whose NFD or NFKD form contains an HTML special (18 today)."""
    found = []
    for code in range(0x80, 0x110000):
        if 0xD800 <= code < 0xE000:
            continue
        c = chr(code)
        if any(SPECIALS & set(unicodedata.normalize(f, c)) for f in _FORMS):
            found.append(c)
    return tuple(found)


def _yields(c: str) -> set[str]:
    return {s for f in _FORMS for s in SPECIALS & set(unicodedata.normalize(f, c))}


def attack(c: str, n: int) -> str:
    """An image tag with a script handler, spelt with `c` in the role it can play.

    The other roles use ≮ ≯ ≠, the characters of the original report, so the tag
    forms whenever `c` folds to its special. `n` tells the dialogs apart.
    """
    lt, gt, eq, quote = "≮", "≯", "≠", ""
    roles = _yields(c)
    if "<" in roles:
        lt = c
    if ">" in roles:
        gt = c
    if "=" in roles:
        eq = c
    if roles & {'"', "'"}:
        quote = c
    if "&" in roles:  # an entity that decodes to a tag opener
        return f"{c}lt;img src{eq}x onerror{eq}alert({n}){c}gt;"
    return f"{lt}img src{eq}{quote}x{quote} onerror{eq}{quote}alert({n}){quote}{gt}"


def payload() -> str:
    """Every attack, behind words the search folds ("ky thuat" finds them)."""
    attacks = " ".join(attack(c, n) for n, c in enumerate(lookalikes(), start=1))
    return f" Ghi chú kỹ thuật {attacks} hết."


def poison(value: Any, key: str = "") -> Any:
    """A copy of raw data with `payload()` appended to every free-text string."""
    if isinstance(value, dict):
        # A quarter's title must match its key: it is not free text.
        return {
            k: v if (k == "title" and "key" in value) else poison(v, k) for k, v in value.items()
        }
    if isinstance(value, list):
        return [poison(item, key) for item in value]
    if isinstance(value, str) and key in FREE_TEXT:
        return value + payload()
    return value
