"""Reading the data file (ketluan.load.files): what is not a readable file is said in one line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ketluan.load import files, load
from ketluan.problems import DataError


def _only_problem(path: Path) -> str:
    with pytest.raises(DataError) as caught:
        load(path, name="du-lieu.yml")
    (problem,) = caught.value.problems
    return str(problem)


def test_a_directory(tmp_path: Path) -> None:
    assert _only_problem(tmp_path) == (
        "du-lieu.yml:1:1: đây là một thư mục, không phải tệp dữ liệu YAML"
    )


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.yml"
    os.mkfifo(fifo)
    assert "không phải tệp thường (FIFO" in _only_problem(fifo)


def test_a_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "a.yml").symlink_to(tmp_path / "b.yml")
    (tmp_path / "b.yml").symlink_to(tmp_path / "a.yml")
    assert _only_problem(tmp_path / "a.yml") == (
        "du-lieu.yml:1:1: không mở được tệp dữ liệu: các liên kết tượng trưng trỏ vòng vào nhau"
    )


def test_missing(tmp_path: Path) -> None:
    assert _only_problem(tmp_path / "khong-co.yml").endswith("không tìm thấy tệp dữ liệu")


def test_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.yml"
    path.write_text("schema: 1\n", encoding="utf-8")

    def denied(*_: object, **__: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)  # root reads any file: simulate a denial
    assert _only_problem(path).endswith("không đọc được tệp dữ liệu: không có quyền truy cập")


def test_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "MAX_BYTES", 1024)
    path = tmp_path / "lon.yml"
    path.write_bytes(b"# " + b"x" * 2048 + b"\n")
    message = _only_problem(path)
    assert message.startswith("du-lieu.yml:1:1: tệp lớn ") and "vượt giới hạn" in message
