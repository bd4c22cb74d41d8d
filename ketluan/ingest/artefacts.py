"""What a conversion left in the text: "$\\geq 50\\%$" is TeX a converter wrote for
"≥ 50%". The text stays verbatim; the reading is proposed as a correction (shown beside
the text, never instead of it) with a review mark."""

from __future__ import annotations

import re
from typing import Any

from ketluan.ingest.marks import flag

__all__ = ["artefacts"]

_MATH = re.compile(r"\$[^$\n]{1,60}\$")
_TEX = {
    r"\geq": "≥",
    r"\ge": "≥",
    r"\leq": "≤",
    r"\le": "≤",
    r"\neq": "≠",
    r"\times": "×",
    r"\pm": "±",
    r"\%": "%",
}
_COMMAND = re.compile(r"\\[a-zA-Z]+|\\%")


def artefacts(texts: list[str]) -> list[dict[str, Any]]:
    """A proposed correction for each distinct TeX fragment in `texts`."""
    out: dict[str, dict[str, Any]] = {}
    for text in texts:
        for m in _MATH.finditer(text):
            written = m.group()
            body = written[1:-1]
            unknown = [c for c in _COMMAND.findall(body) if c not in _TEX]
            if written in out or unknown:
                continue
            read = _COMMAND.sub(lambda c: _TEX[c.group()] + " ", body)
            suggested = re.sub(r"\s+", " ", read.replace("{", "").replace("}", "")).strip()
            suggested = re.sub(r"(\d)\s+%", r"\1%", suggested)
            correction = {
                "phrase": written,
                "suggested": suggested,
                "note": "Ký hiệu toán học còn sót lại khi chuyển văn bản sang dạng chữ.",
            }
            flag(
                correction,
                "đề xuất sửa lỗi chuyển đổi: văn bản giữ nguyên, bản đề xuất hiện bên cạnh",
            )
            out[written] = correction
    return list(out.values())
