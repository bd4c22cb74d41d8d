"""Blocks of HTML the templates mark as whole, kept from Markdown's own HTML parse.

Python-Markdown finds the raw HTML blocks of a page by running the whole page through
`html.parser` (its `html_block` preprocessor), a Python loop over every tag: about a
seventh of a build, mostly spent on the task cards, which the templates write and
already know to be one block each. A template marks such a block by writing it between
`OPEN` and `CLOSE`, each on a line of its own, the block's first tag at the start of the
line after `OPEN` and its closing tag at the end of the line before `CLOSE`.

This extension (listed under `markdown_extensions:` in mkdocs.yml) puts, before
`html_block` runs, a stand-in of two tags in each marked block's place: the block's own
first tag name, opened and closed around a key. `html_block` decides everything about
the stand-in as it would about the block (a block-level tag at the start of a line, and
what follows its closing tag: whether it keeps a line break, whether the next line
starts a block of its own), and stores it in Markdown's stash. Then the block itself
replaces the stand-in there. A page comes out byte for byte as Markdown's own parse
gives it, only sooner (`tests/render/test_stash.py`).

The markers are HTML comments: data text reaches a page escaped, so no task's text can
write one, and the key holds characters Markdown removes from every source first.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.util import ETX, STX

OPEN = "<!--kl:html-->"
CLOSE = "<!--/kl:html-->"

# Non-greedy: a marked block never holds another (the templates mark leaf blocks only).
_MARKED = re.compile(
    rf"^{re.escape(OPEN)}\n(?P<block><(?P<tag>[a-z][a-z0-9]*)\b.*?>)\n{re.escape(CLOSE)}$",
    re.MULTILINE | re.DOTALL,
)


def marked(html: str) -> str:
    """`html`, one block whose first and last characters are its tags, marked whole."""
    return f"{OPEN}\n{html}\n{CLOSE}"


def unmarked(text: str) -> str:
    """`text` with the markers' lines taken out: the Markdown as a template would have
    written it unmarked, which Markdown parses whole (a plain MkDocs build's input)."""
    return "".join(
        line for line in text.splitlines(keepends=True) if line.rstrip("\n") not in (OPEN, CLOSE)
    )


def _stand_in(tag: str, number: int) -> str:
    return f"<{tag}>{STX}kl:{number}{ETX}</{tag}>"


_STAND_IN = re.compile(rf"<(?P<tag>[a-z][a-z0-9]*)>{STX}kl:(?P<number>[0-9]+){ETX}</(?P=tag)>")


class _StandIns(Preprocessor):  # type: ignore[misc]  # Markdown ships no types
    """Put a stand-in in each marked block's place, the blocks kept aside."""

    def __init__(self, md: Markdown, blocks: list[str]) -> None:
        super().__init__(md)
        self.blocks = blocks  # each marked block, by its stand-in's number; shared with _Restore

    def run(self, lines: list[str]) -> list[str]:
        self.blocks.clear()
        text = "\n".join(lines)
        if OPEN not in text:
            return lines

        def stand_in(match: re.Match[str]) -> str:
            tag = match["tag"]
            if not self.md.is_block_level(tag) or tag == "hr":
                return match["block"]  # html_block's own case: left to it, unmarked
            self.blocks.append(match["block"])
            return _stand_in(tag, len(self.blocks) - 1)

        return _MARKED.sub(stand_in, text).split("\n")


class _Restore(Preprocessor):  # type: ignore[misc]  # Markdown ships no types
    """Put each block back where `html_block` stored its stand-in."""

    def __init__(self, md: Markdown, blocks: list[str]) -> None:
        super().__init__(md)
        self.blocks = blocks

    def run(self, lines: list[str]) -> list[str]:
        if not self.blocks:
            return lines
        blocks, restored = self.blocks, 0

        def block(match: re.Match[str]) -> str:
            nonlocal restored
            restored += 1
            return blocks[int(match["number"])]

        stored = self.md.htmlStash.rawHtmlBlocks
        for i, raw in enumerate(stored):
            if isinstance(raw, str) and STX in raw:
                stored[i] = _STAND_IN.sub(block, raw)
        if restored < len(blocks):
            # A stand-in html_block did not store (no template marks such a place): its
            # block goes back into the text, which Markdown then reads as any text.
            lines = _STAND_IN.sub(block, "\n".join(lines)).split("\n")
        blocks.clear()
        return lines


class StashExtension(Extension):  # type: ignore[misc]  # Markdown ships no types
    """Keep the blocks the templates marked from `html_block`'s parse."""

    def extendMarkdown(self, md: Markdown) -> None:  # Markdown names it
        blocks: list[str] = []
        # After normalize_whitespace (30), as html_block sees the text, and before
        # html_block (20); then right after it.
        md.preprocessors.register(_StandIns(md, blocks), "ketluan_stand_ins", 25)
        md.preprocessors.register(_Restore(md, blocks), "ketluan_restore", 19)


def makeExtension(**kwargs: Any) -> StashExtension:  # the name Markdown looks for
    """The extension, as Markdown loads it by this module's dotted name."""
    return StashExtension(**kwargs)
