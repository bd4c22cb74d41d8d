"""The site builds strictly from the real data, and nothing is built from bad data."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def build(tmp_path: Path, data: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` of this repository's site, optionally from another data file."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KETLUAN_PDF": "0"}
    env.pop("KETLUAN_DATA", None)
    if data is not None:
        env["KETLUAN_DATA"] = str(data)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "site")],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_real_data_builds_strictly_without_warnings(tmp_path: Path) -> None:
    result = build(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    home = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert "Hội nghị ngày 24/04/2026" in home
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
    text = (REPO / "data/directives.yml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yml"
    bad.write_text(text.replace("date: 2026-05-31", "date: 2026-05-30", 1), encoding="utf-8")
    result = build(tmp_path, bad)
    assert result.returncode != 0
    assert "dữ liệu chưa hợp lệ" in result.stderr
    assert "deadlines[0].date: ngày '2026-05-30' không khớp" in result.stderr
    assert not (tmp_path / "site/index.html").exists()
