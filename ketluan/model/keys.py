"""Identifiers as values: a quarter's key ("2026-q1") and a task's ref across quarters
("2026-q1/II.2.6"), each parsed once into a small frozen type and written back by
`str()`, instead of being re-read by a regex wherever one is needed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ketluan.model.pickling import quick_pickle

__all__ = ["QuarterKey", "TaskRef"]

ROMAN = ("I", "II", "III", "IV")
_QUARTER_KEY = re.compile(r"(?P<year>\d{4})-q(?P<q>[1-4])")


@quick_pickle
@dataclass(frozen=True, slots=True, order=True)
class QuarterKey:
    """A quarter: its year and its number (1–4); keys sort as quarters follow."""

    year: int
    number: int

    @classmethod
    def parse(cls, text: object) -> QuarterKey | None:
        """The quarter `text` names ("2026-q1"), or None when it names none."""
        m = _QUARTER_KEY.fullmatch(text) if isinstance(text, str) else None
        return None if m is None else cls(int(m["year"]), int(m["q"]))

    def __str__(self) -> str:
        return f"{self.year}-q{self.number}"

    @property
    def title(self) -> str:
        """The version title: "Quý I/2026"."""
        return f"Quý {ROMAN[self.number - 1]}/{self.year}"

    @property
    def after(self) -> date:
        """The first day after the quarter, when its conclusion's meeting is near (the
        meeting of 2026-q1 was on 24/4/2026): a draft's stand-in for a date it lacks."""
        if self.number == 4:
            return date(self.year + 1, 1, 1)
        return date(self.year, 3 * self.number + 1, 1)

    @property
    def planning_year(self) -> int:
        """The year of the quarter a conclusion plans for: the one after the quarter it
        reviews ("trong quý II" without a year is read in that year)."""
        return self.year + 1 if self.number == 4 else self.year


@quick_pickle
@dataclass(frozen=True, slots=True)
class TaskRef:
    """A task's identity across quarters: its quarter's key, the document it belongs to
    when not the quarter's conference conclusion, and its outline id:
    "2026-q1/II.2.6", "2026-q2/ke-hoach-12-kh-tu-2026/III.1.a"."""

    quarter: str
    task: str
    document: str | None = None  # Directive.document; None: the conference conclusion

    @classmethod
    def parse(cls, text: str) -> TaskRef:
        """`"2026-q1/II.2.6"` → TaskRef("2026-q1", "II.2.6"); a middle part names the
        document; a text without "/" names no quarter."""
        parts = text.split("/")
        if len(parts) >= 3:
            return cls(parts[0], "/".join(parts[2:]), parts[1])
        quarter, _, task = text.rpartition("/")
        return cls(quarter, task)

    def __str__(self) -> str:
        if self.document:
            return f"{self.quarter}/{self.document}/{self.task}"
        return f"{self.quarter}/{self.task}"
