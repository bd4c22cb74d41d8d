"""Load `data/directives.yml` into a validated `Dataset`, or fail with every problem.

The one entry point shared by `ketluan check` and the site build, so that nothing is
ever published from data the checker would reject.
"""

from __future__ import annotations

import contextlib
import gc
import stat
import unicodedata
from collections.abc import Iterator
from pathlib import Path as FsPath
from typing import Any

from macros.characters import may_mix_scripts, mixed_script_words, unsafe
from macros.check_conclusion import QUARTER_KEY, check_conclusion
from macros.check_registry import check_agencies, check_documents
from macros.checking import Context, walk_tasks
from macros.convert import build
from macros.model import Conclusion, Dataset
from macros.problems import DataError, Path, Problem, Reporter, os_reason
from macros.source import NodeMarks, read_yaml

SCHEMA_VERSION = 1


def load(file: str | FsPath, *, name: str | None = None) -> Dataset:
    """Read and validate the data file; raise DataError listing every problem.

    `name` is how the file is called in messages (default: the path as given).
    """
    shown = name or str(file)
    raw = read_data_file(FsPath(file), shown)
    with gc_paused():
        return _decode_and_validate(raw, shown)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a file is read into the model.

    Reading builds a hundred thousand small objects at once, none of them garbage yet:
    the collector would rescan the growing heap again and again, which makes the time
    grow faster than the file (half the load time at 4× a year's data).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _decode_and_validate(raw: bytes, shown: str) -> Dataset:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        # Columns count characters, as an editor sees them, not bytes.
        column = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        raise DataError([Problem(shown, line, column, "", "tệp không phải UTF-8")]) from exc
    return validate_text(text, shown)


# Ten years of a province's quarters are about 3 MB; far larger input is not a data
# file, and reading it would take minutes and gigabytes before saying so.
MAX_BYTES = 16 * 1024 * 1024


def read_data_file(file: FsPath, shown: str) -> bytes:
    """The bytes of a regular data file of at most MAX_BYTES; DataError otherwise.

    A FIFO would block the reader forever, a directory or a symlink loop raise
    OSErrors: each is said in one line, like any other problem of the file.
    """

    def refuse(message: str) -> DataError:
        return DataError([Problem(shown, 1, 1, "", message)])

    try:
        status = file.stat()
    except FileNotFoundError:
        raise refuse("không tìm thấy tệp dữ liệu") from None
    except OSError as exc:  # a symlink loop, a path too long, a folder without access
        raise refuse(f"không mở được tệp dữ liệu: {os_reason(exc)}") from None
    if stat.S_ISDIR(status.st_mode):
        raise refuse("đây là một thư mục, không phải tệp dữ liệu YAML")
    if not stat.S_ISREG(status.st_mode):
        raise refuse("không phải tệp thường (FIFO, thiết bị hoặc socket); cần một tệp YAML")
    if status.st_size > MAX_BYTES:
        raise refuse(
            f"tệp lớn {status.st_size / 1024 / 1024:.1f} MB, vượt giới hạn "
            f"{MAX_BYTES // 1024 // 1024} MB của một tệp dữ liệu"
        )
    try:
        with file.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        raise refuse(f"không đọc được tệp dữ liệu: {os_reason(exc)}") from None
    if len(raw) > MAX_BYTES:  # grew while being read
        raise refuse(f"tệp vượt giới hạn {MAX_BYTES // 1024 // 1024} MB của một tệp dữ liệu")
    return raw


def validate_text(text: str, file: str) -> Dataset:
    """Validate YAML `text` read from `file`; raise DataError listing every problem."""
    located = read_yaml(text, file)
    reporter = located.reporter()
    _check_strings(reporter, located.marks, located.data)
    built = build(Dataset, located.data, reporter)
    dataset = built.value
    if isinstance(located.data, dict) and not located.data.get("quarters"):
        # Only when the file itself has none: a quarter dropped for its own problems
        # is reported where they are.
        reporter.report(("quarters",), "cần ít nhất một quý (một Kết luận) trong 'quarters'")
    if dataset is not None:
        ctx = Context(
            reporter,
            built.paths,
            built.incomplete,
            agency_ids=_raw_ids(located.data, "agencies"),
            document_ids=_raw_ids(located.data, "documents"),
        )
        _check_dataset(ctx, dataset)
    if reporter.problems or dataset is None:
        raise DataError(reporter.problems)
    return dataset


def _check_dataset(ctx: Context, dataset: Dataset) -> None:
    if dataset.schema != SCHEMA_VERSION:
        ctx.report(
            dataset,
            ("schema",),
            f"phiên bản lược đồ {dataset.schema} không được hỗ trợ (cần {SCHEMA_VERSION})",
        )
    check_agencies(ctx, dataset.agencies)
    check_documents(ctx, dataset.documents)
    documents = {d.id: d for d in dataset.documents}
    meetings = {q.key: q.meeting_date for q in dataset.quarters}
    earlier: set[str] = set()  # grows quarter by quarter: never copied, so linear
    previous: Conclusion | None = None
    for conclusion in dataset.quarters:
        key = conclusion.key
        if previous is not None and QUARTER_KEY.fullmatch(key) and key <= previous.key:
            ctx.report(
                conclusion,
                ("key",),
                f"quý '{key}' phải đứng sau quý '{previous.key}' và không trùng",
            )
        check_conclusion(ctx, conclusion, documents, earlier, meetings, previous)
        earlier.update(f"{key}/{task.id}" for task, _chain in walk_tasks(conclusion.sections))
        previous = conclusion


def _raw_ids(data: Any, key: str) -> frozenset[str]:
    """Ids present in the raw data, so a record dropped for a type error does not
    also cause an "unknown id" problem at every place that refers to it."""
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return frozenset()
    return frozenset(i["id"] for i in items if isinstance(i, dict) and isinstance(i.get("id"), str))


def _check_strings(reporter: Reporter, marks: NodeMarks, data: Any) -> None:
    """Every text value: NFC, one line, no hidden character, no word of mixed scripts.

    Characters written as they are were refused by the reader where they stand; what
    remains here came through an escape sequence ("\\0", "\\u202e", "\\N").
    """
    for path, text in _strings(data, ()):
        if text.isascii() and text.isprintable():
            continue  # most ids, codes and dates: nothing below can apply
        if not unicodedata.is_normalized("NFC", text):
            reporter.report(
                path, "chuỗi chưa ở dạng Unicode NFC (chữ có dấu bị tách); hãy chuẩn hóa NFC"
            )
        if "\n" in text:
            reporter.report(path, "giá trị có ký tự xuống dòng; mỗi đoạn văn là một mục riêng")
        if "\t" in text:
            reporter.report(path, "giá trị có ký tự Tab; dùng dấu cách")
        chars = set(text)
        for reason in sorted({r for c in chars if (r := unsafe(c))}):
            reporter.report(path, reason)
        if not may_mix_scripts(chars):
            continue
        for word, why in mixed_script_words(text):
            reporter.report(
                path,
                f"từ '{word}' trộn chữ của nhiều bảng chữ cái ({why}); "
                "có thể là chữ giả mạo, hãy gõ lại từ này",
                mark=marks.find(path, word),
            )


def _strings(value: Any, path: Path) -> Iterator[tuple[Path, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*path, i))
