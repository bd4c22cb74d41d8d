"""Generate a valid, clearly fictional dataset ("Tỉnh Mẫu") of any size, for tests and benchmarks.

Every agency name holds "Mẫu" and the YAML opens with a comment saying it is fictional:
never mix it into `data/directives.yml`. The output is plain data in exactly the YAML
schema of `ketluan.model`, deterministic for a seed (one `random.Random(seed)`, in order).

1× is one province's yearly volume: 4 quarters of 150 tasks (600 tasks a year), 150
agencies of which 100 are xã/phường Party committees, and 300 documents. `Scale.times(k)`
multiplies tasks per quarter, agencies and documents by k (quarters stay 4); communes stop
at 3,321, the number of commune-level units of the whole country since 1/7/2025, and the
agencies above that go to the other groups.

Run: `python -m ketluan.fictional --scale K [--quarters N] [--seed S] [-o FILE]`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from random import Random
from typing import Any

from ketluan.fictional.directive import make_directives
from ketluan.fictional.quarter import (
    QuarterContext,
    make_conclusion,
    make_reports,
)
from ketluan.fictional.registry import (
    make_agencies,
    make_documents,
)
from ketluan.fictional.vocab import (
    CLOSED,
    COMMUNE_CAP,
    CORE,
    FIRST_YEAR,
    HEADER,
    MIN_DOCUMENTS,
    MIN_TASKS,
    PROVINCE,
)
from ketluan.load.writer import dump_yaml
from ketluan.model import AgencyGroup as G
from ketluan.model.calendar import planning_year, quarter_end

__all__ = [
    "COMMUNE_CAP",
    "HEADER",
    "MIN_DOCUMENTS",
    "MIN_TASKS",
    "PROVINCE",
    "Scale",
    "dump",
    "generate",
    "main",
]


@dataclass(frozen=True)
class Scale:
    """How much to generate; `communes` counts the individual xã/phường Party committees."""

    quarters: int = 1
    agencies: int = 150
    communes: int = 100
    tasks_per_quarter: int = 600
    documents: int = 300
    seed: int = 0
    # Other directives each quarter beside its conclusion (plans, directives, notices,
    # letters; `ketluan.fictional.directive`); a province's year holds about 50.
    directives: int = 0

    def __post_init__(self) -> None:
        if self.quarters < 1 or self.communes < 1:
            raise ValueError("quarters and communes must be at least 1")
        if self.agencies < len(CORE) + self.communes:
            raise ValueError(f"agencies must be at least {len(CORE)} + communes")
        if self.tasks_per_quarter < MIN_TASKS or self.documents < MIN_DOCUMENTS:
            raise ValueError(f"need at least {MIN_TASKS} tasks and {MIN_DOCUMENTS} documents")

    @classmethod
    def province_year(cls, k: float = 1.0, *, quarters: int = 4, seed: int = 0) -> Scale:
        """k× a province's year with every directive it follows: 4 conclusions of 150
        tasks and about 50 other directives of ~20 tasks (about 1,500 tasks a year)."""
        return replace(cls.times(k, quarters=quarters, seed=seed), directives=round(12.5 * k))

    @classmethod
    def times(cls, k: float, *, quarters: int = 4, seed: int = 0) -> Scale:
        """k× one province's yearly volume (see the module docstring); a small k is clamped."""
        communes = max(1, min(round(100 * k), COMMUNE_CAP))
        return cls(
            quarters=quarters,
            agencies=max(round(150 * k), len(CORE) + communes),
            communes=communes,
            tasks_per_quarter=max(round(150 * k), MIN_TASKS),
            documents=max(round(300 * k), MIN_DOCUMENTS),
            seed=seed,
        )


def generate(scale: Scale) -> dict[str, Any]:
    """The whole dataset as plain data in the YAML schema."""
    rng = Random(scale.seed)
    agencies, documents = make_agencies(scale), make_documents(rng, scale.documents)
    pools: dict[G, list[str]] = {g: [] for g in G}
    for a in agencies:
        if not a.get("collective"):
            pools[G(a["group"])].append(a["id"])
    names = {a["id"]: a["name"] for a in agencies}
    quarters: list[dict[str, Any]] = []
    previous: list[tuple[str, date | None]] = []
    continuable: list[str] = []
    work: dict[str, tuple[str, str, tuple[str, ...]]] = {}
    for index in range(scale.quarters):
        year, q = FIRST_YEAR + index // 4, index % 4 + 1
        key = f"{year}-q{q}"
        reports = make_reports(previous, quarter_end(year, q))
        closed = {r["task"] for r in reports if r["status"] in CLOSED}
        continuable = [ref for ref in continuable if ref not in closed]
        planned = q % 4 + 1
        ctx = QuarterContext(
            rng, key, planning_year(key), planned, names, pools, documents, continuable, work
        )
        quarters.append(make_conclusion(ctx, year, q, scale.tasks_per_quarter, reports))
        if scale.directives:
            issued = quarters[-1]["meeting_date"] + timedelta(days=5)
            first = 100 + index * scale.directives
            directives, held = make_directives(ctx, scale.directives, issued, first)
            quarters[-1]["directives"] = directives
            documents += held
        previous = ctx.due
        continuable = continuable + [ref for ref, _due in ctx.due]
    return {
        "schema": 1,
        "province": PROVINCE,
        "agencies": agencies,
        "documents": documents,
        "quarters": quarters,
    }


def dump(data: dict[str, Any]) -> str:
    """YAML text of `data`, opening with a comment that says it is fictional."""
    # Wrapped at 100 columns, as an editor would keep a file they read.
    return HEADER + dump_yaml(data, width=100)


def main(argv: Sequence[str] | None = None) -> int:
    """Write a fictional dataset as YAML (stdout by default)."""
    parser = argparse.ArgumentParser(
        prog="python -m ketluan.fictional", description="Dữ liệu hư cấu Tỉnh Mẫu cho kiểm thử."
    )
    parser.add_argument("--scale", type=float, default=1.0, help="k× one province's year")
    parser.add_argument("--quarters", type=int, default=4, help="number of quarters (4)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (0)")
    parser.add_argument(
        "--directives",
        action="store_true",
        help="with a province's other directives (about 50 a year at 1×)",
    )
    parser.add_argument("-o", "--output", help="file to write (default: stdout)")
    args = parser.parse_args(argv)
    make = Scale.province_year if args.directives else Scale.times
    text = dump(generate(make(args.scale, quarters=args.quarters, seed=args.seed)))
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
