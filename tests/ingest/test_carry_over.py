"""A new conclusion's tasks that say an open earlier task's work again are proposed as
carrying it on (`continues`, with a review mark); the review page shows old and new
side by side, and lists the open earlier tasks nothing carries on (#24.5)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from agreement import redraft

from ketluan.fictional import Scale, dump, generate
from ketluan.fictional.document import as_text_export
from ketluan.ingest.carry_over import open_tasks, proposal
from ketluan.ingest.review_page import review_page
from ketluan.load import validate_text
from ketluan.model import Dataset, Status, StatusReport
from ketluan.model.outline import walk_tasks

SCALE = Scale(quarters=3, agencies=24, communes=8, tasks_per_quarter=30, documents=12)


def _earlier(seed: int) -> tuple[str, Dataset]:
    text = dump(generate(replace(SCALE, seed=seed)))
    return text, validate_text(text, "mau.yml")


@pytest.mark.parametrize("seed", range(4))
def test_the_tasks_a_fictional_quarter_carries_on_are_proposed_and_no_other(
    seed: int, tmp_path: Path
) -> None:
    text, dataset = _earlier(seed)
    last = dataset.quarters[-1]
    source = tmp_path / "mau.txt"
    source.write_text(as_text_export(last), encoding="utf-8")
    loaded, _curated = redraft(text, source, last.key)
    want = {t.id: t.continues for t, _ in walk_tasks(last.sections) if t.continues}
    drafted = next(q for q in loaded.dataset.quarters if q.key == last.key)
    got = {t.id: t.continues for t, _ in walk_tasks(drafted.sections) if t.continues}
    assert want and got == want
    marks = [m.problem.message for m in loaded.marks if "continues: đề xuất" in m.problem.message]
    assert len(marks) == len(want)
    page = review_page(loaded, last.key, "nhap.yml", "mau.txt")
    earlier_texts = {
        str(ref): t.text for q in dataset.quarters[:-1] for t, _ in walk_tasks(q.sections)
        for ref in [f"{q.key}/{t.id}"]
    }  # fmt: skip
    for refs in want.values():
        assert earlier_texts[refs[0]].split(";")[0].replace("&", "&amp;") in page


def test_open_means_not_done_nor_dropped_by_its_lead(tmp_path: Path) -> None:
    _text, dataset = _earlier(0)
    earlier = replace(dataset, quarters=dataset.quarters[:1])
    task = next(
        t for t, _c in walk_tasks(earlier.quarters[0].sections) if t.lead and t.kind == "task"
    )
    ref = f"{earlier.quarters[0].key}/{task.id}"
    assert ref in {o.ref for o in open_tasks(earlier)}

    def reported(status: Status, agency: str | None) -> Dataset:
        report = StatusReport(ref, status, date(2026, 6, 30), agency=agency)
        quarter = replace(earlier.quarters[0], reports=(report,))
        return replace(earlier, quarters=(quarter,))

    lead = task.lead[0]
    assert ref not in {o.ref for o in open_tasks(reported(Status.DONE_ON_TIME, lead))}
    assert ref not in {o.ref for o in open_tasks(reported(Status.DROPPED, None))}
    assert ref in {o.ref for o in open_tasks(reported(Status.PAUSED, lead))}  # may resume
    other = "van-phong-tinh-uy-mau" if lead != "van-phong-tinh-uy-mau" else "ban-to-chuc-mau"
    assert ref in {o.ref for o in open_tasks(reported(Status.DONE_ON_TIME, other))}


def test_the_same_work_elsewhere_or_for_another_lead_is_not_proposed() -> None:
    _text, dataset = _earlier(1)
    candidates = open_tasks(replace(dataset, quarters=dataset.quarters[:1]))
    open_task = next(c for c in candidates if c.leads and "tại" in c.task.text)
    text = open_task.task.text.split(";")[0]
    leads = open_task.leads
    found = proposal("Tiếp tục " + text[0].lower() + text[1:], leads, candidates)
    assert found is not None and found[0].ref == open_task.ref and found[1] >= 90
    elsewhere = text.replace("Mẫu", "Mẫu Khác", 1) if "Mẫu" in text else text + " Mẫu Khác"
    moved = proposal(elsewhere.rsplit(" ", 1)[0] + " Mẫu Xa", leads, candidates)
    assert moved is None or moved[0].ref != open_task.ref
    assert proposal(text, frozenset({"khong-ai"}), candidates) is None
