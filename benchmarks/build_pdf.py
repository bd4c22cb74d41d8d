"""Benchmark: what printing the agency PDFs adds to a build (issue #16; not a test).

Builds the fictional site's newest quarter at each `--scales` (1× is a province's
year) with PDFs and without, in alternating pairs, and prints per scale: the PDFs
made, the median build time with and without them, their ratio (goal ≤ 2), and the
lowest and highest ratio of a pair. The real data is printed too (`--real`).

    .venv/bin/python benchmarks/build_pdf.py [--scales 1 4] [--repeat 3] [--real]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from statistics import median

from build_site import REPO, timed

from ketluan.fictional import Scale, dump, generate
from ketluan.outputs.pdf import PRINTERS, unavailable


def measure(name: str, data: Path | None, work: Path, repeat: int) -> None:
    """Build `data` (the real data if None) with and without PDFs; print one line."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
    if data is not None:
        env["KETLUAN_DATA"] = str(data)
    site = work / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)]
    with_pdf, without, ratios = [], [], []
    for i in range(repeat):
        order = ("1", "0") if i % 2 == 0 else ("0", "1")
        runs = {flag: timed(command, {**env, "KETLUAN_PDF": flag}, REPO) for flag in order}
        with_pdf.append(runs["1"].seconds)
        without.append(runs["0"].seconds)
        ratios.append(runs["1"].seconds / runs["0"].seconds)
    timed(command, {**env, "KETLUAN_PDF": "1"}, REPO)  # the site left holds the PDFs
    pdfs = len(list(site.rglob("*.pdf")))
    print(
        f"{name:<14} {pdfs:>5} {median(with_pdf):>9.2f} {median(without):>9.2f}"
        f" {median(ratios):>6.2f} {min(ratios):>5.2f}–{max(ratios):<5.2f}",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", type=float, nargs="*", default=[1, 4])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--real", action="store_true", help="the real data too")
    args = parser.parse_args()
    reason = unavailable()
    if reason:
        raise SystemExit(f"no PDFs can be made here: {reason}")
    print(f"{PRINTERS} pages printed at once, in one Chromium")
    print(f"{'data':<14} {'PDFs':>5} {'with s':>9} {'without s':>9} {'ratio':>6} {'pairs':>11}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.real:
            measure("real", None, work, args.repeat)
        for k in args.scales:
            data = work / f"mau-{k:g}.yml"
            data.write_text(dump(generate(Scale.times(k))), encoding="utf-8")
            measure(f"fictional {k:g}×", data, work, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
