"""The editors' loop: `mkdocs serve` rebuilds when the data file is saved, without PDFs."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from sitecheck import REAL_DATA, REPO, build_site

pytestmark = pytest.mark.build


def test_saving_the_data_file_rebuilds_the_served_site(tmp_path: Path) -> None:
    data = tmp_path / "data.yml"
    shutil.copy(REAL_DATA, data)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "KETLUAN_DATA": str(data), "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=out)
    url = f"http://127.0.0.1:{port}/co-quan/ban-to-chuc/"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return str(response.read().decode("utf-8"))
        except OSError:
            return ""

    def waited(condition: str) -> str:
        for _ in range(600):
            if condition in (text := page()):
                return text
            time.sleep(0.1)
        raise AssertionError(f"{condition!r} never served:\n{log.read_text()}")

    try:
        waited("Ban Tổ chức Tỉnh ủy")
        # The data lies outside docs/: saving it must rebuild all the same.
        text = data.read_text(encoding="utf-8")
        renamed = text.replace("name: Ban Tổ chức Tỉnh ủy\n", "name: Ban Tổ chức Tỉnh ủy Thử\n", 1)
        assert renamed != text
        data.write_text(renamed, encoding="utf-8")
        waited("Ban Tổ chức Tỉnh ủy Thử")
    finally:
        server.terminate()
        server.wait(timeout=30)
    said = log.read_text(encoding="utf-8")
    assert "mkdocs serve không in bản PDF" in said  # the editors' loop prints none
    assert not list(tmp_path.rglob("*.pdf"))


# What `mkdocs serve --dirty` does at start and at each save, in one process: the
# plugins are kept between builds, as they are under the server. After each save the
# site is copied aside, once the sheets written after the pages are in.
_SERVE_DIRTY = """
import logging, shutil, sys, threading
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
site, data, *saves = sys.argv[1:]
load_config("mkdocs.yml", site_dir=site).plugins.on_startup(command="serve", dirty=True)
for n, text in enumerate([None, *saves]):
    if text is not None:
        Path(data).write_text(Path(text).read_text(encoding="utf-8"), encoding="utf-8")
    build(load_config("mkdocs.yml", site_dir=site), serve_url="http://127.0.0.1:8000/", dirty=True)
    for thread in threading.enumerate():
        if thread.name == "ketluan-extras":
            thread.join()
    shutil.copytree(site, f"{site}-{n}")
"""


def _tree(site: Path) -> dict[str, bytes]:
    # sitemap.xml.gz: gzip stamps the time it was written.
    return {
        str(path.relative_to(site)): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.name != "sitemap.xml.gz"
    }


def test_a_save_under_serve_dirty_writes_what_a_full_build_writes(tmp_path: Path) -> None:
    """The editing loop renders only the pages a save changed; the site it serves is
    the one a full build makes, page for page and in its search index: a changed task
    text, a deadline date that adds a page, then the date back (the page goes), then a
    save that only adds a comment (no page is rendered)."""
    original = REAL_DATA.read_text(encoding="utf-8")
    due = (
        "        - phrase: phân đấu xử lý hoàn thành trong năm 2026\n"
        "          date: 2026-12-31\n"
        "          precision: year\n"
    )
    assert original.count(due) == 1
    retold = original.replace("Chỉ đạo nâng cao chất lượng các dịch vụ công", "Chỉ đạo nâng cao", 1)
    # The task's words and its deadline together, as the check requires.
    moved = retold.replace(
        due,
        "        - phrase: phân đấu xử lý hoàn thành trước ngày 30/11/2026\n"
        "          date: 2026-11-30\n"
        "          precision: day\n",
    ).replace(
        "phân đấu xử lý hoàn thành trong năm 2026",
        "phân đấu xử lý hoàn thành trước ngày 30/11/2026",
    )
    assert original != retold != moved
    versions = []
    for n, text in enumerate((moved, retold, retold + "\n# chỉ thêm một dòng ghi chú\n")):
        versions.append(tmp_path / f"v{n}.yml")
        versions[-1].write_text(text, encoding="utf-8")
    data = tmp_path / "data.yml"
    data.write_text(original, encoding="utf-8")
    env = {**os.environ, "KETLUAN_DATA": str(data), "KETLUAN_PDF": "0", "NO_MKDOCS_2_WARNING": "1"}
    served = tmp_path / "served"
    result = subprocess.run(
        [sys.executable, "-c", _SERVE_DIRTY, str(served), str(data), *map(str, versions)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # Each save rendered a few pages, not the site's.
    assert result.stderr.count("ketluan: dựng ") == 4, result.stderr
    first, *after, unchanged = re.findall(r"ketluan: dựng (\d+) trang", result.stderr)
    assert all(0 < int(n) < int(first) / 2 for n in after), (first, after)
    assert unchanged == "0"
    assert "A 'dirty' build" not in result.stderr
    for n, version in enumerate(versions, start=1):
        full = tmp_path / f"full-{n}"
        build_site(full, version)
        dirty, clean = _tree(tmp_path / f"served-{n}"), _tree(full)
        assert sorted(dirty) == sorted(clean)
        assert [name for name in clean if dirty[name] != clean[name]] == []
    assert "thoi-han/2026-11-30/index.html" in _tree(tmp_path / "served-1")
    assert "thoi-han/2026-11-30/index.html" not in _tree(tmp_path / "served-2")
