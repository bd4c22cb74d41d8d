"""Build every quarter of data files and print one line per file of each built site:
its quarter, its path and its SHA-256. Two runs' outputs compared with `diff` show
whether a change kept every page, PDF, export and the search index byte for byte.

    .venv/bin/python benchmarks/site_digest.py data/directives.yml /tmp/mau.yml > before.txt
    ... change the code ...
    .venv/bin/python benchmarks/site_digest.py data/directives.yml /tmp/mau.yml > after.txt
    diff before.txt after.txt && echo identical

Builds run `mkdocs build` in this checkout, as mike would, with `SOURCE_DATE_EPOCH`
fixed and PDFs printed (when Chromium is there). The fictional file is made with
`python -m ketluan.fictional --scale 1 -o /tmp/mau.yml` (four quarters).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
EPOCH = "1767225600"  # 2026-01-01, as the other benchmarks


def quarter_keys(data: Path) -> list[str]:
    """The quarter keys of a data file, in file order."""
    loaded = yaml.safe_load(data.read_text(encoding="utf-8"))
    return [str(quarter["key"]) for quarter in loaded["quarters"]]


def digest(site: Path) -> list[tuple[str, str]]:
    """Each file of a built site with its SHA-256, by path."""
    found = []
    for path in sorted(site.rglob("*")):
        if path.is_file():
            found.append((path.relative_to(site).as_posix(), _sha256(path)))
    return found


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build(data: Path, quarter: str, site: Path, engine: str = "mkdocs") -> None:
    """One quarter's version, built as mike builds it, by `engine` (mkdocs, or its
    continuation properdocs, which reads the same mkdocs.yml)."""
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": EPOCH,
        "KETLUAN_DATA": str(data.resolve()),
        "KETLUAN_QUARTER": quarter,
        "KETLUAN_SITE_DIR": str(site),
        "MIKE_DOCS_VERSION": quarter,
    }
    subprocess.run(
        [sys.executable, "-m", engine, "build", "-q", "-d", str(site)],
        cwd=REPO,
        env=env,
        check=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, nargs="+", help="data files to build")
    parser.add_argument("--engine", default="mkdocs", choices=["mkdocs", "properdocs"])
    args = parser.parse_args()
    for data in args.data:
        for quarter in quarter_keys(data):
            with tempfile.TemporaryDirectory() as tmp:
                site = Path(tmp) / "site"
                build(data, quarter, site, args.engine)
                for path, sha in digest(site):
                    print(f"{data.name} {quarter} {path} {sha}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
