"""`ketluan import`: a received conclusion drafted into the data file, checked, and
what needs a person listed (ketluan.ingest.draft, ketluan.ingest.source, ketluan.cli)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from agreement import draft_agreement, redraft
from drafting import SOURCE, assert_drafts_back, assert_floors, fictional
from sitecheck import REAL_DATA, REAL_QUARTER

from ketluan.cli import main
from ketluan.fictional.document import as_text_export
from ketluan.load import load
from ketluan.model import Dataset
from ketluan.model.outline import effective_lead, walk_tasks


def test_the_real_source_drafts_a_quarter_the_checker_accepts(
    registry: Path, tmp_path: Path, real_dataset: Dataset, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "draft.yml"
    args = ["import", str(SOURCE), "--quarter", REAL_QUARTER, "--data", str(registry)]
    assert main([*args, "-o", str(out)]) == 0
    said = capsys.readouterr().out
    assert "hợp lệ" in said
    assert "Đã xếp 56/56 đoạn của văn bản vào bản nháp." in said  # every one in its place
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
    data = ["--data", str(REAL_DATA)]
    assert main(["import", str(SOURCE), "--quarter", REAL_QUARTER, *data]) == 1  # already there
    assert "đã có Kết luận này trong" in capsys.readouterr().err
    for name, words in (("kl.pdf", "tệp PDF bị hỏng"), ("kl.doc", "lưu lại dưới dạng .docx")):
        (tmp_path / name).write_bytes(b"%PDF-1.7")
        assert main(["import", str(tmp_path / name), "--quarter", "2026-q2", *data]) == 1
        err = capsys.readouterr().err
        assert err.startswith("lỗi: không đọc được tệp Kết luận:") and words in err


def _drafted_tasks(sections: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for section in sections:
        yield from section.get("tasks", [])
        yield from _drafted_tasks(section.get("sections", []))


def _import(source: Path, registry: Path, out: Path) -> dict[str, Any]:
    assert (
        main(
            [
                "import",
                str(source),
                "--quarter",
                REAL_QUARTER,
                "--data",
                str(registry),
                "-o",
                str(out),
            ]
        )
        == 0
    )
    data: dict[str, Any] = yaml.safe_load(out.read_text(encoding="utf-8"))
    return data


def test_what_was_inferred_carries_a_review_mark_and_nothing_read_does(
    registry: Path, tmp_path: Path, real_dataset: Dataset, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _import(SOURCE, registry, tmp_path / "draft.yml")
    tasks = list(_drafted_tasks(data["quarters"][0]["sections"]))
    curated = next(q for q in real_dataset.quarters if q.key == REAL_QUARTER)
    inherited = {
        t.id
        for t, chain in walk_tasks(curated.sections)
        if all(i for _, i in effective_lead(t, chain))
    }
    marked = {
        t["id"] for t in tasks if any(n.startswith("lead:") for n in t.get("needs_review", []))
    }
    assert marked == inherited  # exactly the leads a heading gives, in the curated data too
    deadlines = [d for t in tasks for d in t.get("deadlines", [])]

    def noted(d: dict[str, Any], field: str) -> bool:
        return any(n.startswith(f"{field}:") for n in d.get("needs_review", []))

    # A year inferred from the quarter, exactly where the phrase gives none, and a year
    # that may only say which works ("… khởi công các công trình trong năm 2026"); a
    # report's deadline proposed, exactly where the draft says report.
    may_qualify = [d for d in deadlines if "có thể chỉ nói công việc của năm nào" in str(d)]
    assert [d["date"].isoformat() for d in may_qualify] == ["2026-12-31"]
    assert "theo sau “công trình”" in str(may_qualify[0])
    assert {d["phrase"] for d in deadlines if noted(d, "date") and d not in may_qualify} == {
        d["phrase"] for d in deadlines if not re.search(r"\d{4}", d["phrase"])
    }
    assert [noted(d, "report") for d in deadlines] == [bool(d.get("report")) for d in deadlines]
    err = capsys.readouterr().err
    assert f"còn {_marks(data)} điểm cần rà soát" in err
    assert re.search(
        r"draft\.yml:\d+:\d+: quarters\[0\]\.sections\[0\]\.sections\[0\]\.tasks\[0\]: "
        r"cần rà soát: lead:",
        err,
    )


def _marks(value: Any) -> int:
    """How many review notes stand anywhere in `value`."""
    if isinstance(value, dict):
        return len(value.get("needs_review", [])) + sum(_marks(v) for v in value.values())
    if isinstance(value, list):
        return sum(_marks(v) for v in value)
    return 0


def test_documents_the_registry_lacks_are_proposed_with_what_the_text_says(
    registry: Path, tmp_path: Path, real_dataset: Dataset
) -> None:
    raw = yaml.safe_load(registry.read_text(encoding="utf-8"))
    raw["documents"] = []
    empty = tmp_path / "khong-van-ban.yml"
    empty.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    data = _import(SOURCE, empty, tmp_path / "draft.yml")
    proposed = {d["symbol"]: d for d in data["documents"] if "symbol" in d}
    assert all(d["needs_review"][0].startswith("văn bản mới") for d in proposed.values())
    curated = {d.symbol: d for d in real_dataset.documents if d.symbol}
    assert set(proposed) == set(curated)  # every numbered document the text cites
    for symbol, doc in proposed.items():
        want = curated[symbol]
        assert doc.get("type") == want.type, symbol
        assert doc.get("date") == want.date, symbol  # only the date the text gives
        assert doc.get("body") in (None, want.body), symbol
    bodies = sum(doc.get("body") == curated[s].body for s, doc in proposed.items())
    assert bodies / len(proposed) >= 0.8
    assert all("subject" not in d for d in proposed.values())  # never guessed
    cited = {
        c["document"]
        for t in _drafted_tasks(data["quarters"][0]["sections"])
        for c in t.get("cites", [])
    }
    assert cited <= {d["id"] for d in data["documents"]}


def test_the_whole_draft_agrees_with_the_curated_quarter_field_by_field() -> None:
    # Measured (benchmarks/import_draft.py): 100 % on every field but support and
    # citations, 95 % each (IV.1's supporters; II.1's unnumbered references).
    loaded, curated = redraft(REAL_DATA.read_text(encoding="utf-8"), SOURCE, REAL_QUARTER)
    assert_floors(draft_agreement(loaded.dataset, REAL_QUARTER, curated, REAL_QUARTER), 0.95)


@pytest.mark.parametrize("seed", range(5))
def test_fictional_quarters_draft_back_to_what_generated_them(seed: int, tmp_path: Path) -> None:
    text, last = fictional(seed)
    source = tmp_path / "mau.txt"
    source.write_text(as_text_export(last), encoding="utf-8")
    assert_drafts_back(text, source, last.key, 0.95)


def test_with_the_registry_no_agency_is_proposed_and_without_it_most_are_found() -> None:
    data = REAL_DATA.read_text(encoding="utf-8")
    loaded, _curated = redraft(data, SOURCE, REAL_QUARTER)
    assert not [m for m in loaded.marks if m.path[0] == "agencies"]
    # Measured without any registry: lead 90 %, support 93 %, citations 90 % (the
    # agencies proposed from the text, compared by their names); the goal is 85 %.
    bare, curated = redraft(data, SOURCE, REAL_QUARTER, registry=False)
    assert_floors(draft_agreement(bare.dataset, REAL_QUARTER, curated, REAL_QUARTER), 0.85)
    assert {m.path[0] for m in bare.marks} >= {"agencies", "documents"}
