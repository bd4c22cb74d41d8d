"""Diacritic-insensitive search for Material's client-side index.

Material's `lang: vi` search does not fold diacritics, and officials often type
without them. After the build, each index entry's text gets a folded copy of its title
and text appended, so "giai ngan" matches "giải ngân". The original text
stays first and the copy is hidden, so the result preview shows readable Vietnamese.

Material inserts an entry's text into the page as HTML, so the copy is made from the
text as a reader sees it (tags removed, entities decoded), folded, and escaped last:
whatever the data holds, the copy can only ever be text.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from macros.text.vietnamese import fold

_TAG = re.compile(r"<[^>]+>")


def fold_entry(entry: dict[str, Any], fold_word: Callable[[str], str] = fold) -> dict[str, Any]:
    """The entry with a folded copy of its title and text, when folding changes them."""
    text = str(entry.get("text", ""))
    shown = html.unescape(_TAG.sub(" ", f"{entry.get('title', '')} {text}"))
    # Only the words that folding changes: the others are indexed as they stand.
    folded = [f for word in shown.split() if (f := fold_word(word)) != word]
    if not folded:
        return entry
    # A hidden span: lunr indexes its words, the result preview shows the original.
    copy = html.escape(" ".join(folded))
    return {**entry, "text": f'{text} <span class="kl-folded" hidden>{copy}</span>'}


def fold_index(index: dict[str, Any]) -> dict[str, Any]:
    """The whole search index with folded copies added."""
    # Vietnamese writes a few thousand distinct syllables: fold each of them once.
    fold_word = cache(fold)
    return {**index, "docs": [fold_entry(d, fold_word) for d in index.get("docs", [])]}


def fold_index_file(path: Path) -> None:
    """Rewrite Material's search_index.json in place."""
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(
        json.dumps(fold_index(data), ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
