"""Checks on citations: the words are in the paragraph, the document exists, and the
symbol and date written agree with the document's."""

from __future__ import annotations

import re
from collections.abc import Mapping

from ketluan.check.context import Context, not_found
from ketluan.model import Citation, Document
from ketluan.text.symbols import SymbolError, find_symbols, parse_symbol
from ketluan.text.vietnamese import vi_date

CITED_DATE = re.compile(r"ngày (\d{1,2})/(\d{1,2})/(\d{4})")


def check_citation(
    ctx: Context, citation: Citation, text: str, documents: Mapping[str, Document]
) -> None:
    if citation.as_written not in text:
        ctx.report(citation, ("as_written",), not_found(citation.as_written, "đoạn văn trích dẫn"))
    doc = documents.get(citation.document)
    if doc is None:
        if citation.document not in ctx.document_ids:
            ctx.report(citation, ("document",), ctx.unknown_document(citation.document))
        return
    symbols = {s for _start, _end, s in find_symbols(citation.as_written)}
    if symbols and doc.symbol is not None:
        try:
            own = parse_symbol(doc.symbol).normalised
        except SymbolError:
            return  # already reported by the registry check
        if own not in symbols:
            ctx.report(
                citation,
                ("document",),
                f"trích dẫn ghi {', '.join(sorted(symbols))} nhưng văn bản '{doc.id}' là {own}",
            )
    for d, mth, y in CITED_DATE.findall(citation.as_written):
        written = (int(y), int(mth), int(d))
        if doc.date is not None and written != (doc.date.year, doc.date.month, doc.date.day):
            ctx.report(
                citation,
                ("as_written",),
                f"ngày {d}/{mth}/{y} trong trích dẫn khác ngày ban hành của '{doc.id}' "
                f"({vi_date(doc.date)})",
            )


def check_overlaps(ctx: Context, cites: tuple[Citation, ...], text: str) -> None:
    """Two citations whose words overlap cannot both become links."""
    spans: list[tuple[int, int, Citation]] = []
    for citation in cites:
        start = text.find(citation.as_written)
        if start == -1:
            continue  # reported as not found
        end = start + len(citation.as_written)
        for other_start, other_end, other in spans:
            same_words = (start, end) == (other_start, other_end)
            if start < other_end and other_start < end and not same_words:
                ctx.report(
                    citation,
                    ("as_written",),
                    f"cụm từ '{citation.as_written}' chồng lấn trích dẫn '{other.as_written}'; "
                    "rút gọn một trong hai để mỗi văn bản có liên kết riêng",
                )
        spans.append((start, end, citation))
