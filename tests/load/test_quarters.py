"""Reading a data file quarter by quarter (`ketluan.load.quarters`): the same dataset,
marks and problems as the whole-file read; a kept quarter read again only when its
text changed, and checked again only when what it read around it changed."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ketluan.caches import private_path
from ketluan.fictional import Scale, dump, generate
from ketluan.load import _validate_whole, validate_with_marks
from ketluan.load import quarters as by_quarter
from ketluan.load.quarters import QuarterCache, piece_key, read_by_quarter
from ketluan.load.split import split_quarters
from ketluan.problems import DataError

DATA = Path(__file__).resolve().parent.parent / "data"
TWO = (DATA / "two-quarters.yml").read_text(encoding="utf-8")


def _whole(text: str) -> Any:
    return _validate_whole(text, "du-lieu.yml", registry_only=False)


def _problems(read: Callable[[], object]) -> list[str]:
    with pytest.raises(DataError) as caught:
        read()
    return [str(p) for p in caught.value.problems]


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many quarters were parsed, and how many checked, by the quarter reader."""
    counts = {"parsed": 0, "checked": 0}

    def wrap(name: str, key: str) -> None:
        original = getattr(by_quarter, name)

        def counting(*args: Any, **kwargs: Any) -> Any:
            counts[key] += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(by_quarter, name, counting)

    wrap("_read_piece", "parsed")
    wrap("check_conclusion", "checked")
    return counts


def _read(text: str, cache: QuarterCache) -> Any:
    split = split_quarters(text)
    assert split is not None
    return read_by_quarter(split, "du-lieu.yml", cache)


def test_split_cuts_the_head_and_each_quarter_at_its_line() -> None:
    split = split_quarters(TWO)
    assert split is not None
    lines = TWO.split("\n")
    assert [p.line for p in split.quarters] == [
        n for n, line in enumerate(lines) if line.startswith("- key: 2026-q")
    ]
    assert "\n".join([split.head, "quarters:", *(p.text for p in split.quarters)]) == TWO


@pytest.mark.parametrize(
    "text",
    [
        "schema: 1\nquarters:\n  - key: 2026-q1\n",  # the list indented
        "quarters:\n- key: 2026-q1\nprovince: Mẫu\n",  # a key after the quarters
        "quarters: [{key: 2026-q1}]\n",  # a flow list
        "schema: 1\n",  # no quarters
        "quarters:\n- key: a\nquarters:\n- key: b\n",  # the key twice
    ],
)
def test_split_leaves_other_layouts_to_the_whole_file(text: str) -> None:
    assert split_quarters(text) is None


def test_a_quoted_line_at_column_zero_is_not_taken_for_a_quarter() -> None:
    # libyaml reads the quarter's title on across a line starting "- key:": the cut
    # there leaves a piece ending inside the quote, which does not parse alone.
    text = TWO.replace("  title: Quý II/2026\n", '  title: "Quý II/2026\n- key: 2099-q1"\n')
    assert text.count("\n- key: 2099-q1") == 1
    assert split_quarters(text) is not None
    cache = QuarterCache(None)
    assert _read(text, cache) is None
    assert _problems(lambda: validate_with_marks(text, "du-lieu.yml")) == _problems(
        lambda: _whole(text)
    )


@pytest.mark.parametrize("source", ["real", "two", "fictional"])
def test_quarter_by_quarter_reads_what_the_whole_file_holds(source: str) -> None:
    text = {
        "real": (DATA / "real-2026-q1.yml").read_text(encoding="utf-8"),
        "two": TWO,
        "fictional": dump(
            generate(
                Scale(
                    quarters=3,
                    agencies=40,
                    communes=10,
                    tasks_per_quarter=40,
                    documents=20,
                    directives=2,
                )
            )
        ),
    }[source]
    whole = _whole(text)
    cache = QuarterCache(None)
    first = _read(text, cache)
    again = _read(text, cache)
    assert first is not None and again is not None
    assert first[0] == whole.dataset == again[0]
    assert tuple(first[1]) == whole.marks == tuple(again[1])


def test_review_marks_keep_their_lines_when_the_head_grows() -> None:
    text = TWO.replace(
        "      continues: [2026-q1/II.2]\n",
        "      continues: [2026-q1/II.2]\n      needs_review: [Kiểm tra nhiệm vụ tiếp tục]\n",
    )
    cache = QuarterCache(None)
    assert _read(text, cache)[1] == list(_whole(text).marks)
    grown = text.replace(
        "documents:\n",
        "- id: ban-moi\n  name: Ban Mới Tỉnh ủy\n  group: co-quan-tham-muu\ndocuments:\n",
    )
    marks = _read(grown, cache)[1]
    assert marks == list(_whole(grown).marks)
    assert (
        len(marks) == 1
        and marks[0].problem.line
        == text.split("\n").index("      needs_review: [Kiểm tra nhiệm vụ tiếp tục]") + 1 + 3
    )


def test_an_unchanged_quarter_is_neither_parsed_nor_checked_again(
    counted: dict[str, int],
) -> None:
    cache = QuarterCache(None)
    _read(TWO, cache)
    assert counted == {"parsed": 2, "checked": 2}
    # The second quarter edited; an agency added that neither quarter names.
    edited = TWO.replace(
        "documents:\n",
        "- id: ban-moi\n  name: Ban Mới Tỉnh ủy\n  group: co-quan-tham-muu\ndocuments:\n",
    ).replace("Kết quả mẫu của quý II năm 2026.", "Kết quả mẫu của quý II năm 2026, đã sửa.")
    assert _read(edited, cache)[0] == _whole(edited).dataset
    assert counted == {"parsed": 3, "checked": 3}


def test_a_kept_quarter_is_checked_again_when_what_it_read_changed(
    counted: dict[str, int],
) -> None:
    cache = QuarterCache(None)
    _read(TWO, cache)
    # Quarter II continues 2026-q1/II.2: renumbered in quarter I, it is gone.
    renumbered = TWO.replace("    - id: II.2\n", "    - id: II.9\n", 1)
    assert renumbered != TWO
    assert _read(renumbered, cache) is None
    assert counted["parsed"] == 3  # quarter II is not parsed again, only checked
    problems = _problems(lambda: validate_with_marks(renumbered, "du-lieu.yml"))
    assert problems == _problems(lambda: _whole(renumbered))
    assert any("2026-q1/II.2" in p for p in problems)


def test_a_registry_change_a_kept_quarter_depends_on_is_reported() -> None:
    cache = QuarterCache(None)
    _read(TWO, cache)
    # The agency both quarters name as lead leaves the registry (renamed there only).
    renamed = TWO.replace("- id: ban-mau-tinh-uy\n", "- id: ban-mau-moi\n")
    assert _read(renamed, cache) is None
    problems = _problems(lambda: validate_with_marks(renamed, "du-lieu.yml"))
    assert problems == _problems(lambda: _whole(renamed))
    assert any("ban-mau-tinh-uy" in p for p in problems)


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    made = private_path(tmp_path / "quarters")
    assert made is not None
    yield made


def test_a_new_process_takes_the_kept_quarters_from_disk(
    folder: Path, counted: dict[str, int]
) -> None:
    _read(TWO, QuarterCache(folder))
    assert len(list(folder.glob("*.pickle"))) == 2
    read = _read(TWO, QuarterCache(folder))  # as a new process would
    assert counted == {"parsed": 2, "checked": 2}
    assert read[0] == _whole(TWO).dataset


def test_a_damaged_or_foreign_file_on_disk_is_read_again(
    folder: Path, counted: dict[str, int]
) -> None:
    split = split_quarters(TWO)
    assert split is not None
    for piece, content in zip(split.quarters, [b"\x80\x05garbage", b"not a pickle"], strict=True):
        (folder / f"{piece_key(piece)}.pickle").write_bytes(content)
    assert _read(TWO, QuarterCache(folder))[0] == _whole(TWO).dataset
    assert counted["parsed"] == 2


def test_a_folder_others_can_write_to_is_not_used(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)
    assert private_path(shared) is None


def test_the_disk_keeps_a_bounded_number_of_quarters(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QuarterCache, "ON_DISK", 4)
    cache = QuarterCache(folder)
    for n in range(6):
        _read(TWO.replace("Kết quả mẫu của quý II năm 2026.", f"Kết quả mẫu {n}."), cache)
    assert 1 < len(list(folder.glob("*.pickle"))) <= 4
