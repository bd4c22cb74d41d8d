"""Collective assignees and their members: what a text gives "các cơ quan chuyên trách,
tham mưu, giúp việc Tỉnh ủy" binds Ban Tổ chức too (the registry's `member_of`)."""

from __future__ import annotations

from collections.abc import Mapping

from ketluan.model.records import Agency


def collectives_of(agency_id: str, by_id: Mapping[str, Agency]) -> set[str]:
    """Every collective `agency_id` belongs to, directly or through another."""
    found: set[str] = set()
    pending = [agency_id]
    while pending:
        current = by_id.get(pending.pop())
        for group in current.member_of if current else ():
            if group not in found:
                found.add(group)
                pending.append(group)
    return found
