"""Checks on the agency and document registries."""

from __future__ import annotations

from collections.abc import Sequence

from ketluan.check.context import Context
from ketluan.model import Agency, Document, Figure
from ketluan.model.membership import collectives_of
from ketluan.text.symbols import TYPE_NAMES, SymbolError, issuer_level, parse_symbol
from ketluan.text.vietnamese import is_slug

# Type names a document may have; "Quy hoạch" has no code in party symbols.
DOCUMENT_TYPES = frozenset(TYPE_NAMES.values()) | {"Quy hoạch"}

# Bodies that only issue Central documents; a TU code beside one of them is suspect.
CENTRAL_BODIES = ("Bộ Chính trị", "Ban Bí thư", "Ban Chấp hành Trung ương", "Trung ương")


def check_agencies(ctx: Context, agencies: tuple[Agency, ...]) -> None:
    """Ids are unique slugs; no spelling of a name belongs to two agencies."""
    check_ids(ctx, agencies, "cơ quan", "ban-to-chuc", file_names=True)
    owner: dict[str, Agency] = {}
    for agency in agencies:
        for i, name in enumerate(agency.names):
            other = owner.setdefault(name, agency)
            if other is not agency:
                sub = ("name",) if i == 0 else ("variants", agency.variants.index(name))
                ctx.report(agency, sub, f"tên '{name}' đã thuộc cơ quan '{other.id}'")
    _check_membership(ctx, agencies)


def _check_membership(ctx: Context, agencies: tuple[Agency, ...]) -> None:
    """`member_of` names collective assignees, and never leads back to the agency."""
    by_id = {a.id: a for a in agencies}
    for agency in agencies:
        for i, group in enumerate(agency.member_of):
            other = by_id.get(group)
            if other is None:
                ctx.report(agency, ("member_of", i), f"cơ quan '{group}' không có trong danh mục")
            elif not other.collective:
                ctx.report(
                    agency,
                    ("member_of", i),
                    f"'{group}' không phải chủ thể chung (collective: true), không có thành viên",
                )
            elif group == agency.id:
                ctx.report(agency, ("member_of", i), "một cơ quan không là thành viên của chính nó")
            elif agency.id in collectives_of(group, by_id):
                ctx.report(
                    agency, ("member_of", i), f"'{group}' lại là thành viên của '{agency.id}'"
                )


def check_documents(ctx: Context, documents: tuple[Document, ...]) -> None:
    """Symbols parse and agree with type and issuer; identity is symbol plus date."""
    check_ids(ctx, documents, "văn bản", "57-nq-tw-2024", file_names=True)
    seen: dict[tuple[str, int | None], Document] = {}
    for doc in documents:
        if doc.type not in DOCUMENT_TYPES:
            allowed = ", ".join(sorted(DOCUMENT_TYPES))
            ctx.report(
                doc, ("type",), f"loại văn bản '{doc.type}' không hợp lệ (cần một trong: {allowed})"
            )
        if doc.date and doc.year is not None:
            ctx.report(doc, ("year",), "đã có ngày ban hành thì không ghi thêm năm")
        if doc.symbol is None:
            if doc.title is None:
                ctx.report(
                    doc, (), "văn bản không có số ký hiệu phải có 'title' (tên gọi trong văn bản)"
                )
            continue
        try:
            symbol = parse_symbol(doc.symbol)
        except SymbolError as exc:
            ctx.report(doc, ("symbol",), str(exc))
            continue
        _check_symbol_agrees(ctx, doc, symbol.type_code, symbol.issuer)
        key = (symbol.normalised, doc.issued_year)
        other = seen.setdefault(key, doc)
        if other is not doc:
            when = f"năm {doc.issued_year}" if doc.issued_year else "không rõ ngày, năm"
            ctx.report(
                doc,
                ("symbol",),
                f"văn bản {symbol.normalised} ({when}) trùng với '{other.id}'; "
                "số ký hiệu lặp lại qua các nhiệm kỳ nên cần ngày ban hành để phân biệt",
            )


def _check_symbol_agrees(ctx: Context, doc: Document, type_code: str | None, issuer: str) -> None:
    if type_code is not None and TYPE_NAMES[type_code] != doc.type:
        ctx.report(
            doc,
            ("type",),
            f"loại '{doc.type}' không khớp mã '{type_code}' trong số ký hiệu "
            f"({TYPE_NAMES[type_code]})",
        )
    if doc.issuer is not None and doc.issuer != issuer:
        ctx.report(
            doc,
            ("issuer",),
            f"mã cơ quan ban hành '{doc.issuer}' không khớp số ký hiệu ('{issuer}')",
        )
    central_body = doc.body is not None and doc.body in CENTRAL_BODIES
    if central_body and issuer_level(issuer) == "tinh-uy" and doc.source_issue is None:
        ctx.report(
            doc,
            ("body",),
            f"số ký hiệu {doc.symbol} là của Tỉnh ủy nhưng cơ quan ban hành là '{doc.body}'; "
            "nếu văn bản gốc ghi như vậy, giữ nguyên và ghi chú ở 'source_issue'",
        )


# Ids are file names and URL segments: bounded, and never the name of a page the site
# already makes in the same folder ("co-quan/index.md" is the agency list).
MAX_ID_LENGTH = 64
RESERVED_IDS = frozenset({"index", "lich-su"})


def check_ids(
    ctx: Context,
    records: Sequence[Agency] | Sequence[Document] | Sequence[Figure],
    what: str,
    example: str,
    *,
    file_names: bool,
) -> None:
    """Ids are unique slugs; those that name files and pages (`file_names`) are also
    bounded in length and never the name of a page the site already makes."""
    seen: set[str] = set()
    for record in records:
        if not is_slug(record.id):
            ctx.report(
                record,
                ("id",),
                f"mã {what} '{record.id}' chỉ gồm chữ thường không dấu, số và '-' "
                f"(ví dụ: {example})",
            )
        elif file_names and len(record.id) > MAX_ID_LENGTH:
            ctx.report(
                record,
                ("id",),
                f"mã {what} dài {len(record.id)} ký tự; tối đa {MAX_ID_LENGTH} "
                "(mã là tên tệp và địa chỉ trang)",
            )
        elif file_names and record.id in RESERVED_IDS:
            ctx.report(
                record,
                ("id",),
                f"mã {what} '{record.id}' trùng tên một trang sẵn có của trang web; chọn mã khác",
            )
        if record.id in seen:
            ctx.report(record, ("id",), f"mã {what} '{record.id}' bị trùng")
        seen.add(record.id)
