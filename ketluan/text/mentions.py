"""Find agency names as written in running text, to link them to the agency's page."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ketluan.model import Agency
from ketluan.model.pickling import quick_pickle
from ketluan.text.vietnamese import SUPERSCRIPT_DIGITS

_WORD = re.compile(r"\w+")


@quick_pickle
@dataclass(frozen=True, slots=True)
class Mention:
    """A name found at text[start:end], naming `target` (an agency id)."""

    start: int
    end: int
    target: str


class MentionFinder:
    """Longest-first, case-sensitive, whole-word matching of known spellings.

    Case matters: "Chủ đầu tư" (the public investor a task names) is not every
    "chủ đầu tư" in the text; editors list each spelling they mean in `variants`.
    Names are grouped by their first word and length, so the cost per word of text
    does not grow with the number of agencies (a province has a hundred xã/phường or
    more).
    """

    def __init__(self, names: dict[str, str]) -> None:
        self._names = names
        # Per first word, the lengths its names come in, longest first: a word of text
        # costs one lookup per length, however many xã share "Ủy ban nhân dân xã".
        lengths: dict[str, set[int]] = {}
        for name in names:
            first = _WORD.match(name)
            lengths.setdefault(first.group() if first else name[:1], set()).add(len(name))
        self._lengths = {word: sorted(ls, reverse=True) for word, ls in lengths.items()}
        # The index reads every paragraph, then each page showing one cuts it into links.
        self._found: dict[str, tuple[Mention, ...]] = {}

    @classmethod
    def for_agencies(cls, agencies: Iterable[Agency]) -> MentionFinder:
        """A finder for every spelling of every agency."""
        return cls({name: a.id for a in agencies for name in a.names})

    def find(self, text: str) -> tuple[Mention, ...]:
        """Non-overlapping mentions in `text`, left to right, longest first."""
        found = self._found.get(text)
        if found is None:
            found = self._found[text] = tuple(self._search(text))
        return found

    def _search(self, text: str) -> list[Mention]:
        found: list[Mention] = []
        position = 0
        for word in _WORD.finditer(text):
            start = word.start()
            if start < position:
                continue
            for length in self._lengths.get(word.group(), ()):
                end = start + length
                target = self._names.get(text[start:end])
                if target is not None and not (end < len(text) and _is_word(text[end])):
                    found.append(Mention(start, end, target))
                    position = end
                    break
        return found


def _is_word(char: str) -> bool:
    # As regex \w sees it: a footnote marker "tỉnh⁵" does not glue a word on.
    return _WORD.match(char) is not None and char not in SUPERSCRIPT_DIGITS
