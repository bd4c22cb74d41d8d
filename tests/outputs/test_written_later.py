"""The sheets and exports written beside a build (`ketluan.outputs.extras`): what the
editing loop does with them after the page has reloaded."""

from __future__ import annotations

import threading
from pathlib import Path

from ketluan.outputs.extras import Extras


class _Writer:
    """Stands for the writing process: done when `done` is set, killed by `kill`."""

    def __init__(self, exitcode: int = 0) -> None:
        self.done = threading.Event()
        self.exitcode: int | None = exitcode
        self.killed = False

    def join(self) -> None:
        self.done.wait()

    def kill(self) -> None:
        self.killed = True
        self.exitcode = -9
        self.done.set()


def _extras(tmp_path: Path, writer: _Writer) -> Extras:
    folder = tmp_path / "them"
    folder.mkdir()
    (folder / "bang.xlsx").write_bytes(b"x")
    return Extras(writer, folder)  # type: ignore[arg-type]


def test_written_later_the_files_reach_the_site_once_written(tmp_path: Path) -> None:
    writer = _Writer()
    extras = _extras(tmp_path, writer)
    said: list[str] = []
    extras.finish_later(tmp_path / "site", said.append)
    assert not (tmp_path / "site" / "bang.xlsx").exists()  # the build did not wait
    writer.done.set()
    assert extras._waiting is not None
    extras._waiting.join()
    assert (tmp_path / "site" / "bang.xlsx").read_bytes() == b"x"
    assert said == []
    assert not extras.folder.exists()


def test_a_failure_written_later_is_said(tmp_path: Path) -> None:
    writer = _Writer(exitcode=1)
    extras = _extras(tmp_path, writer)
    said: list[str] = []
    extras.finish_later(tmp_path / "site", said.append)
    writer.done.set()
    assert extras._waiting is not None
    extras._waiting.join()
    assert said == ["không viết được bảng báo cáo và dữ liệu xuất: dừng bất thường"]


def test_a_new_save_stops_the_last_ones_writing_and_nothing_is_left(tmp_path: Path) -> None:
    writer = _Writer()
    extras = _extras(tmp_path, writer)
    said: list[str] = []
    extras.finish_later(tmp_path / "site", said.append)
    extras.cancel()
    assert writer.killed
    assert not (tmp_path / "site").exists()
    assert not extras.folder.exists()
    assert said == []  # stopped on purpose: no failure to tell


def test_stopped_before_it_was_waited_for_nothing_is_left(tmp_path: Path) -> None:
    extras = _extras(tmp_path, _Writer())
    extras.cancel()
    assert not extras.folder.exists()
