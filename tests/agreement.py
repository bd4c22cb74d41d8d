"""How far the importer's reading agrees with curated data: its yardstick, field by
field, for the benchmark and the floors the tests hold it to."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

from ketluan.ingest.datafile import with_quarter
from ketluan.ingest.draft import draft_quarter
from ketluan.ingest.intake import import_quarter
from ketluan.ingest.ocr_words import spelled
from ketluan.ingest.roles import AgencyFinder, read_paragraph
from ketluan.ingest.source import read_source
from ketluan.ingest.structure import outline
from ketluan.load import Loaded, validate_text, validate_with_marks
from ketluan.model import Dataset, Section, Task
from ketluan.model.calendar import planning_year
from ketluan.model.outline import effective_lead, text_tasks, walk_tasks
from ketluan.text.symbols import SymbolError, parse_symbol
from ketluan.text.vietnamese import searchable

FIELDS = ("lead", "support", "report_to", "accountable", "deadlines", "symbols")


def agreement(dataset: Dataset) -> dict[str, tuple[int, int]]:
    """Per field, (tasks whose reading agrees with the data, tasks), over all quarters.

    Lead is the agencies a paragraph itself names (inheritance from headings is the
    structure's); deadlines are compared by date, citations by normalised symbol.
    """
    finder = AgencyFinder(dataset.agencies)
    symbols: dict[str, str] = {}
    for doc in dataset.documents:
        if doc.symbol is not None:
            try:
                symbols[doc.id] = parse_symbol(doc.symbol).normalised
            except SymbolError:
                continue
    same: Counter[str] = Counter()
    total = 0
    for conclusion in dataset.quarters:
        year = planning_year(conclusion.key)
        for task, _chain in walk_tasks(conclusion.sections):
            total += 1
            reading = read_paragraph(task.text, finder, year)
            want = {
                "lead": set(task.lead),
                "support": set(task.support),
                "report_to": set(task.report_to),
                "accountable": set(task.accountable),
                "deadlines": {d.date for d in task.deadlines},
                "symbols": {symbols[c.document] for c in task.cites if c.document in symbols},
            }
            for field, expected in want.items():
                same[field] += set(getattr(reading, field)) == expected
    return {field: (same[field], total) for field in FIELDS}


DRAFT_FIELDS = (
    "tasks",
    "text",
    "kind",
    "lead",
    "duties",
    "support",
    "report_to",
    "accountable",
    "deadlines",
    "recurrences",
    "citations",
    "targets",
    "footnotes",
    "figures",
    "limitations",
    "signer",
    "heading",
)


def draft_agreement(
    drafted: Dataset, draft_key: str, curated: Dataset, curated_key: str
) -> dict[str, tuple[int, int]]:
    """Per field, (items of the curated quarter the draft agrees with, items): tasks
    by outline id, then each task's verbatim text, effective lead, roles, deadline
    dates (aims and derived readings told apart), recurring phrases, citations, target
    values and aims, parts of their own and accountability; the footnotes, figures
    (measure, value, unit), limitations and signer.

    Agencies and documents are compared by what they are, not by id, so that a draft
    made without a registry (its agencies proposed anew) is measured too: an agency by
    its names and variants, folded; a document by its symbol or, unnumbered, by its
    folded title.
    """
    mine = next(q for q in drafted.quarters if q.key == draft_key)
    theirs = next(q for q in curated.quarters if q.key == curated_key)
    their_names = {a.id: a.id for a in curated.agencies}
    my_names = _as_curated(drafted, curated)
    my_docs, their_docs = _document_keys(drafted), _document_keys(curated)
    drafted_tasks = {t.id: (t, c) for t, c in walk_tasks(mine.sections)}
    same: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for task, chain in walk_tasks(theirs.sections):
        found = drafted_tasks.get(task.id)
        for field in DRAFT_FIELDS[:12]:
            totals[field] += 1
        if found is None:
            continue
        other, other_chain = found
        want = _task_values(task, chain, their_names, their_docs)
        got = _task_values(other, other_chain, my_names, my_docs)
        same["tasks"] += 1
        for field, value in want.items():
            same[field] += got[field] == value
    totals["footnotes"] = len(theirs.footnotes)
    same["footnotes"] = len(set(theirs.footnotes) & set(mine.footnotes))
    figures = {(f.measure, f.value, f.unit) for f in mine.review.figures}
    totals["figures"] = len(theirs.review.figures)
    same["figures"] = sum((f.measure, f.value, f.unit) in figures for f in theirs.review.figures)
    totals["limitations"] = len(theirs.review.limitations)
    same["limitations"] = len(set(theirs.review.limitations) & set(mine.review.limitations))
    totals["signer"], same["signer"] = 1, int(mine.signer == theirs.signer)
    totals["heading"], same["heading"] = 1, int(mine.heading == theirs.heading)
    return {field: (same[field], totals[field]) for field in DRAFT_FIELDS}


def _task_values(
    task: Task, chain: tuple[Section, ...], names: dict[str, str], docs: dict[str, str]
) -> dict[str, object]:
    return {
        "text": (task.marker, task.text),
        "kind": task.kind,
        "lead": {names[a] for a, _inherited in effective_lead(task, chain)},
        "duties": {names[a] for a in task.duties},
        "support": {names[a] for a in task.support},
        "report_to": {names[a] for a in task.report_to},
        "accountable": {names[a] for a in task.accountable},
        "deadlines": {(d.date, d.report, d.aim, d.derived) for d in task.deadlines},
        "recurrences": {r.phrase for r in task.recurrences},
        "citations": {docs[c.document] for c in task.cites},
        "targets": {(t.operator, t.value, t.value_max, t.unit, t.aim) for t in task.targets},
    }


def _as_curated(drafted: Dataset, curated: Dataset) -> dict[str, str]:
    """Each drafted agency as the curated agency one of its names is a name of (a
    proposed "Đảng ủy UBND tỉnh" is the curated agency of that variant), else itself."""
    owner = {searchable(n): a.id for a in curated.agencies for n in a.names}
    out: dict[str, str] = {}
    for agency in drafted.agencies:
        found = next((owner[searchable(n)] for n in agency.names if searchable(n) in owner), None)
        out[agency.id] = found or f"new:{searchable(agency.name)}"
    return out


def _document_keys(dataset: Dataset) -> dict[str, str]:
    out: dict[str, str] = {}
    for doc in dataset.documents:
        try:
            out[doc.id] = parse_symbol(doc.symbol).normalised if doc.symbol else ""
        except SymbolError:
            out[doc.id] = doc.symbol or ""
        if not out[doc.id]:
            out[doc.id] = searchable((doc.title or doc.id).replace("*", ""))
    return out


def redraft(
    data_text: str, source: Path, key: str, *, registry: bool = True
) -> tuple[Loaded, Dataset]:
    """Import `source` as quarter `key` against the registries (and earlier quarters)
    of `data_text` without that quarter, or with empty registries: the loaded draft,
    and the curated data."""
    curated = validate_text(data_text, "curated.yml")
    raw = yaml.safe_load(data_text)
    raw["quarters"] = [q for q in raw["quarters"] if q["key"] != key]
    if not registry:
        raw |= {"agencies": [], "documents": [], "quarters": []}
    registry_text = yaml.safe_dump(raw, allow_unicode=True, sort_keys=False)
    known = validate_text(registry_text, "registry.yml", registry_only=True)
    drafted = draft_quarter(outline(spelled(read_source(source), known)), known, key)
    return validate_with_marks(with_quarter(registry_text, drafted), "draft.yml"), curated


def silent_errors(
    loaded: Loaded, draft_key: str, curated: Dataset, curated_key: str
) -> list[tuple[str, str]]:
    """(task id, field) of every value the draft gives wrong with no review mark on the
    task (or on anything under it), and (id, "missing") for a curated task the draft
    lacks with no mark on the quarter saying a paragraph went unplaced: what a clerk
    would publish wrong without being told to look. Compared as `draft_agreement`."""
    drafted = loaded.dataset
    position = next(i for i, q in enumerate(drafted.quarters) if q.key == draft_key)
    mine, theirs = (
        drafted.quarters[position],
        next(q for q in curated.quarters if q.key == curated_key),
    )
    paths = dict(_task_paths(mine.sections, ("quarters", position)))
    marked = {
        task_id
        for task_id, path in paths.items()
        if any(m.path[: len(path)] == path for m in loaded.marks)
    }
    unplaced = any(
        m.path == ("quarters", position) and "đoạn chưa xếp" in m.problem.message
        for m in loaded.marks
    )
    their_names = {a.id: a.id for a in curated.agencies}
    my_names = _as_curated(drafted, curated)
    my_docs, their_docs = _document_keys(drafted), _document_keys(curated)
    drafted_tasks = {t.id: (t, c) for t, c in walk_tasks(mine.sections)}
    out: list[tuple[str, str]] = []
    for task, chain in walk_tasks(theirs.sections):
        found = drafted_tasks.get(task.id)
        if found is None:
            out += [] if unplaced else [(task.id, "missing")]
            continue
        if task.id in marked:
            continue
        want = _task_values(task, chain, their_names, their_docs)
        got = _task_values(*found, my_names, my_docs)
        out += [(task.id, field) for field, value in want.items() if got[field] != value]
    return out


def _task_paths(
    sections: tuple[Section, ...], at: tuple[str | int, ...]
) -> list[tuple[str, tuple[str | int, ...]]]:
    out: list[tuple[str, tuple[str | int, ...]]] = []
    for i, section in enumerate(sections):
        here = (*at, "sections", i)
        out += [(t.id, (*here, "tasks", j)) for j, t in enumerate(section.tasks)]
        out += _task_paths(section.sections, here)
    return out


def redraft_directive(data_text: str, source: Path, key: str, document: str) -> tuple[Loaded, int]:
    """Import `source` into quarter `key` of `data_text` without directive `document`
    (and its registry record): the loaded draft, and the drafted directive's place in
    the quarter's `directives`."""
    raw = yaml.safe_load(data_text)
    quarter = next(q for q in raw["quarters"] if q["key"] == key)
    quarter["directives"] = [d for d in quarter.get("directives", []) if d["document"] != document]
    raw["documents"] = [d for d in raw["documents"] if d["id"] != document]
    registry = source.parent / "without.yml"
    registry.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), "utf-8")
    drafted = import_quarter(source, key, registry, name="draft.yml")
    return validate_with_marks(drafted.text, "draft.yml"), len(quarter["directives"])


def directive_agreement(
    loaded: Loaded, key: str, at: int, curated: Dataset, document: str
) -> tuple[float, float, list[str]]:
    """How the drafted directive (number `at` of quarter `key`) agrees with the curated
    one: the share of its assignments (tasks) found by id, the share of those whose
    lead (named or inherited) is right, and the ids whose lead is wrong with no review
    mark on the task nor on a proposed agency it names: silently wrong."""
    drafted = loaded.dataset
    position = next(i for i, q in enumerate(drafted.quarters) if q.key == key)
    mine = drafted.quarters[position].directives[at]
    theirs = next(
        d for q in curated.quarters if q.key == key for d in q.directives if d.document == document
    )
    root = ("quarters", position, "directives", at)
    paths = dict(_task_paths(mine.sections, root))
    paths |= {t.id: (*root, "tasks", j) for j, t in enumerate(mine.tasks)}
    marked = {
        tid for tid, path in paths.items() if any(m.path[: len(path)] == path for m in loaded.marks)
    }
    proposed = {
        drafted.agencies[int(m.path[1])].id for m in loaded.marks if m.path[:1] == ("agencies",)
    }
    names = _as_curated(drafted, curated)
    have = {t.id: (t, c) for t, c in text_tasks(mine)}
    want = list(text_tasks(theirs))
    found = right = 0
    silent: list[str] = []
    for task, chain in want:
        if task.id not in have:
            continue
        found += 1
        lead = {a for a, _inherited in effective_lead(task, chain)}
        got_lead = {a for a, _inherited in effective_lead(*have[task.id])}
        if {names[a] for a in got_lead} == lead:
            right += 1
        elif task.id not in marked and not got_lead & proposed:
            silent.append(task.id)
    return found / len(want), right / max(found, 1), silent
