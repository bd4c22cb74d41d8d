"""The `ketluan` command line: its commands, options and help, in Vietnamese."""

from __future__ import annotations

import argparse
import os
from importlib import metadata
from pathlib import Path

from ketluan.cli.vietnamese import install as install_vietnamese_usage
from ketluan.load import DEFAULT_DATA
from ketluan.publish.branch import DEFAULT_BRANCH

DATA_HELP = "tệp YAML (mặc định: %(default)s)"


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


def parser() -> argparse.ArgumentParser:
    """The `ketluan` command's parser."""
    install_vietnamese_usage()  # before any parser: argparse looks its titles up then
    top = argparse.ArgumentParser(
        prog="ketluan",
        description="Xuất bản Kết luận hằng quý thành trang web nội bộ.",
        epilog="Xem hướng dẫn của từng lệnh: ketluan LỆNH -h",
    )
    top.add_argument(
        "--version",
        action="version",
        version=f"ketluan {_version()}",
        help="hiện phiên bản rồi thoát",
    )
    top.add_argument("--debug", action="store_true", help="hiện đầy đủ lỗi Python khi có sự cố")
    sub = top.add_subparsers(dest="command", required=True, metavar="LỆNH", title="các lệnh")
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
    p_rep_imp.add_argument(
        "--agency",
        default=None,
        metavar="MÃ_CƠ_QUAN",
        help="cơ quan gửi bảng (mặc định: cơ quan ghi ở dòng đầu của bảng)",
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
        "dựng bản nháp một quý mới từ tệp Kết luận, hoặc thêm một văn bản chỉ đạo (kế hoạch, "
        "chỉ thị, thông báo, công văn…) vào quý đã có (.docx, .pdf, .txt) để rà soát",
        "ketluan import ket-luan-quy-II.docx --quarter 2026-q2 -o data/directives.yml "
        "--review ra-soat.html",
    )
    p_imp.add_argument(
        "source",
        type=Path,
        metavar="TỆP_VĂN_BẢN",
        help="tệp nhận được (.docx, .pdf có lớp chữ hoặc bản quét, .txt UTF-8)",
    )
    p_imp.add_argument(
        "--quarter",
        required=True,
        metavar="QUÝ",
        help="mã quý, ví dụ 2026-q2: quý chưa có thì tệp là Kết luận của quý; quý đã có thì "
        "tệp là một văn bản chỉ đạo khác của quý",
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
    p_rev = _command(
        sub,
        "review",
        "rà soát bản nháp trong trình duyệt: trả lời từng điểm, không cần sửa YAML",
        "ketluan review\nketluan review data/directives.yml --quarter 2026-q2 -a 127.0.0.1:8766",
    )
    p_rev.add_argument(
        "data", nargs="?", type=Path, default=Path(DEFAULT_DATA), metavar="TỆP", help=DATA_HELP
    )
    p_rev.add_argument(
        "--quarter", default=None, metavar="QUÝ", help="quý cần rà soát (mặc định: quý mới nhất)"
    )
    p_rev.add_argument(
        "-a",
        "--address",
        default="127.0.0.1:8765",
        metavar="ĐỊA_CHỈ:CỔNG",
        help="chỉ trên máy này: 127.0.0.1:cổng (mặc định: %(default)s)",
    )
    p_rev.add_argument(
        "--no-browser", action="store_true", help="không tự mở trình duyệt, chỉ in địa chỉ"
    )
    return top
