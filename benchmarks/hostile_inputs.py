"""How long each hostile received file or returned sheet takes to be read or refused,
and the reader's peak memory: the red team's cases of #23, rebuilt here (prints figures;
not a test; tests/ingest/test_hostile_sizes.py holds each to 20 s and 1.5 GB).

    .venv/bin/python benchmarks/hostile_inputs.py

Each case runs in a fresh Python process; "peak MB" is that process's maximum resident
size (VmHWM; Python and ketluan's imports included, about 35 MB).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "tests"), str(REPO / "tests" / "ingest")]

from docx_maker import Doc, Raw, para, write_docx  # noqa: E402
from test_hostile_sizes import _numbered, _pdf  # noqa: E402

READ = """
import sys, time
from pathlib import Path
started = time.perf_counter()
try:
    from ketluan.ingest.source import read_source
    read_source(Path(sys.argv[1]))
    said = "đọc được"
except Exception as exc:
    said = str(exc).split(":")[0][:70]
# VmHWM: this process's own peak (ru_maxrss would carry the parent's over exec).
status = Path("/proc/self/status").read_text()
peak = int(next(l for l in status.splitlines() if l.startswith("VmHWM")).split()[1]) / 1024
print(f"{time.perf_counter() - started:.2f}\\t{peak:.0f}\\t{said}")
"""

SHEET = """
import sys, time
from pathlib import Path
started = time.perf_counter()
from ketluan.fictional import Scale, dump, generate
from ketluan.load import validate_text
dataset = validate_text(dump(generate(Scale(quarters=1, agencies=20, communes=6,
    tasks_per_quarter=12, documents=8))), "mau.yml")
started = time.perf_counter()
try:
    from ketluan.follow.returned import read_sheet
    read_sheet(Path(sys.argv[1]), dataset)
    said = "đọc được"
except Exception as exc:
    said = str(exc).split(":")[-1][:70]
# VmHWM: this process's own peak (ru_maxrss would carry the parent's over exec).
status = Path("/proc/self/status").read_text()
peak = int(next(l for l in status.splitlines() if l.startswith("VmHWM")).split()[1]) / 1024
print(f"{time.perf_counter() - started:.2f}\\t{peak:.0f}\\t{said}")
"""


def _runs(folder: Path) -> Path:
    runs = "<w:r><w:t>0123456789</w:t></w:r>" * 728_541
    return write_docx(folder / "runs.docx", Doc([Raw(f"<w:p>{runs}</w:p>")]))


def _pages(folder: Path) -> Path:
    pages = 200_000
    kids = b" ".join(b"%d 0 R" % (n + 3) for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count %d /Kids [%s] >>" % (pages, kids),
        *[b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * pages,
    ]
    return _pdf(objects, folder / "pages.pdf")


def _dense(folder: Path) -> Path:
    text = b"BT /F1 1 Tf 10 10 Td " + b"(a) Tj 0.01 0 Td " * 100_000 + b"ET"
    packed = zlib.compress(text, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count 10 /Kids [" + b"3 0 R " * 10 + b"] >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return _pdf(objects, folder / "dense.pdf")


def _text(folder: Path) -> Path:
    path = folder / "huge.txt"
    path.write_bytes(("Đoạn văn bản hư cấu của Tỉnh Mẫu.\n" * 1_500_000).encode())
    return path


def _paragraph(folder: Path) -> Path:
    return write_docx(folder / "long.docx", Doc([para("Mở đầu."), para("Tỉnh Mẫu " * 80_000)]))


def _tall_csv(folder: Path) -> Path:
    path = folder / "bao-cao.csv"
    header = "Mã nhiệm vụ,Mục,Nội dung,Thời hạn,Cơ quan báo cáo,Tình trạng,Ngày báo cáo"
    path.write_text(header + "\n" + ",,,,,,\n" * 1_200_000, encoding="utf-8")
    return path


def _dimension_xlsx(folder: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Mã nhiệm vụ"])
    path = folder / "bao-cao.xlsx"
    book.save(path)
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    name = "xl/worksheets/sheet1.xml"
    parts[name] = parts[name].replace(b'<dimension ref="A1"', b'<dimension ref="A1:XFD1048576"')
    with zipfile.ZipFile(path, "w") as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    return path


CASES: list[tuple[str, str, Callable[[Path], Path]]] = [
    (
        "Roman numbering from 2,000,000,000",
        READ,
        lambda f: _numbered(f, "upperRoman", "2" + "0" * 9),
    ),
    ("Roman numbering from 10^3999", READ, lambda f: _numbered(f, "upperRoman", "1" + "0" * 3999)),
    ("letters numbering from 1.3e10", READ, lambda f: _numbered(f, "lowerLetter", "13000000000")),
    ("one paragraph of 728,541 runs", READ, _runs),
    ("a paragraph of 720,000 characters", READ, _paragraph),
    ("PDF of 200,000 pages", READ, _pages),
    ("PDF of 10 pages x 100,000 one-point chars", READ, _dense),
    ("50 MB text export", READ, _text),
    ("CSV sheet of 1,200,000 rows (37 MB)", SHEET, _tall_csv),
    (".xlsx whose <dimension> is A1:XFD1048576", SHEET, _dimension_xlsx),
]


def main() -> int:
    print(f"{'case':45} {'s':>6} {'peak MB':>8}  what it said")
    for name, code, make in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            path = make(folder)
            done = subprocess.run(
                [sys.executable, "-c", code, str(path)],
                capture_output=True,
                text=True,
                timeout=600,
                check=False,
                cwd=REPO,
            )
            seconds, peak, said = (done.stdout.strip() or "?\t?\t" + done.stderr[-80:]).split(
                "\t", 2
            )
            print(f"{name:45} {seconds:>6} {peak:>8}  {said}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
