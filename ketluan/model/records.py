"""The validated model of `data/directives.yml`: frozen, typed records.

The YAML maps one to one onto these dataclasses (field names are the YAML keys);
`ketluan.load.convert` builds them and `ketluan.check` verifies what types alone cannot.
Nothing here imports MkDocs. Every text field holds the source's words verbatim (NFC);
structured values (dates, targets, figures) sit beside the phrase they were read from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ketluan.model.codes import (
    AgencyGroup,
    Delegation,
    Measure,
    Operator,
    Period,
    Precision,
    Relation,
    Status,
    TaskKind,
)
from ketluan.model.pickling import quick_pickle

__all__ = [
    "NO_REVIEW",
    "TASK_AGENCY_FIELDS",
    "Agency",
    "Citation",
    "Conclusion",
    "Correction",
    "Dataset",
    "Deadline",
    "Directive",
    "Document",
    "Evidence",
    "Figure",
    "Footnote",
    "Recipient",
    "Recurrence",
    "Review",
    "Section",
    "Signer",
    "StatusReport",
    "Target",
    "Task",
]


@quick_pickle
@dataclass(frozen=True, slots=True)
class Agency:
    """An agency or a collective assignee ("Đảng ủy các xã, phường")."""

    id: str  # ASCII slug; also the URL segment, so it must never change
    name: str
    group: AgencyGroup
    short: str | None = None
    variants: tuple[str, ...] = ()  # the name as written in sources, for linking
    collective: bool = False
    # The collective assignees it is one of ("Các cơ quan chuyên trách, tham mưu, giúp
    # việc Tỉnh ủy" for Ban Tổ chức): what the text gives them binds it too.
    member_of: tuple[str, ...] = ()
    notes: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """Every way the agency is written, full name first."""
        return (self.name, *(v for v in self.variants if v != self.name))


@quick_pickle
@dataclass(frozen=True, slots=True)
class Document:
    """A referenced document; identity is symbol plus date (or year), not symbol alone."""

    id: str
    type: str  # Vietnamese type name: "Nghị quyết", "Kết luận", ...
    symbol: str | None = None  # as written, e.g. "01 - ĐA/TU"; None when unnumbered
    title: str | None = None  # the name an unnumbered document goes by in the text
    issuer: str | None = None  # issuer code (TW, TU, QH15, ...); from the symbol if it has one
    body: str | None = None  # issuing body as the text names it: "Bộ Chính trị", "Trung ương"
    date: date | None = None
    year: int | None = None  # only when the date is unknown but the year is given
    subject: str | None = None  # "về ..." as given by the text or a public fact
    subject_source: str | None = None  # where the subject comes from when not the text
    count: int | None = None  # for collective references: "9 nghị quyết chiến lược"
    notes: str | None = None
    source_issue: str | None = None  # an inconsistency in the source, flagged not fixed

    @property
    def issued_year(self) -> int | None:
        """The year of issue, from the date when known."""
        return self.date.year if self.date else self.year


@quick_pickle
@dataclass(frozen=True, slots=True)
class Citation:
    """A document cited by a paragraph, with the words that cite it."""

    document: str  # Document.id
    as_written: str  # must occur verbatim in the citing paragraph


@quick_pickle
@dataclass(frozen=True, slots=True)
class Deadline:
    """A deadline: its original wording and the date it normalises to."""

    phrase: str  # verbatim, occurs in the task text
    date: date
    precision: Precision
    relation: Relation = Relation.BY
    report: bool = False  # the deadline of the task's report ("Trong tháng 5/2026, báo cáo …")
    aim: bool = False  # an aim ("phấn đấu … trong năm 2026"), not a hard deadline
    # The editor's reading of words that may not set a date at all ("hoàn thành điều
    # kiện khởi công các công trình trong năm 2026": the year may say which works):
    # shown as derived, and nobody is late on it.
    derived: bool = False

    @property
    def firm(self) -> bool:
        """Whether one can be late on it: neither an aim nor a derived reading."""
        return not (self.aim or self.derived)


@quick_pickle
@dataclass(frozen=True, slots=True)
class Recurrence:
    """A recurring obligation ("ít nhất 1 lần/quý"): a period, not a date."""

    phrase: str
    every: tuple[Period, ...] = ()  # empty: "định kỳ" with no period stated
    at_least: int | None = None


@quick_pickle
@dataclass(frozen=True, slots=True)
class Target:
    """A quantitative target: "hết quý II năm 2026 đạt trên 30%"."""

    phrase: str  # verbatim, in the task text or one of its footnotes
    metric: str  # what is measured, in the text's words
    operator: Operator
    value: Decimal
    unit: str
    value_max: Decimal | None = None  # upper bound of a range ("3-4%")
    by: date | None = None
    precision: Precision | None = None
    aim: bool = False  # an aim ("phấn đấu … tăng từ 3-4%"), not a commitment


@quick_pickle
@dataclass(frozen=True, slots=True)
class Task:
    """A paragraph of sections II–IV: a task, principle, responsibility or organisation."""

    id: str  # outline id from the document's numbering: "II.2.2", "II.2.2-3", "IV.1"
    kind: TaskKind
    text: str
    marker: str | None = None  # the printed number or bullet: "2.2.", "-", "1."
    lead: tuple[str, ...] = ()  # agencies the text names as leading (Agency.id)
    inherit_lead: bool | None = None  # None: inherit the section's assignee when lead is empty
    support: tuple[str, ...] = ()  # coordinating agencies
    # Agencies given a part of their own beside the lead's (IV.1: "…; Đảng ủy Ủy ban
    # nhân dân tỉnh xem xét, giải quyết theo thẩm quyền"): not coordinating, not leading.
    duties: tuple[str, ...] = ()
    report_to: tuple[str, ...] = ()  # whom the task reports to
    accountable: tuple[str, ...] = ()  # who the text holds accountable ("chịu trách nhiệm")
    deadlines: tuple[Deadline, ...] = ()
    recurrences: tuple[Recurrence, ...] = ()
    targets: tuple[Target, ...] = ()
    cites: tuple[Citation, ...] = ()
    continues: tuple[str, ...] = ()  # "2026-q1/II.2.5": the earlier task this one carries on
    # A row of an assignment table (TT | nội dung | chủ trì | phối hợp | thời gian | ghi
    # chú): `marker` is its TT, `text` its content, `cells` the rest of the row verbatim,
    # under its section's `columns`; an empty cell is null.
    cells: tuple[str | None, ...] = ()

    @property
    def words(self) -> str:
        """Everything the task says: its text, and a table row's other cells (one per
        line, so that no phrase runs from one cell into the next)."""
        return "\n".join((self.text, *(c for c in self.cells if c))) if self.cells else self.text

    @property
    def inherits_lead(self) -> bool:
        """Whether the enclosing section's assignee leads this task too."""
        return not self.lead if self.inherit_lead is None else self.inherit_lead

    @property
    def anchor(self) -> str:
        """HTML anchor: "II.2.2-3" → "nv-ii-2-2-3"."""
        return "nv-" + re.sub(r"[^a-z0-9]+", "-", self.id.lower()).strip("-")


# The fields of a task that name agencies, in the order a reader meets them.
TASK_AGENCY_FIELDS = ("lead", "duties", "support", "report_to", "accountable")


@quick_pickle
@dataclass(frozen=True, slots=True)
class Section:
    """A numbered heading ("II.", "1.") with its paragraphs and subsections."""

    number: str
    title: str
    assignee: tuple[str, ...] = ()  # agencies the heading addresses; inherited as lead
    # The header of the assignment table its tasks with `cells` are the rows of: "TT",
    # "Nội dung", then the headers of the rows' cells ("Cơ quan chủ trì", …).
    columns: tuple[str, ...] = ()
    tasks: tuple[Task, ...] = ()
    sections: tuple[Section, ...] = ()


@quick_pickle
@dataclass(frozen=True, slots=True)
class Figure:
    """A result figure of the review: "GRDP tăng 10,43% so với cùng kỳ năm 2025"."""

    id: str
    label: str
    phrase: str  # verbatim, in a review paragraph
    measure: Measure
    value: str  # as written, Vietnamese number format: "10,43", "35.636"
    unit: str | None = None
    operator: Operator = Operator.EQ
    estimate: bool = False  # "ước đạt"
    basis: str | None = None  # "so với cùng kỳ năm 2025"
    out_of: int | None = None  # rank "4/34"


@quick_pickle
@dataclass(frozen=True, slots=True)
class Review:
    """Section I: last quarter's results, its figures and limitations."""

    number: str
    title: str
    paragraphs: tuple[str, ...]
    figures: tuple[Figure, ...] = ()
    limitations: tuple[str, ...] = ()  # verbatim excerpts of the paragraphs
    cites: tuple[Citation, ...] = ()


# The review of a conclusion that has none: an empty Section I, never shown.
NO_REVIEW = Review("", "", ())


@quick_pickle
@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote; its marker (a superscript number) stands in a paragraph."""

    number: int
    text: str


@quick_pickle
@dataclass(frozen=True, slots=True)
class Recipient:
    """A line of "Nơi nhận", linked to an agency where one is meant."""

    text: str
    agency: str | None = None


@quick_pickle
@dataclass(frozen=True, slots=True)
class Signer:
    """The signature block: "T/L BAN THƯỜNG VỤ / CHÁNH VĂN PHÒNG / name"."""

    on_behalf_of: str
    title: str
    name: str
    # "T/L", "T/M", …; none when the body's own head signs.
    delegation: Delegation | None = field(default=None, kw_only=True)


@quick_pickle
@dataclass(frozen=True, slots=True)
class Correction:
    """A probable typo of the source, shown beside the verbatim text, never instead of it."""

    phrase: str  # verbatim, occurs in the conclusion's text
    suggested: str
    note: str | None = None


@quick_pickle
@dataclass(frozen=True, slots=True)
class Evidence:
    """The document that delivered a task's product: "Báo cáo số 125/BC-UBND ngày
    20/6/2026 gửi Ban Thường vụ Tỉnh ủy"."""

    symbol: str  # the document's number as written: "125/BC-UBND"
    date: date | None = None
    sent_to: str | None = None  # Agency.id of the level it was sent to


@quick_pickle
@dataclass(frozen=True, slots=True)
class StatusReport:
    """A status reported for a task, as of a date; never inferred."""

    task: str  # "2026-q1/II.2.5"
    status: Status
    date: date
    note: str | None = None
    agency: str | None = None  # Agency.id of who reported it (an agency's returned sheet)
    evidence: Evidence | None = None


@quick_pickle
@dataclass(frozen=True, slots=True)
class Directive:
    """Another document the quarter follows beside its conference conclusion: a plan,
    a directive, a resolution, a notice of conclusions, an official letter assigning
    tasks. It is one of the registry's documents (`document`: its type, number, date and
    issuer, all of which an unsigned copy may leave blank), with its full text here."""

    document: str  # Document.id: its identity, its address and its tasks' refs
    # As printed over the title: "KẾ HOẠCH", "CHỈ THỊ"; none for a letter, which prints
    # its subject ("V/v …") under its number instead.
    document_type: str | None = None
    heading: tuple[str, ...] = ()  # the title lines under the document type
    # The paragraphs before the first numbered heading ("Kính gửi: …", "Thực hiện Nghị
    # quyết số …").
    preamble: tuple[str, ...] = ()
    # The documents its preamble cites: most often the one it carries out ("Thực hiện
    # Nghị quyết số 57-NQ/TW …"), which links the chain of documents.
    cites: tuple[Citation, ...] = ()
    # Paragraphs outside any heading: a letter's "1. Giao Sở …" under its preamble.
    tasks: tuple[Task, ...] = ()
    sections: tuple[Section, ...] = ()
    issuing_body: str | None = None  # Agency.id, when it is one of the registry's
    signer: Signer | None = None  # none on an unsigned copy
    # A review of past results: the conference conclusion's part, optional here.
    review: Review = field(default_factory=lambda: NO_REVIEW, kw_only=True)
    source: str | None = None
    footnotes: tuple[Footnote, ...] = ()
    recipients_heading: str = "Nơi nhận:"
    recipients: tuple[Recipient, ...] = ()
    corrections: tuple[Correction, ...] = ()


@quick_pickle
@dataclass(frozen=True, slots=True)
class Conclusion:
    """One quarter's Kết luận, from heading to signature, plus its status reports."""

    key: str  # "2026-q1"
    title: str  # "Quý I/2026"
    meeting_date: date
    issuing_body: str  # Agency.id
    document_type: str  # "KẾT LUẬN"
    heading: tuple[str, ...]  # the title lines under the document type
    preamble: str
    sections: tuple[Section, ...]
    signer: Signer
    # Section I, last quarter's results; a conclusion may have none (NO_REVIEW).
    review: Review = field(default_factory=lambda: NO_REVIEW, kw_only=True)
    source: str | None = None  # path of the source text in the repository
    symbol: str | None = None  # the conclusion's own number, when the source gives it
    issued_on: date | None = None
    footnotes: tuple[Footnote, ...] = ()
    recipients_heading: str = "Nơi nhận:"
    recipients: tuple[Recipient, ...] = ()
    corrections: tuple[Correction, ...] = ()
    reports: tuple[StatusReport, ...] = ()
    # The other documents the quarter follows, each with its full text and tasks.
    directives: tuple[Directive, ...] = ()


@quick_pickle
@dataclass(frozen=True, slots=True)
class Dataset:
    """The whole data file: registries shared by all quarters, and the quarters in order."""

    schema: int
    province: str
    agencies: tuple[Agency, ...]
    documents: tuple[Document, ...]
    quarters: tuple[Conclusion, ...] = field(default=())
