"""Several documents in one quarter: the conference conclusion and the other directives
the province follows (`Conclusion.directives`), each task naming its document.

The fictional `two-quarters.yml` holds, in its second quarter, "Kế hoạch số 03-KH/TU"
carrying out "Nghị quyết số 01-NQ/TU", with lettered items under an addressee heading.
"""

from __future__ import annotations

import copy
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from reporting import csv_rows, write_csv
from sitecheck import REPO

from ketluan.cli import main
from ketluan.fictional import Scale, dump, generate
from ketluan.index.site_index import build_index
from ketluan.ingest.review_page import reading
from ketluan.load import load, load_with_marks, validate_text
from ketluan.model.keys import TaskRef
from ketluan.model.outline import text_tasks
from ketluan.outputs.blank_sheets import write_sheets
from ketluan.outputs.exports import task_rows
from ketluan.problems import DataError
from ketluan.render import urls
from ketluan.render.plan import plan
from ketluan.review.cards import cards_of
from ketluan.review.changes import answer
from ketluan.review.session import Session

DATA = REPO / "tests/data/two-quarters.yml"
PLAN = "03-kh-tu-2026"
REF = f"2026-q2/{PLAN}/II.1.a"


def test_a_task_ref_carries_its_document_and_reads_back() -> None:
    ref = TaskRef.parse(REF)
    assert (ref.quarter, ref.document, ref.task) == ("2026-q2", PLAN, "II.1.a")
    assert str(ref) == REF
    plain = TaskRef.parse("2026-q1/II.2.6")
    assert (plain.quarter, plain.document, plain.task) == ("2026-q1", None, "II.2.6")
    assert str(plain) == "2026-q1/II.2.6"


def test_every_task_of_the_quarter_s_directives_is_an_entry_naming_its_document() -> None:
    index = build_index(load(DATA), "2026-q2")
    entry = index.by_ref[REF]
    assert entry.directive is not None and entry.document_id == PLAN
    assert entry.source_label == "Kế hoạch số 03-KH/TU"
    assert entry.reference == "Mục II.1, điểm a"
    assert index.cited(entry) == "Kế hoạch số 03-KH/TU, Mục II.1, điểm a"
    assert entry.anchor == "nv-03-kh-tu-2026-ii-1-a"
    # The lead comes from the addressee heading "1. Đảng ủy Ủy ban nhân dân tỉnh Mẫu".
    assert [r.agency.id for r in entry.lead] == ["dang-uy-ubnd-tinh"]
    assert [r.heading for r in entry.lead] == ["1"]
    # The conclusion's tasks keep their refs and name their conclusion.
    conclusion_task = index.by_ref["2026-q2/II.1"]
    assert conclusion_task.directive is None
    assert index.cited(conclusion_task) == "Kết luận Quý II/2026, Mục II.1"
    # The footnote of a directive's task is the directive's own.
    principle = index.by_ref[f"2026-q2/{PLAN}/I-1"]
    assert [f.text for f in principle.footnotes] == ["Nghị quyết mẫu, hư cấu."]


def test_an_agency_s_page_holds_the_tasks_of_every_document() -> None:
    index = build_index(load(DATA), "2026-q2")
    lead = index.agencies["dang-uy-ubnd-tinh"]
    assert {e.ref for e in lead.lead} == {"2026-q2/II.2", REF, f"2026-q2/{PLAN}/II.1.b"}
    assert [d.entry.ref for d in lead.dues] == ["2026-q2/II.1", REF]  # addressed, then own
    support = index.agencies["van-phong-tinh-uy"]
    assert [e.ref for e in support.support] == [REF]
    receiver = index.agencies["ban-thuong-vu-tinh-uy"]
    assert f"2026-q2/{PLAN}/II.1.b" in {e.ref for e in receiver.reports_to_it}


def test_a_report_on_a_directive_s_task_gives_its_state() -> None:
    index = build_index(load(DATA), "2026-q2")
    assert index.state(index.by_ref[REF]).label == "đang thực hiện"


def test_the_document_page_knows_the_directive_and_the_chain_it_carries_out() -> None:
    index = build_index(load(DATA), "2026-q2")
    plan_view = index.documents[PLAN]
    assert plan_view.directive is not None and plan_view.quarter is not None
    assert plan_view.quarter.key == "2026-q2"
    assert [e.ref for e in plan_view.tasks][1:3] == [REF, f"2026-q2/{PLAN}/II.1.b"]
    # A row of its assignment table is a task like any, cited by its row.
    row = index.by_ref[f"2026-q2/{PLAN}/III.1"]
    assert row.reference == "Mục III, dòng 1" and row.task.cells[2] == "Quý III/2026"
    assert [d.date for d in row.task.deadlines] == [date(2026, 9, 30)]
    resolution = index.documents["01-nq-tu-2025"]
    assert [d.id for d in resolution.carried_out_by] == [PLAN]
    assert [v.document.id for v in index.directives] == [PLAN]
    # An earlier version holds nothing of a later quarter's directive.
    earlier = build_index(load(DATA), "2026-q1")
    assert PLAN not in earlier.documents and not earlier.several_texts


def test_the_csv_export_names_each_task_s_document() -> None:
    index = build_index(load(DATA), "2026-q2")
    rows = {r["Mã nhiệm vụ"]: r for r in task_rows(index)}
    assert rows[REF]["Văn bản"] == "Kế hoạch số 03-KH/TU"
    assert rows["2026-q2/II.1"]["Văn bản"] == "Kết luận Quý II/2026"


def test_an_agency_reports_on_a_directive_s_task_with_its_sheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "mau.yml"
    shutil.copy(DATA, data)
    index = build_index(load(data))
    write_sheets(index, tmp_path / "site")
    sheet = tmp_path / "site" / urls.report_sheet("van-phong-tinh-uy", "2026-q2", "csv")
    rows = csv_rows(sheet)
    line = next(r for r in rows if r[0] == REF)
    assert line[1] == "Kế hoạch số 03-KH/TU, Mục II.1, điểm a"
    day = (index.as_of + timedelta(days=20)).isoformat()
    write_csv(sheet, [rows[0], [*line[:5], "đang thực hiện", day, "", "", "", "phần phối hợp"]])
    code = main(["reports", "import", str(sheet), "--quarter", "2026-q2", "--data", str(data)])
    assert code == 0, capsys.readouterr()
    after = build_index(load(data))
    (report,) = [r for r in after.reports[REF] if r.agency == "van-phong-tinh-uy"]
    assert report.note == "phần phối hợp"


def _broken(tmp_path: Path, change: str) -> list[str]:
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    directive = raw["quarters"][1]["directives"][0]
    if change == "unknown document":
        directive["document"] = "khong-co"
    elif change == "twice in the file":
        raw["quarters"][0]["directives"] = [copy.deepcopy(directive)]
    elif change == "repeated task id":
        tasks = directive["sections"][1]["sections"][0]["tasks"]
        tasks[1]["id"] = tasks[0]["id"]
    path = tmp_path / "bad.yml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load(path)
    return [p.message for p in caught.value.problems]


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ("unknown document", "văn bản 'khong-co' không có trong danh mục 'documents'"),
        ("twice in the file", f"văn bản '{PLAN}' đã có ở quý 2026-q1"),
        ("repeated task id", f"mã nhiệm vụ 'II.1.a' bị trùng trong văn bản '{PLAN}'"),
    ],
)
def test_a_directive_that_cannot_stand_is_refused(tmp_path: Path, change: str, said: str) -> None:
    assert any(said in m for m in _broken(tmp_path, change))


PLAN_TEXT = """TỈNH ỦY MẪU
Số 07-KH/TU
Tỉnh Mẫu, ngày 10 tháng 8 năm 2026

KẾ HOẠCH
thực hiện Nghị quyết số 01-NQ/TU ngày 15/12/2025 về một đề án mẫu

Thực hiện Nghị quyết số 01-NQ/TU ngày 15/12/2025 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ \
Tỉnh ủy ban hành Kế hoạch thực hiện như sau:

I. NHIỆM VỤ, GIẢI PHÁP

1. Ban Mẫu Tỉnh ủy

a) Chủ trì, phối hợp với Văn phòng Tỉnh ủy tham mưu sơ kết việc thực hiện Nghị quyết, \
hoàn thành trước ngày 30/9/2026.

b) Báo cáo kết quả về Ban Thường vụ Tỉnh ủy trước ngày 25 hằng tháng.

2. Văn phòng Tỉnh ủy

a) Giao Ban Mẫu Tỉnh ủy chủ trì, phối hợp với Văn phòng Tỉnh ủy xây dựng phần mềm theo dõi, \
hoàn thành trong tháng 11/2026.

b) Triển khai các mô hình mẫu trong giai đoạn 2026 - 2030 theo lộ trình.

c) Hoàn thành trước khi trình Ban Chấp hành Đảng bộ tỉnh.

Nơi nhận:
- Các cơ quan mẫu,
- Lưu Văn phòng Tỉnh ủy.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ

Trần Thị Mẫu
"""


def _imported_plan(tmp_path: Path) -> Path:
    data = tmp_path / "mau.yml"
    shutil.copy(DATA, data)
    source = tmp_path / "ke-hoach.txt"
    source.write_text(PLAN_TEXT, encoding="utf-8")
    args = ["import", str(source), "--quarter", "2026-q2", "--data", str(data), "-o", str(data)]
    assert main(args) == 0  # written; its points to review hold back only publishing
    return data


def test_a_plan_imported_into_its_quarter_reads_its_forms(tmp_path: Path) -> None:
    loaded = load_with_marks(_imported_plan(tmp_path))
    quarter = loaded.dataset.quarters[-1]
    plan = quarter.directives[-1]
    assert plan.document == "07-kh-tu-2026" and plan.document_type == "KẾ HOẠCH"
    held = {d.id: d for d in loaded.dataset.documents}["07-kh-tu-2026"]
    assert (held.type, held.symbol, held.date) == ("Kế hoạch", "07-KH/TU", date(2026, 8, 10))
    assert [c.document for c in plan.cites] == ["01-nq-tu-2025"]  # the chain
    tasks = {t.id: (t, c) for t, c in text_tasks(plan)}
    assert list(tasks) == ["I.1.a", "I.1.b", "I.2.a", "I.2.b", "I.2.c"]
    given, _chain = tasks["I.2.a"]  # "Giao Ban Mẫu Tỉnh ủy chủ trì, phối hợp với …"
    assert (given.lead, given.support) == (("ban-mau-tinh-uy",), ("van-phong-tinh-uy",))
    monthly, _chain = tasks["I.1.b"]
    assert [r.phrase for r in monthly.recurrences] == ["trước ngày 25 hằng tháng"]
    assert monthly.report_to == ("ban-thuong-vu-tinh-uy",) and not monthly.lead
    at = ("quarters", 1, "directives", 1, "sections", 0, "sections", 1, "tasks")
    said = {m.path[-1]: m.problem.message for m in loaded.marks if m.path[:-1] == at}
    assert "khoảng thời gian “trong giai đoạn 2026 - 2030”" in said[1]
    assert "thời hạn theo sự kiện “trước khi trình Ban Chấp hành" in said[2]
    assert not tasks["I.2.b"][0].deadlines and not tasks["I.2.c"][0].deadlines


def test_the_clerk_reviews_an_imported_directive_beside_its_paragraphs(tmp_path: Path) -> None:
    data = _imported_plan(tmp_path)
    loaded = load_with_marks(data)
    read = reading(loaded, "2026-q2")
    titled = [e for e in read.entries if e.document == "Kế hoạch số 07-KH/TU"]
    assert [e.label for e in titled][:3] == ["Mở đầu", "I.1.a", "I.1.b"]
    first = ("quarters", 1, "directives", 1, "sections", 0, "sections", 0, "tasks", 0)
    lead = next(c for c in cards_of(loaded, "2026-q2") if c.kind == "lead" and c.path == first)
    assert "Ban Mẫu Tỉnh ủy" in lead.proposal  # from the heading "1. Ban Mẫu Tỉnh ủy"
    session = Session(data, data.name)
    session.change(session.state().version, lambda t: answer(t, lead, "accept", {}))
    left = {c.id for c in cards_of(load_with_marks(data), "2026-q2")}
    assert lead.id not in left


def test_a_province_year_of_directives_builds_one_version_with_every_assignment() -> None:
    # Four conclusions and their plans, instructions, notices, letters and programmes:
    # each directive has its own full text, and each of its tasks is on the page of
    # every agency it is given to.
    dataset = validate_text(dump(generate(Scale.province_year(0.2, quarters=2))), "mau.yml")
    index = build_index(dataset)
    pages = {p.src_uri for p in plan(index)}
    directives = index.conclusion.directives
    assert len(directives) == 2
    for directive in directives:
        assert f"van-ban/{directive.document}/toan-van.md" in pages
        view = index.documents[directive.document]
        assert view.tasks and all(e.directive is directive for e in view.tasks)
    given = [e for e in index.entries if e.directive is not None]
    assert given
    for entry in given:
        for agency in entry.bound:
            assert entry in index.agencies[agency.id].tasks, (entry.ref, agency.id)


def test_a_plan_the_registry_already_cites_becomes_that_document(tmp_path: Path) -> None:
    # "Kế hoạch số 02-KH/TU" is cited by the quarter's conclusion, so the registry holds
    # it ("02 - KH/TU", 2026): the plan received later is that document, not a new one.
    data = tmp_path / "mau.yml"
    shutil.copy(DATA, data)
    source = tmp_path / "ke-hoach.txt"
    source.write_text(PLAN_TEXT.replace("Số 07-KH/TU", "Số 02-KH/TU"), encoding="utf-8")
    before = len(load(data).documents)
    args = ["import", str(source), "--quarter", "2026-q2", "--data", str(data), "-o", str(data)]
    assert main(args) == 0
    dataset = load_with_marks(data).dataset
    assert dataset.quarters[-1].directives[-1].document == "02-kh-tu-2026"
    assert len(dataset.documents) == before
    index = build_index(dataset)
    assert index.documents["02-kh-tu-2026"].directive is not None
    assert [e.ref for e in index.documents["02-kh-tu-2026"].citing] == ["2026-q2/II.2"]
