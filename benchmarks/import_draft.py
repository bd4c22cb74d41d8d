"""Benchmark: how fast and how well the importer reads a conclusion (not a test).

Prints four tables:
- structure: the bundled real source, and fictional quarters of growing size printed
  as text exports, read with `ketluan.ingest` (text → paragraphs → structure): the time,
  and how many tasks come out with the id, marker and text of the data;
- what each paragraph says (`ketluan.ingest.roles`): per field, how many tasks agree
  with the curated data, for the real conclusion and fictional ones of several seeds;
- the whole draft (`ketluan import` in process: document → draft → data file → checker)
  against the curated quarter, field by field (`tests/agreement.py`), with the
  time, the review marks left for the Office and the silent errors (values wrong with
  no mark on them); then the same for each form
  LibreOffice makes of the real conclusion and of a fictional one laid out as an
  Office does (`ketluan.fictional.office`: Word typed and with lists, Save as text,
  PDF, scan).

    .venv/bin/python benchmarks/import_draft.py [--tasks 150 600 2400] [--seeds 0 1 2]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from ketluan.fictional import Scale, dump, generate
from ketluan.fictional.document import as_text_export
from ketluan.fictional.office import OfficeLayout, make_forms, official_layout
from ketluan.ingest.document import SourceError
from ketluan.ingest.plain import read_text_export
from ketluan.ingest.structure import Outline, outline
from ketluan.load import load, validate_text
from ketluan.model import Conclusion
from ketluan.model.outline import walk_tasks
from ketluan.problems import DataError

REPO = Path(__file__).resolve().parent.parent
# The yardstick lives with the tests, which hold the importer to its floors.
sys.path.insert(0, str(REPO / "tests"))
from agreement import (  # noqa: E402
    DRAFT_FIELDS,
    FIELDS,
    agreement,
    draft_agreement,
    redraft,
    silent_errors,
)

# The real source prints no header: only the issuing body, no number or date invented.
REAL_LAYOUT = OfficeLayout(
    ("ĐẢNG BỘ TỈNH HƯNG YÊN", "TỈNH ỦY", "*"), ("ĐẢNG CỘNG SẢN VIỆT NAM", "-----")
)


def _agrees(draft: Outline, conclusion: Conclusion) -> tuple[int, int]:
    want = {t.id: (t.marker, t.text) for t, _chain in walk_tasks(conclusion.sections)}
    got = {i: (t.marker, t.text) for i, t in draft.tasks().items()}
    return sum(1 for k, v in want.items() if got.get(k) == v), len(want)


def _timed(path: Path) -> tuple[float, Outline]:
    start = time.perf_counter()
    draft = outline(read_text_export(path))
    return time.perf_counter() - start, draft


def main() -> None:
    """Print one line per document: tasks, seconds, tasks agreeing with the data."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tasks", type=int, nargs="+", default=[150, 600, 2400])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    args = parser.parse_args()
    print(f"{'document':<28} {'tasks':>6} {'seconds':>8} {'agree':>8}")
    real = load(REPO / "data/directives.yml").quarters[0]
    assert real.source is not None
    seconds, draft = _timed(REPO / real.source)
    same, total = _agrees(draft, real)
    print(f"{'real (bundled source)':<28} {total:>6} {seconds:>8.3f} {same:>4}/{total}")
    with tempfile.TemporaryDirectory() as folder:
        for tasks in args.tasks:
            scale = Scale(quarters=1, tasks_per_quarter=tasks)
            conclusion = validate_text(dump(generate(scale)), "mau.yml").quarters[0]
            path = Path(folder) / f"mau-{tasks}.txt"
            path.write_text(as_text_export(conclusion), encoding="utf-8")
            seconds, draft = _timed(path)
            same, total = _agrees(draft, conclusion)
            print(f"{'fictional':<28} {total:>6} {seconds:>8.3f} {same:>4}/{total}")
    print()
    print("what each paragraph says (the reading alone, against the curated tasks)")
    print(f"{'data':<16} " + " ".join(f"{field:>11}" for field in FIELDS))
    _agreement_row("real", agreement(load(REPO / "data/directives.yml")))
    for seed in args.seeds:
        scale = Scale(quarters=2, agencies=40, communes=12, tasks_per_quarter=60, documents=20)
        fictional = validate_text(dump(generate(replace(scale, seed=seed))), "mau.yml")
        _agreement_row(f"fictional {seed}", agreement(fictional))
    print()
    print("the whole draft (import → data file → checker), against the curated quarter")
    print(
        f"{'data':<16} {'seconds':>7} {'marks':>5} {'silent':>6} "
        + " ".join(f"{f[:9]:>9}" for f in DRAFT_FIELDS)
    )
    with tempfile.TemporaryDirectory() as folder:
        real_text = (REPO / "data/directives.yml").read_text(encoding="utf-8")
        _draft_row("real", real_text, REPO / real.source, real.key)
        _draft_row("real, no registry", real_text, REPO / real.source, real.key, registry=False)
        for seed in args.seeds:
            scale = Scale(quarters=2, agencies=40, communes=12, tasks_per_quarter=60, documents=20)
            text = dump(generate(replace(scale, seed=seed)))
            last = validate_text(text, "mau.yml").quarters[-1]
            path = Path(folder) / f"mau-{seed}.txt"
            path.write_text(as_text_export(last), encoding="utf-8")
            _draft_row(f"fictional {seed}", text, path, last.key)
        for tasks in args.tasks:
            text = dump(generate(Scale(quarters=1, tasks_per_quarter=tasks)))
            only = validate_text(text, "mau.yml").quarters[0]
            path = Path(folder) / f"mau-{tasks}.txt"
            path.write_text(as_text_export(only), encoding="utf-8")
            _draft_row(f"fictional {tasks} t.", text, path, only.key)
    print()
    print("the forms LibreOffice makes of a conclusion laid out as an Office does (#24)")
    print(
        f"{'form':<16} {'seconds':>7} {'marks':>5} {'silent':>6} "
        + " ".join(f"{f[:9]:>9}" for f in DRAFT_FIELDS)
    )
    with tempfile.TemporaryDirectory() as folder:
        real_text = (REPO / "data/directives.yml").read_text(encoding="utf-8")
        conclusion = validate_text(real_text, "real.yml").quarters[0]
        forms = make_forms(conclusion, REAL_LAYOUT, Path(folder) / "real")
        for form, path in forms.items():
            _draft_row(f"real {form}", real_text, path, conclusion.key)
        scale = Scale(quarters=2, agencies=24, communes=8, tasks_per_quarter=30, documents=12)
        text = dump(generate(scale))
        last = validate_text(text, "mau.yml").quarters[-1]
        forms = make_forms(last, official_layout(last), Path(folder) / "mau")
        for form, path in forms.items():
            _draft_row(f"mẫu {form}", text, path, last.key)


def _agreement_row(name: str, figures: dict[str, tuple[int, int]], head: str = "") -> None:
    cells = [
        f"{100 * same / total:>10.0f}%" if total else f"{'–':>11}"
        for same, total in figures.values()
    ]
    print(f"{name:<16} {head}" + " ".join(cells))


def _draft_row(name: str, data_text: str, source: Path, key: str, registry: bool = True) -> None:
    """Import `source` as quarter `key` against the rest of `data_text` (or against
    empty registries); compare with the curated quarter. A draft the importer cannot
    make, or the checker refuses, is a row saying so."""
    start = time.perf_counter()
    try:
        loaded, curated = redraft(data_text, source, key, registry=registry)
    except (SourceError, DataError) as exc:
        said = str(exc).splitlines()[0][:90]
        print(f"{name:<17} {time.perf_counter() - start:>7.2f} {'–':>5} no draft: {said}")
        return
    seconds = time.perf_counter() - start
    figures = draft_agreement(loaded.dataset, key, curated, key)
    cells = [
        f"{100 * same / total:>8.0f}%" if total else f"{'–':>9}" for same, total in figures.values()
    ]
    silent = len(silent_errors(loaded, key, curated, key))  # wrong and unmarked
    print(f"{name:<17} {seconds:>7.2f} {len(loaded.marks):>5} {silent:>6} " + " ".join(cells))


if __name__ == "__main__":
    main()
