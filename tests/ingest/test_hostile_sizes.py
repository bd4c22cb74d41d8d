"""Small received files that would hang the importer or take gigabytes end in seconds
with one Vietnamese line (#23.2). Each runs in a child process with a time and memory
ceiling, so a regression fails here instead of hanging the suite."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import hostile_files as make
import pytest

from ketluan.ingest.document import SourceError
from ketluan.ingest.isolated import read_isolated
from ketluan.ingest.source import read_source

SECONDS = 20
MEMORY = 1024 * 1024 * 1024  # 1 GiB of address space beyond what Python starts with


def _import(path: Path) -> subprocess.CompletedProcess[str]:
    """`read_source` of `path` in a child process held to SECONDS and MEMORY."""

    def ceiling() -> None:  # pragma: no cover - runs in the child
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY + 512 * 1024 * 1024,) * 2)

    code = (
        "import sys; from pathlib import Path\n"
        "from ketluan.ingest.document import SourceError\n"
        "from ketluan.ingest.source import read_source\n"
        "try:\n"
        "    read_source(Path(sys.argv[1]))\n"
        "except SourceError as exc:\n"
        "    print(exc)\n"
        "    sys.exit(3)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        timeout=SECONDS,
        preexec_fn=ceiling,
        check=False,
    )


@pytest.mark.parametrize(
    ("fmt", "start"),
    [
        ("upperRoman", "2000000000"),
        ("upperRoman", "1" + "0" * 3999),
        ("lowerLetter", "13000000000"),
    ],
)
def test_a_numbering_start_no_word_file_has_is_refused_at_once(
    tmp_path: Path, fmt: str, start: str
) -> None:
    done = _import(make.numbered_from(tmp_path, fmt, start))
    assert done.returncode == 3, done.stderr[-500:]
    assert "đánh số" in done.stdout and "32767" in done.stdout


def test_a_numbering_level_that_is_not_a_number_is_said_in_one_line(tmp_path: Path) -> None:
    done = _import(make.level_not_a_number(tmp_path))
    assert done.returncode in (0, 3), done.stderr[-500:]  # read, or refused in one line


def test_a_paragraph_no_conclusion_has_is_refused_in_one_line(tmp_path: Path) -> None:
    # The red team's file: one paragraph of 728,541 runs (7 MB of text), which the
    # importer's later steps would read for a quarter of an hour.
    done = _import(make.many_runs(tmp_path))
    assert done.returncode == 3, done.stderr[-500:]
    assert "MB" in done.stdout  # its document part alone is 25 MB


def test_a_paragraph_longer_than_any_conclusions_is_refused(tmp_path: Path) -> None:
    done = _import(make.long_paragraph(tmp_path))
    assert done.returncode == 3, done.stderr[-500:]
    assert "đoạn 2 dài 720.000 ký tự" in done.stdout


def test_a_part_larger_than_its_zip_header_says_is_refused(tmp_path: Path) -> None:
    done = _import(make.understated_part(tmp_path))
    # Python's zip reader stops where the header says and finds the checksum wrong.
    assert done.returncode == 3, done.stderr[-500:]
    assert "MB" in done.stdout or "bị hỏng" in done.stdout


def test_a_huge_text_export_is_refused_at_once(tmp_path: Path) -> None:
    done = _import(make.huge_text(tmp_path))
    assert done.returncode == 3, done.stderr[-500:]
    assert "MB" in done.stdout


def test_a_pdf_of_two_hundred_thousand_pages_is_refused_at_once(tmp_path: Path) -> None:
    done = _import(make.many_pages(tmp_path))
    assert done.returncode == 3, done.stderr[-500:]
    assert "hơn 500 trang" in done.stdout


def test_a_pdf_page_of_a_hundred_thousand_tiny_characters_is_refused(tmp_path: Path) -> None:
    path = make.dense_pages(tmp_path)
    assert path.stat().st_size < 30_000
    done = _import(path)
    assert done.returncode == 3, done.stderr[-500:]
    assert "trang 1 của tệp PDF" in done.stdout


def test_pages_packed_in_a_compressed_object_stream_are_refused_at_once(tmp_path: Path) -> None:
    # No page object or page count in the file's plain bytes: pdfminer took 52 s and
    # 600 MB to parse the stream before counting a page.
    done = _import(make.pages_in_object_stream(tmp_path))
    assert done.returncode == 3, done.stderr[-500:]
    assert "hơn 50.000 đối tượng" in done.stdout


def test_a_file_that_hides_its_weight_is_ended_at_the_readers_ceiling(tmp_path: Path) -> None:
    # Six objects declared, but one page named 200,000 times in a compressed page tree:
    # seconds of parsing no limit sees beforehand. The child reading it is ended.
    path = make.pages_in_object_stream(tmp_path, one_page=True)
    with pytest.raises(SourceError, match="đọc tệp quá 1 giây"):
        read_isolated(path, seconds=1)


def test_the_readers_child_hands_back_the_document_it_read(tmp_path: Path) -> None:
    path = tmp_path / "kl.txt"
    path.write_text(
        "TỈNH ỦY MẪU\n\nKẾT LUẬN\n\n1. Văn phòng Tỉnh ủy Mẫu theo dõi.\n", encoding="utf-8"
    )
    assert read_isolated(path) == read_source(path)
