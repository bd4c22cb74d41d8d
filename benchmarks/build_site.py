"""Benchmark: build the site from fictional data at 1×, 2× and 4× a province's yearly
volume, and compare with plain MkDocs building the same pages already rendered.

1× is a province's year: 150 agencies (100 of them xã/phường), 600 tasks in four
quarterly conclusions, 300 documents. The build is the newest quarter's version, the
one `mkdocs build` (and each quarter's publication) makes. `--directives` adds the
other directives a province follows: about 50 a year at 1×, 1,500 tasks in all (#27).
`--one-quarter` puts the whole year's tasks into a single conclusion instead: an
extreme case.

    .venv/bin/python benchmarks/build_site.py [--scales 1 2 4] [--repeat 7]
        [--directives] [--quarters 4] [--tasks N]

`--quarters 40` builds the newest of forty quarters (ten years); `--tasks 1000` gives
each conclusion a thousand tasks. Every page read on screen over 300 KB is listed.

Prints, per scale: pages, wall time, peak memory of the build process, total site
size, largest page (the print bundle's pages, /ban-in/, are shown apart: they hold
every task of the quarter by design), the search index's size, the time of a plain
MkDocs build of the same rendered Markdown, and their ratio. The plain build runs
neither ketluan's plugins nor its Markdown extension (`ketluan.render.stash`,
which spares Markdown parsing the blocks the templates mark whole), and it builds the
Markdown with those marks taken out, as the templates wrote it before them. Goals
(issue #3): ratio ≤ 1.3, 4× data ≤ 4.5× time, largest page under 300 KB.

Full and plain builds run --repeat times in pairs, the first build of a pair
alternating (full–plain, plain–full, ...); times are medians, and the ratio is the
median of each pair's full/plain, with the lowest and highest pair shown: single runs
vary by ±20 % on shared machines, and a slow spell weighs on both builds of a pair
alike. Both sides run warm, as a publishing machine does from its second build on:
Python bytecode compiled, and ketluan's compiled templates in ~/.cache/ketluan/jinja.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from statistics import median

from ketluan.fictional import Scale, dump, generate
from ketluan.index.site_index import build_index
from ketluan.load import load
from ketluan.render import urls
from ketluan.render.pages import SitePages
from ketluan.render.plan import FIXED, plan
from ketluan.render.stash import unmarked

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Run:
    seconds: float
    peak_mb: float


def timed(command: list[str], env: dict[str, str], cwd: Path) -> Run:
    """Run a build; its wall time and the peak resident memory of its process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(
            f"build failed: {process.stderr.read().decode() if process.stderr else ''}"
        )
    return Run(seconds, usage.ru_maxrss / 1024)


# The goal for a page read on screen (#28).
PAGE_GOAL = 300 * 1024


def site_size(site: Path) -> tuple[int, int, str, int, list[tuple[int, str]]]:
    """Total bytes; the largest page read on screen, its path; the largest page for
    paper (the print bundle /ban-in/, or a group's when it is split, and an agency's
    co-quan/<id>/ban-in/ when its page goes on over several); every page read on
    screen over PAGE_GOAL, largest first. The home page's rows for the reader's clock
    (urls.UPCOMING_ROWS) are data its script fetches, not a page."""
    total = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    bundles = [
        *(site / urls.PRINT).rglob("index.html"),
        *(site / urls.AGENCIES).glob("*/ban-in/index.html"),
    ]
    rows = site / urls.UPCOMING_ROWS
    pages = [f for f in site.rglob("*.html") if f not in bundles and f != rows]
    largest = max(pages, key=lambda f: f.stat().st_size)
    size = largest.stat().st_size
    over = sorted(((f.stat().st_size, f.relative_to(site).as_posix()) for f in pages), reverse=True)
    over = [(s, name) for s, name in over if s > PAGE_GOAL]
    bundle = max(f.stat().st_size for f in bundles)
    return total, size, largest.relative_to(site).as_posix(), bundle, over


def render_plain_docs(data: Path, docs: Path) -> int:
    """Write every page of the site as the Markdown the macros produce; return the count."""
    index = build_index(load(data))
    site = SitePages(index)
    for fixed in FIXED:
        _write(docs / fixed.source, site.fixed(fixed, fixed.url))
    planned = plan(index)
    for page in planned:
        url = page.src_uri.removesuffix(".md") + "/"
        _write(docs / page.src_uri, site.generated(page, url))
    shutil.copytree(REPO / "docs/assets", docs / "assets")
    return len(FIXED) + len(planned)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(unmarked(text), encoding="utf-8")


def plain_config(work: Path) -> Path:
    """mkdocs.yml without the macros and ketluan plugins and ketluan's Markdown
    extension; same theme, nav and other Markdown extensions (the toc's slugify, which
    names the anchors, stays)."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    start = text.index("  - macros:")
    end = text.index("markdown_extensions:")
    text = text[:start] + "\n" + text[end:]
    ours = re.compile(r"^  # [^\n]*\n  - ketluan\.render\.stash\n", re.MULTILINE)
    text, found = ours.subn("", text)
    assert found == 1, "mkdocs.yml lists ketluan.render.stash after its comment line"
    text = text.replace("custom_dir: overrides", f"custom_dir: {REPO / 'overrides'}")
    config = work / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", type=float, nargs="+", default=[1, 2, 4])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--one-quarter", action="store_true", help="a year's tasks in one quarter")
    parser.add_argument(
        "--directives",
        action="store_true",
        help="a province's year with its other directives: 4 conclusions and about 50 "
        "plans, directives, notices and letters, about 1,500 tasks at 1× (issue #27)",
    )
    parser.add_argument(
        "--quarters", type=int, default=4, help="quarters of history (the newest is built)"
    )
    parser.add_argument(
        "--tasks", type=int, help="tasks per quarterly conclusion (default: 150 at 1×)"
    )
    args = parser.parse_args()
    # Python source compiled to bytecode once, as an installed package is: with
    # PYTHONDONTWRITEBYTECODE set (as on these machines) an editable checkout would
    # otherwise recompile the whole package in every build, which no plain MkDocs
    # module pays (pip compiles site-packages at install time).
    compileall.compile_dir(REPO / "ketluan", quiet=1)
    # PDF printing is measured apart (it has no counterpart in a plain MkDocs build).
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": "1767225600",
        "KETLUAN_PDF": "0",
    }
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q"]
    print(
        f"{'scale':>5} {'pages':>6} {'full s':>7} {'peak MB':>8} {'site MB':>8} "
        f"{'largest KB':>10} {'plain s':>8} {'ratio':>6} {'pairs':>10} {'print KB':>8} "
        f"{'search KB':>9}  largest page"
    )
    first: tuple[float, float] | None = None
    for k in args.scales:
        scale = (
            Scale(
                quarters=1,
                agencies=round(150 * k),
                communes=round(100 * k),
                tasks_per_quarter=round(600 * k),
                documents=round(300 * k),
            )
            if args.one_quarter
            else (Scale.province_year if args.directives else Scale.times)(
                k, quarters=args.quarters
            )
        )
        if args.tasks:
            scale = replace(scale, tasks_per_quarter=args.tasks)
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            data = work / "mau.yml"
            data.write_text(dump(generate(scale)), encoding="utf-8")
            docs = work / "docs"
            count = render_plain_docs(data, docs)
            config = plain_config(work)
            full_cmd = [*mkdocs, "-d", str(work / "site")]
            plain_cmd = [*mkdocs, "-f", str(config), "-d", str(work / "plain")]
            full_env = {**env, "KETLUAN_DATA": str(data)}
            # In pairs, so that a machine slowing down or speeding up mid-run weighs
            # on both sides of a ratio alike; the order within a pair alternates, so
            # that going first or second favours neither.
            fulls, plains = [], []
            for i in range(args.repeat):
                if i % 2:
                    plains.append(timed(plain_cmd, env, work))
                fulls.append(timed(full_cmd, full_env, REPO))
                if not i % 2:
                    plains.append(timed(plain_cmd, env, work))
            full = Run(median(r.seconds for r in fulls), max(r.peak_mb for r in fulls))
            plain = Run(median(r.seconds for r in plains), max(r.peak_mb for r in plains))
            ratios = [f.seconds / p.seconds for f, p in zip(fulls, plains, strict=True)]
            pairs = f"{min(ratios):.2f}–{max(ratios):.2f}"
            total, largest, largest_path, bundle, over = site_size(work / "site")
            index = (work / "site" / "search" / "search_index.json").stat().st_size
        print(
            f"{k:>5g} {count:>6} {full.seconds:>7.2f} {full.peak_mb:>8.0f} {total / 1e6:>8.1f} "
            f"{largest / 1024:>10.0f} {plain.seconds:>8.2f} {median(ratios):>6.2f} {pairs:>10} "
            f"{bundle / 1024:>8.0f} {index / 1024:>9.0f}  {largest_path}"
        )
        for size, name in over:
            print(f"{'':>5} over {PAGE_GOAL // 1024} KB: {size / 1024:.0f} KB {name}")
        first = first or (k, full.seconds)
    if first is not None and len(args.scales) > 1:
        k0, t0 = first
        k1, t1 = args.scales[-1], full.seconds
        print(
            f"growth: {k1 / k0:g}× data took {t1 / t0:.2f}× the time "
            f"(goal ≤ {4.5 * k1 / k0 / 4:g}×)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
