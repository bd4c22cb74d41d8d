"""The review page of a draft (`ketluan import --review OUT.html`): one offline HTML file
the Office reads beside the YAML.

The review marks come first, each with the line of the data file where it stands and a
link to its paragraph; then every paragraph of the document in order, its words as the
source has them with what the importer read highlighted (agencies, deadlines,
citations, targets), beside what the draft records for it. Every text is escaped (the
template autoescapes and nothing of the data is template source); the page loads
nothing from anywhere.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2

from ketluan.index.site_index import document_label
from ketluan.ingest.carry_over import OpenTask, open_tasks
from ketluan.ingest.document import SourceDocument
from ketluan.ingest.roles import AgencyFinder
from ketluan.load import Loaded, ReviewMark
from ketluan.model import Conclusion, Dataset, Directive, Section, Task
from ketluan.model.calendar import find_quarter
from ketluan.model.keys import TaskRef
from ketluan.model.outline import task_anchor, walk_tasks
from ketluan.problems import FieldPath
from ketluan.render.labels import KINDS, OPERATORS, ROLES, deadline_note
from ketluan.text.vietnamese import vi_date

__all__ = [
    "Reading",
    "ReviewedParagraph",
    "ScanPages",
    "reading",
    "review_page",
    "scan_file",
    "template_environment",
]


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of a paragraph's text, highlighted as `kind` ("" when plain)."""

    text: str
    kind: str = ""
    title: str = ""


@dataclass
class ReviewedParagraph:
    """A paragraph of the document and what the draft says of it."""

    anchor: str
    label: str  # "II.2.3", "Mở đầu", "Phần I, đoạn 2"
    pieces: list[Piece]
    page: int | None = None  # the scanned page it starts on
    facts: list[tuple[str, str]] = field(default_factory=list)  # (what, value)
    marks: list[ReviewMark] = field(default_factory=list)
    path: FieldPath = ()  # a task's place in the data; () for other paragraphs
    # The directive it belongs to, as a reader names it; "" for the conclusion.
    document: str = ""


@dataclass(frozen=True, slots=True)
class ScanPages:
    """A scan's page images (data: URIs, so the page stays one file that loads nothing
    from anywhere) and the page each paragraph starts on, by its opening words."""

    images: tuple[str, ...]
    where: dict[str, int]

    @classmethod
    def of(cls, document: SourceDocument, images: list[bytes]) -> ScanPages:
        """The pages of a scanned `document` (as the draft was made of it)."""
        uris = tuple(f"{_JPEG}{base64.b64encode(i).decode()}" for i in images)
        where = {_opening(p.text): p.page for p in document.paragraphs if p.page is not None}
        return cls(uris, where)

    def to_json(self) -> str:
        """The pages as JSON, kept beside the draft for `ketluan review`."""
        return json.dumps({"images": list(self.images), "where": self.where}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ScanPages | None:
        """The pages `to_json` kept; None when the text is not such pages (a file
        edited or damaged: the review goes on without the images)."""
        try:
            kept = json.loads(text)
            images = tuple(str(i) for i in kept["images"] if str(i).startswith(_JPEG))
            where = {str(k): int(v) for k, v in kept["where"].items()}
        except (ValueError, TypeError, KeyError, AttributeError):
            return None
        return cls(images, where)

    def page_of(self, text: str) -> int | None:
        """The page a paragraph with this text starts on, when an image of it exists."""
        page = self.where.get(_opening(text))
        return page if page is not None and page <= len(self.images) else None


_JPEG = "data:image/jpeg;base64,"


def scan_file(data: Path, key: str) -> Path:
    """Where `ketluan import` keeps the scanned pages of quarter `key` drafted into
    `data`, for `ketluan review`: a hidden file beside it, which `git commit -a` leaves
    out (it is not tracked)."""
    return data.parent / f".ban-quet-{key}.json"


def _opening(text: str) -> str:
    return " ".join(text.split())[:60]


@dataclass(frozen=True, slots=True)
class Reading:
    """What a draft's quarter reads as: its paragraphs in order, each with what the
    draft records of it and the marks standing on it; the marks of no paragraph (the
    quarter's own, a proposed agency or document); the tasks carried on, and the open
    earlier tasks nothing carries on."""

    quarter: Conclusion
    entries: list[ReviewedParagraph]
    loose: list[ReviewMark]
    carried: list[Carried]
    untouched: list[OpenTask]
    names: dict[str, str]


def reading(loaded: Loaded, key: str, *, scan: ScanPages | None = None) -> Reading:
    """The reading of quarter `key` of a draft (see `Reading`); with `scan`, each
    paragraph knows the scanned page it starts on."""
    dataset = loaded.dataset
    position = find_quarter(dataset.quarters, key)
    quarter = dataset.quarters[position]
    finder = AgencyFinder(dataset.agencies)
    names = {a.id: a.name for a in dataset.agencies}
    documents = {d.id: d.symbol or d.title or d.id for d in dataset.documents}
    entries = [
        ReviewedParagraph("mo-dau", "Mở đầu", _pieces(quarter.preamble, finder, [])),
        *(
            ReviewedParagraph(
                f"danh-gia-{n}",
                f"Phần {quarter.review.number} — đoạn {n + 1}",
                _pieces(p, finder, []),
            )
            for n, p in enumerate(quarter.review.paragraphs)
        ),
    ]
    paths: dict[FieldPath, ReviewedParagraph] = {}
    for task, path in _tasks(quarter, ("quarters", position)):
        entry = ReviewedParagraph(task.anchor, task.id, _pieces(task.text, finder, _spans(task)))
        entry.facts = _facts(task, names, documents)
        entry.path = path
        entries.append(entry)
        paths[path] = entry
    for j, directive in enumerate(quarter.directives):
        held: FieldPath = ("quarters", position, "directives", j)
        if not any(m.path[: len(held)] == held for m in loaded.marks):
            continue  # a directive reviewed already: the page shows what is in question
        named = _directive_name(dataset, directive.document)
        opening = ReviewedParagraph(
            f"mo-dau-{directive.document}",
            "Mở đầu",
            _pieces("\n".join(directive.preamble), finder, []),
            document=named,
        )
        entries.append(opening)
        paths[held] = opening  # the directive's own marks: its header, issuer, signer
        for task, path in _directive_tasks(directive, held):
            entry = ReviewedParagraph(
                task_anchor(task, directive.document),
                task.id,
                _pieces(task.text, finder, _spans(task)),
                document=named,
            )
            entry.facts = _facts(task, names, documents)
            entry.path = path
            entries.append(entry)
            paths[path] = entry
    review = ("quarters", position, "review")
    loose: list[ReviewMark] = []
    for mark in loaded.marks:
        owner = next(
            (
                paths[mark.path[:end]]
                for end in range(len(mark.path), 1, -1)
                if mark.path[:end] in paths
            ),
            None,
        )
        if owner is None and mark.path[:3] == review:
            # A figure, a limitation or a citation of part I: the paragraph that has it.
            needle = _review_words(quarter, mark.path[3:])
            at = next((n for n, p in enumerate(quarter.review.paragraphs) if needle in p), 0)
            owner = entries[1 + at] if quarter.review.paragraphs else None
        if owner is not None:
            owner.marks.append(mark)
        else:
            loose.append(mark)  # the quarter's own, or a proposed agency or document
    if scan is not None:
        for entry in entries:
            entry.page = scan.page_of("".join(piece.text for piece in entry.pieces))
    carried, untouched = _carry_over(dataset, position)
    return Reading(quarter, entries, loose, carried, untouched, names)


def review_page(
    loaded: Loaded, key: str, data_name: str, source_name: str, *, scan: ScanPages | None = None
) -> str:
    """The review page of quarter `key` of a draft loaded from `data_name`; with `scan`,
    the scanned pages beside the text, each paragraph linked to its page."""
    read = reading(loaded, key, scan=scan)
    folder = Path(__file__).parent / "templates"
    return (
        template_environment(folder)
        .get_template("review.html.j2")
        .render(
            carried=read.carried,
            untouched=read.untouched,
            names=read.names,
            quarter=read.quarter,
            entries=read.entries,
            loose=read.loose,
            marked=[e for e in read.entries if e.marks],
            count=len(loaded.marks),
            data_name=data_name,
            source_name=source_name,
            tasks=sum(1 for _ in _tasks(read.quarter, ())),
            vi_date=vi_date,
            scan=scan,
        )
    )


@dataclass(frozen=True, slots=True)
class Carried:
    """A drafted task beside the earlier one it is proposed to carry on."""

    task: Task
    earlier_ref: str
    earlier: Task | None  # None when the ref names no task the data holds


def _carry_over(dataset: Dataset, position: int) -> tuple[list[Carried], list[OpenTask]]:
    """The draft's tasks that carry earlier ones on, each with the earlier text; and the
    earlier open tasks none carries on, for the clerk to decide on."""
    quarter = dataset.quarters[position]
    earlier = replace(dataset, quarters=dataset.quarters[:position])
    by_ref = {
        str(TaskRef(q.key, t.id)): t for q in earlier.quarters for t, _c in walk_tasks(q.sections)
    }
    carried = [
        Carried(task, ref, by_ref.get(ref))
        for task, _chain in walk_tasks(quarter.sections)
        for ref in task.continues
    ]
    said = {c.earlier_ref for c in carried}
    return carried, [t for t in open_tasks(earlier) if t.ref not in said]


def _review_words(quarter: Conclusion, path: FieldPath) -> str:
    """The words of part I a mark on `review` + `path` is about."""
    review = quarter.review
    if path[:1] == ("figures",) and len(path) > 1 and isinstance(path[1], int):
        return review.figures[path[1]].phrase
    if path[:1] == ("cites",) and len(path) > 1 and isinstance(path[1], int):
        return review.cites[path[1]].as_written
    return review.limitations[0] if review.limitations else ""


def template_environment(folder: Path) -> jinja2.Environment:
    """The Jinja environment of the review pages' templates in `folder`: every value
    escaped, an undefined name an error."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _directive_name(dataset: Dataset, document: str) -> str:
    doc = next((d for d in dataset.documents if d.id == document), None)
    return document_label(doc) if doc is not None else document


def _directive_tasks(directive: Directive, path: FieldPath) -> Iterator[tuple[Task, FieldPath]]:
    """A directive's tasks with their places: its body's, then its headings'."""
    for j, task in enumerate(directive.tasks):
        yield task, (*path, "tasks", j)
    yield from _walk(directive.sections, path)


def _tasks(quarter: Conclusion, path: FieldPath) -> Iterator[tuple[Task, FieldPath]]:
    return _walk(quarter.sections, path)


def _walk(sections: tuple[Section, ...], at: FieldPath) -> Iterator[tuple[Task, FieldPath]]:
    """Every task under `sections` with its place in the data, in document order."""
    for i, section in enumerate(sections):
        here = (*at, "sections", i)
        for j, task in enumerate(section.tasks):
            yield task, (*here, "tasks", j)
        yield from _walk(section.sections, here)


def _spans(task: Task) -> list[tuple[str, str, str]]:
    """(words, kind, title) of what the draft read in the task's text."""
    out = [(d.phrase, "deadline", f"thời hạn {vi_date(d.date)}") for d in task.deadlines]
    out += [(c.as_written, "cite", "trích dẫn văn bản") for c in task.cites]
    out += [
        (t.phrase, "target", f"chỉ tiêu {t.operator.value} {t.value}{t.unit}") for t in task.targets
    ]
    out += [(r.phrase, "recurrence", "nhiệm vụ định kỳ") for r in task.recurrences]
    return out


def _pieces(text: str, finder: AgencyFinder, spans: list[tuple[str, str, str]]) -> list[Piece]:
    """`text` cut into runs, each highlighted by the first thing read there."""
    marks: list[tuple[int, int, str, str]] = []
    for words, kind, title in spans:
        at = text.find(words)
        if at != -1:
            marks.append((at, at + len(words), kind, title))
    marks += [(s, e, "agency", agency) for s, e, agency in finder.find(text)]
    taken: list[tuple[int, int, str, str]] = []
    for mark in marks:
        if all(mark[1] <= s or mark[0] >= e for s, e, _k, _t in taken):
            taken.append(mark)
    out: list[Piece] = []
    position = 0
    for start, end, kind, title in sorted(taken):
        out += [Piece(text[position:start])] if start > position else []
        out.append(Piece(text[start:end], kind, title))
        position = end
    out += [Piece(text[position:])] if position < len(text) else []
    return out


def _facts(task: Task, names: dict[str, str], documents: dict[str, str]) -> list[tuple[str, str]]:
    out = [("Loại", KINDS[task.kind])]
    for label, ids in (
        (ROLES["lead"], task.lead),
        (ROLES["support"], task.support),
        (ROLES["report_to"], task.report_to),
        (ROLES["accountable"], task.accountable),
    ):
        if ids:
            out.append((label, "; ".join(names.get(a, a) for a in ids)))
    if task.inherit_lead is True or not task.lead:
        out.append(("Chủ trì theo tiêu đề mục", "có"))
    for d in task.deadlines:
        out.append(("Thời hạn", f"{vi_date(d.date)} ({deadline_note(d)}) — “{d.phrase}”"))
    for r in task.recurrences:
        out.append(("Định kỳ", r.phrase))
    for t in task.targets:
        upto = f"–{t.value_max}" if t.value_max is not None else ""
        said = f"{OPERATORS[t.operator]} {t.value}{upto}{t.unit}".strip()
        out.append(("Chỉ tiêu", f"{said}: {t.metric}"))
    for c in task.cites:
        out.append(("Trích dẫn", documents.get(c.document, c.document)))
    return out
