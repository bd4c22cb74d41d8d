"""Word's automatic numbering: the text Word shows before a numbered paragraph.

No library resolves it (python-docx, docx2python, mammoth and pandoc drop or renumber
it), so it is read here from `word/numbering.xml` (ECMA-376 §17.9): a paragraph's
`numPr` (its own, or its style's) names a numbering instance and a level; the instance
names an abstract definition whose level gives the start value, the number format
and the template ("%1.%2."). Counters run per abstract definition, so instances
without a start override continue one another, as Word continues a list; an
instance that overrides a level's start restarts that level where it is first used.
A level restarts when a shallower level counts on, unless `lvlRestart` says
otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from ketluan.ingest.document import SourceError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

__all__ = ["Level", "Numbering", "format_number", "parse_numbering"]


@dataclass(frozen=True, slots=True)
class Level:
    """One level of an abstract numbering definition."""

    start: int = 1
    fmt: str = "decimal"  # numFmt: decimal, upperRoman, lowerLetter, bullet, none, …
    text: str = "%1."  # lvlText: "%1.%2." numbers of levels 1 and 2; a bullet's character
    restart: int | None = None  # lvlRestart: restart after this (1-based) level; 0: never
    legal: bool = False  # isLgl: every level's number shown in decimal


@dataclass(slots=True)
class _Instance:
    abstract: str
    starts: dict[int, int]  # level → startOverride, applied once
    levels: dict[int, Level]  # level → a whole lvl override


# Word numbers a list from 0 to 32767 and nests it nine levels deep; a file that says
# otherwise was not written by a word processor, and counting from 2,000,000,000 in
# Roman numerals, or from 10^3999, would never end.
MAX_START = 32767
LEVELS = range(9)


def _int(element: Element | None, default: int | None = None) -> int | None:
    if element is None:
        return default
    return _start(element.get(f"{W}val", ""), default)


def _start(text: str, default: int | None) -> int | None:
    try:
        # A number longer than Word's own is refused before Python reads it whole.
        value = int(text) if len(text.strip()) <= 6 else MAX_START + 1
    except ValueError:
        return default
    if not 0 <= value <= MAX_START:
        shown = text if len(text) <= 12 else text[:12] + "…"
        raise SourceError(
            f"tệp Word có danh sách đánh số bắt đầu từ {shown}, ngoài giới hạn 0–{MAX_START} "
            "của Word: không phải văn bản soạn bằng Word; hãy xin lại tệp gốc"
        )
    return value


def level_number(text: str | None) -> int:
    """A paragraph's list level (`w:ilvl`), 0–8; SourceError for anything else."""
    try:
        value = int(text or 0) if len(text or "") <= 2 else -1
    except ValueError:
        value = -1
    if value not in LEVELS:
        raise SourceError(
            f"tệp Word có cấp đánh số không hợp lệ ('{(text or '')[:12]}'): hãy mở bằng Word, "
            "lưu lại rồi nhập lại"
        )
    return value


def _level(element: Element) -> Level:
    fmt = element.find(f"{W}numFmt")
    text = element.find(f"{W}lvlText")
    return Level(
        start=_int(element.find(f"{W}start"), 1) or 0,
        fmt=fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal",
        text=text.get(f"{W}val", "") if text is not None else "",
        restart=_int(element.find(f"{W}lvlRestart")),
        legal=element.find(f"{W}isLgl") is not None,
    )


def _levels(parent: Element) -> dict[int, Level]:
    return {_int_attr(lvl, "ilvl"): _level(lvl) for lvl in parent.findall(f"{W}lvl")}


def _int_attr(element: Element, name: str) -> int:
    try:
        return int(element.get(f"{W}{name}", "0"))
    except ValueError:
        return 0


@dataclass
class Numbering:
    """The numbering definitions of one document, and the counters while reading it."""

    abstracts: Mapping[str, dict[int, Level]]
    instances: Mapping[str, _Instance]
    _counters: dict[str, dict[int, int]] = field(default_factory=dict)
    _applied: set[tuple[str, int]] = field(default_factory=set)

    def label(self, num_id: str, ilvl: int) -> str:
        """Count one paragraph of instance `num_id` at level `ilvl`; the text Word shows
        before it ("2.1.", "II.", "-"), or "" for no numbering (numId 0, unknown ids)."""
        instance = self.instances.get(num_id)
        if instance is None or num_id == "0":
            return ""
        levels = {**self.abstracts.get(instance.abstract, {}), **instance.levels}
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self._counters.setdefault(instance.abstract, {})
        if ilvl in instance.starts and (num_id, ilvl) not in self._applied:
            # "Restart numbering": the override takes effect where the instance is used.
            self._applied.add((num_id, ilvl))
            counters[ilvl] = instance.starts[ilvl]
        elif ilvl in counters:
            counters[ilvl] += 1
        else:
            counters[ilvl] = level.start
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels.get(deeper, Level()).restart
            if restart is None or (restart != 0 and ilvl < restart):
                del counters[deeper]
        if level.fmt == "bullet":
            return level.text
        return _fill(level, levels, counters)


def _fill(level: Level, levels: Mapping[int, Level], counters: Mapping[int, int]) -> str:
    def number(m: re.Match[str]) -> str:
        k = int(m.group(1)) - 1
        other = levels.get(k, Level())
        value = counters.get(k, other.start)
        return format_number(value, "decimal" if level.legal else other.fmt)

    return re.sub(r"%([1-9])", number, level.text)


_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def format_number(value: int, fmt: str) -> str:
    """A counter as Word writes it in a number format: 4 → "IV" (upperRoman), "d"
    (lowerLetter), "04" (decimalZero); formats Word has and Vietnamese documents do not
    use fall back to decimal."""
    if fmt in ("upperRoman", "lowerRoman"):
        out, rest = "", value
        for amount, letters in _ROMAN:
            while rest >= amount:
                out, rest = out + letters, rest - amount
        return out if fmt == "upperRoman" else out.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        # a … z, then aa … zz, as Word repeats the letter.
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "none":
        return ""
    return str(value)


def parse_numbering(root: Element | None) -> Numbering:
    """The definitions of `word/numbering.xml` (None: a document without numbering)."""
    if root is None:
        return Numbering({}, {})
    abstracts = {
        a.get(f"{W}abstractNumId", ""): _levels(a) for a in root.findall(f"{W}abstractNum")
    }
    instances: dict[str, _Instance] = {}
    for num in root.findall(f"{W}num"):
        abstract = num.find(f"{W}abstractNumId")
        starts: dict[int, int] = {}
        levels: dict[int, Level] = {}
        for override in num.findall(f"{W}lvlOverride"):
            ilvl = _int_attr(override, "ilvl")
            start = _int(override.find(f"{W}startOverride"))
            if start is not None:
                starts[ilvl] = start
            lvl = override.find(f"{W}lvl")
            if lvl is not None:
                levels[ilvl] = _level(lvl)
        instances[num.get(f"{W}numId", "")] = _Instance(
            abstract.get(f"{W}val", "") if abstract is not None else "", starts, levels
        )
    return Numbering(abstracts, instances)
