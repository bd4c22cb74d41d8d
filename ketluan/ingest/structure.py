"""A conclusion's structure from its paragraphs: heading, preamble, review, sections with
their tasks (outline ids as the data uses them), recipients and signer.

Ids follow the document's numbering, as `data/directives.yml` writes them: a section's
first unnumbered paragraph takes the section's id ("II", "II.1", "III"); a numbered
item takes its number under the part ("2.2." in II is "II.2.2", "1." in IV is "IV.1");
the paragraphs after it, bulleted or not, take "-1", "-2", … ("II.2.2-3"). A numbered
line that is short and ends without a full stop is a heading ("2. Đối với Đảng ủy Ủy
ban nhân dân tỉnh"), not an item.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from ketluan.ingest.document import HiddenText, SourceDocument, SourceParagraph
from ketluan.ingest.tables import TABLE_HEAD, TABLE_ROW

__all__ = ["Outline", "OutlineSection", "OutlineTask", "coverage", "outline"]

_ROMAN = re.compile(r"[IVX]+\.")
_SINGLE = re.compile(r"\d+\.")
_ITEM = re.compile(r"\d+(?:\.\d+)+\.")
_LETTER = re.compile(r"([a-zđ])\)")
_HEADING_LENGTH = 120


@dataclass
class OutlineTask:
    """A paragraph of the task sections, with the id the data gives it."""

    id: str
    text: str
    marker: str | None = None
    note: str | None = None  # what the reviewer must know of how the id was given
    cells: list[str] = field(default_factory=list)  # a table row's cells after its content


@dataclass
class OutlineSection:
    """A numbered heading and what stands under it."""

    number: str
    title: str
    columns: list[str] = field(default_factory=list)  # its assignment table's header
    tasks: list[OutlineTask] = field(default_factory=list)
    sections: list[OutlineSection] = field(default_factory=list)


@dataclass
class Outline:
    """Everything the structure gives; roles, deadlines and citations come later."""

    document_type: str = ""
    heading: list[str] = field(default_factory=list)
    preamble: str = ""
    review_number: str = ""
    review_title: str = ""
    review: list[str] = field(default_factory=list)
    sections: list[OutlineSection] = field(default_factory=list)
    recipients_heading: str = ""
    recipients: list[str] = field(default_factory=list)
    signer: list[str] = field(default_factory=list)
    footnotes: dict[int, str] = field(default_factory=dict)
    header: list[str] = field(default_factory=list)  # the header table's cells
    leftovers: list[str] = field(default_factory=list)  # paragraphs placed nowhere
    hidden: list[HiddenText] = field(default_factory=list)  # what the file's reader never sees
    remarks: list[str] = field(default_factory=list)  # what the reader inferred
    scanned: bool = False  # read by OCR: every paragraph is marked

    def all_sections(self) -> Iterator[OutlineSection]:
        """Every section, nested ones after their parent, in document order."""
        pending = list(self.sections)
        while pending:
            section = pending.pop(0)
            yield section
            pending = section.sections + pending

    def walk(self) -> Iterator[OutlineTask]:
        """Every task in document order."""
        for section in self.all_sections():
            yield from section.tasks

    def tasks(self) -> dict[str, OutlineTask]:
        """Every task, by id, in document order."""
        return {t.id: t for t in self.walk()}


class _Container:
    """Where the next paragraphs of a part go, and how they are numbered."""

    def __init__(self, section: OutlineSection, section_id: str) -> None:
        self.section = section
        self.section_id = section_id
        self.anchor: str | None = None  # id of the last numbered item (or first paragraph)
        self.base: str | None = None  # id of the last numbered item: its letters' base
        self.follow = 0

    def add(self, paragraph: SourceParagraph, part: str) -> None:
        label = paragraph.label
        if paragraph.style == TABLE_HEAD:
            self.section.columns = list(paragraph.cells)
            return
        if paragraph.style == TABLE_ROW:  # "II.3" for row 3 of a table under "II."
            row = f"{self.section_id}.{label}".lstrip(".") if label.isdigit() else None
            if row is None:
                self.follow += 1
                row = f"{self.anchor or self.section_id}-{self.follow}"
            task = OutlineTask(row, _one_line(paragraph.text), label or None)
            task.cells = list(paragraph.cells)
            self.section.tasks.append(task)
            return
        if _ITEM.fullmatch(label) or _SINGLE.fullmatch(label):
            number = label.rstrip(".")
            # "2.2." holds its section's number already; "1." in IV does not.
            task_id = (
                f"{part}.{number}"
                if part and ("." in number or self.section_id == part)
                else (f"{self.section_id}.{number}" if self.section_id else number)
            )
            self.section.tasks.append(OutlineTask(task_id, _one_line(paragraph.text), label))
            self.anchor, self.base, self.follow = task_id, task_id, 0
            return
        letter = _LETTER.fullmatch(label)
        if letter:  # "a)" under "1.": "II.1.a"; "đ)" is "dd", for an ASCII id
            base = self.base or self.section_id
            task_id = f"{base}.{letter[1].replace('đ', 'dd')}".lstrip(".")
            self.section.tasks.append(OutlineTask(task_id, _one_line(paragraph.text), label))
            self.anchor, self.follow = task_id, 0
            return
        marker = label or None
        if self.anchor is None:
            self.anchor, self.follow = self.section_id, 0
            self.section.tasks.append(
                OutlineTask(self.section_id, _one_line(paragraph.text), marker)
            )
            return
        self.follow += 1
        self.section.tasks.append(
            OutlineTask(f"{self.anchor}-{self.follow}", _one_line(paragraph.text), marker)
        )


# The kinds of document a Party or State body issues (Quy định 66-QĐ/TW, Nghị định
# 30/2020/NĐ-CP), as their title line prints them.
DOCUMENT_TYPES = frozenset(
    {
        "KẾT LUẬN", "NGHỊ QUYẾT", "CHỈ THỊ", "QUYẾT ĐỊNH", "QUY ĐỊNH", "QUY CHẾ",
        "HƯỚNG DẪN", "THÔNG BÁO", "THÔNG TRI", "BÁO CÁO", "KẾ HOẠCH", "CHƯƠNG TRÌNH",
        "TỜ TRÌNH", "ĐỀ ÁN", "CÔNG ĐIỆN", "BIÊN BẢN", "LỜI KÊU GỌI", "THÔNG BÁO KẾT LUẬN",
        "CHƯƠNG TRÌNH HÀNH ĐỘNG",
    }
)  # fmt: skip
_HEADER_LINES = 12  # a header table has a handful of lines


def _is_document_type(paragraph: SourceParagraph) -> bool:
    """The document type's line ("KẾ HOẠCH"), alone or over the title's lines when a
    text export keeps them in one paragraph."""
    first = paragraph.text.strip().split("\n")[0]
    return not paragraph.label and first.strip("*_ ") in DOCUMENT_TYPES


def _header_line(paragraph: SourceParagraph) -> bool:
    """A line of a letter's header: short, unnumbered, not a sentence nor "Kính gửi"."""
    text = paragraph.text.strip(" *_")
    return (
        not paragraph.label
        and len(text) < _HEADING_LENGTH
        and not text.endswith((".", ":"))
        and re.match(r"Kính gửi\b", text) is None
    )


def _label_and_text(paragraph: SourceParagraph) -> str:
    return f"{paragraph.label} {paragraph.text}".strip()


def _is_recipients_heading(text: str) -> bool:
    return re.match(r"[*_ ]*Nơi nhận\b", text, re.IGNORECASE) is not None


def _one_line(text: str) -> str:
    """A body paragraph's text: a line break typed inside it (Word's Shift+Enter, a
    PDF's or a text export's wrapped line) is a space there."""
    return " ".join(line.strip() for line in text.split("\n") if line.strip())


def _opens_body(paragraph: SourceParagraph, directive: bool) -> bool:
    """Whether the body starts at this paragraph: its first Roman part, or in a
    directive its first numbered or lettered one."""
    label = paragraph.label
    if _ROMAN.fullmatch(label):
        return True
    return directive and bool(_SINGLE.fullmatch(label) or _LETTER.fullmatch(label))


def _addresses_items(paragraph: SourceParagraph, following: SourceParagraph | None) -> bool:
    """A numbered line naming whom the lettered items under it are for: "2. Sở Tài
    chính:" over "a) …", "b) …" (a heading, though it ends with a colon)."""
    text = paragraph.text.strip()
    return (
        _SINGLE.fullmatch(paragraph.label) is not None
        and text.endswith(":")
        and len(text) <= _HEADING_LENGTH // 2
        and following is not None
        and _LETTER.fullmatch(following.label) is not None
    )


def _is_heading(paragraph: SourceParagraph) -> bool:
    text = paragraph.text.strip()
    return (
        _SINGLE.fullmatch(paragraph.label) is not None
        and len(text) <= _HEADING_LENGTH
        and not text.endswith((".", ";", ":"))
    )


def _title_line(paragraph: SourceParagraph) -> bool:
    """A line of the title: short, unnumbered, not a sentence ("Ngày 24/4/2026, …")."""
    text = paragraph.text.strip("*").strip()
    return (
        not paragraph.label
        and bool(text)
        and all(len(line) < _HEADING_LENGTH for line in text.split("\n"))
        and not text.endswith((".", ":"))  # a title line may end with ";"
        and re.match(r"Ngày \d", text) is None
    )


def outline(document: SourceDocument, *, directive: bool = False) -> Outline:
    """The structure of a conclusion read from its paragraphs (see the module's rules).

    A `directive` (a plan, a letter, a notice) has no review part: its part "I" is a
    section like the others; its preamble is every paragraph before its first number;
    a letter numbered "1.", "2." with no Roman parts has its tasks in its body (a
    section numbered "")."""
    draft = Outline(
        footnotes=dict(document.footnotes),
        header=list(document.header),
        hidden=list(document.hidden),
        remarks=list(document.remarks),
        scanned=document.scanned,
    )
    paragraphs = [p for p in document.paragraphs if p.text.strip() or p.label]
    # A text export or a PDF without a table writes the header's cells as lines before
    # the document type ("TỈNH ỦY", "Số 15-KL/TU", "Mẫu, ngày …", then "KẾT LUẬN").
    start = next((i for i, p in enumerate(paragraphs[:_HEADER_LINES]) if _is_document_type(p)), 0)
    before = ["\n".join(_label_and_text(p) for p in paragraphs[:start])] if start else []
    if draft.header:
        draft.leftovers += before  # a header table too: these lines are said, not lost
    else:
        draft.header = before
    paragraphs = paragraphs[start:]
    if directive and not start and paragraphs and not _is_document_type(paragraphs[0]):
        # A letter prints no type: its header's lines (its number, "V/v …", place and
        # date) stand before "Kính gửi:" or its first sentence.
        end = next((i for i, p in enumerate(paragraphs) if not _header_line(p)), 0)
        if end and end <= _HEADER_LINES:
            # A PDF's reader may take the header's table and leave a wrapped line
            # of it ("V/v …") out: a cell of its own then.
            draft.header.append("\n".join(_label_and_text(p) for p in paragraphs[:end]))
            paragraphs = paragraphs[end:]
    # A letter prints no type: its first paragraph ("Kính gửi: …") is its body's.
    if (
        paragraphs
        and not paragraphs[0].label
        and (not directive or _is_document_type(paragraphs[0]))
    ):
        first, *title = paragraphs.pop(0).text.strip().split("\n")
        draft.document_type = first.strip("*_ ")
        draft.heading += [line.strip() for line in title if line.strip()]
    # The title: one paragraph of lines, or a line per paragraph, up to the preamble.
    while paragraphs and _title_line(paragraphs[0]):
        draft.heading += [line.strip() for line in paragraphs.pop(0).text.split("\n")]
    preamble: list[str] = []
    while paragraphs and not _opens_body(paragraphs[0], directive):
        preamble.append(_one_line(paragraphs.pop(0).text))
    if directive:
        draft.preamble = "\n".join(preamble)
    else:
        draft.preamble = preamble[0] if preamble else ""
        draft.leftovers += preamble[1:]
    part = ""
    container: _Container | None = None
    if directive and paragraphs and not _ROMAN.fullmatch(paragraphs[0].label):
        body = OutlineSection("", "")  # a letter's body: never printed as a heading
        draft.sections.append(body)
        container = _Container(body, "")
    for index, paragraph in enumerate(paragraphs):
        text = _one_line(paragraph.text)
        if _is_recipients_heading(text):
            # In any emphasis the template gives it: "Nơi nhận:", "*Nơi nhận:*", "**…**".
            draft.recipients_heading = text.strip("*_ ")
            _closing(draft, paragraphs[index + 1 :])
            break
        if _ROMAN.fullmatch(paragraph.label):
            part = paragraph.label.rstrip(".")
            # Section I reviews the last quarter; a text whose first part is not "I"
            # has no review part (it starts with its tasks).
            if not directive and not draft.review_number and not draft.sections and part == "I":
                draft.review_number, draft.review_title = part, text
                container = None
                continue
            section = OutlineSection(part, text)
            draft.sections.append(section)
            container = _Container(section, part)
            continue
        if container is None:
            draft.review.append(text)
            continue
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        if _is_heading(paragraph) or _addresses_items(paragraph, following):
            number = paragraph.label.rstrip(".")
            sub = OutlineSection(number, text)
            if not part:  # "1. Sở Khoa học và Công nghệ" heading a letter's body
                draft.sections.append(sub)
                container = _Container(sub, number)
                continue
            draft.sections[-1].sections.append(sub)
            container = _Container(sub, f"{part}.{number}")
            continue
        container.add(paragraph, part)
    if draft.sections and not draft.sections[0].number and not draft.sections[0].tasks:
        draft.sections.pop(0)  # a body opening straight with a heading
    _unique_ids(draft)
    return draft


def _unique_ids(draft: Outline) -> None:
    """A number the document gives twice ("2." after "2.", a part "III" twice) would give
    two tasks one id: the later one takes the next free "-n" of that id, and says so."""
    seen: set[str] = set()
    for task in draft.walk():
        if task.id in seen:
            root = task.id.split("-")[0]
            given = task.id
            task.id = next(f"{root}-{n}" for n in range(1, 10_000) if f"{root}-{n}" not in seen)
            task.note = (
                f"id: văn bản đánh số trùng ({task.marker or given}); mã đặt tạm là {task.id}, "
                "kiểm tra số mục ở bản gốc"
            )
        seen.add(task.id)


# How a signature block opens when someone signs for the body: the Party's "T/M", "T/L",
# "K/T" and the State's "TM.", "TL.", "KT.", "TUQ." (Nghị định 30/2020/NĐ-CP).
SIGNS_FOR = re.compile(r"(?:T/M|T/L|K/T|TUQ\.?|TM\.|TL\.|KT\.)\s", re.IGNORECASE)


def _closing(draft: Outline, rest: list[SourceParagraph]) -> None:
    """Recipients ("- Thường trực Tỉnh ủy,") then the signature lines, which open at
    "T/M …" (or its kin) where the block says whom its signer signs for: a recipient
    whose dash a scan lost stays a recipient. A line with no word in it (a stroke of
    the signature read as signs) is not part of the signature."""
    lines = [
        line.strip()
        for paragraph in rest
        for line in f"{paragraph.label} {paragraph.text}".strip().split("\n")
        if line.strip()
    ]
    opens = next((i for i, line in enumerate(lines) if SIGNS_FOR.match(line)), None)
    for index, line in enumerate(lines):
        signs = index >= opens if opens is not None else bool(draft.signer)
        if not signs and line.startswith("- "):
            draft.recipients.append(line[2:].strip())
        elif not signs and opens is not None:
            draft.recipients.append(line)
        elif sum(c.isalpha() for c in line) >= 2:
            draft.signer.append(line)


def coverage(document: SourceDocument, draft: Outline) -> tuple[int, list[str]]:
    """How many of the document's paragraphs the draft holds, every line of each in
    its place (the text's own words, numbers apart), and those it does not."""
    placed = Counter(_pieces(draft))
    missing: list[str] = []
    held = 0
    for paragraph in document.paragraphs:
        lines = [line.strip(" *") for line in paragraph.text.split("\n") if line.strip(" *")]
        if not lines:
            continue
        if all(placed[line] > 0 or placed[line.removeprefix("- ")] > 0 for line in lines):
            held += 1
        else:
            missing.append(paragraph.text)
    return held, missing


def _pieces(draft: Outline) -> list[str]:
    """Every line the draft places, as its paragraphs hold them."""
    out = [*draft.header, draft.document_type, *draft.heading, draft.preamble]
    out += [draft.review_title, *draft.review]
    for section in draft.all_sections():
        out += [section.title, *(t.text for t in section.tasks)]
        out += [" | ".join(section.columns)] if section.columns else []
    out += [draft.recipients_heading, *draft.recipients, *draft.signer]
    return [line.strip(" *") for piece in out for line in piece.split("\n")]
