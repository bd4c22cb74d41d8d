"""The `ketluan` command: a thin layer over the operations, like mike's driver.

Messages are in Vietnamese: the Office's editors run these commands.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from macros.problems import DataError
from macros.stats import counts
from macros.validate import load

DEFAULT_DATA = Path("data/directives.yml")

LABELS = {
    "quarters": "quý",
    "tasks": "nhiệm vụ",
    "agencies": "cơ quan",
    "documents": "văn bản",
    "citations": "lượt trích dẫn",
    "deadlines": "thời hạn",
    "recurrences": "nghĩa vụ định kỳ",
    "targets": "chỉ tiêu",
    "figures": "số liệu",
    "footnotes": "chú thích",
    "reports": "báo cáo tình trạng",
}


def check(data: Path) -> int:
    """Validate `data`; print every problem (stderr) or a summary (stdout)."""
    try:
        dataset = load(data)
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(
            f"{data}: {len(exc.problems)} lỗi; dữ liệu chưa hợp lệ, không xuất bản.",
            file=sys.stderr,
        )
        return 1
    summary = ", ".join(f"{n} {LABELS[k]}" for k, n in counts(dataset).items())
    print(f"{data}: hợp lệ — {summary}.")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ketluan", description="Xuất bản Kết luận hằng quý thành trang web nội bộ."
    )
    parser.add_argument("--debug", action="store_true", help="hiện đầy đủ lỗi Python khi có sự cố")
    sub = parser.add_subparsers(dest="command", required=True, metavar="LỆNH")
    p_check = sub.add_parser("check", help="kiểm tra tệp dữ liệu, báo mọi lỗi cùng lúc")
    p_check.add_argument(
        "data", nargs="?", type=Path, default=DEFAULT_DATA, help="tệp YAML (mặc định: %(default)s)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `ketluan` console script."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return check(args.data)
    except FileNotFoundError as exc:
        print(f"lỗi: không tìm thấy tệp {exc.filename}", file=sys.stderr)
        return 1
    except (OSError, RuntimeError) as exc:
        if args.debug:
            raise
        print(f"lỗi: {exc}", file=sys.stderr)
        return 1
    return 2  # argparse rejects unknown commands before this


if __name__ == "__main__":
    sys.exit(main())
