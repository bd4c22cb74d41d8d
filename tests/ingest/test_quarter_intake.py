"""`import_quarter`, the library call under `ketluan import`: what it returns for the
real source, and what it refuses, without writing anything."""

from __future__ import annotations

from pathlib import Path

import pytest
from drafting import SOURCE
from sitecheck import REAL_DATA, REAL_QUARTER

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


def test_a_quarter_the_data_holds_is_refused_before_the_file_is_read(tmp_path: Path) -> None:
    with pytest.raises(QuarterTaken, match="quý 2026-q1 đã có"):
        import_quarter(tmp_path / "khong-co.docx", REAL_QUARTER, REAL_DATA, name="x")


def test_a_file_no_reader_takes_is_a_source_error(tmp_path: Path) -> None:
    odd = tmp_path / "kl.odt"
    odd.write_bytes(b"PK")
    with pytest.raises(SourceError, match=r"\.odt"):
        import_quarter(odd, "2026-q2", REAL_DATA, name="x")
