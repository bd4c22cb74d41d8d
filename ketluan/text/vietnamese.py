"""Vietnamese text helpers: diacritic folding, ASCII slugs, footnote markers, collation.

Pure standard library; nothing here imports MkDocs.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

__all__ = [
    "FOOTNOTE_MARKER",
    "SUPERSCRIPT_DIGITS",
    "CollationKey",
    "collation_key",
    "fold",
    "footnote_markers",
    "footnote_number",
    "is_slug",
    "opening_words",
    "searchable",
    "sentence_of",
    "slugify",
    "superscript",
    "toc_slugify",
    "vi_date",
]

# đ/Đ carry a stroke, which Unicode does not decompose into a base + mark, so NFD
# alone would leave them untouched.
_STROKE_D = str.maketrans({"đ": "d", "Đ": "D"})

# The marks Vietnamese writes: grave, acute, tilde, hook above, dot below (the tones),
# circumflex, breve and horn (â ă ơ …); after a Latin letter, in NFD.
_VIETNAMESE_MARKS_ON_LETTER = re.compile(
    "(?<=[A-Za-z])[\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b]+"
)

# Combining Diacritical Marks (and its supplement), for ASCII slugs.
_COMMON_MARKS = re.compile("[\u0300-\u036f\u1dc0-\u1dff]")

# Characters beyond Latin and common punctuation/symbols, where other marks may hide.
_OTHER_SCRIPTS = re.compile("[^\x00-\u036f\u1e00-\u1eff\u2000-\u20cf\u2100-\u2bff]")

_NON_SLUG = re.compile(r"[^a-z0-9]+")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# Marks that turn a base letter into another letter of the alphabet (a→ă, a→â, o→ơ …).
_LETTER_MARKS = frozenset("\u0306\u0302\u031b")
# The five tone marks, ranked in dictionary order: none, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

# Vietnamese alphabet with f, j, w, z slotted in at their Latin places, so that
# loanwords and foreign names sort where a reader expects them.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"


def _letter_parts(letter: str) -> tuple[str, str]:
    decomposed = unicodedata.normalize("NFD", letter)
    return decomposed[0], "".join(sorted(decomposed[1:]))


_LETTER_RANK = {_letter_parts(letter): rank for rank, letter in enumerate(_ALPHABET)}

# Primary-level classes: separators, then punctuation and symbols, then digits, then
# the alphabet, then any other letter by code point.
_SPACE, _DIGIT, _VIET, _OTHER_LETTER = range(4)

_Primary = tuple[tuple[int, int], ...]
_Secondary = tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]
CollationKey = tuple[_Primary, _Secondary, tuple[int, ...], str]


def _is_mark(c: str) -> bool:
    # Some nonspacing marks (e.g. U+034F) have combining class 0, so check both.
    return unicodedata.combining(c) != 0 or unicodedata.category(c) in ("Mn", "Me")


# Footnote markers: the source's superscript digits ("dự án lớn¹").
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# A superscript number after a unit of area or volume ("100 m²", "5 km²") is the unit's
# power, not a footnote's marker.
FOOTNOTE_MARKER = re.compile(
    rf"(?<!\bm)(?<!\bkm)(?<!\bcm)(?<!\bdm)(?<!\bmm)[{SUPERSCRIPT_DIGITS}]+"
)
_FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")


_TO_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)


def superscript(number: int) -> str:
    """The footnote marker of a number: 12 → "¹²"."""
    return str(number).translate(_TO_SUPERSCRIPT)


def footnote_markers(text: str) -> list[int]:
    """Footnote numbers whose superscript markers stand in `text`, in order."""
    return [footnote_number(m.group()) for m in FOOTNOTE_MARKER.finditer(text)]


def footnote_number(marker: str) -> int:
    """The number a superscript marker stands for: "¹²" → 12."""
    return int(marker.translate(_FROM_SUPERSCRIPT))


def fold(s: str) -> str:
    """Remove the diacritics Vietnamese writes on Latin letters and map đ→d, Đ→D,
    keeping case and every other character as it is.

    Only the five tone marks and the three letter marks (ă â ê ô ơ ư), and only on a
    Latin letter, are removed: a symbol that merely decomposes into one (≮ is "<" plus
    a combining slash, ＜ is a compatibility form of "<") stays what it is, so folding
    can never turn text into markup.

    >>> fold("Đảng ủy giải ngân")
    'Dang uy giai ngan'
    >>> fold("≮b≯")
    '≮b≯'
    """
    if s.isascii():
        return s
    decomposed = unicodedata.normalize("NFD", s.translate(_STROKE_D))
    return unicodedata.normalize("NFC", _VIETNAMESE_MARKS_ON_LETTER.sub("", decomposed))


# The vowels in small letters, with every mark and tone: a syllable has one run of them.
VOWELS = "aăâeêioôơuưyàằầèềìòồờùừỳáắấéếíóốớúứýảẳẩẻểỉỏổởủửỷãẵẫẽễĩõỗỡũữỹạặậẹệịọộợụựỵ"


def searchable(phrase: str) -> str:
    """`phrase` folded and lowercased one character at a time, so that a match in the
    result stands at the same indices in the phrase ("Trước 15/6" → "truoc 15/6")."""
    out: list[str] = []
    for c in phrase:
        # "quỹ" (a fund) must not read as "quý" (a quarter): no keyword of the phrase
        # readers has ỹ.
        f = "ỹ" if c in "ỹỸ" else fold(c).lower()
        out.append(f if len(f) == 1 else " ")
    return "".join(out)


def vi_date(value: date | None) -> str:
    """A date in the administrative style of Vietnamese documents: 24/4/2026."""
    return "" if value is None else f"{value.day}/{value.month}/{value.year}"


OPENING = 80  # characters of a task's opening words: enough to recognise it


def opening_words(text: str, length: int = OPENING) -> str:
    """The first words of `text`, verbatim, cut at a word (never inside one) and
    ended "…" when cut; the punctuation a cut leaves at the end is dropped."""
    if len(text) <= length:
        return text
    cut = text[: length + 1].rsplit(" ", 1)[0] if " " in text[:length] else text[:length]
    return cut.rstrip(" ,;:-–") + "…"


def sentence_of(text: str, phrase: str) -> str:
    """The sentence (or ";"-clause) of `text` that holds `phrase`: what the words
    around a phrase may say about it ("ước đạt …", "báo cáo …")."""
    start = max(text.find(phrase), 0)
    before = max(text.rfind(". ", 0, start), text.rfind("; ", 0, start))
    after = [i for i in (text.find(". ", start + len(phrase)), text.find("; ", start)) if i != -1]
    return text[before + 1 : min(after) if after else len(text)]


def _ascii_fold(s: str) -> str:
    """Every mark removed, for slugs only: their other characters are dropped anyway."""
    if s.isascii():
        return s
    decomposed = unicodedata.normalize("NFD", s.translate(_STROKE_D))
    # A regex over the combining-mark blocks runs in C; _is_mark catches the rest.
    stripped = _COMMON_MARKS.sub("", decomposed)
    if _OTHER_SCRIPTS.search(stripped):  # rare: marks of other scripts, one by one
        stripped = "".join(c for c in stripped if not _is_mark(c))
    return stripped


def slugify(s: str) -> str:
    """Return an ASCII slug: folded, lower case, runs of other characters as one "-".

    >>> slugify("Đảng ủy UBND tỉnh")
    'dang-uy-ubnd-tinh'
    >>> slugify("57-NQ/TW")
    '57-nq-tw'
    """
    # Fold before lowercasing: "İ".lower() would otherwise add a combining dot.
    return _NON_SLUG.sub("-", _ascii_fold(s).lower()).strip("-")


def toc_slugify(value: str, separator: str = "-") -> str:
    """Heading ids for Python-Markdown's toc: ASCII, with đ → d ("Đảng" → "dang").

    `separator` is accepted for toc's signature; slugs always use "-".
    """
    del separator
    return slugify(value)


def is_slug(s: str) -> bool:
    """Return True if `s` is a non-empty slug: ^[a-z0-9]+(-[a-z0-9]+)*$."""
    return _SLUG.fullmatch(s) is not None


def _clusters(s: str) -> list[tuple[str, str]]:
    """Split the NFD form of `s` into (base character, its combining marks)."""
    clusters: list[tuple[str, str]] = []
    for c in unicodedata.normalize("NFD", s):
        if clusters and _is_mark(c):
            base, marks = clusters[-1]
            clusters[-1] = (base, marks + c)
        else:
            # A mark with nothing before it stands as its own "character".
            clusters.append((c, ""))
    return clusters


def collation_key(s: str) -> CollationKey:
    """Sort key for the Vietnamese alphabet (a ă â b c d đ e ê g … ư v x y).

    Levels, each compared only when all earlier ones tie over the whole string:
    1. base letters, case-insensitive (ă, â, ê, ô, ơ, ư, đ are letters of their own;
       separators < digits < letters < other scripts by code point; punctuation is
       ignored, as in a dictionary);
    2. tones: none, huyền, hỏi, ngã, sắc, nặng (then any other diacritic);
    3. case, lower before upper;
    4. the string itself, so that distinct strings never tie.
    """
    primary: list[tuple[int, int]] = []
    secondary: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    tertiary: list[int] = []
    for base, marks in _clusters(s):
        lowered = base.lower()
        low = lowered if len(lowered) == 1 else base
        letter_marks = "".join(sorted(m for m in marks if m in _LETTER_MARKS))
        tones = tuple(_TONES[m] for m in marks if m in _TONES)
        others = [ord(m) for m in marks if m not in _LETTER_MARKS and m not in _TONES]
        if (low, letter_marks) in _LETTER_RANK:
            primary.append((_VIET, _LETTER_RANK[(low, letter_marks)]))
        elif (low, "") in _LETTER_RANK:
            # A Vietnamese base under a foreign modifier (ĕ, ǒ): sort with its base and
            # let the modifier only break ties.
            primary.append((_VIET, _LETTER_RANK[(low, "")]))
            others = sorted(others + [ord(m) for m in letter_marks])
        elif low.isdigit():
            primary.append((_DIGIT, ord(low)))
        elif low.isspace():
            primary.append((_SPACE, ord(low)))
        elif low.isalpha():
            primary.append((_OTHER_LETTER, ord(low)))
        else:
            # Punctuation is ignored, as dictionaries do: "Các cơ quan chuyên trách"
            # before "Các cơ quan, đơn vị" (c before đ); only the last level sees it.
            continue
        secondary.append((tones, tuple(others)))
        tertiary.append(0 if base == low else 1)
    return tuple(primary), tuple(secondary), tuple(tertiary), s
