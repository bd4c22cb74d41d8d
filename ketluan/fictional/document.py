"""A fictional quarter printed as the text export of a document, as the Office receives
one: blocks separated by blank lines, the heading in bold, and each footnote where a
page would end, after the paragraph holding its marker. The importer reads it back."""

from __future__ import annotations

from ketluan.model import Conclusion
from ketluan.model.outline import blocks
from ketluan.text.vietnamese import superscript


def as_text_export(conclusion: Conclusion) -> str:
    """The conclusion as a UTF-8 text export."""
    out: list[str] = []
    notes = {superscript(f.number): f for f in conclusion.footnotes}
    for block in blocks(conclusion):
        out.append(f"**{block.text}**" if block.kind == "heading" else block.text)
        out += [f"{marker} {note.text}" for marker, note in notes.items() if marker in block.text]
    return "\n\n".join(out) + "\n"
