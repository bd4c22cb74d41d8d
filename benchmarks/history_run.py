"""Benchmark: an Office publishing one quarter after another for years (issue #28; not a
test).

Generates fictional data of `--quarters` quarters at `--scale` (1× is a province's
year; `--directives` adds its other directives) and, in a temporary git project holding
this site's sources, commits the data as it stands each quarter (the quarters so far)
and publishes that quarter with `ketluan publish`, as the Office does each quarter (PDFs
off unless `--pdf`: they cost the same every quarter). Prints, for each quarter
published, the publication's wall time, and of it the data's check and the quarter's
build (the rest is mike committing the version); at each `--report` quarter, the newest
version's size and file count, the whole branch's as checked out (every version), and
the pack's size. Goals (#28): a version's size and a publication's time flat in the
number of quarters, the branch linear. The quarters a publication reads and keeps start
empty and are kept for the run, as on the Office's machine.

    .venv/bin/python benchmarks/history_run.py [--quarters 12] [--scale 1] [--directives]
        [--pdf] [--report 1 4 12 40] [--pairs 3 --compare 8]

A run of forty publications lasts minutes, and a shared machine's speed drifts over
them. `--pairs K` then publishes again, on the finished branch, quarter `--compare` and
the last quarter, alternately, K times each (the first of a pair alternating), each
from the data as it stood then: both see the same branch and machine, so their ratio is
what the data's history costs.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from build_site import REPO

sys.path.insert(0, str(REPO / "tests"))
from sitecheck import git, make_project

from ketluan.fictional import Scale, dump, generate

BRANCH = "site"
# "Dữ liệu hợp lệ (4.0 s)." and "Đã dựng Quý IV/2035 (2035-q4) trong 10.5 s."
STEPS = re.compile(r"(?:Dữ liệu hợp lệ \(|Đã dựng .* trong )(\d+\.\d+) s")


def sizes(repo: Path, folder: str = "") -> tuple[int, int]:
    """Total bytes and file count of the branch's files (under `folder`)."""
    listing = git(repo, "ls-tree", "-r", "-l", BRANCH, *([folder + "/"] if folder else []))
    rows = [line.split(None, 4) for line in listing.splitlines()]
    return sum(int(r[3]) for r in rows if r[3].isdigit()), len(rows)


def packed(repo: Path) -> int:
    """The repository's objects, packed as a clone would receive them (bytes)."""
    git(repo, "gc", "-q")
    stats = dict(
        line.split(": ") for line in git(repo, "count-objects", "-v").splitlines() if ": " in line
    )
    return (int(stats.get("size-pack", 0)) + int(stats.get("size", 0))) * 1024


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quarters", type=int, default=12)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--directives", action="store_true", help="with the other directives")
    parser.add_argument("--pdf", action="store_true", help="print the agency PDFs too")
    parser.add_argument("--report", type=int, nargs="*", default=[1, 4, 12, 40])
    parser.add_argument("--pairs", type=int, default=0, help="then republish in pairs")
    parser.add_argument("--compare", type=int, default=8, help="the quarter paired with the last")
    args = parser.parse_args()
    make = Scale.province_year if args.directives else Scale.times
    whole = generate(make(args.scale, quarters=args.quarters))
    keys = [q["key"] for q in whole["quarters"]]
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": "1767225600",
        "KETLUAN_PDF": "1" if args.pdf else "0",
    }
    print(
        f"{'quarter':>7} {'key':>8} {'publish s':>9} {'check s':>7} {'build s':>7} "
        f"{'version MB':>10} {'files':>6} "
        f"{'branch MB':>9} {'files':>7} {'packed MB':>9}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        # The quarters kept between publications (`ketluan.load.quarters`) start empty,
        # as at a new Office, and stay for the run, as on the Office's machine.
        env["KETLUAN_CACHE"] = str(Path(tmp) / "cache")
        repo = make_project(Path(tmp), dump({**whole, "quarters": whole["quarters"][:1]}))
        for number, key in enumerate(keys, start=1):
            hold(repo, whole, number)
            seconds, check, build = publish(repo, key, env)
            line = f"{number:>7} {key:>8} {seconds:>9.1f} {check:>7.1f} {build:>7.1f}"
            if number in args.report or number == len(keys):
                version, version_files = sizes(repo, key)
                branch, branch_files = sizes(repo)
                line += (
                    f" {version / 1e6:>10.1f} {version_files:>6} {branch / 1e6:>9.1f} "
                    f"{branch_files:>7} {packed(repo) / 1e6:>9.1f}"
                )
            print(line, flush=True)
        if args.pairs:
            paired(repo, whole, args.compare, len(keys), args.pairs, env)
    return 0


def publish(repo: Path, key: str, env: dict[str, str]) -> tuple[float, float, float]:
    """Publish quarter `key` of the project's data: wall, check and build seconds."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "ketluan.cli", "publish", key, "--data", "mau.yml"]
        + ["--branch", BRANCH, "--site-url", "http://intranet.mau/ket-luan/"],
        cwd=repo,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    # Its own account of the steps: the data checked, the quarter built.
    check, build = (float(m) for m in STEPS.findall(done.stdout)[:2])
    return seconds, check, build


def hold(repo: Path, whole: dict[str, Any], number: int) -> str:
    """Commit the data as the Office holds it at quarter `number` (the quarters so far);
    that quarter's key."""
    held = {**whole, "quarters": whole["quarters"][:number]}
    (repo / "mau.yml").write_text(dump(held), encoding="utf-8")
    key = str(held["quarters"][-1]["key"])
    commit = ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", key]
    git(repo, *commit, "--allow-empty")
    return key


def paired(
    repo: Path, whole: dict[str, Any], early: int, last: int, pairs: int, env: dict[str, str]
) -> None:
    """Publish quarters `early` and `last` again, alternately, each from the data as it
    stood then (so each is the newest, as when it was published: `latest` moves to it),
    and print their medians and ratio."""
    keys = {n: str(whole["quarters"][n - 1]["key"]) for n in (early, last)}
    times: dict[str, list[tuple[float, float, float]]] = {keys[early]: [], keys[last]: []}
    for n in range(pairs):
        for number in (early, last) if n % 2 == 0 else (last, early):
            key = hold(repo, whole, number)
            times[key].append(publish(repo, key, env))
    early_key, last_key = keys[early], keys[last]
    ratios = sorted(a[0] / b[0] for a, b in zip(times[last_key], times[early_key], strict=True))
    print(f"\nrepublished in {pairs} pairs on the finished branch (medians):")
    for key, runs in times.items():
        wall, check, build = (statistics.median(r[i] for r in runs) for i in range(3))
        print(f"  {key}: publish {wall:.1f} s, check {check:.1f} s, build {build:.1f} s")
    print(
        f"  {last_key} / {early_key}: {statistics.median(ratios):.2f} "
        f"(pairs {ratios[0]:.2f}–{ratios[-1]:.2f})"
    )


if __name__ == "__main__":
    sys.exit(main())
