"""The clerk's answers change the data file as asked and nothing else: comments and
layout kept, written only when the checker accepts the file, stale changes refused,
undo puts the bytes back (#25.4)."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import pytest
from reviewing import real_draft

from ketluan.load import load_with_marks
from ketluan.model.outline import walk_tasks
from ketluan.review.cards import Card, cards_of
from ketluan.review.changes import Refused, add_agency, answer, edit_paragraph
from ketluan.review.session import Rejected, Session, Stale

KEY = "2026-q1"


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    return real_draft(tmp_path)


def _cards(path: Path) -> list[Card]:
    return cards_of(load_with_marks(path), KEY)


def _answer(session: Session, card: Card, action: str, **values: Any) -> None:
    session.change(session.state().version, lambda t: answer(t, card, action, values))


def _changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def _task(path: Path, task_id: str) -> Any:
    quarter = load_with_marks(path).dataset.quarters[0]
    return next(t for t, _c in walk_tasks(quarter.sections) if t.id == task_id)


def test_accepting_a_proposal_removes_its_note_and_nothing_else(draft: Path) -> None:
    before = draft.read_text(encoding="utf-8")
    session = Session(draft, draft.name)
    card = next(c for c in _cards(draft) if c.kind == "lead")
    _answer(session, card, "accept")
    changed = _changed_lines(before, draft.read_text(encoding="utf-8"))
    assert changed == ["-        needs_review:", f"-        - '{card.note}'"] or changed == [
        f"-        - '{card.note}'"
    ]
    assert card.id not in {c.id for c in _cards(draft)}


def test_every_answer_keeps_the_files_comments_and_other_lines(draft: Path) -> None:
    before = draft.read_text(encoding="utf-8")
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert len(comments) >= 9
    session = Session(draft, draft.name)
    cards = _cards(draft)
    lead = next(c for c in cards if c.kind == "lead" and c.path[-1] == 3)
    _answer(session, lead, "agencies", ids=["ban-to-chuc", "van-phong-tinh-uy"])
    roles = next(c for c in _cards(draft) if c.kind == "roles")
    _answer(session, roles, "roles", roles={"ban-thuong-vu-tinh-uy": "report_to"})
    report = next(c for c in _cards(draft) if c.kind == "report")
    _answer(session, report, "not_report")
    after = draft.read_text(encoding="utf-8")
    assert [line for line in after.splitlines() if line.lstrip().startswith("#")] == comments
    changed = _changed_lines(before, after)
    assert len(changed) <= 16, changed  # three answers: their notes and values only
    loaded = load_with_marks(draft)
    task = loaded.dataset.quarters[0].sections[0].sections[1].tasks[3]
    assert task.lead == ("ban-to-chuc", "van-phong-tinh-uy")


def test_a_change_the_checker_refuses_is_not_written_and_says_why(draft: Path) -> None:
    before = draft.read_bytes()
    session = Session(draft, draft.name)
    ocr_free = next(c for c in _cards(draft) if c.kind == "date")
    # The deadline's task text, rewritten so that the phrase is no longer in it.
    task_path = ocr_free.path[:-2]

    def drop_phrase(tree: Any) -> str:
        node = tree
        for part in task_path:
            node = node[part]
        node["text"] = "Một lời văn khác."
        return "sửa lời văn"

    with pytest.raises(Rejected) as refused:
        session.change(session.state().version, drop_phrase)
    assert any("không có trong" in p.message or "phrase" in p.path for p in refused.value.problems)
    assert draft.read_bytes() == before
    # A date its phrase does not give ("quý II" is 30/6): the checker's words, per field.
    with pytest.raises(Rejected) as refused:
        _answer(session, ocr_free, "deadline", date="2026-06-15", precision="day", relation="by")
    assert "không khớp cụm từ" in refused.value.problems[0].message
    assert draft.read_bytes() == before
    with pytest.raises(Refused, match="không phải một ngày có thật"):
        _answer(session, ocr_free, "deadline", date="2026-02-30", precision="day", relation="by")
    assert draft.read_bytes() == before


def test_a_change_from_an_older_page_is_refused_and_undo_puts_the_bytes_back(draft: Path) -> None:
    original = draft.read_bytes()
    first, second = Session(draft, draft.name), Session(draft, draft.name)  # two tabs
    seen = second.state().version
    cards = _cards(draft)
    _answer(first, cards[0], "accept")
    with pytest.raises(Stale):
        second.change(seen, lambda t: answer(t, cards[1], "accept", {}))
    assert cards[1].id in {c.id for c in _cards(draft)}
    state, what = first.undo(first.state().version)
    assert draft.read_bytes() == original and what
    with pytest.raises(LookupError):
        first.undo(state.version)


def test_an_agency_added_in_place_and_a_proposed_one_merged_into_the_registry(
    draft: Path,
) -> None:
    session = Session(draft, draft.name)
    made: list[str] = []

    def add(tree: Any) -> str:
        made.append(add_agency(tree, "Sở Mẫu Hư Cấu", "Sở Mẫu", "chinh-quyen"))
        return "thêm"

    session.change(session.state().version, add)
    lead = next(c for c in _cards(draft) if c.kind == "lead")
    _answer(session, lead, "agencies", ids=made)
    dataset = load_with_marks(draft).dataset
    assert any(a.id == made[0] and a.name == "Sở Mẫu Hư Cấu" for a in dataset.agencies)
    with pytest.raises(Refused, match="đã có"):
        session.change(
            session.state().version, lambda t: add_agency(t, "Sở Mẫu Hư Cấu", "", "chinh-quyen")
        )
    # A proposed agency that is an existing one: references move, its name is a variant.
    text = draft.read_text(encoding="utf-8").replace(
        "  variants:\n  - Sở Mẫu Hư Cấu\n",
        "  variants:\n  - Sở Mẫu Hư Cấu\n  needs_review:\n  - 'cơ quan mới, đề xuất từ đoạn “…”'\n",
    )
    draft.write_text(text, encoding="utf-8")
    card = next(c for c in _cards(draft) if c.kind == "agency")
    _answer(session, card, "merge", into="so-ban-nganh-tinh")
    dataset = load_with_marks(draft).dataset
    assert made[0] not in {a.id for a in dataset.agencies}
    merged = next(a for a in dataset.agencies if a.id == "so-ban-nganh-tinh")
    assert "Sở Mẫu Hư Cấu" in merged.variants
    quarter = dataset.quarters[0]
    assert any("so-ban-nganh-tinh" in t.lead for t, _c in walk_tasks(quarter.sections))


def test_a_paragraph_said_not_to_be_a_task_and_values_from_the_browser_checked(
    draft: Path,
) -> None:
    session = Session(draft, draft.name)
    path = ("quarters", 0, "sections", 0, "tasks", 0)
    kind = {"kind": "principle"}
    session.change(session.state().version, lambda t: edit_paragraph(t, path, "kind", kind))
    assert load_with_marks(draft).dataset.quarters[0].sections[0].tasks[0].kind == "principle"
    with pytest.raises(Refused):
        bad = {"kind": "<script>"}
        session.change(session.state().version, lambda t: edit_paragraph(t, path, "kind", bad))
    lead = next(c for c in _cards(draft) if c.kind == "lead")
    for action, values in (
        ("agencies", {"ids": ["khong-co"]}),
        ("agencies", {"ids": "ban-to-chuc"}),
        ("roles", {"roles": {"ban-to-chuc": "chủ tịch"}}),
        ("merge", {"into": "ban-to-chuc"}),  # not an action of a lead's card
    ):
        with pytest.raises(Refused):
            _answer(session, lead, action, **values)


def test_a_deadline_read_as_derived_and_a_target_read_as_an_aim(draft: Path) -> None:
    session = Session(draft, draft.name)
    # II.2.2-5 "… khởi công các công trình trong năm 2026": the year may say which works.
    works = next(c for c in _cards(draft) if c.kind == "date" and "công trình" in c.note)
    assert works.data["derived"] is False
    _answer(
        session, works, "deadline", date="2026-12-31", precision="year", relation="by", derived=True
    )
    (deadline,) = [d for d in _task(draft, "II.2.2-5").deadlines if not d.report]
    assert deadline.derived and not deadline.firm
    # Footnote 4 "Phần đầu hoàn thành chỉ tiêu … tăng từ 3-4%": the typo read as "phấn đấu".
    metrics = [c for c in _cards(draft) if c.kind == "metric"]
    footnote = next(c for c in metrics if "“Phần đầu hoàn thành" in c.question)
    _answer(session, footnote, "metric", value="số lượng đảng viên mới được kết nạp", aim=True)
    (target,) = _task(draft, "II.1-2").targets
    assert target.aim and target.metric == "số lượng đảng viên mới được kết nạp"
    # "Quyết tâm hoàn thành giải ngân 100% …" is no aim: the checker refuses it, in words.
    firm = next(c for c in metrics if "“Quyết tâm hoàn thành giải ngân 100%" in c.question)
    with pytest.raises(Rejected) as refused:
        _answer(session, firm, "metric", value="giải ngân kế hoạch đầu tư công", aim=True)
    assert "chỉ tiêu phải đạt: cần bỏ aim" in refused.value.problems[0].message


def test_the_heads_answerable_are_confirmed_or_taken_back(draft: Path) -> None:
    # "Người đứng đầu cấp ủy, chính quyền, cơ quan, đơn vị chịu trách nhiệm …" names no
    # agency: the draft holds the paragraph's leads answerable and asks.
    session = Session(draft, draft.name)
    heads = {c.data["task"]: c for c in _cards(draft) if c.kind == "heads"}
    assert set(heads) == {"II", "II.2.2-2"}
    assert heads["II.2.2-2"].data["heads"] == [
        "chinh-quyen-cac-cap",
        "chu-dau-tu",
        "cac-dia-phuong",
    ]
    _answer(session, heads["II"], "accept")
    _answer(session, heads["II.2.2-2"], "not_heads")
    assert _task(draft, "II").accountable == _task(draft, "II").lead
    assert _task(draft, "II.2.2-2").accountable == ()
