"""The editors' loop: `mkdocs serve` rebuilds when the data file is saved, without PDFs."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from sitecheck import REAL_DATA, REPO

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
