"""The report sheet an agency fills in and sends back: its columns, in order.

The site offers each agency the sheet of its tasks (CSV and .xlsx, pre-filled with the
first five columns); `ketluan reports import` reads the returned one. Both sides use
these names, so a sheet made by one version is read by the next.
"""

from __future__ import annotations

__all__ = ["COLUMNS", "FILLED", "TO_FILL"]

# Pre-filled by the site: what identifies the row, and what the agency reads.
FILLED = (
    "Mã nhiệm vụ",  # "2026-q1/II.2.2": the key; never edited
    "Mục",  # as the document numbers it: "Mục 2.2, gạch đầu dòng thứ 3"
    "Nội dung (rút gọn)",
    "Thời hạn",
    "Cơ quan báo cáo",  # the agency's id: whose sheet it is
)
# Filled in by the agency.
TO_FILL = (
    "Tình trạng",  # the vocabulary of `Status`
    "Ngày báo cáo",  # dd/mm/yyyy
    "Số hiệu văn bản minh chứng",  # the document that delivered the product
    "Ngày văn bản",
    "Gửi đến",  # the level it was sent to: an agency's id or name
    "Ghi chú",
)
COLUMNS = FILLED + TO_FILL
