"""Per agency, how its tasks stand: the table of the Government Office's reports
(tasks led, due so far, done on time, done late, overdue, no report).

It counts the tasks an agency leads in the version's year (this quarter's and the three
before, `SiteIndex.year`: ten years of quarters would make the table's per-task clock the
largest part of every version; a task carried on counted once, under its later form), as of
the version's date: its meeting, or its newest report. Statuses are the reports' own; a
deadline passed with no report at all is counted apart from an overdue the agency
reported, and says so. Each row also carries its tasks counted by the day their first
deadline passes and what their report says (`AgencyTally.clock`), so that the page
counts again by the reader's clock (docs/assets/ketluan-table.js) as the late-items page
does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ketluan.index.memo import per_index
from ketluan.index.site_index import AgencyView, Entry, SiteIndex
from ketluan.index.status import passed
from ketluan.model import AgencyGroup, Relation, Status

__all__ = [
    "SEGMENTS",
    "AgencyTally",
    "Bar",
    "Together",
    "bars",
    "communes_apart",
    "overview",
    "together",
]


@dataclass(frozen=True, slots=True)
class AgencyTally:
    """One row of the overview."""

    view: AgencyView
    led: int
    due: int  # with a deadline passed by the version's date
    on_time: int
    late: int
    overdue: int  # reported overdue
    passed_unreported: int  # a deadline passed, no report at all
    unreported: int  # no report at all
    # Its tasks by the first day on which one of their deadlines has passed ("" when
    # none can pass) and their report's word ("" when none), with how many share both:
    # [["2026-06-01", "", 3], …]. Counted, not one per task: at four times a province
    # the busiest agencies lead hundreds of tasks, on few dates.
    clock: tuple[tuple[str, str, int], ...] = ()

    @property
    def agency_id(self) -> str:
        """The agency's id."""
        return self.view.agency.id


@per_index
def overview(index: SiteIndex) -> tuple[date, tuple[AgencyTally, ...]]:
    """The version's date and a row per agency that leads a task, in the agency list's
    order."""
    day = index.reports_as_of
    led_by: dict[str, list[Entry]] = {}
    for entry in (*index.earlier, *index.entries):
        if index.in_year(entry) and not index.continued_by.get(entry.ref):
            for agency in entry.leaders:  # by id: comparing agencies compares every field
                led_by.setdefault(agency.id, []).append(entry)
    rows: list[AgencyTally] = []
    for view in index.agencies_sorted:
        led = led_by.get(view.agency.id, [])
        if not led:
            continue
        states = [index.state(e) for e in led]
        statuses = [s.report.status if s.report else None for s in states]
        past = [any(passed(d, day) for d in e.task.deadlines if d.firm) for e in led]
        rows.append(
            AgencyTally(
                view=view,
                led=len(led),
                due=sum(past),
                on_time=statuses.count(Status.DONE_ON_TIME),
                late=statuses.count(Status.DONE_LATE),
                overdue=statuses.count(Status.OVERDUE),
                passed_unreported=sum(p and s is None for p, s in zip(past, statuses, strict=True)),
                unreported=statuses.count(None),
                clock=tuple(
                    (day, word, n)
                    for (day, word), n in sorted(
                        Counter(
                            (_passes_on(e), _CODES.get(s, "khac") if s else "")
                            for e, s in zip(led, statuses, strict=True)
                        ).items()
                    )
                ),
            )
        )
    return day, tuple(rows)


@dataclass(frozen=True, slots=True)
class Together:
    """The communes' rows summed into one row of the overview, when they have a page
    of their own (`COMMUNES_APART`)."""

    agencies: int
    led: int
    due: int
    on_time: int
    late: int
    overdue: int
    passed_unreported: int
    unreported: int
    clock: tuple[tuple[str, str, int], ...]


# Past this many communes leading tasks, the overview shows them as one row and lists
# them on a page of their own: at four times a province, 350 of its 470 rows were
# communes' (the page passed 300 KB).
COMMUNES_APART = 60


def communes_apart(tallies: Sequence[AgencyTally]) -> list[AgencyTally]:
    """The communes' rows when they are to have a page of their own; else none."""
    communes = [t for t in tallies if t.view.agency.group is AgencyGroup.COMMUNE]
    return communes if len(communes) > COMMUNES_APART else []


def together(tallies: Sequence[AgencyTally]) -> Together:
    """The communes' tallies as one row."""
    clock: Counter[tuple[str, str]] = Counter()
    for tally in tallies:
        for day, word, n in tally.clock:
            clock[(day, word)] += n
    return Together(
        agencies=len(tallies),
        led=sum(t.led for t in tallies),
        due=sum(t.due for t in tallies),
        on_time=sum(t.on_time for t in tallies),
        late=sum(t.late for t in tallies),
        overdue=sum(t.overdue for t in tallies),
        passed_unreported=sum(t.passed_unreported for t in tallies),
        unreported=sum(t.unreported for t in tallies),
        clock=tuple((day, word, n) for (day, word), n in sorted(clock.items())),
    )


# A bar's states, in the order they are drawn, and the width of the longest bar.
SEGMENTS = ("on-time", "late", "overdue", "passed", "rest")
BAR_WIDTH = 300


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of the overview's picture: an agency (or all communes together), its
    tasks, and each non-empty state's (name, x, width), as long as its number of tasks."""

    key: str  # the agency's id, "cap-xa" for the communes together, "khac" for the rest
    name: str
    led: int
    parts: tuple[tuple[str, float, float], ...]
    members: tuple[str, ...]  # the ids of the agencies it counts


# Bars drawn one per agency, the agencies leading the most tasks; the others, beyond
# them, share one bar as the communes do (at four times a province, 370 bars made the
# picture unreadable and 130 KB).
BARS_SHOWN = 30


def bars(tallies: Sequence[AgencyTally]) -> list[Bar]:
    """The overview's bars: one per lead agency (the `BARS_SHOWN` leading the most
    tasks, the others in one), the communes (a province has a hundred) in one, all
    drawn to the same scale."""
    own = [t for t in tallies if t.view.agency.group is not AgencyGroup.COMMUNE]
    busiest = {t.agency_id for t in sorted(own, key=lambda t: -t.led)[:BARS_SHOWN]}
    rows = [
        (t.agency_id, t.view.agency.short or t.view.agency.name, [t])
        for t in own
        if t.agency_id in busiest
    ]
    others = [t for t in own if t.agency_id not in busiest]
    if others:
        rows.append(("khac", f"Các cơ quan, đơn vị khác ({len(others)} đơn vị)", others))
    communes = [t for t in tallies if t.view.agency.group is AgencyGroup.COMMUNE]
    if communes:
        rows.append(("cap-xa", f"Các xã, phường ({len(communes)} đơn vị)", communes))
    widest = max((sum(t.led for t in ts) for _k, _n, ts in rows), default=1)
    out = []
    for key, name, ts in rows:
        counts = [
            sum(t.on_time for t in ts),
            sum(t.late for t in ts),
            sum(t.overdue for t in ts),
            sum(t.passed_unreported for t in ts),
        ]
        led = sum(t.led for t in ts)
        counts.append(led - sum(counts))
        x, parts = 0.0, []
        for segment, n in zip(SEGMENTS, counts, strict=True):
            if n:
                width = round(BAR_WIDTH * n / widest, 1)
                parts.append((segment, round(x, 1), width))
                x += width
        out.append(Bar(key, name, led, tuple(parts), tuple(t.agency_id for t in ts)))
    return out


# A report's word in the page's per-task data: the three the table counts, else "khac".
_CODES = {Status.DONE_ON_TIME: "dung-han", Status.DONE_LATE: "qua-han-xong",
          Status.OVERDUE: "qua-han"}  # fmt: skip


def _passes_on(entry: Entry) -> str:
    """The first day on which one of the task's deadlines lies behind (as `passed`
    says: the day after "by" a date, the day itself "before" it), or ""."""
    days = [
        d.date if d.relation is Relation.BEFORE else d.date + timedelta(days=1)
        for d in entry.task.deadlines
        if d.firm
    ]
    return min(days).isoformat() if days else ""
