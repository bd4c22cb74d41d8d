"""Benchmark: how `ketluan check` and the paragraph linker grow with their input.

Two figures, each printed as a table (not a test; run it by hand):

- checking fictional data files of growing size, up to the data-file limit
  (`ketluan.validate.MAX_BYTES`): quarters double from row to row, each file loaded in
  a fresh process, so the time and the peak memory are those of one `ketluan check`;
- cutting one paragraph that names agencies N times into links (`ketluan.linkify`),
  which was quadratic in N.

    .venv/bin/python benchmarks/check_scale.py [--quarters 37 74 148 296] [--mentions ...]

Linear growth shows as a constant "s/MB" (and "µs/mention") down the rows.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ketluan.fictional import Scale, dump, generate
from ketluan.load.files import MAX_BYTES
from ketluan.render.linkify import segments
from ketluan.text.mentions import MentionFinder

_LOAD = """
import json, resource, sys, time
from ketluan.load import load
start = time.perf_counter()
load(sys.argv[1])
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak}))
"""


def check_times(quarter_counts: list[int]) -> None:
    """Time `load` of fictional files with more and more quarters."""
    print(f"data-file limit: {MAX_BYTES / 1e6:.1f} MB ({MAX_BYTES // 2**20} MiB)")
    print(f"{'quarters':>8} {'tasks':>6} {'MB':>6} {'check s':>8} {'s/MB':>6} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for quarters in quarter_counts:
            scale = Scale(
                quarters=quarters, agencies=60, communes=20, tasks_per_quarter=40, documents=40
            )
            path = Path(tmp) / f"mau-{quarters}.yml"
            path.write_text(dump(generate(scale)), encoding="utf-8")
            size = path.stat().st_size / 1e6
            runs = [_load_once(path) for _ in range(3)]
            best = min(runs, key=lambda r: r["seconds"])
            print(
                f"{quarters:>8} {quarters * 40:>6} {size:>6.2f} {best['seconds']:>8.2f} "
                f"{best['seconds'] / size:>6.2f} {best['peak_mb']:>8.0f}"
            )


def _load_once(path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", _LOAD, str(path)], capture_output=True, text=True, check=True
    )
    result: dict[str, float] = json.loads(out.stdout)
    return result


def linkify_times(mention_counts: list[int]) -> None:
    """Time cutting a paragraph with N agency mentions into segments."""
    finder = MentionFinder({"Ban Nội chính": "ban-noi-chinh", "Sở Mẫu": "so-mau"})
    print(f"{'mentions':>8} {'seconds':>8} {'µs/mention':>10}")
    for count in mention_counts:
        text = "Ban Nội chính và Sở Mẫu phối hợp; " * (count // 2)
        start = time.perf_counter()
        cut = segments(text, mentions=finder)
        seconds = time.perf_counter() - start
        assert sum(s.kind == "agency" for s in cut) == count // 2 * 2
        print(f"{count:>8} {seconds:>8.3f} {seconds / count * 1e6:>10.2f}")


def main() -> None:
    """Parse the sizes and print both tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quarters", type=int, nargs="+", default=[37, 74, 148, 296])
    parser.add_argument("--mentions", type=int, nargs="+", default=[5_000, 20_000, 80_000, 300_000])
    args = parser.parse_args()
    check_times(args.quarters)
    print()
    linkify_times(args.mentions)


if __name__ == "__main__":
    main()
