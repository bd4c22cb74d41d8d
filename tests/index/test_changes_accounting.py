"""'Thay đổi so với quý trước' accounts for every task of the previous quarter once
(ketluan.index.changes)."""

from __future__ import annotations

from collections import Counter

import pytest

from ketluan.fictional import Scale, dump, generate
from ketluan.index.changes import compare_with_previous, wording
from ketluan.index.site_index import build_index
from ketluan.load import validate_text
from ketluan.model.outline import walk_tasks


@pytest.mark.parametrize("seed", range(3))
def test_every_task_of_the_previous_quarter_is_in_exactly_one_list(seed: int) -> None:
    scale = Scale(
        quarters=3, agencies=24, communes=8, tasks_per_quarter=36, documents=12, seed=seed
    )
    dataset = validate_text(dump(generate(scale)), "mau.yml")
    for key in [q.key for q in dataset.quarters[1:]]:
        index = build_index(dataset, key)
        ch = compare_with_previous(index)
        assert ch.previous is not None
        listed = Counter(
            [b.ref for _e, before in ch.carried for b in before if b.conclusion is ch.previous]
            + [e.ref for e, _r in ch.completed if e.conclusion is ch.previous]
            + [e.ref for e, _r in ch.stopped if e.conclusion is ch.previous]
            + [e.ref for e, _s in ch.overdue]
            + [e.ref for e, _r in ch.in_progress]
            + [e.ref for e in ch.unreported]
        )
        wanted = {f"{ch.previous.key}/{t.id}" for t, _c in walk_tasks(ch.previous.sections)}
        assert set(listed) == wanted
        assert max(listed.values()) == 1 or all(
            # a task two later ones carry on is named under each of them
            len(index.continued_by.get(ref, ())) == n
            for ref, n in listed.items()
            if n > 1
        )
        assert ch.in_progress or ch.overdue or ch.unreported or ch.completed


def test_a_rewording_is_shown_word_by_word_around_what_changed() -> None:
    before = "Ban Mẫu tập trung chỉ đạo công tác chuyển đổi số trong các cơ quan, hết quý II."
    after = (
        "Ban Mẫu tiếp tục tập trung chỉ đạo công tác chuyển đổi số trong các cơ quan, hết quý III."
    )
    changes = wording(before, after)
    assert ("added", "tiếp tục ") in changes
    assert ("removed", "II.") in changes and ("added", "III.") in changes
    assert any(kind == "same" and "…" in text for kind, text in changes)  # long runs cut
