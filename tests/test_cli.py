"""`ketluan check`: a summary for valid data, every problem and exit 1 for invalid."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.cli import main

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
    assert out.startswith(f"{data}: hợp lệ — {len(raw['quarters'])} quý, {tasks} nhiệm vụ, ")
    assert f", {footnotes} chú thích, " in out
    assert tasks >= 41 and footnotes >= 6  # the real conclusion's, and any added after it


def test_check_reports_all_problems_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (REPO / "data/directives.yml").read_text(encoding="utf-8")
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

    monkeypatch.setattr("macros.cli.load_reviewed", broken)
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

    monkeypatch.setattr("macros.cli.load_reviewed", full)
    assert main(["check"]) == 1
    assert capsys.readouterr().err == "lỗi: ổ đĩa đã đầy (/srv/ket-luan)\n"
