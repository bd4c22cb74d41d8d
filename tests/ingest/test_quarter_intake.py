"""`import_quarter`, the library call under `ketluan import`: what it returns for the
real source, and what it refuses, without writing anything."""

from __future__ import annotations

from pathlib import Path

import pytest
from drafting import SOURCE
from sitecheck import REAL_DATA, REAL_QUARTER

from ketluan.cli import main
from ketluan.ingest.document import SourceError
from ketluan.ingest.intake import QuarterTaken, import_quarter
from ketluan.load import validate_with_marks


def test_the_real_source_comes_back_as_a_draft_with_what_to_review(registry: Path) -> None:
    before = registry.read_bytes()
    drafted = import_quarter(SOURCE, REAL_QUARTER, registry, name="nhap.yml", review=True)
    assert registry.read_bytes() == before  # nothing written: the caller writes
    assert drafted.title == "Quý I/2026"
    assert (drafted.placed, drafted.paragraphs) == (56, 56)
    loaded = validate_with_marks(drafted.text, "nhap.yml")
    assert [q.key for q in loaded.dataset.quarters] == [REAL_QUARTER]
    assert drafted.review is not None and "<html" in drafted.review
    assert all(isinstance(note, str) and note for note in drafted.notes)


def test_no_review_page_unless_asked(registry: Path) -> None:
    assert import_quarter(SOURCE, REAL_QUARTER, registry, name="nhap.yml").review is None


def test_the_conclusion_a_quarter_holds_is_refused_when_received_again() -> None:
    # Into a quarter the data holds, a file is another directive of it; the quarter's
    # own conclusion is not.
    with pytest.raises(QuarterTaken, match="quý 2026-q1 đã có Kết luận này"):
        import_quarter(SOURCE, REAL_QUARTER, REAL_DATA, name="x")


def test_a_file_no_reader_takes_is_a_source_error(tmp_path: Path) -> None:
    odd = tmp_path / "kl.odt"
    odd.write_bytes(b"PK")
    with pytest.raises(SourceError, match=r"\.odt"):
        import_quarter(odd, "2026-q2", REAL_DATA, name="x")


@pytest.mark.parametrize("case", ["review is the data file", "draft over the source", "folder"])
def test_an_import_never_writes_over_its_inputs_nor_into_a_folder(
    case: str, registry: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "ket-luan.txt"
    source.write_bytes(SOURCE.read_bytes())
    args = ["import", str(source), "--quarter", REAL_QUARTER, "--data", str(registry)]
    args += {
        "review is the data file": ["-o", str(tmp_path / "nhap.yml"), "--review", str(registry)],
        "draft over the source": ["-o", str(source)],
        "folder": ["--review", str(tmp_path)],
    }[case]
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err.startswith("lỗi: ") and err.count("\n") == 1, err
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before
    if case == "folder":  # named as given, and nothing left beside it
        assert str(tmp_path) in err
        assert not list(tmp_path.parent.glob("*dang-viet"))


# A conclusion from which nothing but its body can be read: no header, no meeting date,
# no issuing body in the opening, no review part, no signature (#24.3).
BARE = """KẾT LUẬN

Hội nghị của Tỉnh ủy Mẫu quý I năm 2026

Hội nghị đã thảo luận và thống nhất các nội dung sau:

II. Nhiệm vụ trọng tâm quý II năm 2026

1. Văn phòng Tỉnh ủy Mẫu tổng hợp tình hình, báo cáo trước ngày 30/6/2026.

2. Các cơ quan, đơn vị tổ chức thực hiện nghiêm túc Kết luận này.
"""


def test_a_conclusion_that_gives_little_is_still_a_valid_draft_with_marks(
    registry: Path, tmp_path: Path
) -> None:
    source = tmp_path / "ket-luan.txt"
    source.write_text(BARE, encoding="utf-8")
    drafted = import_quarter(source, "2026-q2", registry, name="nhap.yml", review=True)
    loaded = validate_with_marks(drafted.text, "nhap.yml")  # valid data: no DataError
    quarter = next(q for q in loaded.dataset.quarters if q.key == "2026-q2")
    said = " ".join(m.problem.message for m in loaded.marks)
    assert quarter.meeting_date.isoformat() == "2026-07-01" and "meeting_date đặt tạm" in said
    assert quarter.signer.name == "(chưa đọc được)" and "không đọc được khối chữ ký" in said
    assert quarter.review.number == "" and "không thấy phần đánh giá" in said
    assert "issuing_body đặt tạm" in said and "không đọc được số và ngày" in said
    assert drafted.review is not None and "meeting_date đặt tạm" in drafted.review


@pytest.mark.parametrize("output", [False, True])
def test_exit_status_and_messages_are_the_same_with_and_without_an_output_file(
    output: bool, registry: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "ket-luan.txt"
    source.write_text(BARE, encoding="utf-8")
    args = ["import", str(source), "--quarter", "2026-q2", "--data", str(registry)]
    draft = tmp_path / "nhap.yml"
    assert main(args + (["-o", str(draft)] if output else [])) == 0
    err = capsys.readouterr().err
    assert "không đọc được khối chữ ký" in err
    # Every located message points into a file that exists: the draft, when written.
    for line in err.splitlines():
        located = line.split(":", 1)[0]
        if located.endswith(".yml"):
            assert Path(located).exists(), line


@pytest.mark.parametrize("key", ["q3", "2026-q5", "2026q2"])
def test_a_key_that_names_no_quarter_is_one_line(
    key: str, registry: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(SOURCE), "--quarter", key, "--data", str(registry)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and key in err[0] and "2026-q2" in err[0], err
