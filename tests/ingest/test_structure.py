"""A conclusion's structure from a text export (ketluan.ingest.plain, .structure): on the
real source, and on fictional quarters printed as text and read back, across seeds."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from agreement import draft_agreement, redraft
from docx_maker import Doc, Para, write_docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sitecheck import REAL_QUARTER, REPO
from word_documents import OUTLINE, as_official_word, as_word, word_paragraphs

from ketluan.fictional import Scale, dump, generate
from ketluan.fictional.document import as_text_export
from ketluan.ingest.document import SourceError
from ketluan.ingest.plain import read_text_export
from ketluan.ingest.structure import Outline, coverage, outline
from ketluan.ingest.word import read_docx
from ketluan.load import validate_text
from ketluan.model import Conclusion, Dataset
from ketluan.model.outline import walk_tasks


def assert_agrees(draft: Outline, conclusion: Conclusion) -> None:
    want = {t.id: (t.marker, t.text) for t, _chain in walk_tasks(conclusion.sections)}
    assert {i: (t.marker, t.text) for i, t in draft.tasks().items()} == want
    assert draft.document_type == conclusion.document_type
    assert draft.heading == list(conclusion.heading)
    assert draft.preamble == conclusion.preamble
    assert draft.review == list(conclusion.review.paragraphs)
    assert draft.footnotes == {f.number: f.text for f in conclusion.footnotes}
    assert draft.recipients == [r.text for r in conclusion.recipients]
    assert draft.leftovers == []


def test_the_real_source_reads_as_the_curated_quarter(real_dataset: Dataset) -> None:
    real = next(q for q in real_dataset.quarters if q.key == REAL_QUARTER)
    assert real.source is not None
    assert_agrees(outline(read_text_export(REPO / real.source)), real)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=10_000))
def test_fictional_quarters_read_back_whatever_the_seed(seed: int) -> None:
    scale = Scale(
        quarters=2, agencies=24, communes=8, tasks_per_quarter=24, documents=12, seed=seed
    )
    dataset = validate_text(dump(generate(scale)), "mau.yml")
    for conclusion in dataset.quarters:
        path = Path(f"/tmp/ketluan-ingest-{seed}-{conclusion.key}.txt")
        path.write_text(as_text_export(conclusion), encoding="utf-8")
        try:
            assert_agrees(outline(read_text_export(path)), conclusion)
        finally:
            path.unlink()


def test_a_text_in_another_encoding_is_said_in_vietnamese(tmp_path: Path) -> None:
    legacy = tmp_path / "cu.txt"
    legacy.write_bytes(b"K\xcaT LU\xc2N \xd0\xc3NG")  # "KÊT LUÂN ĐĂNG" in Windows-1258
    with pytest.raises(SourceError, match="UTF-8"):
        read_text_export(legacy)


# Word's own numbering for a conclusion: parts "I.", headings "1.", items "2.1.", bullets.
def test_a_fictional_quarter_as_a_word_file_reads_back(tmp_path: Path) -> None:
    scale = Scale(quarters=1, agencies=24, communes=8, tasks_per_quarter=24, documents=12)
    conclusion = validate_text(dump(generate(scale)), "mau.yml").quarters[0]
    document = read_docx(as_word(conclusion, tmp_path / "mau.docx"))
    draft = outline(document)
    want = {t.id: (t.marker, t.text) for t, _chain in walk_tasks(conclusion.sections)}
    assert {i: (t.marker, t.text) for i, t in draft.tasks().items()} == want
    assert draft.footnotes == {f.number: f.text for f in conclusion.footnotes}


@pytest.mark.parametrize("seed", range(3))
def test_an_official_word_layout_drafts_back_with_its_number_and_date(
    seed: int, tmp_path: Path
) -> None:
    scale = Scale(quarters=2, agencies=24, communes=8, tasks_per_quarter=24, documents=12)
    scale = replace(scale, seed=seed)
    text = dump(generate(scale))
    last = validate_text(text, "mau.yml").quarters[-1]
    source = as_official_word(last, tmp_path / "mau.docx")
    document = read_docx(source)
    assert document.header[0].endswith(f"Số {last.symbol}")
    assert not any("ĐẢNG CỘNG SẢN" in p.text for p in document.paragraphs)
    loaded, curated = redraft(text, source, last.key)
    drafted = loaded.dataset.quarters[-1]
    assert (drafted.symbol, drafted.issued_on) == (last.symbol, last.issued_on)
    figures = draft_agreement(loaded.dataset, last.key, curated, last.key)
    # Support apart (IV.1's supporters are not named in its text, as in the real one),
    # every field as generated: title lines, recipients and signer out of their tables.
    support = figures.pop("support")
    assert support[0] / support[1] >= 0.9
    assert all(same == total for same, total in figures.values()), figures
    assert [r.text for r in drafted.recipients] == [r.text for r in last.recipients]


def test_coverage_names_the_paragraph_placed_nowhere(tmp_path: Path) -> None:
    text = (REPO / "data/sources/hung-yen-ket-luan-quy-I-2026.txt").read_text(encoding="utf-8")
    stray = "Đoạn lạc giữa phần mở đầu và phần I, không thuộc mục nào."
    source = tmp_path / "kl.txt"
    source.write_text(text.replace("\nI. ", f"\n{stray}\n\nI. ", 1), encoding="utf-8")
    document = read_text_export(source)
    draft = outline(document)
    held, missing = coverage(document, draft)
    assert missing == [stray] and held == len(document.paragraphs) - 1
    assert draft.leftovers == [stray]


def test_the_real_title_set_a_line_per_paragraph_is_one_heading(
    real_dataset: Dataset, tmp_path: Path
) -> None:
    real = next(q for q in real_dataset.quarters if q.key == REAL_QUARTER)
    body = word_paragraphs(real, closing=False)
    title = [Para([(line, False)]) for line in real.heading]  # its lines end with ";"
    doc = Doc([body[0], *title, *body[2:]], abstracts={1: OUTLINE}, nums={1: (1, {})})
    draft = outline(read_docx(write_docx(tmp_path / "kl.docx", doc)))
    assert draft.heading == list(real.heading)
    assert draft.preamble == real.preamble
