"""The paragraphs every reader gives, made plain for drafting: what the data checker
refuses never reaches a draft, and numbering typed into the text reads as Word's own.

Files as offices make them carry characters no reader sees: a byte order mark, no-break
and narrow spaces, tabs after a typed number, soft hyphens, zero-width spaces, now and
then a bidirectional control. The checker refuses each in data (`text.characters`); here
each becomes what a reader sees (a space, or nothing), so the draft passes the checker
and the received file stays as it came. A bidirectional control, which can make a text
read otherwise on screen, is also said to the reviewer.

Numbering typed into the text ("II. ", "2.1. ", "- ") is split off as a label, as
Word's automatic numbering is, wherever the file came from; bullets drawn from symbol
fonts ("•", "", "–") read as the dash the data writes. A paragraph drawn only of rule
characters ("-----", "***") is layout, not text, and is dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from ketluan.ingest.document import HiddenText, SourceDocument, SourceParagraph
from ketluan.ingest.plain import labelled
from ketluan.text.characters import unsafe

__all__ = ["BIDI", "normalised", "plain_text"]

BIDI = "ký tự đảo chiều hiển thị"

_RULE = re.compile(r"[\s\-–—_*=~.·•]+")
# Bullets as Word draws them from Symbol and Wingdings (private use), or typed.
_BULLETS = frozenset("•◦▪▫■□●○‣⁃–—\uf0b7\uf0a7\uf0d8\uf0fc\uf076\uf0a8\uf02d")
_SPACES = re.compile(r"[ ]{2,}")


def plain_text(text: str) -> tuple[str, str]:
    """`text` as a reader sees it, in NFC: spaces of every kind and tabs as one space,
    invisible formatting characters removed, each line stripped; and the bidirectional
    controls it held (which are removed too)."""
    out: list[str] = []
    bidi: list[str] = []
    for c in unicodedata.normalize("NFC", text):
        why = unsafe(c)
        if why is None:
            out.append(" " if c == "\t" else c)
        elif why.startswith(BIDI):
            bidi.append(f"U+{ord(c):04X}")
        else:
            category = unicodedata.category(c)
            if category == "Zs":
                out.append(" ")
            elif category in ("Zl", "Zp"):
                out.append("\n")
            elif category in ("Co", "Cn"):
                out.append(c)  # a legacy font's letters: refused later, with advice
            # Cc and Cf (byte order mark, soft hyphen, zero-width space): nothing shows.
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(out).split("\n"))
    return "\n".join(line for line in lines if line), " ".join(bidi)


def normalised(document: SourceDocument) -> SourceDocument:
    """The document with plain text, typed numbers split off as labels and rule lines
    dropped (see the module's docstring); any bidirectional control said in `hidden`."""
    hidden = list(document.hidden)
    paragraphs: list[SourceParagraph] = []
    for number, paragraph in enumerate(document.paragraphs, start=1):
        text, bidi = plain_text(paragraph.text)
        if bidi:
            hidden.append(HiddenText(f"đoạn {number}", BIDI, bidi))
        label = _label(plain_text(paragraph.label)[0])
        if not label and not text:
            continue
        if not label and _RULE.fullmatch(text):
            continue
        if not label:
            typed = labelled(text)
            label, text = _label(typed.label), typed.text
            if not label:
                label, text = _bullet(text)
        paragraphs.append(replace(paragraph, label=label, text=text))
    footnotes = {n: " ".join(plain_text(t)[0].split()) for n, t in document.footnotes.items()}
    header = tuple(plain_text(cell)[0] for cell in document.header)
    return replace(
        document,
        paragraphs=tuple(paragraphs),
        footnotes=footnotes,
        header=header,
        hidden=tuple(hidden),
    )


def _label(label: str) -> str:
    return "-" if label and all(c in _BULLETS or c == "-" for c in label) else label


def _bullet(text: str) -> tuple[str, str]:
    """A bullet character typed before the text ("• Ban Tổ chức …"), split off."""
    if len(text) > 2 and text[0] in _BULLETS and text[1] == " ":
        return "-", text[2:].lstrip()
    return "", text
