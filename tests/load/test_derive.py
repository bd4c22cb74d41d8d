"""A deadline's precision and relation may be left out: the phrase says them
(ketluan.load.derive)."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from ketluan.fictional import Scale, dump, generate
from ketluan.load import validate_text
from ketluan.problems import DataError

SCALE = Scale(quarters=1, agencies=20, communes=6, tasks_per_quarter=24, documents=8)


def _deadlines(data: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []

    def walk(sections: list[dict[str, Any]]) -> None:
        for section in sections:
            for task in section.get("tasks", []):
                out.extend(task.get("deadlines", []))
            walk(section.get("sections", []))

    walk(data["quarters"][0]["sections"])
    return out


def _text(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def test_left_out_codes_are_the_phrases_own() -> None:
    data: dict[str, Any] = yaml.safe_load(dump(generate(SCALE)))
    full = validate_text(_text(data), "mau.yml")
    for deadline in _deadlines(data):
        del deadline["precision"]
        deadline.pop("relation", None)
    assert _deadlines(data)
    short = validate_text(_text(data), "mau.yml")
    assert short == full


def test_a_stated_code_is_still_checked_and_an_unread_phrase_asks_for_it() -> None:
    data: dict[str, Any] = yaml.safe_load(dump(generate(SCALE)))
    first, second = _deadlines(data)[:2]
    first["precision"] = "year" if first["precision"] != "year" else "day"
    del second["precision"]
    second["phrase"] = "sớm"  # no date in it: nothing to derive
    with pytest.raises(DataError) as caught:
        validate_text(_text(data), "mau.yml")
    messages = [p.message for p in caught.value.problems]
    assert any("không khớp cụm từ" in m for m in messages)
    assert any("precision" in m for m in messages)


def test_written_yaml_has_no_aliases_the_reader_would_refuse() -> None:
    from datetime import date

    from ketluan.load.reader import read_yaml
    from ketluan.load.writer import dump_yaml

    day = date(2026, 6, 30)
    text = dump_yaml({"a": {"date": day}, "b": {"date": day}, "c": "Tỉnh ủy"})
    assert "&" not in text and "*" not in text and "Tỉnh ủy" in text
    assert read_yaml(text, "mau.yml").data["b"]["date"] == day
