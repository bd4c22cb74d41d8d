"""`ketluan review` as the clerk runs it: one line says where to open it, Ctrl+C ends
it in one line, and it listens on this machine only (#25.1, #25.5)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from reviewing import real_draft

from ketluan.cli import main


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_the_review_says_its_address_and_ctrl_c_ends_it_in_one_line(tmp_path: Path) -> None:
    draft = real_draft(tmp_path)
    port = _free_port()
    env = {**os.environ, "DISPLAY": ""}
    review = subprocess.Popen(
        [sys.executable, "-m", "ketluan.cli", "review", str(draft), "-a", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    assert review.stdout is not None
    first = review.stdout.readline()
    assert first.startswith("Rà soát Quý I/2026 của ") and f"http://127.0.0.1:{port}/" in first
    deadline = time.monotonic() + 10
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                assert response.status == 200
                break
        except OSError:
            assert time.monotonic() < deadline
            time.sleep(0.1)
    review.send_signal(signal.SIGINT)
    out, err = review.communicate(timeout=20)
    assert review.returncode == 0, err
    assert out == "Đã dừng rà soát; mọi thay đổi đã được ghi vào tệp dữ liệu.\n"
    assert err == ""


def test_only_this_machine_and_a_free_port_are_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = real_draft(tmp_path)
    for address in ("0.0.0.0:8765", "192.168.1.5:8765", "[::]:8765"):
        assert main(["review", str(draft), "-a", address, "--no-browser"]) == 1
        assert "chỉ mở trên máy này" in capsys.readouterr().err
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["review", str(draft), "-a", f"127.0.0.1:{port}", "--no-browser"]) == 1
        assert "chọn cổng khác với -a" in capsys.readouterr().err
    assert main(["review", str(draft), "--quarter", "2031-q4", "--no-browser"]) == 1
    assert "không có quý '2031-q4'" in capsys.readouterr().err
