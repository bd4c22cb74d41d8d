"""Folded copies make the search find text typed without diacritics."""

from __future__ import annotations

import json
from pathlib import Path

from macros.search import fold_entry, fold_index_file


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
