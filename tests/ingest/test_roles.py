"""What a paragraph says (ketluan.ingest.roles): agencies in their roles, deadlines,
citations; and how far the reading agrees with curated data (the floors it is held to)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from agreement import agreement

from ketluan.fictional import Scale, dump, generate
from ketluan.ingest.roles import AgencyFinder, read_paragraph
from ketluan.load import validate_text
from ketluan.model import Agency, AgencyGroup, Dataset

FINDER = AgencyFinder(
    (
        Agency("ban-mau", "Ban Mẫu Tỉnh ủy", AgencyGroup.ADVISORY),
        Agency("so-mau", "Sở Mẫu", AgencyGroup.GOVERNMENT, variants=("sở mẫu",)),
        Agency("btv", "Ban Thường vụ Tỉnh ủy", AgencyGroup.LEADERSHIP),
    )
)


def test_names_are_found_without_regard_to_case_or_diacritics() -> None:
    found = FINDER.find("ban mau tinh uy phối hợp với SỞ MẪU")
    assert [agency for _s, _e, agency in found] == ["ban-mau", "so-mau"]


def test_roles_from_the_words() -> None:
    text = (
        "Trong tháng 5/2026, Ban Mẫu Tỉnh ủy chủ trì, phối hợp với Sở Mẫu rà soát, "
        "báo cáo Ban Thường vụ Tỉnh ủy."
    )
    reading = read_paragraph(text, FINDER, 2026)
    assert reading.lead == ("ban-mau",)
    assert reading.support == ("so-mau",)
    assert reading.report_to == ("btv",)
    assert reading.deadlines == (date(2026, 5, 31),)


def test_a_report_addressee_may_stand_after_ve_later_in_the_clause() -> None:
    text = (
        "Ban Mẫu Tỉnh ủy báo cáo về tình hình thực hiện; báo cáo kết quả hằng tháng về "
        "Ban Thường vụ Tỉnh ủy; rà soát, gửi Sở Mẫu."
    )
    reading = read_paragraph(text, FINDER, 2026)
    # "về tình hình" names nobody; "gửi Sở Mẫu" is in a clause with no "báo cáo".
    assert reading.report_to == ("btv",)


def test_a_targets_horizon_is_not_a_deadline() -> None:
    text = (
        "Sở Mẫu phấn đấu đến hết quý II năm 2026 tỷ lệ hồ sơ trực tuyến đạt trên 80%, "
        "hoàn thành trước 15/5/2026."
    )
    assert read_paragraph(text, FINDER, 2026).deadlines == (date(2026, 5, 15),)
    plain = "Sở Mẫu hoàn thành trong quý II năm 2026."
    assert read_paragraph(plain, FINDER, 2026).deadlines == (date(2026, 6, 30),)


def test_who_answers_for_delays_is_accountable_not_lead() -> None:
    reading = read_paragraph(
        "Sở Mẫu, nhất là người đứng đầu chịu trách nhiệm khi chậm.", FINDER, 2026
    )
    assert (reading.lead, reading.accountable) == ((), ("so-mau",))


def test_a_documents_date_and_a_scope_are_not_deadlines() -> None:
    text = (
        "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, tầm nhìn đến "
        "năm 2045, các nhiệm vụ của quý II năm 2026; báo cáo kết quả trước 15/6/2026."
    )
    reading = read_paragraph(text, FINDER, 2026)
    assert reading.deadlines == (date(2026, 6, 15),)
    assert reading.symbols == ("57-NQ/TW",)


def test_the_real_conclusion_reads_as_curated(real_dataset: Dataset) -> None:
    figures = agreement(real_dataset)
    # Goal ≥ 95 % on every field; IV.1's supporters and one stray "phối hợp" miss.
    for field, (same, total) in figures.items():
        assert same / total >= 0.95, (field, same, total)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_fictional_conclusions_floors(seed: int) -> None:
    scale = Scale(quarters=2, agencies=40, communes=12, tasks_per_quarter=60, documents=20)
    dataset = validate_text(dump(generate(replace(scale, seed=seed))), "mau.yml")
    figures = {field: same / total for field, (same, total) in agreement(dataset).items()}
    # Measured (benchmarks/import_draft.py, seeds 0–2): lead 98 %, support 98 %, report,
    # deadlines and citations 100 %: the floors keep what is reached.
    floors = {"lead": 0.95, "support": 0.95, "report_to": 0.98, "deadlines": 0.98}
    floors |= {"accountable": 0.99, "symbols": 0.99}
    for field, floor in floors.items():
        assert figures[field] >= floor, (field, figures[field])
