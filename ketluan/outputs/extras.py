"""The files a version carries beside its pages (report sheets, exports), written by a
process of their own while MkDocs renders the pages.

They need nothing MkDocs makes, only the data: a second process on the machine's other
core writes them meanwhile, into a folder of its own, and the build moves them into the
site at its end. An .xlsx costs openpyxl about 15 ms, a province's agencies a second.
"""

from __future__ import annotations

import multiprocessing
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ketluan.children import die_with_parent
from ketluan.index.prepared import read_prepared
from ketluan.index.site_index import build_index
from ketluan.load import load
from ketluan.outputs.blank_sheets import write_sheets
from ketluan.outputs.exports import write_exports
from ketluan.problems import DataError

__all__ = ["Extras", "start_extras"]

_FAILED = "LOI.txt"


@dataclass
class Extras:
    """The writing process and where it writes."""

    process: multiprocessing.process.BaseProcess
    folder: Path
    _cancelled: threading.Event = field(default_factory=threading.Event)
    _waiting: threading.Thread | None = None  # finish_later's

    def finish(self, site_dir: Path) -> None:
        """Wait for the files and move them into the built site; RuntimeError (with the
        child's reason) if it could not write them."""
        self.process.join()
        failed = self.folder / _FAILED
        try:
            if self.process.exitcode != 0 or failed.exists():
                why = failed.read_text(encoding="utf-8") if failed.exists() else "dừng bất thường"
                raise RuntimeError(f"không viết được bảng báo cáo và dữ liệu xuất: {why}")
            shutil.copytree(self.folder, site_dir, dirs_exist_ok=True)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def finish_later(self, site_dir: Path, failed: Callable[[str], None]) -> None:
        """`finish` in a thread of its own, which says why through `failed` if it could
        not (the editing loop: the reloaded page need not wait for the sheets)."""

        def run() -> None:
            try:
                self.process.join()
                if not self._cancelled.is_set():
                    self.finish(site_dir)
            except RuntimeError as exc:
                if not self._cancelled.is_set():
                    failed(str(exc))
            finally:
                shutil.rmtree(self.folder, ignore_errors=True)

        self._waiting = threading.Thread(target=run, name="ketluan-extras", daemon=True)
        self._waiting.start()

    def cancel(self) -> None:
        """Stop writing (a newer build writes them again, or the server stops) and
        remove what was written."""
        self._cancelled.set()
        self.process.kill()
        if self._waiting is not None:
            self._waiting.join()
        else:
            self.process.join()
            shutil.rmtree(self.folder, ignore_errors=True)


def start_extras(
    data_file: Path, name: str, quarter: str | None, site_url: str, prepared: Path | None = None
) -> Extras:
    """Start writing the version's extra files; `finish` them once the site is built.
    `prepared`: the publication's index of this data and quarter, taken instead of
    reading the data again when it was made from these bytes."""
    folder = Path(tempfile.mkdtemp(prefix="ketluan-them-"))
    # "spawn": a fresh interpreter, whatever threads the build runs (a forked copy of
    # `mkdocs serve` would hold its server's locks).
    context = multiprocessing.get_context("spawn")
    process = context.Process(
        target=_write,
        args=(str(data_file), name, quarter, site_url, str(folder), prepared),
        daemon=True,
    )
    process.start()
    return Extras(process, folder)


def _write(
    data_file: str,
    name: str,
    quarter: str | None,
    site_url: str,
    folder: str,
    prepared: Path | None,
) -> None:
    # Ended with the build that started it, even when the build is killed: a stopped
    # publication leaves no writer behind in its folder.
    die_with_parent()
    out = Path(folder)
    try:
        made = read_prepared(prepared, Path(data_file), quarter) if prepared else None
        index = made or build_index(load(data_file, name=name), quarter)
        write_sheets(index, out)
        write_exports(index, out, site_url)
    except DataError as exc:  # said to the parent, which stops the build with it
        (out / _FAILED).write_text(str(exc), encoding="utf-8")
    except Exception as exc:  # one line, never a traceback, for the Office
        (out / _FAILED).write_text(f"{type(exc).__name__}: {exc}", encoding="utf-8")
