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
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

import hostile_files as make  # noqa: E402

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

# As `ketluan import` reads: in a child held to the ceiling; the peak is the child's.
ISOLATED = """
import resource, sys, time
from pathlib import Path
started = time.perf_counter()
try:
    from ketluan.ingest.isolated import read_isolated
    read_isolated(Path(sys.argv[1]))
    said = "đọc được"
except Exception as exc:
    said = str(exc).split(":")[0][:70]
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"{time.perf_counter() - started:.2f}\t{peak:.0f}\t{said}")
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


def _numbering(fmt: str, start: str) -> Callable[[Path], Path]:
    return lambda folder: make.numbered_from(folder, fmt, start)


def _one_page(folder: Path) -> Path:
    return make.pages_in_object_stream(folder, one_page=True)


CASES: list[tuple[str, str, Callable[[Path], Path]]] = [
    ("Roman numbering from 2,000,000,000", READ, _numbering("upperRoman", "2" + "0" * 9)),
    ("Roman numbering from 10^3999", READ, _numbering("upperRoman", "1" + "0" * 3999)),
    ("letters numbering from 1.3e10", READ, _numbering("lowerLetter", "13000000000")),
    ("list level 'abc'", READ, make.level_not_a_number),
    ("one paragraph of 728,541 runs", READ, make.many_runs),
    ("a paragraph of 720,000 characters", READ, make.long_paragraph),
    ("a 12 MB part its zip header calls 1 KB", READ, make.understated_part),
    ("PDF of 200,000 pages", READ, make.many_pages),
    ("PDF of 10 pages x 100,000 one-point chars", READ, make.dense_pages),
    ("70 MB text export", READ, make.huge_text),
    ("PDF of 200,000 pages in an object stream", READ, make.pages_in_object_stream),
    ("PDF naming one page 200,000 times", READ, _one_page),
    ("the same, read as `ketluan import` does", ISOLATED, _one_page),
    ("CSV sheet of 1,200,000 rows (37 MB)", SHEET, _tall_csv),
    (".xlsx whose <dimension> is A1:XFD1048576", SHEET, _dimension_xlsx),
]  # fmt: skip


def main() -> int:
    print(f"{'case':45} {'s':>6} {'peak MB':>8}  what it said")
    for name, code, build in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            path = build(folder)
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
