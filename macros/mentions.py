"""Find agency names as written in running text, to link them to the agency's page."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from macros.model import Agency


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
    """

    def __init__(self, names: dict[str, str]) -> None:
        self._names = names
        alternatives = sorted(names, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, alternatives)) + r")(?!\w)")
            if alternatives
            else None
        )

    @classmethod
    def for_agencies(cls, agencies: Iterable[Agency]) -> MentionFinder:
        """A finder for every spelling of every agency."""
        return cls({name: a.id for a in agencies for name in a.names})

    def find(self, text: str) -> list[Mention]:
        """Non-overlapping mentions in `text`, left to right."""
        if self._pattern is None:
            return []
        return [
            Mention(m.start(), m.end(), self._names[m.group()])
            for m in self._pattern.finditer(text)
        ]
