"""Benchmark: the editing loop, from saving the data file to the reloaded page (issue
#16; not a test).

Starts `mkdocs serve` on a copy of the real data (`--data` for another file), opens an
agency page in headless Chromium, then saves the data file `--saves` times (appending
a comment line) and prints, for each, the seconds from the save to the page's reload
(MkDocs' livereload rebuilds and tells the page). Goal: under 2 s for the real data.

    .venv/bin/python benchmarks/edit_reload.py [--data FILE] [--saves 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from ketluan.outputs.pdf import CHROMIUM_ARGS, find_chromium

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=REPO / "data" / "directives.yml")
    parser.add_argument("--saves", type=int, default=5)
    # The home page: every data file has one (a page the data lacks is a 404, which
    # livereload never reloads).
    parser.add_argument("--page", default="")
    args = parser.parse_args()
    chromium = find_chromium()
    if chromium is None:
        raise SystemExit("Chromium is needed: .ci/system-deps installs it")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data.yml"
        shutil.copy(args.data, data)
        port = free_port()
        env = {**os.environ, "KETLUAN_DATA": str(data), "NO_MKDOCS_2_WARNING": "1"}
        command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
        start = time.perf_counter()
        server = subprocess.Popen(
            command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), 0.2).close()
                    break
                except OSError:
                    time.sleep(0.1)
            print(f"mkdocs serve ready after {time.perf_counter() - start:.1f} s")
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{port}/{args.page}")
                page.wait_for_timeout(2000)  # livereload connected
                seconds = []
                for i in range(args.saves):
                    with page.expect_event("load", timeout=60_000):
                        saved = time.perf_counter()
                        text = data.read_text(encoding="utf-8")
                        data.write_text(text + f"\n# lưu lần {i + 1}\n", encoding="utf-8")
                    seconds.append(time.perf_counter() - saved)
                    page.wait_for_timeout(1500)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    shown = " ".join(f"{s:.2f}" for s in seconds)
    print(f"save → reloaded page, s: {shown}  (median {statistics.median(seconds):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
