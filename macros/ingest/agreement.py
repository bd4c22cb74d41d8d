"""How far the importer's reading agrees with curated data: its yardstick, field by
field, for the benchmark and the floors the tests hold it to."""

from __future__ import annotations

from collections import Counter

from macros.ingest.roles import AgencyFinder, read_paragraph
from macros.model import Dataset
from macros.model.calendar import planning_year
from macros.model.outline import walk_tasks
from macros.text.symbols import SymbolError, parse_symbol

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
