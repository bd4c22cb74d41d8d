"""`ketluan import`: a received conclusion drafted into the data file, checked, and
what needs a person listed (macros.ingest.draft, macros.ingest.source, macros.cli)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitecheck import REAL_QUARTER, REPO

from macros.cli import main
from macros.load import load
from macros.model import Dataset
from macros.model.outline import effective_lead, walk_tasks

SOURCE = REPO / "data/sources/hung-yen-ket-luan-quy-I-2026.txt"


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    """The real data's registries, without its quarter: what an import starts from."""
    text = (REPO / "data/directives.yml").read_text(encoding="utf-8")
    path = tmp_path / "registry.yml"
    path.write_text(text[: text.index("\nquarters:")] + "\nquarters: []\n", encoding="utf-8")
    return path


def test_the_real_source_drafts_a_quarter_the_checker_accepts(
    registry: Path, tmp_path: Path, real_dataset: Dataset, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "draft.yml"
    args = ["import", str(SOURCE), "--quarter", REAL_QUARTER, "--data", str(registry)]
    assert main([*args, "-o", str(out)]) == 0
    assert "hợp lệ" in capsys.readouterr().out
    drafted = load(out).quarters[0]
    curated = next(q for q in real_dataset.quarters if q.key == REAL_QUARTER)
    mine = {t.id: (t, chain) for t, chain in walk_tasks(drafted.sections)}
    theirs = {t.id: (t, chain) for t, chain in walk_tasks(curated.sections)}
    assert list(mine) == list(theirs)
    assert all(mine[i][0].text == t.text for i, (t, _c) in theirs.items())
    assert all(
        {d.date for d in mine[i][0].deadlines} == {d.date for d in t.deadlines}
        for i, (t, _c) in theirs.items()
    )
    leads = sum(
        {a for a, _ in effective_lead(*mine[i])} == {a for a, _ in effective_lead(t, c)}
        for i, (t, c) in theirs.items()
    )
    assert leads / len(theirs) >= 0.95  # measured: 40 of 41 (IV.1's supporters apart)
    assert (drafted.meeting_date, drafted.issuing_body) == (
        curated.meeting_date,
        curated.issuing_body,
    )
    assert drafted.signer == curated.signer
    assert drafted.footnotes == curated.footnotes


def test_an_import_never_writes_over_the_data_unless_told(
    registry: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = registry.read_bytes()
    args = ["import", str(SOURCE), "--quarter", REAL_QUARTER, "--data", str(registry)]
    assert main(args) == 0  # no -o: the draft goes to the screen
    assert "- key: 2026-q1" in capsys.readouterr().out
    assert registry.read_bytes() == before


def test_what_cannot_be_imported_is_said_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(SOURCE), "--quarter", REAL_QUARTER]) == 1  # already there
    assert "đã có trong" in capsys.readouterr().err
    for name, words in (("kl.pdf", "chưa đọc được PDF"), ("kl.doc", "lưu lại dưới dạng .docx")):
        (tmp_path / name).write_bytes(b"%PDF-1.7")
        assert main(["import", str(tmp_path / name), "--quarter", "2026-q2"]) == 1
        err = capsys.readouterr().err
        assert err.startswith("lỗi: không đọc được tệp Kết luận:") and words in err
