"""Reshaping Material's index: a result per task of the full text, each page weighted."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ketluan.outputs.search import SearchPlan, reshape, reshape_file, task_location

INDEX: dict[str, Any] = {
    "config": {"lang": ["vi"]},
    "docs": [
        {"location": "toan-van/", "title": "Toàn văn", "text": "<p>KẾT LUẬN</p>"},
        {"location": "toan-van/#ii-cac-nhiem-vu", "title": "II. Các nhiệm vụ", "text": ""},
        {"location": "toan-van/#nv-ii-2-6", "title": "II.2.6 · Đảng ủy UBND", "text": "mỏ cát"},
        {"location": "co-quan/x/", "title": "Cơ quan X", "text": ""},
        {"location": "co-quan/x/#nv-ii-2-6", "title": "II.2.6 · Đảng ủy UBND", "text": "mỏ cát"},
        {"location": "thoi-han/2026-06-30/#nv-ii-2-6", "title": "II.2.6", "text": "mỏ cát"},
    ],
}
PLAN = SearchPlan(
    weights={"co-quan/x/": (5.0, 1.0), "thoi-han/2026-06-30/": (1.0, 0.5)},
    task_anchors={"toan-van/": frozenset({"nv-ii-2-6"})},
)


def test_a_task_of_the_full_text_becomes_a_result_of_its_own() -> None:
    docs = reshape(INDEX, PLAN)["docs"]
    locations = [d["location"] for d in docs]
    assert locations[2] == task_location("toan-van/", "nv-ii-2-6") == "toan-van/?nv=nv-ii-2-6"
    # Its sections and the other pages' cards keep their anchors; the order is kept.
    assert locations[1] == "toan-van/#ii-cac-nhiem-vu"
    assert locations[4] == "co-quan/x/#nv-ii-2-6"
    assert [d["title"] for d in docs] == [d["title"] for d in INDEX["docs"]]


def test_entries_take_their_page_s_weight_and_material_s_where_none_is_set() -> None:
    boosts = [d.get("boost") for d in reshape(INDEX, PLAN)["docs"]]
    assert boosts == [None, None, None, 5.0, None, 0.5]


def test_a_page_of_weight_zero_is_left_out() -> None:
    plan = SearchPlan(weights={"co-quan/x/": (0.0, 0.0)})
    locations = [d["location"] for d in reshape(INDEX, plan)["docs"]]
    assert not [loc for loc in locations if loc.startswith("co-quan/x/")]
    assert len(locations) == len(INDEX["docs"]) - 2


def test_the_file_is_rewritten_with_its_config(tmp_path: Path) -> None:
    path = tmp_path / "search_index.json"
    path.write_text(json.dumps(INDEX), encoding="utf-8")
    reshape_file(path, PLAN)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["config"] == INDEX["config"]
    assert "mỏ cát" in path.read_text(encoding="utf-8")  # UTF-8, not \u escapes
    assert data["docs"][2]["location"] == "toan-van/?nv=nv-ii-2-6"
