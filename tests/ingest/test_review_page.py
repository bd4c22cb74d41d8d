"""The review page of `ketluan import --review` (ketluan.ingest.review_page): every
paragraph beside its draft, the marks first with their lines, nothing loaded from
anywhere, and whatever the received file carries shown as text."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from drafting import SOURCE
from hostile import payload
from sitecheck import REAL_QUARTER

from ketluan.cli import main
from ketluan.load import load_with_marks
from ketluan.model.outline import walk_tasks


def _import(source: Path, registry: Path, tmp_path: Path) -> tuple[int, Path, Path]:
    out, page = tmp_path / "draft.yml", tmp_path / "ra-soat.html"
    args = ["import", str(source), "--quarter", REAL_QUARTER, "--data", str(registry)]
    return main([*args, "-o", str(out), "--review", str(page)]), out, page


def _text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_every_paragraph_and_every_mark_is_on_the_page(
    registry: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, page = _import(SOURCE, registry, tmp_path)
    assert code == 0
    assert "Đã viết trang rà soát" in capsys.readouterr().out
    raw = page.read_text(encoding="utf-8")
    shown = _text(raw)
    loaded = load_with_marks(out)
    quarter = loaded.dataset.quarters[0]
    for task, _chain in walk_tasks(quarter.sections):
        assert task.text in shown, task.id
        assert f'id="{task.anchor}"' in raw
    assert all(p in shown for p in (quarter.preamble, *quarter.review.paragraphs))
    assert f"{len(loaded.marks)} điểm cần rà soát" in shown
    for mark in loaded.marks:  # each with the line of the data file it stands on
        assert mark.problem.message in shown
        assert f"{out}:{mark.problem.line}:{mark.problem.column}" in shown
    assert shown.index("Điểm cần rà soát") < shown.index(quarter.preamble)
    assert '<mark class="agency"' in raw and '<mark class="deadline"' in raw
    # Offline: nothing to fetch, and a policy that would refuse it anyway.
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", raw)
    assert "default-src 'none'" in raw


def test_what_the_file_carries_is_shown_as_text(registry: Path, tmp_path: Path) -> None:
    text = SOURCE.read_text(encoding="utf-8")
    attack = f" <script>alert(1)</script> {{{{ 7*7 }}}} {{% raw %}}{payload()}"
    anchor = (
        "Đẩy mạnh giải ngân kế hoạch vốn đầu tư công là nhiệm vụ chính trị trọng tâm, quan trọng."
    )
    assert anchor in text
    source = tmp_path / "kl.txt"
    source.write_text(text.replace(anchor, anchor + attack), encoding="utf-8")
    code, _out, page = _import(source, registry, tmp_path)
    assert code == 0
    raw = page.read_text(encoding="utf-8")
    assert "<script" not in raw and "<img" not in raw
    assert "{{ 7*7 }}" in _text(raw) and "&lt;script&gt;alert(1)&lt;/script&gt;" in raw


def test_a_conclusion_without_a_signature_is_drafted_with_a_marked_placeholder(
    registry: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before #24 such a draft was refused and nothing was written.
    text = SOURCE.read_text(encoding="utf-8")
    source = tmp_path / "kl.txt"
    source.write_text(text[: text.index("T/L BAN THƯỜNG VỤ")], encoding="utf-8")  # no signer
    code, out, page = _import(source, registry, tmp_path)
    assert code == 0 and out.exists() and page.exists()
    assert "không đọc được khối chữ ký" in capsys.readouterr().err
    assert "không đọc được khối chữ ký" in _text(page.read_text(encoding="utf-8"))


def test_a_draft_the_checker_rejects_writes_no_page_and_no_draft(
    registry: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every draft should pass the checker; should one not (a fault of the importer),
    # nothing is written and no message points into a file that was not written.
    from ketluan.ingest import intake
    from ketluan.ingest.datafile import with_quarter
    from ketluan.ingest.draft import QuarterDraft

    def broken(text: str, drafted: QuarterDraft) -> str:
        return with_quarter(text, drafted).replace("meeting_date: 2026-04-24", "meeting_date: x")

    monkeypatch.setattr(intake, "with_quarter", broken)
    code, out, page = _import(SOURCE, registry, tmp_path)
    assert code == 1
    err = capsys.readouterr().err
    assert "meeting_date" in err and "lỗi của ketluan" in err and "draft.yml:" not in err
    assert not page.exists() and not out.exists()
    assert not list(tmp_path.glob("*.dang-viet"))
