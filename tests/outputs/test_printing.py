"""Pages are handed to the printer as soon as the build has written them, each once."""

from __future__ import annotations

from pathlib import Path

from ketluan.outputs.pdf import PrintJob
from ketluan.outputs.printing import PrintAsWritten


class Recorder:
    """Stands in for the Chromium printer: notes what it is given, and when."""

    def __init__(self) -> None:
        self.added: list[str] = []
        self.finished = False
        self.cancelled = False

    def add(self, job: PrintJob) -> None:
        self.added.append(job.html.parent.name)

    def finish(self) -> int:
        self.finished = True
        return len(self.added)

    def cancel(self) -> None:
        self.cancelled = True


def jobs(site: Path, *names: str) -> list[PrintJob]:
    return [PrintJob(site / n / "index.html", site / n / f"{n}.pdf", n) for n in names]


def test_a_page_is_printed_once_the_next_one_is_being_written(tmp_path: Path) -> None:
    printer = Recorder()
    queue = PrintAsWritten(printer, jobs(tmp_path, "a", "b"))
    queue.written(tmp_path / "a" / "index.html")
    assert printer.added == []  # still being written
    queue.written(tmp_path / "home" / "index.html")  # not printed: no job
    assert printer.added == ["a"]
    queue.written(tmp_path / "b" / "index.html")
    queue.written(tmp_path / "c" / "index.html")
    assert printer.added == ["a", "b"]
    assert queue.finish() == 2 and printer.finished


def test_finish_hands_over_the_last_page_and_any_never_written(tmp_path: Path) -> None:
    printer = Recorder()
    queue = PrintAsWritten(printer, jobs(tmp_path, "a", "b", "c"))
    queue.written(tmp_path / "b" / "index.html")
    assert queue.finish() == 3
    assert printer.added[0] == "b" and sorted(printer.added) == ["a", "b", "c"]


def test_a_page_written_twice_is_printed_once(tmp_path: Path) -> None:
    printer = Recorder()
    queue = PrintAsWritten(printer, jobs(tmp_path, "a"))
    for _ in range(3):
        queue.written(tmp_path / "a" / "index.html")
    queue.finish()
    assert printer.added == ["a"]


def test_a_failed_build_cancels_the_printing(tmp_path: Path) -> None:
    printer = Recorder()
    queue = PrintAsWritten(printer, jobs(tmp_path, "a"))
    queue.cancel()
    assert printer.cancelled and not printer.finished
