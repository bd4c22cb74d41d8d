"""Tests for ketluan.fictional: the Tỉnh Mẫu generator yields valid, deterministic data."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sitecheck import LIVE_DATA

from ketluan.fictional import COMMUNE_CAP, HEADER, MIN_TASKS, Scale, dump, generate, main
from ketluan.load import validate_text
from ketluan.model import (
    AgencyGroup,
    Conclusion,
    Dataset,
    Measure,
    Precision,
    Relation,
    Status,
    Task,
    TaskKind,
)
from ketluan.model.outline import walk_tasks
from ketluan.text.symbols import parse_symbol
from ketluan.text.vietnamese import is_slug, slugify

SMALL = Scale(quarters=1, agencies=20, communes=6, tasks_per_quarter=30, documents=15, seed=1)
THREE = Scale(quarters=3, agencies=40, communes=20, tasks_per_quarter=60, documents=40, seed=2)


def validated(scale: Scale) -> Dataset:
    """Generate, dump and validate: raises DataError if the checker rejects anything."""
    return validate_text(dump(generate(scale)), "tinh-mau.yml")


def tasks_of(conclusion: Conclusion) -> list[Task]:
    return [task for task, _chain in walk_tasks(conclusion.sections)]


def assert_counts(dataset: Dataset, scale: Scale) -> None:
    assert len(dataset.agencies) == scale.agencies
    communes = [a for a in dataset.agencies if a.group is AgencyGroup.COMMUNE and not a.collective]
    assert len(communes) == scale.communes
    assert len(dataset.documents) == scale.documents
    assert len(dataset.quarters) == scale.quarters
    for conclusion in dataset.quarters:
        assert len(tasks_of(conclusion)) == scale.tasks_per_quarter


@pytest.fixture(scope="module")
def three() -> Dataset:
    return validated(THREE)


def test_small_scale_validates_with_exact_counts() -> None:
    dataset = validated(SMALL)
    assert_counts(dataset, SMALL)
    assert [q.key for q in dataset.quarters] == ["2026-q1"]
    assert dataset.quarters[0].reports == ()  # nothing earlier to report on


def test_three_quarters_validate_and_follow_each_other(three: Dataset) -> None:
    assert_counts(three, THREE)
    assert [(q.key, q.title) for q in three.quarters] == [
        ("2026-q1", "Quý I/2026"),
        ("2026-q2", "Quý II/2026"),
        ("2026-q3", "Quý III/2026"),
    ]
    meetings = [q.meeting_date for q in three.quarters]
    assert meetings == sorted(meetings) and len(set(meetings)) == 3


def test_full_scale_validates_in_seconds() -> None:
    start = time.perf_counter()
    dataset = validated(Scale.times(1))
    elapsed = time.perf_counter() - start
    assert_counts(dataset, Scale.times(1))
    assert sum(len(tasks_of(q)) for q in dataset.quarters) == 600
    assert elapsed < 20, f"generating and validating 1× took {elapsed:.1f} s"


def test_times_scales_one_provinces_year() -> None:
    assert Scale.times(1) == Scale(
        quarters=4, agencies=150, communes=100, tasks_per_quarter=150, documents=300
    )
    assert Scale.times(2, seed=7) == Scale(
        quarters=4, agencies=300, communes=200, tasks_per_quarter=300, documents=600, seed=7
    )
    huge = Scale.times(50)
    assert (huge.communes, huge.agencies) == (COMMUNE_CAP, 7500)
    tiny = Scale.times(0.01, quarters=2)  # clamped up to the smallest valid scale
    assert tiny.tasks_per_quarter == MIN_TASKS
    assert_counts(validated(tiny), tiny)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"agencies": 50, "communes": 45},
        {"tasks_per_quarter": MIN_TASKS - 1},
        {"quarters": 0},
        {"documents": 2},
        {"communes": 0},
    ],
)
def test_scale_rejects_impossible_sizes(kwargs: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        Scale(**kwargs)


def test_same_seed_same_yaml_and_other_seed_other_yaml() -> None:
    first = dump(generate(SMALL))
    assert dump(generate(SMALL)) == first
    other = Scale(quarters=1, agencies=20, communes=6, tasks_per_quarter=30, documents=15, seed=2)
    assert dump(generate(other)) != first


def test_plainly_fictional(three: Dataset) -> None:
    text = dump(generate(SMALL))
    assert text.startswith(HEADER) and HEADER.startswith("# ") and "fictional" in HEADER
    assert "Mẫu" in three.province
    assert all("Mẫu" in a.name for a in three.agencies)
    assert all(not a.name.isascii() for a in three.agencies)  # diacritics everywhere


def test_real_data_holds_no_fictional_data() -> None:
    real = LIVE_DATA.read_text(encoding="utf-8")
    assert "Tỉnh Mẫu" not in real and "Tỉnh ủy Mẫu" not in real


def test_ids_are_slugs_of_names(three: Dataset) -> None:
    assert all(is_slug(a.id) and a.id == slugify(a.name) for a in three.agencies)
    assert all(is_slug(d.id) for d in three.documents)
    assert {a.group for a in three.agencies} == set(AgencyGroup)


def test_documents_exercise_symbols_and_terms(three: Dataset) -> None:
    numbered = [d for d in three.documents if d.symbol is not None]
    symbols = [parse_symbol(d.symbol) for d in numbered if d.symbol is not None]
    assert {s.issuer for s in symbols} == {"TW", "TU", "QH15"}
    assert len({s.type_code for s in symbols if s.type_code}) >= 5
    by_symbol: dict[str, set[int | None]] = {}
    for doc, symbol in zip(numbered, symbols, strict=True):
        by_symbol.setdefault(symbol.normalised, set()).add(doc.issued_year)
    assert any(len(years) > 1 for years in by_symbol.values())  # numbers restart each term
    unnumbered = [d for d in three.documents if d.symbol is None]
    assert len(unnumbered) >= 2 and all(d.title for d in unnumbered)
    first_meeting = three.quarters[0].meeting_date
    assert all(d.date < first_meeting for d in three.documents if d.date)
    assert any(d.date is None and d.year for d in numbered)  # year-only documents


def test_exercises_every_construct(three: Dataset) -> None:
    tasks = [t for q in three.quarters for t in tasks_of(q)]
    deadlines = [d for t in tasks for d in t.deadlines]
    assert {d.precision for d in deadlines} == set(Precision)
    assert {d.relation for d in deadlines} == set(Relation)
    assert {t.kind for t in tasks} == set(TaskKind)
    assert any(t.marker == "-" for t in tasks) and any("." in (t.marker or "") for t in tasks)
    assert any("-" in t.id and t.id.count(".") == 2 for t in tasks)  # II.2.3-1
    targets = [g for t in tasks for g in t.targets]
    assert any(g.value_max for g in targets) and any(g.by for g in targets)
    assert any(r.every == () for t in tasks for r in t.recurrences)  # "định kỳ"
    assert any(t.cites for t in tasks) and any(t.report_to for t in tasks)
    for q in three.quarters:
        assert {f.measure for f in q.review.figures} == set(Measure)
        assert q.footnotes and q.corrections and q.recipients and q.review.limitations


def test_escaped_characters_but_no_template_syntax(three: Dataset) -> None:
    texts = [t.text for q in three.quarters for t in tasks_of(q)]
    for char in "<&|*":
        assert any(char in text for text in texts), char
    yaml_text = dump(generate(THREE))
    assert not any(s in yaml_text for s in ("{{", "{%", "{#"))


def test_later_quarters_continue_earlier_tasks(three: Dataset) -> None:
    continued = [(q.key, ref) for q in three.quarters for t in tasks_of(q) for ref in t.continues]
    assert continued
    assert all(ref.split("/")[0] < key for key, ref in continued)


def test_reports_use_honest_statuses(three: Dataset) -> None:
    statuses = {r.status for q in three.quarters for r in q.reports}
    assert {Status.DONE_ON_TIME, Status.DONE_LATE, Status.DROPPED, Status.OVERDUE} <= statuses
    assert {Status.NOT_DUE, Status.NO_DEADLINE} <= statuses


def test_some_deadline_passes_with_no_report(three: Dataset) -> None:
    reported = {r.task for q in three.quarters for r in q.reports}
    unreported_overdue = [
        f"{q.key}/{t.id}"
        for i, q in enumerate(three.quarters)
        for t in tasks_of(q)
        if t.deadlines
        and any(
            min(d.date for d in t.deadlines) < later.meeting_date
            for later in three.quarters[i + 1 :]
        )
        and f"{q.key}/{t.id}" not in reported
    ]
    assert unreported_overdue


def test_main_writes_a_valid_file(tmp_path: Path) -> None:
    out = tmp_path / "mau.yml"
    assert main(["--scale", "0.1", "--quarters", "2", "--seed", "3", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith(HEADER)
    dataset = validate_text(text, str(out))
    assert [q.key for q in dataset.quarters] == ["2026-q1", "2026-q2"]
    assert len(dataset.agencies) == Scale.times(0.1).agencies


def test_main_prints_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--scale", "0.05", "--quarters", "1"]) == 0
    printed = capsys.readouterr().out
    assert printed == dump(generate(Scale.times(0.05, quarters=1)))
