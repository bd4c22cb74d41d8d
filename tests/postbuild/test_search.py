"""Folded copies make the search find text typed without diacritics."""

from __future__ import annotations

import html
import json
from html.parser import HTMLParser
from pathlib import Path

from hostile import payload

from macros.postbuild.search import fold_entry, fold_index_file


def test_folded_copy_is_appended_hidden_after_the_original() -> None:
    entry = {"location": "x/", "title": "Đảng ủy", "text": "<p>Đẩy mạnh giải ngân</p>"}
    out = fold_entry(entry)
    assert out["text"].startswith("<p>Đẩy mạnh giải ngân</p>")
    assert "Dang uy" in out["text"] and "Day manh giai ngan" in out["text"]
    assert "hidden>" in out["text"]
    assert out["title"] == "Đảng ủy" and out["location"] == "x/"


def test_only_words_that_folding_changes_are_copied() -> None:
    entry = {"location": "x/", "title": "Tin", "text": "<p>Giải ngân vốn ODA năm 2026</p>"}
    copy = fold_entry(entry)["text"].split("hidden>")[1]
    assert copy == "Giai ngan von nam</span>"


def test_ascii_entries_are_left_alone() -> None:
    entry = {"location": "", "title": "Home", "text": "plain"}
    assert fold_entry(entry) == entry


def test_file_is_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "search_index.json"
    path.write_text(
        json.dumps({"config": {}, "docs": [{"location": "", "title": "Hà Nội", "text": ""}]})
    )
    fold_index_file(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "Ha Noi" in data["docs"][0]["text"]
    assert data["config"] == {}


class _Tags(HTMLParser):
    """The start tags of an HTML fragment, with their attributes."""

    def __init__(self, fragment: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.feed(fragment)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def test_markup_lookalikes_stay_text_in_the_folded_copy() -> None:
    # Material inserts the entry's text as HTML: the folded copy must add no element.
    text = f"<p>{html.escape(payload())}</p>"
    out = fold_entry({"location": "x/", "title": f"Tiêu đề{payload()}", "text": text})
    assert out["text"] != text  # "kỹ thuật" was folded: the copy is there
    assert _Tags(out["text"]).tags == [
        ("p", []),
        ("span", [("class", "kl-folded"), ("hidden", None)]),
    ]
    assert "ky thuat" in out["text"]


def test_entities_in_the_index_are_folded_as_the_reader_sees_them() -> None:
    out = fold_entry({"location": "", "title": "", "text": "<p>Đ&amp;A &lt;b&gt;ố&lt;/b&gt;</p>"})
    copy = out["text"].split("hidden>")[1]
    assert copy == "D&amp;A &lt;b&gt;o&lt;/b&gt;</span>"
