"""Review marks (`needs_review`): taken out of the data, listed by `check` where they
stand, and holding back the publication of the quarter they concern (ketluan.load.review)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from ketluan.cli import main
from ketluan.fictional import Scale, dump, generate
from ketluan.load import load_with_marks, validate_text, validate_with_marks
from ketluan.load.review import marks_holding
from ketluan.problems import DataError
from ketluan.publish.branch import Destination
from ketluan.publish.commands import publish
from ketluan.publish.processes import PublishError

SCALE = Scale(quarters=2, agencies=20, communes=6, tasks_per_quarter=12, documents=8)


def _data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(dump(generate(SCALE)))
    return data


def _text(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def _first_task(quarter: dict[str, Any]) -> dict[str, Any]:
    section = quarter["sections"][0]
    while "tasks" not in section:
        section = section["sections"][0]
    task: dict[str, Any] = section["tasks"][0]
    return task


def test_marks_are_listed_where_they_stand_and_never_reach_the_model() -> None:
    data = _data()
    plain = validate_text(_text(data), "mau.yml")
    _first_task(data["quarters"][1])["needs_review"] = ["lead: suy từ tiêu đề mục"]
    data["agencies"][0]["needs_review"] = ["cơ quan mới", "tên viết tắt chưa rõ"]
    text = _text(data)
    loaded = validate_with_marks(text, "mau.yml")
    assert loaded.dataset == plain
    lines = text.split("\n")
    assert [m.problem.message for m in loaded.marks] == [
        "cơ quan mới",
        "tên viết tắt chưa rõ",
        "lead: suy từ tiêu đề mục",
    ]
    for mark in loaded.marks:  # the line and column of the note itself
        p = mark.problem
        assert lines[p.line - 1][p.column - 1 :].lstrip("'\"").startswith(p.message)
    assert str(loaded.marks[0]).startswith("mau.yml:")
    assert ": agencies[0]: cần rà soát: cơ quan mới" in str(loaded.marks[0])


@pytest.mark.parametrize("value", ["một chuỗi", [], [""], [3]])
def test_a_mark_that_is_not_a_list_of_notes_is_an_error_with_the_others(value: Any) -> None:
    data = _data()
    data["agencies"][0]["needs_review"] = value
    data["agencies"][1]["group"] = "khong-co"
    with pytest.raises(DataError) as caught:
        validate_with_marks(_text(data), "mau.yml")
    paths = [p.path for p in caught.value.problems]
    assert any(p.startswith("agencies[0].needs_review") for p in paths)
    assert "agencies[1].group" in paths


def test_a_quarter_is_held_back_by_its_own_marks_and_those_of_what_it_names() -> None:
    data = _data()
    q1, q2 = data["quarters"]
    q2["needs_review"] = ["đoạn chưa xếp vào đâu"]
    position = next(
        i
        for i, a in enumerate(data["agencies"])
        if f"- {a['id']}\n" in _text(q1) and a["id"] not in _text(q2)
    )
    data["agencies"][position]["needs_review"] = ["cơ quan mới"]
    nobody = next(
        i
        for i, a in enumerate(data["agencies"])
        if a["id"] not in _text(q1) and a["id"] not in _text(q2)
    )
    data["agencies"][nobody]["needs_review"] = ["cơ quan không nhiệm vụ nào nêu"]
    loaded = validate_with_marks(_text(data), "mau.yml")
    held = {
        key: [m.problem.message for m in marks_holding(loaded.marks, loaded.dataset, key)]
        for key in (q1["key"], q2["key"])
    }
    assert held == {q1["key"]: ["cơ quan mới"], q2["key"]: ["đoạn chưa xếp vào đâu"]}


def test_publish_refuses_a_quarter_with_marks_and_check_only_warns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _data()
    _first_task(data["quarters"][1])["needs_review"] = ["lead: suy từ tiêu đề mục"]
    path = tmp_path / "mau.yml"
    path.write_text(_text(data), encoding="utf-8")
    key = data["quarters"][1]["key"]
    with pytest.raises(PublishError) as refused:
        publish(Destination(tmp_path, path, allow_uncommitted=True), key)
    message = str(refused.value)
    assert f"quý {key} còn 1 điểm cần rà soát" in message
    assert "mau.yml:" in message and "lead: suy từ tiêu đề mục" in message
    assert main(["check", str(path)]) == 0
    captured = capsys.readouterr()
    assert "hợp lệ" in captured.out
    assert "cần rà soát: lead: suy từ tiêu đề mục" in captured.err
    assert "còn 1 điểm cần rà soát" in captured.err
    assert load_with_marks(path).marks  # the file is as it was: nothing cleared by a command
