"""What each `ketluan` command does: call the operation, print what it says.

Messages are in Vietnamese: the Office's editors run these commands.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from ketluan.follow.intake import import_reports
from ketluan.follow.returned import SheetError
from ketluan.ingest.intake import QuarterTaken, import_quarter
from ketluan.ingest.review_page import scan_file
from ketluan.load import load, load_with_marks, read_checked
from ketluan.load.saving import check_outputs, write_whole, writer_lock
from ketluan.load.schema import MODELINE, json_schema
from ketluan.model import Conclusion
from ketluan.model.calendar import UnknownQuarter, find_quarter
from ketluan.model.counts import counts
from ketluan.outputs.pdf import unavailable as pdf_unavailable
from ketluan.outputs.pdf import wanted as pdf_wanted
from ketluan.problems import DataError
from ketluan.publish.branch import PREVIEW_BRANCH, Destination, published_versions
from ketluan.publish.commands import publish
from ketluan.publish.preview import (
    check_port,
    publish_all,
    start_server,
    wait_listening,
    wait_server,
)
from ketluan.review.serve import serve


def print_problems(error: DataError, what: str) -> None:
    """Every problem of the data, one per line, then how many and what follows (stderr)."""
    for problem in error.problems:
        print(problem, file=sys.stderr)
    print(f"{what}{len(error.problems)} lỗi; dữ liệu chưa hợp lệ, không xuất bản.", file=sys.stderr)


def check(data: Path) -> int:
    """Validate `data`; print every problem (stderr) or a summary (stdout), and the
    review marks left (stderr, as warnings: the data is valid, not yet publishable)."""
    try:
        loaded = load_with_marks(data)
    except DataError as exc:
        print_problems(exc, f"{data}: ")
        return 1
    summary = ", ".join(f"{n} {label}" for label, n in counts(loaded.dataset).items())
    print(f"{data}: hợp lệ — {summary}.")
    if loaded.marks:
        for mark in loaded.marks:
            print(mark, file=sys.stderr)
        print(
            f"{data}: còn {len(loaded.marks)} điểm cần rà soát (needs_review); "
            "quý còn điểm cần rà soát chưa xuất bản được.",
            file=sys.stderr,
        )
    return 0


def review_command(data: Path, key: str | None, address: str, browser: bool) -> int:
    """Serve the review of quarter `key` of `data` in the browser until Ctrl+C."""
    return serve(data, key, address, browser=browser, say=_say)


def publish_command(
    key: str, data: Path, branch: str, site_url: str | None, push: bool, allow_uncommitted: bool
) -> int:
    """Validate, then deploy quarter `key` as a frozen version."""
    destination = Destination(
        Path.cwd(),
        data,
        branch=branch,
        site_url=site_url,
        push=push,
        allow_uncommitted=allow_uncommitted,
    )
    started = time.monotonic()
    checked = read_checked(data)
    print(f"Dữ liệu hợp lệ ({time.monotonic() - started:.1f} s).", flush=True)
    with _ended_by_signals():
        done = publish(destination, key, checked, say=_say)
    title = f"{done.conclusion.title} ({done.conclusion.key})"
    if done.changed:
        print(f"Đã xuất bản {title} lên nhánh {branch}.")
    else:
        print(f"{title} trên nhánh {branch} đã giống hệt bản dựng này; không có thay đổi.")
    if pdf_wanted(os.environ.get("KETLUAN_PDF", True)):
        reason = pdf_unavailable()
        if reason:
            print(f"Lưu ý: các trang cơ quan không có bản PDF ({reason}); trang web vẫn đầy đủ.")
    # A fresh clone has no branch yet: a site with only this quarter would offer no
    # earlier one in its version list. Say which are missing and how to add them.
    held = published_versions(destination)
    quarters = checked.loaded.dataset.quarters
    earlier = quarters[: find_quarter(quarters, done.conclusion.key)]
    missing = [q for q in earlier if q.key not in held]
    if missing:
        names = ", ".join(f"{q.title} ({q.key})" for q in missing)
        address = f" --site-url {site_url}" if site_url else ""
        commands = " && ".join(f"ketluan publish {q.key}{address}" for q in missing)
        print(
            f"Lưu ý: nhánh {branch} chưa có {names}; trang chỉ cho chọn các quý đã xuất bản. "
            f"Xuất bản thêm: {commands}"
        )
    return 0


@contextlib.contextmanager
def _ended_by_signals() -> Iterator[None]:
    """A SIGTERM (kill, a service manager) or SIGHUP (the terminal closed) ends the
    command as an exception would: its build is stopped and its folder removed, and
    the branch stays as it was (exit 143, as a process ended by SIGTERM)."""

    def stop(*_: object) -> None:
        raise SystemExit(143)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _say(line: str) -> None:
    """A long step's progress, shown at once (the output may be a pipe, not a terminal)."""
    print(line, flush=True)


def preview_command(data: Path, address: str, site_url: str | None) -> int:
    """Deploy every quarter to the local preview branch and serve it, from the moment the
    newest quarter is built; the older ones follow while it is served."""
    url = site_url or f"http://{address}/"
    check_port(address)  # before minutes of building, not after
    # A preview is for the editor's own eyes: the data need not be committed yet.
    destination = Destination(
        Path.cwd(),
        data,
        branch=PREVIEW_BRANCH,
        site_url=url,
        local_only=True,
        allow_uncommitted=True,
    )
    servers: list[subprocess.Popen[str]] = []

    def newest_ready(newest: Conclusion, left: int) -> None:
        servers.append(start_server(destination, address, newest))
        wait_listening(address, servers[-1])
        more = f"; {left} quý trước đang được dựng tiếp" if left else ""
        _say(f"Xem tại {url} (Ctrl+C để dừng){more}.")

    def stop(*_: object) -> None:
        # Told to stop (kill, a service manager, the terminal closed) while building:
        # end the builds and the server, and exit as a server stopped so would.
        raise SystemExit(0)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        done = publish_all(destination, say=_say, newest_ready=newest_ready)
    except BaseException:
        for server in servers:  # not left serving half a preview
            server.terminate()
        raise
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if len(done) > 1:
        _say(f"Đã dựng đủ {len(done)} quý. Xem tại {url} (Ctrl+C để dừng).")
    return wait_server(servers[0])


def import_command(
    source: Path, key: str, data: Path, output: Path | None, review: Path | None = None
) -> int:
    """Draft quarter `key` from a received conclusion: the data file with it appended,
    written to `output` (never over the data file unless `output` names it), then
    checked; what needs a person is listed, and with `review` shown on an HTML page."""
    outputs = {"tệp bản nháp (-o)": output, "trang rà soát (--review)": review}
    named = {what: path for what, path in outputs.items() if path is not None}
    check_outputs(named, {"tệp Kết luận": source})
    if review is not None:  # the draft may go into the data file; the page never does
        check_outputs({"trang rà soát (--review)": review}, {"tệp dữ liệu": data})
    name = str(output) if output is not None else "(màn hình)"
    # Into the data file itself: no other command may change it between read and write.
    into_data = output is not None and output.resolve() == data.resolve()
    with writer_lock(data, waiting=_wait_note(data)) if into_data else contextlib.nullcontext():
        try:
            drafted = import_quarter(
                source, key, data, name=name, review=review is not None, say=_progress
            )
        except QuarterTaken as exc:
            print(f"lỗi: {exc}", file=sys.stderr)
            return 1
        except DataError as exc:
            # Nothing is written, so no message may point into a file: each names its
            # field. Every draft should pass; one that does not is ketluan's fault.
            for problem in exc.problems:
                print(f"{problem.path}: {problem.message}", file=sys.stderr)
            print(
                f"lỗi: bản nháp dựng từ {source} chưa hợp lệ ({len(exc.problems)} lỗi), không "
                "ghi gì; đây là lỗi của ketluan: xin gửi tệp nhận được cho bộ phận kỹ thuật",
                file=sys.stderr,
            )
            return 1
        if review is not None and drafted.review is not None:
            write_whole(review, drafted.review)
        if output is None:
            sys.stdout.write(drafted.text)
        else:
            write_whole(output, drafted.text)
            print(f"Đã viết bản nháp {drafted.title} vào {output}.")
            if drafted.scan is not None:
                kept = scan_file(output, key)
                write_whole(kept, drafted.scan.to_json())
                print(f"Đã lưu ảnh các trang bản quét vào {kept} cho ketluan review.")
    if review is not None:
        print(f"Đã viết trang rà soát vào {review} (mở bằng trình duyệt, không cần mạng).")
    print(f"Đã xếp {drafted.placed}/{drafted.paragraphs} đoạn của văn bản vào bản nháp.")
    for note in drafted.notes:
        print(f"cần rà soát: {note}", file=sys.stderr)
    if output is not None:
        status = check(output)  # the marks, each located in the draft just written
        print(f"Rà soát trong trình duyệt: .venv/bin/ketluan review {output} --quarter {key}")
        return status
    for mark in drafted.marks:  # the draft went to the screen: no file to point into
        print(f"cần rà soát: {mark}", file=sys.stderr)
    return 0


def _progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _wait_note(data: Path) -> Callable[[], None]:
    def note() -> None:
        print(f"Đang chờ lệnh khác ghi xong {data}…", file=sys.stderr, flush=True)

    return note


def reports_import_command(sheet: Path, key: str, data: Path, agency: str | None = None) -> int:
    """Merge the reports of a returned sheet into quarter `key` of `data`: every row
    checked, every problem named by its row, nothing written unless all are right."""
    # From reading the data to writing it back: a second import at once waits, then
    # reads what this one wrote, so that neither loses the other's reports.
    with writer_lock(data, waiting=_wait_note(data)):
        try:
            imported = import_reports(sheet, key, data, agency=agency)
        except UnknownQuarter:
            print(f"lỗi: không có quý {key} trong {data}", file=sys.stderr)
            return 1
        except SheetError as exc:
            for line in exc.problems:
                print(f"{sheet}: {line}", file=sys.stderr)
            print(f"{sheet}: {len(exc.problems)} lỗi; chưa nhập dòng nào.", file=sys.stderr)
            return 1
        if imported.text is not None:
            write_whole(data, imported.text)
    print(
        f"Đã nhập {imported.added} báo cáo từ {sheet.name} vào {data} (quý {key}); "
        f"{imported.already} đã có từ trước, {imported.blank} dòng bỏ trống."
    )
    return 0


def schema_command(data: Path, output: Path | None) -> int:
    """Write the JSON Schema of `data` (its agency and document ids included) and say
    how an editor finds it."""
    dataset = load(data, registry_only=True)
    target = output or data.with_name(data.stem + ".schema.json")
    check_outputs({"tệp lược đồ": target}, {"tệp dữ liệu": data})
    write_whole(target, json.dumps(json_schema(dataset), ensure_ascii=False, indent=1) + "\n")
    print(f"Đã viết lược đồ vào {target}.")
    relative = os.path.relpath(target.resolve(), data.resolve().parent)
    modeline = MODELINE.format(path=relative)
    if data.read_text(encoding="utf-8").split("\n", 1)[0] != modeline:
        print(f"Để trình soạn YAML dùng lược đồ, thêm dòng đầu tiên vào {data}:\n{modeline}")
    return 0
