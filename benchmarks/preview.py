"""Benchmark: how long `ketluan preview` keeps an editor waiting (issue #16; not a test).

In a fresh project holding the fictional data at `--scale` (1× is a province's year:
four quarters), publishes every quarter to a preview branch as `ketluan preview` does,
with each number of quarters built at once given by `--workers` (default: 1, and what
the preview chooses on this machine), and prints for each: the seconds until the newest
quarter is served, until every quarter is, and each quarter's own build.

    .venv/bin/python benchmarks/preview.py [--scale 1] [--workers 1 2]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path

from build_site import REPO

sys.path.insert(0, str(REPO / "tests"))
from sitecheck import make_project

from ketluan.fictional import Scale, dump, generate
from ketluan.publish.branch import Destination
from ketluan.publish.preview import builders, publish_all

_BUILT = re.compile(r"^Đã dựng (?P<title>.+) \(\S+\) trong (?P<seconds>[\d.]+) s\.$")


def measure(data: str, workers: int, work: Path) -> None:
    """Publish every quarter with `workers` at once; print one line."""
    folder = work / f"w{workers}"
    folder.mkdir()
    root = make_project(folder, data)  # a git repository, as a clerk's clone
    target = Destination(root, root / "mau.yml", branch="ketluan-preview", local_only=True)
    built: list[str] = []
    first: list[float] = []
    started = time.monotonic()

    def said(line: str) -> None:
        if found := _BUILT.match(line):
            built.append(f"{found['title']} {float(found['seconds']):.1f}")

    publish_all(
        target,
        say=said,
        workers=workers,
        newest_ready=lambda newest, left: first.append(time.monotonic() - started),
    )
    total = time.monotonic() - started
    print(f"{workers:>7} {first[0]:>14.1f} {total:>12.1f}   {', '.join(built)}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=1)
    parser.add_argument("--workers", type=int, nargs="*")
    args = parser.parse_args()
    generated = generate(Scale.times(args.scale))
    data, quarters = dump(generated), len(generated["quarters"])
    choices = args.workers or sorted({1, builders(quarters)})
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    print(
        f"fictional {args.scale:g}×, {quarters} quarters, {os.cpu_count()} cores;"
        f" the preview builds {builders(quarters)} at once"
    )
    print(f"{'at once':>7} {'newest served':>14} {'all served':>12}   each quarter's build (s)")
    with tempfile.TemporaryDirectory() as tmp:
        for workers in choices:
            measure(data, workers, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
