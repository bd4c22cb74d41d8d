"""The `ketluan` command: a thin layer over the operations, like mike's driver.

`parser` reads the command line (argparse, its words in Vietnamese from `vietnamese`),
`commands` calls the operation and prints what it says; `main` turns every failure into
one Vietnamese line (`--debug` shows the traceback).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ketluan.cli.commands import (
    check,
    import_command,
    preview_command,
    print_problems,
    publish_command,
    reports_import_command,
    review_command,
    schema_command,
)
from ketluan.cli.parser import parser
from ketluan.ingest.document import SourceError
from ketluan.load.saving import OutputRefused
from ketluan.model.calendar import UnknownQuarter
from ketluan.problems import DataError, os_reason
from ketluan.publish.processes import PublishError
from ketluan.review.serve import AddressRefused

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `ketluan` console script."""
    try:
        return _run(parser().parse_args(argv))
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
            return reports_import_command(args.sheet, args.quarter, args.data, args.agency)
        if args.command == "schema":
            return schema_command(args.data, args.output)
        if args.command == "review":
            return review_command(args.data, args.quarter, args.address, not args.no_browser)
        if args.command == "import":
            return import_command(args.source, args.quarter, args.data, args.output, args.review)
    except DataError as exc:
        print_problems(exc, "")
        return 1
    except (AddressRefused, UnknownQuarter) as exc:
        print(f"lỗi: {exc}", file=sys.stderr)
        return 1
    except OutputRefused as exc:
        print(f"lỗi: {exc}; không ghi gì", file=sys.stderr)
        return 1
    except SourceError as exc:
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
