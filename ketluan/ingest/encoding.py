"""Text typed in a legacy Vietnamese font encoding (TCVN3/ABC, VNI), which reads as
garbage in Unicode: "TØnh ñy" for "Tỉnh ủy". Such a document cannot be imported as it
is; the Office converts it to Unicode first (Unikey's "Công cụ chuyển mã", or Word)."""

from __future__ import annotations

from ketluan.ingest.document import SourceError

__all__ = ["refuse_legacy_font"]

# Latin-1 letters Vietnamese uses in Unicode; the other Latin-1 signs and letters
# ("¸µ¶·¹¨©ª«¬®" in TCVN3, "øùûõïöñæ" in VNI) stand for Vietnamese letters only in
# the legacy encodings.
_VIETNAMESE_LATIN1 = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")


def refuse_legacy_font(text: str) -> None:
    """Raise SourceError if `text` looks typed in TCVN3 or VNI rather than Unicode."""
    legacy = sum(1 for c in text if "\u00a0" < c <= "\u00ff" and c not in _VIETNAMESE_LATIN1)
    unicode_vietnamese = sum(1 for c in text if "\u0100" <= c <= "\u1ef9")
    letters = sum(1 for c in text if c.isalpha()) or 1
    if legacy / letters > 0.02 and legacy > unicode_vietnamese:
        raise SourceError(
            "chữ trong tệp dùng bảng mã cũ (TCVN3 hoặc VNI), không phải Unicode: hãy chuyển "
            "mã sang Unicode (Unikey: Công cụ chuyển mã, hoặc bằng Word) rồi lưu lại .docx"
        )
