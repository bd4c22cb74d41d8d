"""A received file is read in a child process held to a time and memory ceiling.

Each reader refuses what it can see is too big before the work starts (pages, parts,
runs, numbering starts), but a file can hide its size where only the parser finds it:
a PDF's page tree inside a compressed object stream, say, is parsed in pure Python for
most of a minute before any page is counted. Whatever the file, the child is ended at
the ceiling and the Office gets one line; its answer comes back as JSON (data only, so
a reader tricked by a file can hand the importer nothing but text).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ketluan.children import limited
from ketluan.ingest.document import HiddenText, SourceDocument, SourceError, SourceParagraph
from ketluan.ingest.pdf import MAX_SCAN_PAGES

__all__ = ["MAX_MEMORY", "MAX_SECONDS", "read_isolated"]

# A conclusion of forty pages reads in a second or two, in under 150 MB.
MAX_SECONDS = 30
MAX_MEMORY = 1536 * 1024 * 1024  # address space, which counts mapped libraries too

_FAILED = 3  # the child's exit status when it says why in Vietnamese


def read_isolated(
    path: Path,
    *,
    seconds: int = MAX_SECONDS,
    memory: int = MAX_MEMORY,
    say: Callable[[str], None] | None = None,
) -> SourceDocument:
    """`source.read_source(path)`, run in a child ended past `seconds` or `memory`;
    SourceError (one Vietnamese line) for a file that cannot be read within them. What
    the child says of its progress (a scan's pages) goes to `say` as it comes."""
    if not path.is_file():
        raise SourceError(f"không tìm thấy tệp {path}")
    if path.suffix.lower() == ".pdf":
        # A scan is read with OCR, a page at a time (ocr.PAGE_SECONDS at most each).
        seconds = max(seconds, seconds + _pages(path) * SCAN_PAGE_SECONDS)
    returncode, out, err = _run_child(path, seconds, memory, say)
    said = out.decode("utf-8", "replace")
    if returncode == 0:
        return _document(json.loads(said))
    if returncode == _FAILED:
        raise SourceError(said.strip())
    if returncode < 0 or b"MemoryError" in err:
        # Ended by the kernel (the processor-time ceiling) or out of its memory.
        raise SourceError(_too_big(memory) if b"MemoryError" in err else _too_long(seconds))
    raise SourceError(
        "đọc tệp gặp sự cố không lường trước: hãy lưu lại tệp dưới dạng .docx rồi nhập lại, "
        "hoặc gửi tệp cho bộ phận kỹ thuật"
    )


_PROGRESS = b"ketluan-progress: "


def _run_child(
    path: Path, seconds: int, memory: int, say: Callable[[str], None] | None
) -> tuple[int, bytes, bytes]:
    """The reader child's exit status, output and errors; its progress lines relayed
    to `say` while it runs; SourceError when it outlives `seconds`."""
    with subprocess.Popen(
        [sys.executable, "-m", "ketluan.ingest.isolated", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=limited(memory, seconds),
    ) as child:
        out: list[bytes] = []
        err: list[bytes] = []
        assert child.stdout is not None and child.stderr is not None
        stdout, stderr = child.stdout, child.stderr

        def relay() -> None:
            for line in stderr:
                if line.startswith(_PROGRESS) and say is not None:
                    say(line[len(_PROGRESS) :].decode("utf-8", "replace").rstrip())
                else:
                    err.append(line)

        readers = [
            threading.Thread(target=lambda: out.append(stdout.read()), daemon=True),
            threading.Thread(target=relay, daemon=True),
        ]
        for reader in readers:
            reader.start()
        try:
            child.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            child.kill()
            raise SourceError(_too_long(seconds)) from None
        finally:
            for reader in readers:
                reader.join(timeout=5)
        return child.returncode, b"".join(out), b"".join(err)


SCAN_PAGE_SECONDS = 60  # what the ceiling allows each page of a PDF, should it be a scan


def _pages(path: Path) -> int:
    """The PDF's page count as poppler's pdfinfo says it (0 when it cannot, quickly):
    only to size the ceiling; the reader refuses too many pages itself."""
    try:
        done = subprocess.run(
            ["pdfinfo", str(path)], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return 0
    found = re.search(r"^Pages:\s+(\d+)", done.stdout, re.MULTILINE)
    return min(int(found.group(1)), MAX_SCAN_PAGES) if found else 0


def _too_long(seconds: int) -> str:
    return (
        f"đọc tệp quá {seconds} giây, lâu hơn nhiều một Kết luận: tệp có thể bị hỏng hoặc cố "
        "ý làm nặng; hãy xin bản Word (.docx) khác"
    )


def _too_big(memory: int) -> str:
    return (
        f"đọc tệp cần hơn {memory // 1024 // 1024} MB bộ nhớ, nhiều hơn hẳn một Kết luận: tệp "
        "có thể bị hỏng hoặc cố ý làm nặng; hãy xin bản Word (.docx) khác"
    )


def _document(raw: dict[str, Any]) -> SourceDocument:
    return SourceDocument(
        paragraphs=tuple(
            SourceParagraph(**{**p, "cells": tuple(p.get("cells", ()))}) for p in raw["paragraphs"]
        ),
        footnotes={int(number): text for number, text in raw["footnotes"].items()},
        header=tuple(raw["header"]),
        hidden=tuple(HiddenText(**h) for h in raw["hidden"]),
        remarks=tuple(raw["remarks"]),
        scanned=bool(raw["scanned"]),
        doubtful=frozenset(raw["doubtful"]),
        sure_text=tuple(raw["sure_text"]),
        pages=int(raw["pages"]),
    )


def _main(argument: str) -> int:  # pragma: no cover - runs in the child
    from ketluan.ingest import ocr
    from ketluan.ingest.source import read_source

    def progress(line: str) -> None:
        sys.stderr.buffer.write(_PROGRESS + line.encode("utf-8") + b"\n")
        sys.stderr.flush()

    ocr.progress = progress

    try:
        document = read_source(Path(argument))
    except SourceError as exc:
        print(exc)
        return _FAILED
    json.dump(
        asdict(document) | {"doubtful": sorted(document.doubtful)}, sys.stdout, ensure_ascii=False
    )
    return 0


if __name__ == "__main__":  # pragma: no cover - the child
    sys.exit(_main(sys.argv[1]))
