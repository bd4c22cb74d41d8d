"""The `ketluan` command: a thin layer over the operations, like mike's driver.

Messages are in Vietnamese: the Office's editors run these commands.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from ketluan.follow.merge import merge_reports
from ketluan.follow.sheets import SheetError, read_sheet
from ketluan.ingest.datafile import with_quarter
from ketluan.ingest.draft import draft_quarter
from ketluan.ingest.review_page import review_page
from ketluan.ingest.source import read_source
from ketluan.ingest.structure import coverage, outline
from ketluan.ingest.word import WordError
from ketluan.load import DEFAULT_DATA, load, load_reviewed, validate_reviewed, validate_text
from ketluan.load.schema import MODELINE, json_schema
from ketluan.model import Conclusion
from ketluan.model.calendar import find_quarter
from ketluan.model.counts import counts
from ketluan.outputs.pdf import unavailable as pdf_unavailable
from ketluan.outputs.pdf import wanted as pdf_wanted
from ketluan.preview import publish_all
from ketluan.problems import DataError, os_reason
from ketluan.publish import (
    DEFAULT_BRANCH,
    PREVIEW_BRANCH,
    PublishError,
    Target,
    check_port,
    publish,
    published_versions,
    start_server,
    wait_server,
)
from ketluan.usage import install as install_vietnamese_usage

DATA_HELP = "tệp YAML (mặc định: %(default)s)"


def print_problems(error: DataError, what: str) -> None:
    """Every problem of the data, one per line, then how many and what follows (stderr)."""
    for problem in error.problems:
        print(problem, file=sys.stderr)
    print(f"{what}{len(error.problems)} lỗi; dữ liệu chưa hợp lệ, không xuất bản.", file=sys.stderr)


def check(data: Path) -> int:
    """Validate `data`; print every problem (stderr) or a summary (stdout), and the
    review marks left (stderr, as warnings: the data is valid, not yet publishable)."""
    try:
        loaded = load_reviewed(data)
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


def publish_command(
    key: str, data: Path, branch: str, site_url: str | None, push: bool, allow_uncommitted: bool
) -> int:
    """Validate, then deploy quarter `key` as a frozen version."""
    target = Target(
        Path.cwd(),
        data,
        branch=branch,
        site_url=site_url,
        push=push,
        allow_uncommitted=allow_uncommitted,
    )
    started = time.monotonic()
    loaded = load_reviewed(data)
    print(f"Dữ liệu hợp lệ ({time.monotonic() - started:.1f} s).", flush=True)
    done = publish(target, key, loaded, say=_say)
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
    held = published_versions(target)
    quarters = loaded.dataset.quarters
    earlier = quarters[: find_quarter(quarters, done.conclusion.key)]
    missing = [q for q in earlier if q.key not in held]
    if missing:
        names = ", ".join(f"{q.title} ({q.key})" for q in missing)
        commands = " && ".join(f"ketluan publish {q.key}" for q in missing)
        print(
            f"Lưu ý: nhánh {branch} chưa có {names}; trang chỉ cho chọn các quý đã xuất bản. "
            f"Xuất bản thêm: {commands}"
        )
    return 0


def _say(line: str) -> None:
    """A long step's progress, shown at once (the output may be a pipe, not a terminal)."""
    print(line, flush=True)


def preview_command(data: Path, address: str, site_url: str | None) -> int:
    """Deploy every quarter to the local preview branch and serve it, from the moment the
    newest quarter is built; the older ones follow while it is served."""
    url = site_url or f"http://{address}/"
    check_port(address)  # before minutes of building, not after
    # A preview is for the editor's own eyes: the data need not be committed yet.
    target = Target(
        Path.cwd(),
        data,
        branch=PREVIEW_BRANCH,
        site_url=url,
        local_only=True,
        allow_uncommitted=True,
    )
    servers: list[subprocess.Popen[str]] = []

    def newest_ready(newest: Conclusion, left: int) -> None:
        servers.append(start_server(target, address, newest))
        more = f"; {left} quý trước đang được dựng tiếp" if left else ""
        _say(f"Xem tại {url} (Ctrl+C để dừng){more}.")

    def stop(*_: object) -> None:
        # Told to stop (kill, a service manager, the terminal closed) while building:
        # end the builds and the server, and exit as a server stopped so would.
        raise SystemExit(0)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        done = publish_all(target, say=_say, newest_ready=newest_ready)
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
    registry = load(data, registry_only=True)
    if key in {q.key for q in registry.quarters}:
        print(f"lỗi: quý {key} đã có trong {data}; chọn mã quý khác", file=sys.stderr)
        return 1
    document = read_source(source)
    structure = outline(document)
    drafted = draft_quarter(structure, registry, key)
    held, missing = coverage(document, structure)
    total = held + len(missing)
    text = with_quarter(data.read_text(encoding="utf-8"), drafted)
    name = str(output) if output is not None else "(màn hình)"
    if review is not None:
        # Before anything is written: a draft the checker rejects has no review page,
        # and its problems are listed instead.
        try:
            page = review_page(validate_reviewed(text, name), key, name, str(source))
        except DataError as exc:
            print_problems(exc, f"{name}: ")
            return 1
        _write(review, page)
    if output is None:
        sys.stdout.write(text)
    else:
        _write(output, text)
        print(f"Đã viết bản nháp {drafted.quarter['title']} vào {output}.")
    if review is not None:
        print(f"Đã viết trang rà soát vào {review} (mở bằng trình duyệt, không cần mạng).")
    print(f"Đã xếp {held}/{total} đoạn của văn bản vào bản nháp.")
    for note in drafted.notes:
        print(f"cần rà soát: {note}", file=sys.stderr)
    if output is not None:
        return check(output)
    return 0


def reports_import_command(sheet: Path, key: str, data: Path) -> int:
    """Merge the reports of a returned sheet into quarter `key` of `data`: every row
    checked, every problem named by its row, nothing written unless all are right."""
    dataset = load(data)
    position = next((i for i, q in enumerate(dataset.quarters) if q.key == key), None)
    if position is None:
        print(f"lỗi: không có quý {key} trong {data}", file=sys.stderr)
        return 1
    try:
        read = read_sheet(sheet, dataset)
    except SheetError as exc:
        for line in exc.problems:
            print(f"{sheet}: {line}", file=sys.stderr)
        print(f"{sheet}: {len(exc.problems)} lỗi; chưa nhập dòng nào.", file=sys.stderr)
        return 1
    merged = merge_reports(data.read_text(encoding="utf-8"), key, read.reports)
    if merged.added:
        before = len(dataset.quarters[position].reports)
        try:
            validate_text(merged.text, str(data))
        except DataError as exc:
            # The checker's word on the merged data, each problem of a new report
            # said of the sheet's row it came from.
            rows = {before + k: read.rows[i] for k, i in enumerate(merged.added)}
            for problem in exc.problems:
                m = re.match(rf"quarters\[{position}\]\.reports\[(\d+)\]", problem.path)
                if m and int(m[1]) in rows:
                    print(f"{sheet}: Dòng {rows[int(m[1])]}: {problem.message}", file=sys.stderr)
                else:
                    print(problem, file=sys.stderr)
            print(f"{sheet}: {len(exc.problems)} lỗi; chưa nhập dòng nào.", file=sys.stderr)
            return 1
        _write(data, merged.text)
    print(
        f"Đã nhập {len(merged.added)} báo cáo từ {sheet.name} vào {data} (quý {key}); "
        f"{len(merged.already)} đã có từ trước, {read.blank} dòng bỏ trống."
    )
    return 0


def schema_command(data: Path, output: Path | None) -> int:
    """Write the JSON Schema of `data` (its agency and document ids included) and say
    how an editor finds it."""
    dataset = load(data, registry_only=True)
    target = output or data.with_name(data.stem + ".schema.json")
    _write(target, json.dumps(json_schema(dataset), ensure_ascii=False, indent=1) + "\n")
    print(f"Đã viết lược đồ vào {target}.")
    relative = os.path.relpath(target.resolve(), data.resolve().parent)
    modeline = MODELINE.format(path=relative)
    if data.read_text(encoding="utf-8").split("\n", 1)[0] != modeline:
        print(f"Để trình soạn YAML dùng lược đồ, thêm dòng đầu tiên vào {data}:\n{modeline}")
    return 0


def _write(path: Path, text: str) -> None:
    """Write `text` whole or not at all: a reader never sees half a file."""
    partial = path.with_name(path.name + ".dang-viet")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def _version() -> str:
    try:
        return metadata.version("ketluan")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "(chưa cài đặt)"


def _command(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    summary: str,
    example: str,
) -> argparse.ArgumentParser:
    """A subcommand: its one line in `ketluan -h`, that line again atop its own help,
    and an example to copy below it."""
    return sub.add_parser(
        name,
        help=summary,
        description=summary[0].upper() + summary[1:] + ".",
        epilog="Ví dụ:\n" + "\n".join(f"  {line}" for line in example.split("\n")),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data", type=Path, default=Path(DEFAULT_DATA), metavar="TỆP", help=DATA_HELP
    )


def _site_url_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--site-url",
        default=os.environ.get("KETLUAN_SITE_URL"),
        metavar="ĐỊA_CHỈ",
        help="địa chỉ gốc của trang (mặc định: biến KETLUAN_SITE_URL)",
    )


def _parser() -> argparse.ArgumentParser:
    install_vietnamese_usage()  # before any parser: argparse looks its titles up then
    parser = argparse.ArgumentParser(
        prog="ketluan",
        description="Xuất bản Kết luận hằng quý thành trang web nội bộ.",
        epilog="Xem hướng dẫn của từng lệnh: ketluan LỆNH -h",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"ketluan {_version()}",
        help="hiện phiên bản rồi thoát",
    )
    parser.add_argument("--debug", action="store_true", help="hiện đầy đủ lỗi Python khi có sự cố")
    sub = parser.add_subparsers(dest="command", required=True, metavar="LỆNH", title="các lệnh")
    p_check = _command(
        sub,
        "check",
        "kiểm tra tệp dữ liệu, báo mọi lỗi cùng lúc",
        "ketluan check\nketluan check du-lieu/quy-2.yml",
    )
    p_check.add_argument(
        "data", nargs="?", type=Path, default=Path(DEFAULT_DATA), metavar="TỆP", help=DATA_HELP
    )
    p_rep = _command(
        sub,
        "reports",
        "báo cáo tình trạng nhiệm vụ của các cơ quan",
        "ketluan reports import bao-cao.xlsx --quarter 2026-q2",
    )
    rep_sub = p_rep.add_subparsers(
        dest="reports_command", required=True, metavar="LỆNH", title="các lệnh"
    )
    p_rep_imp = _command(
        rep_sub,
        "import",
        "nhập bảng báo cáo (.xlsx hoặc .csv) cơ quan gửi về vào tệp dữ liệu",
        "ketluan reports import bao-cao-dang-uy-ubnd-tinh-2026-q2.xlsx --quarter 2026-q2",
    )
    p_rep_imp.add_argument(
        "sheet", type=Path, metavar="BẢNG", help="bảng báo cáo đã điền (mẫu tải từ trang)"
    )
    p_rep_imp.add_argument(
        "--quarter", required=True, metavar="QUÝ", help="quý nhận báo cáo, ví dụ 2026-q2"
    )
    _data_option(p_rep_imp)
    p_schema = _command(
        sub,
        "schema",
        "viết lược đồ JSON Schema cho trình soạn YAML (gợi ý khóa, mã cơ quan)",
        "ketluan schema",
    )
    _data_option(p_schema)
    p_schema.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        metavar="TỆP",
        help="tệp viết lược đồ (mặc định: cạnh tệp dữ liệu, đuôi .schema.json)",
    )
    p_pub = _command(
        sub,
        "publish",
        "xuất bản một quý thành phiên bản cố định (mike)",
        "ketluan publish 2026-q1 --site-url http://intranet.tinhuy/ket-luan/\n"
        "ketluan publish 2026-q2 --site-url http://intranet.tinhuy/ket-luan/",
    )
    p_pub.add_argument("quarter", metavar="QUÝ", help="mã quý, ví dụ 2026-q1")
    _data_option(p_pub)
    p_pub.add_argument(
        "--branch",
        default=DEFAULT_BRANCH,
        metavar="NHÁNH",
        help="nhánh git nhận bản dựng (mặc định: %(default)s)",
    )
    _site_url_option(p_pub)
    p_pub.add_argument("--push", action="store_true", help="đẩy nhánh lên remote sau khi xuất bản")
    p_pub.add_argument(
        "--allow-uncommitted",
        action="store_true",
        help="xuất bản cả khi tệp dữ liệu có thay đổi chưa commit vào git",
    )
    p_prev = _command(
        sub,
        "preview",
        "dựng mọi quý vào nhánh xem thử, mở trên 127.0.0.1",
        "ketluan preview\nketluan preview -a 127.0.0.1:8001",
    )
    _data_option(p_prev)
    p_prev.add_argument(
        "-a",
        "--address",
        default="127.0.0.1:8000",
        metavar="ĐỊA_CHỈ:CỔNG",
        help="địa chỉ:cổng (mặc định: %(default)s)",
    )
    _site_url_option(p_prev)
    p_imp = _command(
        sub,
        "import",
        "dựng bản nháp một quý mới từ tệp Kết luận (.docx, .pdf, .txt) để rà soát",
        "ketluan import ket-luan-quy-II.docx --quarter 2026-q2 -o data/directives.yml "
        "--review ra-soat.html",
    )
    p_imp.add_argument(
        "source",
        type=Path,
        metavar="TỆP_KẾT_LUẬN",
        help="tệp Kết luận nhận được (.docx, .pdf có lớp chữ, .txt UTF-8)",
    )
    p_imp.add_argument(
        "--quarter", required=True, metavar="QUÝ", help="mã quý của Kết luận, ví dụ 2026-q2"
    )
    _data_option(p_imp)
    p_imp.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        metavar="TỆP",
        help="tệp viết bản nháp (mặc định: in ra màn hình)",
    )
    p_imp.add_argument(
        "--review",
        type=Path,
        default=None,
        metavar="TỆP_HTML",
        help="tệp HTML rà soát: từng đoạn văn bản bên cạnh bản nháp, điểm cần rà soát lên đầu",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `ketluan` console script."""
    try:
        return _run(_parser().parse_args(argv))
    except KeyboardInterrupt:  # Ctrl+C: one line, not Python's traceback
        print("\nĐã dừng (Ctrl+C).", file=sys.stderr)
        return 130


def _run(args: argparse.Namespace) -> int:
    try:
        if args.command == "check":
            return check(args.data)
        if args.command == "publish":
            return publish_command(
                args.quarter,
                args.data,
                args.branch,
                args.site_url,
                args.push,
                args.allow_uncommitted,
            )
        if args.command == "preview":
            return preview_command(args.data, args.address, args.site_url)
        if args.command == "reports":
            return reports_import_command(args.sheet, args.quarter, args.data)
        if args.command == "schema":
            return schema_command(args.data, args.output)
        if args.command == "import":
            return import_command(args.source, args.quarter, args.data, args.output, args.review)
    except DataError as exc:
        print_problems(exc, "")
        return 1
    except WordError as exc:
        print(f"lỗi: không đọc được tệp Kết luận: {exc}", file=sys.stderr)
        return 1
    except PublishError as exc:
        if args.debug and exc.log:
            print(exc.log, file=sys.stderr)
        print(f"lỗi: không xuất bản, nhánh giữ nguyên như trước: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        if args.debug:
            raise
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"lỗi: {os_reason(exc)}{where}", file=sys.stderr)
        return 1
    except Exception as exc:  # never a traceback for the Office: one line, --debug for more
        if args.debug:
            raise
        print(
            f"lỗi: sự cố không lường trước ({type(exc).__name__}: {exc}); "
            "chạy lại với --debug để xem chi tiết",
            file=sys.stderr,
        )
        return 1
    return 2  # argparse rejects unknown commands before this


if __name__ == "__main__":
    sys.exit(main())
