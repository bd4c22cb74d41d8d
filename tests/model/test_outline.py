"""Walking a conclusion (ketluan.model.outline): the document's own numbering."""

from __future__ import annotations

from dataclasses import replace

from ketluan.model import Dataset, Section, Task, TaskKind
from ketluan.model.outline import printed_references


def test_printed_references_of_the_real_conclusion(real_dataset: Dataset) -> None:
    real = next(q for q in real_dataset.quarters if q.key == "2026-q1")
    refs = printed_references(real)
    # Read off the source: "2.2." then its bullets, one unbulleted paragraph among them.
    assert refs["II.2.2"] == "Mục 2.2"
    assert refs["II.2.2-4"] == "Mục 2.2, gạch đầu dòng thứ 3"
    assert refs["II.2.2-3"] == "Mục 2.2, đoạn thứ 4"
    assert refs["II"] == "Mục II"
    assert refs["II.1"] == "Mục II.1"
    assert refs["II.1-4"] == "Mục II.1, gạch đầu dòng thứ 4"
    assert refs["III-1"] == "Mục III, đoạn thứ 2"
    assert refs["IV.1"] == "Mục IV.1"
    assert len(set(refs.values())) == len(refs)  # each cites one task


def test_a_reference_two_parts_would_share_names_its_part(real_dataset: Dataset) -> None:
    def part(number: str) -> Section:
        sub = Section(
            "2", "Tiểu mục mẫu", tasks=(Task(f"{number}.2.2", TaskKind.TASK, "Việc mẫu.", "2.2."),)
        )
        return Section(number, "Phần mẫu", sections=(sub,))

    two = replace(real_dataset.quarters[0], sections=(part("II"), part("III")))
    refs = printed_references(two)
    assert refs == {"II.2.2": "Mục 2.2 (phần II)", "III.2.2": "Mục 2.2 (phần III)"}
