"""The review application's page: the draft's paragraphs in order, what the draft reads
from each, and the cards of the marks beside the paragraph they stand on.

It is made from the data file as it is now (`ketluan.ingest.review_page.reading`: the
same reading the offline review page of `ketluan import` shows) and rendered by Jinja
with autoescape: no text of the data is ever template source or unescaped markup. The
registry the agency picker searches travels in a data attribute, escaped like any
other value.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ketluan.check.registry import DOCUMENT_TYPES
from ketluan.ingest.review_page import Reading, ScanPages, reading, template_environment
from ketluan.load import Loaded
from ketluan.model import Agency, AgencyGroup, Dataset, Measure, Precision, Relation, TaskKind
from ketluan.model.outline import task_anchor, text_tasks, walk_tasks
from ketluan.render.labels import GROUPS, KINDS, ROLES
from ketluan.review.cards import ROLE_CHOICES, card_id, cards_of
from ketluan.text.vietnamese import collation_key, vi_date

__all__ = ["Shown", "agency_entry", "main_html", "page_html", "registry_json"]

_TEMPLATES = Path(__file__).parent / "templates"
PRECISIONS = {
    Precision.DAY.value: "đúng ngày",
    Precision.MONTH.value: "trong tháng",
    Precision.QUARTER.value: "trong quý",
    Precision.YEAR.value: "trong năm",
}
RELATIONS = {Relation.BY.value: "chậm nhất vào ngày đó", Relation.BEFORE.value: "trước ngày đó"}
MEASURES = {
    Measure.GROWTH.value: "mức tăng, giảm (so với …)",
    Measure.LEVEL.value: "mức đạt được",
    Measure.RANK.value: "thứ hạng",
    Measure.COUNT.value: "số lượng",
}


@dataclass(frozen=True, slots=True)
class Shown:
    """What a page shows besides the data: the review's quarter and file, how many
    marks there were when the review began, the version, and the last change."""

    key: str
    data_name: str
    first_count: int
    version: str
    last: str | None = None
    scan: ScanPages | None = None  # a scan's page images, shown beside the text


def page_html(loaded: Loaded, shown: Shown, token: str) -> str:
    """The whole page."""
    return _render("review_app.html.j2", loaded, shown, token=token)


def main_html(loaded: Loaded, shown: Shown) -> str:
    """The page's main part, sent back after each change to replace the one shown."""
    return _render("review_main.html.j2", loaded, shown, token="")


def registry_json(dataset: Dataset) -> str:
    """The agencies the picker offers: id, name, short name, group and the names as
    written, which typing with or without diacritics finds."""
    return json.dumps([agency_entry(a) for a in dataset.agencies], ensure_ascii=False)


def agency_entry(agency: Agency) -> dict[str, Any]:
    """An agency as the picker knows it (and as one added in place is sent back)."""
    return {
        "id": agency.id,
        "name": agency.name,
        "short": agency.short or "",
        "group": GROUPS[agency.group],
        "variants": list(agency.variants),
    }


def _render(template: str, loaded: Loaded, shown: Shown, *, token: str) -> str:
    read: Reading = reading(loaded, shown.key, scan=shown.scan)
    cards = cards_of(loaded, shown.key)
    by_id = {c.id: c for c in cards}
    placed = {
        entry.anchor: [
            by_id[i] for m in entry.marks if (i := card_id(m.path, m.problem.message)) in by_id
        ]
        for entry in read.entries
    }
    taken = {c.id for found in placed.values() for c in found}
    dataset = loaded.dataset
    context: dict[str, Any] = {
        "read": read,
        "cards": cards,
        "placed": placed,
        "loose": [c for c in cards if c.id not in taken],
        "shown": shown,
        "token": token,
        "left": len(cards),
        "registry": registry_json(dataset),
        "documents": sorted(
            ((d.id, f"{d.type} {d.symbol or d.title or ''}".strip()) for d in dataset.documents),
            key=lambda pair: pair[1],
        ),
        "agencies": sorted(((a.id, a.name) for a in dataset.agencies), key=lambda p: p[1]),
        "groups": {g.value: GROUPS[g] for g in AgencyGroup},
        "document_types": sorted(DOCUMENT_TYPES, key=collation_key),
        "kinds": {k.value: KINDS[k] for k in TaskKind},
        "tasks": {t.anchor: t for t, _c in walk_tasks(read.quarter.sections)}
        | {
            task_anchor(t, d.document): t
            for d in read.quarter.directives
            for t, _c in text_tasks(d)
        },
        "roles": ROLE_CHOICES,
        "role_names": ROLES,
        "precisions": PRECISIONS,
        "relations": RELATIONS,
        "measures": MEASURES,
        "names": read.names,
        "vi_date": vi_date,
        "path_json": lambda path: json.dumps(list(path)),
    }
    return template_environment(_TEMPLATES).get_template(template).render(context)
