"""The site builds strictly from the real data, and nothing is built from bad data."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sitecheck import REAL_DATA, REAL_QUARTER, REPO

# Runs MkDocs or mike: outside the fast loop (`pytest -m 'not build'`).
pytestmark = pytest.mark.build


def build(
    tmp_path: Path, data: Path | None = None, *, project: Path = REPO, **extra: str
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` of this repository's site (or a copy of it), optionally from
    another data file, with `extra` environment variables."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KETLUAN_PDF": "0", **extra}
    env.pop("KETLUAN_DATA", None)
    if data is not None:
        env["KETLUAN_DATA"] = str(data)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "site")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_real_data_builds_strictly_without_warnings(tmp_path: Path) -> None:
    result = build(tmp_path, KETLUAN_QUARTER=REAL_QUARTER)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    # Nor a dependency's deprecation with its stack (pathspec's, through MkDocs).
    assert "Warning:" not in result.stderr, result.stderr
    home = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert "Hội nghị ngày 24/4/2026" in home
    assert "<td>41</td>" in home  # tasks
    # Every macro call of docs/ was run (mkdocs-macros renders only the paths that
    # mkdocs.yml forces), none left in a page as text.
    for source in (REPO / "docs").rglob("*.md"):
        page = source.relative_to(REPO / "docs").with_suffix("")
        html = tmp_path / "site" / (page.parent if page.name == "index" else page) / "index.html"
        calls = re.findall(r"\{\{.*?\}\}", source.read_text(encoding="utf-8"))
        assert calls, source
        assert not any(call in html.read_text(encoding="utf-8") for call in calls), source


def test_invalid_data_stops_the_build_and_publishes_nothing(tmp_path: Path) -> None:
    text = REAL_DATA.read_text(encoding="utf-8")
    bad = tmp_path / "bad.yml"
    bad.write_text(text.replace("date: 2026-05-31", "date: 2026-05-30", 1), encoding="utf-8")
    result = build(tmp_path, bad)
    assert result.returncode != 0
    assert "dữ liệu chưa hợp lệ" in result.stderr
    assert "deadlines[0].date: ngày '2026-05-30' không khớp" in result.stderr
    assert not (tmp_path / "site/index.html").exists()


def _one_vietnamese_line(result: subprocess.CompletedProcess[str], words: str) -> None:
    """The build failed, saying why in Vietnamese (once), with no traceback."""
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    assert len([ln for ln in result.stderr.splitlines() if words in ln]) == 1, result.stderr
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("ERROR")]
    assert len(errors) == 1, result.stderr


def test_a_data_path_that_is_a_folder_stops_the_build_in_one_line(tmp_path: Path) -> None:
    result = build(tmp_path, tmp_path)
    _one_vietnamese_line(result, "đây là một thư mục, không phải tệp dữ liệu YAML")
    assert not (tmp_path / "site/index.html").exists()


def test_any_other_failure_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    # A "Chromium" that cannot start: printing fails, and the build says so at its end.
    result = build(tmp_path, KETLUAN_PDF="1", KETLUAN_CHROMIUM="/bin/false")
    _one_vietnamese_line(result, "ketluan: không in được bản PDF: TargetClosedError")
    assert "Browser logs" not in result.stderr


def test_two_pages_written_to_one_file_stop_the_build(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "docs", "overrides", "macros", "data"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, project / name)
    # A hand-written page where the generated page of an agency goes.
    (project / "docs/co-quan/ban-noi-chinh.md").write_text("# Trang tay\n", encoding="utf-8")
    result = build(tmp_path, project=project)
    _one_vietnamese_line(result, "nhiều trang cùng ghi vào một tệp")
    assert "co-quan/ban-noi-chinh/index.html" in result.stderr
