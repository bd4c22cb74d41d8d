"""Benchmark: the editing loop, from saving the data file to the reloaded page (issue
#16; not a test).

Starts `mkdocs serve --dirty` (the README's editing loop; `--full` for plain `mkdocs
serve`, which renders every page at each save) on a copy of the real data (`--data` for
another file), opens the home page in headless Chromium, then saves the data file
`--saves` times and prints, for each, the seconds from the save to the page's reload
(MkDocs' livereload rebuilds and tells the page), and how those seconds divide: until
the server saw the change ("Detected file changes" in its log), its rebuild (until
"Reloading browsers"), and the browser's reload. Each save is an edit an editor makes:
a word added to the last task's text in the file (the newest quarter's, or its last
directive's), which changes its agency's page, its document's and the full text;
`--edit comment` appends a comment line instead, which changes no page. Goal: under 2 s
(#16 on the real data, #28 after ten years at a province's volume).

    .venv/bin/python benchmarks/edit_reload.py [--data FILE] [--saves 5] [--full]
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
import threading
import time
from pathlib import Path
from typing import IO

from playwright.sync_api import sync_playwright

from ketluan.load import load
from ketluan.model.outline import walk_tasks
from ketluan.outputs.pdf import CHROMIUM_ARGS, find_chromium

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def last_task_text(data: Path) -> str:
    """The start of the newest conclusion's last task, as the data file spells it."""
    dataset = load(data)
    tasks = [task for task, _ in walk_tasks(dataset.quarters[-1].sections)]
    return tasks[-1].text.split("\n")[0][:40]


def edited(text: str, how: str, n: int, needle: str) -> str:
    """The data file's text after the `n`th save: a comment line added, or a word in
    the task whose text begins with `needle` (its first line's start: written alike as
    a plain or a block scalar)."""
    if how == "comment":
        return text + f"\n# lưu lần {n}\n"
    at = text.rindex(needle) + len(needle)
    return text[:at] + f" (sửa {n})" + text[at:]


def logged(stream: IO[str], lines: list[tuple[float, str]]) -> None:
    """The server's log lines as they come, each with the time it came."""
    for line in stream:
        lines.append((time.perf_counter(), line))


def first_after(lines: list[tuple[float, str]], words: str, after: float) -> float:
    """When the first log line with `words` came after `after` (NaN: none did)."""
    return next((t for t, line in list(lines) if t > after and words in line), float("nan"))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=REPO / "data" / "directives.yml")
    parser.add_argument("--saves", type=int, default=5)
    # The home page: every data file has one (a page the data lacks is a 404, which
    # livereload never reloads).
    parser.add_argument("--page", default="")
    parser.add_argument("--full", action="store_true", help="plain mkdocs serve")
    parser.add_argument("--edit", choices=("text", "comment"), default="text")
    args = parser.parse_args()
    chromium = find_chromium()
    if chromium is None:
        raise SystemExit("Chromium is needed: .ci/system-deps installs it")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data.yml"
        shutil.copy(args.data, data)
        needle = last_task_text(data)
        port = free_port()
        env = {**os.environ, "KETLUAN_DATA": str(data), "NO_MKDOCS_2_WARNING": "1"}
        command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
        if not args.full:
            command.append("--dirty")
        start = time.perf_counter()
        server = subprocess.Popen(
            command,
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        lines: list[tuple[float, str]] = []
        assert server.stderr is not None
        threading.Thread(target=logged, args=(server.stderr, lines), daemon=True).start()
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
                phases = []
                for i in range(args.saves):
                    text = edited(data.read_text(encoding="utf-8"), args.edit, i + 1, needle)
                    with page.expect_event("load", timeout=60_000):
                        saved = time.perf_counter()
                        data.write_text(text, encoding="utf-8")
                    loaded = time.perf_counter()
                    seconds.append(loaded - saved)
                    seen = first_after(lines, "Detected file changes", saved)
                    built = first_after(lines, "Reloading browsers", seen)
                    phases.append((seen - saved, built - seen, loaded - built))
                    page.wait_for_timeout(1500)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    shown = " ".join(f"{s:.2f}" for s in seconds)
    print(f"save → reloaded page, s: {shown}  (median {statistics.median(seconds):.2f})")
    seen, built, reloaded = (statistics.median(p[n] for p in phases) for n in range(3))
    print(
        f"medians: change seen after {seen:.2f} s, rebuilt in {built:.2f} s, "
        f"page reloaded {reloaded:.2f} s later"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
