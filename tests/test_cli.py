"""`ketluan check`: a summary for valid data, every problem and exit 1 for invalid."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from sitecheck import REAL_DATA

from ketluan.cli import main

REPO = Path(__file__).resolve().parent.parent


def _raw_tasks(section: dict[str, Any]) -> int:
    """Tasks of a raw YAML section and its subsections: counted without the model."""
    return len(section.get("tasks", [])) + sum(_raw_tasks(s) for s in section.get("sections", []))


def test_check_real_data_passes_with_counts(capsys: pytest.CaptureFixture[str]) -> None:
    data = REPO / "data/directives.yml"
    assert main(["check", str(data)]) == 0
    out = capsys.readouterr().out
    raw = yaml.safe_load(data.read_text(encoding="utf-8"))
    tasks = sum(_raw_tasks(s) for q in raw["quarters"] for s in q["sections"])
    footnotes = sum(len(q.get("footnotes", [])) for q in raw["quarters"])
    texts = sum(1 + len(q.get("directives", [])) for q in raw["quarters"])
    assert out.startswith(
        f"{data}: hợp lệ — {len(raw['quarters'])} quý, {texts} văn bản chỉ đạo, {tasks} nhiệm vụ, "
    )
    assert f", {footnotes} chú thích, " in out
    assert tasks >= 41 and footnotes >= 6  # the real conclusion's, and any added after it


def test_check_reports_all_problems_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = REAL_DATA.read_text(encoding="utf-8")
    broken = text.replace("date: 2026-05-31", "date: 2026-05-30", 1).replace(
        "- ban-tuyen-giao-va-dan-van", "- ban-tuyen-giao", 1
    )
    bad = tmp_path / "directives.yml"
    bad.write_text(broken, encoding="utf-8")
    assert main(["check", str(bad)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert any(
        "lead[0]: cơ quan 'ban-tuyen-giao' không có trong danh mục agencies" in e for e in err
    )
    assert any("deadlines[0].date: ngày '2026-05-30' không khớp" in e for e in err)
    assert err[-1].endswith("2 lỗi; dữ liệu chưa hợp lệ, không xuất bản.")


def test_check_missing_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(tmp_path / "none.yml")]) == 1
    assert "không tìm thấy tệp" in capsys.readouterr().err


def test_an_unforeseen_failure_is_one_line_and_debug_shows_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(_path: Path) -> None:
        raise ValueError("hỏng bất ngờ")

    monkeypatch.setattr("ketluan.cli.commands.load_with_marks", broken)
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert err == (
        "lỗi: sự cố không lường trước (ValueError: hỏng bất ngờ); "
        "chạy lại với --debug để xem chi tiết\n"
    )
    with pytest.raises(ValueError, match="hỏng bất ngờ"):
        main(["--debug", "check"])


def test_a_system_error_is_said_in_vietnamese(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def full(_path: Path) -> None:
        raise OSError(28, "No space left on device", "/srv/ket-luan")

    monkeypatch.setattr("ketluan.cli.commands.load_with_marks", full)
    assert main(["check"]) == 1
    assert capsys.readouterr().err == "lỗi: ổ đĩa đã đầy (/srv/ket-luan)\n"


def test_version_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert re.fullmatch(r"ketluan \d+\.\d+\.\d+\n", capsys.readouterr().out)


ENGLISH = ("usage:", "positional arguments", "options:", "show this help", "show program")


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["check"],
        ["publish"],
        ["preview"],
        ["import"],
        ["schema"],
        ["reports"],
        ["reports", "import"],
        ["review"],
    ],
)
def test_every_help_is_in_vietnamese_with_an_example(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main([*command, "-h"])
    text = capsys.readouterr().out
    assert text.startswith("cách dùng: ketluan")
    assert not [word for word in ENGLISH if word in text], text
    assert "hiện hướng dẫn này rồi thoát" in text
    if command:  # each command: what it does, then an example to copy
        assert "\nVí dụ:\n  ketluan " in text


def test_a_mistyped_command_is_told_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    for argv, said in (
        (["publish"], "ketluan publish: lỗi: thiếu tham số: QUÝ"),
        (["publsh"], "lựa chọn không có: 'publsh'"),
        (["check", "--bogus"], "tham số không nhận ra: --bogus"),
    ):
        with pytest.raises(SystemExit) as stop:
            main(argv)
        assert stop.value.code == 2
        err = capsys.readouterr().err
        assert said in err and "error" not in err and "usage" not in err


def test_ctrl_c_is_one_short_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(_path: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("ketluan.cli.commands.load_with_marks", interrupted)
    assert main(["check"]) == 130
    assert capsys.readouterr().err == "\nĐã dừng (Ctrl+C).\n"


def test_publishing_outside_the_project_says_where_to_run_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    data = REAL_DATA
    assert main(["publish", "2026-q1", "--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert "không có mkdocs.yml; chạy lệnh trong thư mục dự án ketluan" in err
    assert "Errno" not in err
