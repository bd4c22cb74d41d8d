"""A conclusion's structure from a text export (macros.ingest.plain, .structure): on the
real source, and on fictional quarters printed as text and read back, across seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sitecheck import REAL_QUARTER, REPO

from macros.fictional import Scale, dump, generate
from macros.fictional.document import as_text_export
from macros.ingest.plain import read_text_export
from macros.ingest.structure import Draft, outline
from macros.ingest.word import WordError
from macros.load import validate_text
from macros.model import Conclusion, Dataset
from macros.model.outline import walk_tasks


def assert_agrees(draft: Draft, conclusion: Conclusion) -> None:
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
    with pytest.raises(WordError, match="UTF-8"):
        read_text_export(legacy)
