"""Document symbols (số ký hiệu): "57-NQ/TW", "254/2025/QH15", "128/QĐ-UBND".

Party documents write `number-TYPE/ISSUER`; state documents write `number/TYPE-ISSUER`,
`number/year/ISSUER` or `number/year/TYPE-ISSUER`. Symbols are NFC and their Đ is U+0110.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

__all__ = [
    "PARTY_TYPES",
    "STATE_TYPES",
    "TYPE_NAMES",
    "IssuerLevel",
    "Symbol",
    "SymbolError",
    "find_symbols",
    "issuer_level",
    "parse_symbol",
]

TYPE_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "NQ": "Nghị quyết",
        "KL": "Kết luận",
        "CT": "Chỉ thị",
        "TB": "Thông báo",
        "KH": "Kế hoạch",
        "CTr": "Chương trình",
        "ĐA": "Đề án",
        "QĐ": "Quyết định",
        "QĐi": "Quy định",
        "HD": "Hướng dẫn",
        "BC": "Báo cáo",
        "QC": "Quy chế",
        "CV": "Công văn",
        "NĐ": "Nghị định",
        "TT": "Thông tư",
    }
)
# Nghị định and Thông tư are Government instruments; the Party never issues them.
PARTY_TYPES = frozenset(TYPE_NAMES) - {"NĐ", "TT"}
STATE_TYPES = frozenset(TYPE_NAMES)

IssuerLevel = Literal["trung-uong", "quoc-hoi", "tinh-uy", "chinh-quyen-tinh", "chinh-phu", "khac"]

_EXAMPLES = '(ví dụ: "57-NQ/TW", "254/2025/QH15", "128/QĐ-UBND")'

# Spaces and tabs only: a symbol never spans a line break.
_SP = r"[ \t\u00a0]*"
_TYPE = r"[A-ZĐ][A-Za-zĐđ]*"
# Issuers are capitals and digits ("QH15", "HĐND"), except the Prime Minister's "TTg".
_ISSUER = r"(?:TTg|[A-ZĐ][A-ZĐ0-9]*)"
_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "state",
        re.compile(
            rf"(?P<number>[0-9]+){_SP}/{_SP}(?P<year>[0-9]{{4}}){_SP}/{_SP}"
            rf"(?P<type>{_TYPE}){_SP}-{_SP}(?P<issuer>{_ISSUER})"
        ),
    ),
    (
        "state",
        re.compile(
            rf"(?P<number>[0-9]+){_SP}/{_SP}(?P<year>[0-9]{{4}}){_SP}/{_SP}(?P<issuer>{_ISSUER})"
        ),
    ),
    (
        "state",
        re.compile(
            rf"(?P<number>[0-9]+){_SP}/{_SP}(?P<type>{_TYPE}){_SP}-{_SP}(?P<issuer>{_ISSUER})"
        ),
    ),
    (
        "party",
        re.compile(
            rf"(?P<number>[0-9]+){_SP}-{_SP}(?P<type>{_TYPE}){_SP}/{_SP}(?P<issuer>{_ISSUER})"
        ),
    ),
)
# Any of the forms, inside running text. Not preceded by a word character, "/", "-" or
# "." (so "12/2024" inside "22/12/2024" never starts one) and not followed by more of a
# token. Dates ("22/12/2024") and ranges ("2025 - 2030") have no letters, so never match.
_CANDIDATE = re.compile(
    rf"(?<![\w/.-])[0-9]+{_SP}(?:/{_SP}[0-9]{{4}}{_SP}/{_SP}(?:{_TYPE}{_SP}-{_SP})?{_ISSUER}"
    rf"|/{_SP}{_TYPE}{_SP}-{_SP}{_ISSUER}|-{_SP}{_TYPE}{_SP}/{_SP}{_ISSUER})(?![\w/]|-\w)"
)
# Letters that look exactly like Đ (U+0110) but are not it.
_FAKE_D = {"\u00d0": "Ð (U+00D0)", "\u0189": "Ɖ (U+0189)"}


class SymbolError(ValueError):
    """A document symbol is malformed or uses an unknown type code."""


@dataclass(frozen=True)
class Symbol:
    """A parsed document symbol."""

    number: str  # digits as written: "01"
    type_code: str | None  # "NQ", "ĐA", "QĐ" …; None for "254/2025/QH15"
    issuer: str  # "TW", "TU", "QH15", "UBND" …
    year: int | None  # only state symbols carry it
    normalised: str  # without spaces: "01-ĐA/TU", "254/2025/QH15", "128/QĐ-UBND"


def parse_symbol(s: str) -> Symbol:
    """Parse a party or state document symbol; surrounding whitespace is ignored.

    Raise SymbolError (message in Vietnamese) if `s` is not NFC, uses a look-alike of
    Đ, matches none of the forms, or names a type code outside TYPE_NAMES.
    """
    text = s.strip()
    if not unicodedata.is_normalized("NFC", text):
        raise SymbolError(f'số ký hiệu "{s}" chưa chuẩn hóa Unicode NFC')
    for fake, name in _FAKE_D.items():
        if fake in text:
            raise SymbolError(
                f'số ký hiệu "{s}" dùng chữ {name} thay cho chữ Đ (U+0110) {_EXAMPLES}'
            )
    for kind, pattern in _FORMS:
        m = pattern.fullmatch(text)
        if m is None:
            continue
        # Not every form has every group; groupdict() gives None for the absent ones.
        groups = m.groupdict()
        number, type_code, issuer = m["number"], groups.get("type"), m["issuer"]
        year_text = groups.get("year")
        allowed = PARTY_TYPES if kind == "party" else STATE_TYPES
        if type_code is not None and type_code not in allowed:
            codes = ", ".join(code for code in TYPE_NAMES if code in allowed)
            raise SymbolError(
                f'số ký hiệu "{s}" có mã loại văn bản "{type_code}" không hợp lệ '
                f"(các mã: {codes}) {_EXAMPLES}"
            )
        if type_code is None and issuer in STATE_TYPES:
            # "15/2023/NĐ" has lost its issuer: the type code is not an issuer.
            continue
        year = int(year_text) if year_text is not None else None
        if kind == "party":
            normalised = f"{number}-{type_code}/{issuer}"
        else:
            parts = [number] + ([year_text] if year_text is not None else [])
            parts.append(issuer if type_code is None else f"{type_code}-{issuer}")
            normalised = "/".join(parts)
        return Symbol(number, type_code, issuer, year, normalised)
    raise SymbolError(f'số ký hiệu "{s}" không đúng dạng {_EXAMPLES}')


def issuer_level(issuer: str) -> IssuerLevel:
    """Classify an issuer code: Central, National Assembly, Provincial Party Committee,
    provincial government, national Government, or "khac" (anything else)."""
    code = issuer.strip()
    if re.fullmatch(r"(?:UBTV)?QH[0-9]*", code):
        return "quoc-hoi"
    # Central bodies sign as "TW" or with a "…TW" suffix (VPTW, BTCTW, UBKTTW).
    if code.endswith("TW"):
        return "trung-uong"
    # Likewise the Provincial Party Committee and its organs (VPTU, BTGTU).
    if code.endswith("TU"):
        return "tinh-uy"
    if code in ("UBND", "HĐND"):
        return "chinh-quyen-tinh"
    if code in ("CP", "TTg", "VPCP"):
        return "chinh-phu"
    return "khac"


def find_symbols(text: str) -> list[tuple[int, int, str]]:
    """Return (start, end, normalised symbol) for every valid symbol in running text.

    Symbol-shaped tokens that parse_symbol rejects (an unknown type code) are skipped,
    and dates such as "22/12/2024" or ranges such as "2025 - 2030" never match.
    """
    found: list[tuple[int, int, str]] = []
    for m in _CANDIDATE.finditer(text):
        try:
            symbol = parse_symbol(m.group())
        except SymbolError:
            continue
        found.append((m.start(), m.end(), symbol.normalised))
    return found
