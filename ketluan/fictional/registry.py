"""Fictional agencies and documents: the registries shared by every quarter."""

from __future__ import annotations

import re
from datetime import date
from random import Random
from typing import TYPE_CHECKING, Any

from ketluan.fictional.vocab import (
    CORE,
    FILLERS,
    PARTY_CODES,
    PLACES,
    TOPICS,
)
from ketluan.model import AgencyGroup as G
from ketluan.text.symbols import TYPE_NAMES
from ketluan.text.vietnamese import slugify

if TYPE_CHECKING:
    from ketluan.fictional import Scale


def _agency(name: str, group: G, short: str | None, collective: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"id": slugify(name), "name": name}
    out |= {"short": short} if short else {}
    out["group"] = group.value
    out |= {"collective": True} if collective else {}
    variants = [name, name[0].lower() + name[1:]] if collective else [name]
    if collective:  # "các đảng ủy trực thuộc", as a text names it without its place
        bare = re.sub(r" (?:Tỉnh ủy Mẫu|Tỉnh Mẫu)$", "", name)
        variants += [bare[0].lower() + bare[1:]] if bare != name else []
    out["variants"] = variants + ([short] if short and "Mẫu" in short else [])
    return out


def make_agencies(scale: Scale) -> list[dict[str, Any]]:
    out = [_agency(name, group, short, coll) for _role, name, group, short, coll in CORE]
    for n in range(1, scale.communes + 1):
        # "xã Mẫu Hòa 1" is a prefix of "xã Mẫu Hòa 11": linking must respect word ends.
        place = f"{'phường' if n % 3 == 0 else 'xã'} Mẫu {PLACES[n % len(PLACES)]} {n}"
        out.append(_agency(f"Đảng ủy {place}", G.COMMUNE, place))
    for n in range(1, scale.agencies - len(out) + 1):
        pattern, group = FILLERS[n % len(FILLERS)]
        out.append(_agency(pattern.format(n=n, place=PLACES[n % len(PLACES)]), group, None))
    return out


def make_documents(rng: Random, count: int) -> list[dict[str, Any]]:
    """Numbered party documents (numbers restart each term), QH15 ones, unnumbered ones."""
    seen: set[tuple[str, str, int, int]] = set()
    docs = [
        _numbered(rng, seen, "NQ", "TW", 4, date(2006, 7, 18)),
        _numbered(rng, seen, "NQ", "TW", 4, date(2021, 10, 30)),
    ]
    for i in range(max(2, count // 20)):
        kind = ("Đề án", "Chương trình", "Kế hoạch", "Quy hoạch")[i % 4]
        docs.append(
            {
                "id": slugify(f"{kind} mau {i + 1}"),
                "type": kind,
                "title": f"{kind} Mẫu về {TOPICS[i % len(TOPICS)]}, đợt {i + 1}",
                "notes": "Văn bản mẫu không có số, ký hiệu.",
            }
        )
    for _ in range(max(1, count // 10)):
        docs.append(_numbered(rng, seen, "", "QH15", rng.randint(1, 300), _day(rng, 2021, 2025)))
    while len(docs) < count:
        code, issuer = rng.choice(PARTY_CODES), rng.choice(("TW", "TU", "TU"))
        number = rng.randint(1, 60 + count)
        docs.append(_numbered(rng, seen, code, issuer, number, _day(rng, 2006, 2025)))
    return docs[:count]


def _day(rng: Random, first: int, last: int) -> date:
    return date(rng.randint(first, last), rng.randint(1, 12), rng.randint(1, 28))


def _numbered(
    rng: Random,
    seen: set[tuple[str, str, int, int]],
    code: str,
    issuer: str,
    number: int,
    when: date,
) -> dict[str, Any]:
    """A document with a symbol, unique by (symbol, year); the number moves up if taken."""
    while (code, issuer, number, when.year) in seen:
        number += 1
    seen.add((code, issuer, number, when.year))
    if issuer == "QH15":
        symbol, kind, body = f"{number}/{when.year}/QH15", "Nghị quyết", "Quốc hội"
    else:
        dash = " - " if len(seen) % 15 == 0 else "-"  # typed with spaces, like "01 - ĐA/TU"
        symbol, kind = f"{number:02d}{dash}{code}/{issuer}", TYPE_NAMES[code]
        central = (
            ("Ban Chấp hành Trung ương", "Bộ Chính trị")
            if code == "NQ"
            else ("Bộ Chính trị", "Ban Bí thư")
        )
        body = rng.choice(central) if issuer == "TW" else "Ban Thường vụ Tỉnh ủy Mẫu"
    doc: dict[str, Any] = {
        "id": slugify(f"{symbol} {when.year}"),
        "type": kind,
        "symbol": symbol,
        "body": body,
    }
    if len(seen) % 8 == 0 and issuer != "QH15":
        doc["year"] = when.year  # only the year is known
    else:
        doc["date"] = when
    if issuer == "TU" and len(seen) % 3 == 0:
        doc["subject"] = f"về {rng.choice(TOPICS)} trên địa bàn Tỉnh Mẫu"
    return doc


def as_written(doc: dict[str, Any]) -> str:
    """How a paragraph cites the document: "Nghị quyết số 04-NQ/TW ngày 18/7/2006 của ..."."""
    if "symbol" not in doc:
        return str(doc["title"])
    when: date | None = doc.get("date")
    dated = f" ngày {when.day:02d}/{when.month}/{when.year}" if when else ""
    return f"{doc['type']} số {doc['symbol']}{dated} của {doc['body']}"
