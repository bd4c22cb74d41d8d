"""A conclusion laid out as a Word file, as the tests' documents (tests/docx_maker.py):
plainly, or as an Office's template lays it out (header table, title lines, recipients
and signature side by side)."""

from __future__ import annotations

from pathlib import Path

from docx_maker import Doc, Lvl, Para, write_docx

from ketluan.model import Conclusion
from ketluan.model.outline import blocks
from ketluan.text.vietnamese import superscript

OUTLINE = [
    Lvl(0, "upperRoman", "%1."),
    Lvl(1, "decimal", "%2."),
    Lvl(2, "decimal", "%2.%3."),
    Lvl(3, "bullet", "-"),
]


def word_paragraphs(conclusion: Conclusion, *, closing: bool = True) -> list[Para]:
    """The conclusion's paragraphs with Word's automatic numbering (no number typed in
    the text) and real footnote references; without "Nơi nhận" on unless `closing`."""
    paragraphs: list[Para] = []
    markers = {superscript(f.number): f.number for f in conclusion.footnotes}

    def text_runs(text: str) -> Para:
        # Each superscript marker becomes a footnote reference where it stands.
        runs: list[tuple[str, bool] | int] = []
        rest = text
        for _at, marker in sorted((text.index(m), m) for m in markers if m in text):
            head, rest = rest.split(marker, 1)
            runs += [(head, False), markers[marker]]
        return Para([*runs, (rest, False)])

    for block in blocks(conclusion):
        if block.kind == "recipients_heading" and not closing:
            break
        if block.kind == "section":
            _number, title = block.text.split(". ", 1)
            level = 0 if block.depth == 1 else 1
            paragraphs.append(Para([(title, False)], num=(1, level)))
        elif block.kind == "task" and block.task is not None:
            task = block.task
            para_ = text_runs(task.text)
            marker = task.marker or ""
            if marker == "-":
                para_.num = (1, 3)
            elif marker.count(".") > 1:
                para_.num = (1, 2)
            elif marker:
                para_.num = (1, 1)
            paragraphs.append(para_)
        elif block.kind == "heading":
            paragraphs.append(Para([(block.text, False)]))
        else:
            paragraphs.append(text_runs(block.text))
    return paragraphs


def as_word(conclusion: Conclusion, path: Path) -> Path:
    """The conclusion as a .docx (see `word_paragraphs`)."""
    doc = Doc(
        word_paragraphs(conclusion),
        abstracts={1: OUTLINE},
        nums={1: (1, {})},
        footnotes={f.number: f.text for f in conclusion.footnotes},
    )
    return write_docx(path, doc)


def as_official_word(conclusion: Conclusion, path: Path) -> Path:
    """The conclusion laid out as an Office's template does: the header table (issuing
    body, number, place and date), a paragraph per title line, and the recipients and
    the signature side by side in a closing table."""
    signer = conclusion.signer
    authority = " ".join(p for p in (signer.delegation, signer.on_behalf_of) if p)
    issued = conclusion.issued_on
    assert issued is not None and conclusion.symbol is not None
    body = word_paragraphs(conclusion, closing=False)
    title = [Para([(line, False)]) for line in conclusion.heading]
    doc = Doc(
        [body[0], *title, *body[2:]],
        abstracts={1: OUTLINE},
        nums={1: (1, {})},
        footnotes={f.number: f.text for f in conclusion.footnotes},
        header=[
            ["ĐẢNG BỘ TỈNH MẪU", "TỈNH ỦY", "*", f"Số {conclusion.symbol}"],
            [
                "ĐẢNG CỘNG SẢN VIỆT NAM",
                f"Mẫu, ngày {issued.day:02d} tháng {issued.month:02d} năm {issued.year}",
            ],
        ],
        closing=[
            [Para([(conclusion.recipients_heading, False)])]
            + [Para([(f"- {r.text}", False)]) for r in conclusion.recipients],
            [Para([(text, False)]) for text in (authority, signer.title, signer.name)],
        ],
    )
    return write_docx(path, doc)
