"""Review marks left in a draft (`needs_review`, read back by `ketluan.load.review`)."""

from __future__ import annotations

from typing import Any

from ketluan.load.review import REVIEW_KEY

__all__ = ["flag"]


def flag(record: dict[str, Any], note: str) -> None:
    """Leave a review mark on `record`: what was inferred there, for a person to check."""
    record.setdefault(REVIEW_KEY, []).append(note)
