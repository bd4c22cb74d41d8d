"""Files the commands write: whole or not at all, never through a planted file, never
over a read-only one, one writer at a time (ketluan.load.saving)."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from reporting import agency_sheet, csv_rows, fictional_data, write_csv

from ketluan.follow.merge import merge_reports
from ketluan.load import load
from ketluan.load.saving import OutputRefused, check_outputs, write_whole, writer_lock


def test_a_planted_partial_file_or_symlink_is_never_written_through(tmp_path: Path) -> None:
    target = tmp_path / "directives.yml"
    target.write_text("cũ\n", encoding="utf-8")
    victim = tmp_path / "nan-nhan.txt"
    victim.write_text("không được đổi\n", encoding="utf-8")
    (tmp_path / "directives.yml.dang-viet").symlink_to(victim)
    write_whole(target, "mới\n")
    assert target.read_text(encoding="utf-8") == "mới\n"
    assert victim.read_text(encoding="utf-8") == "không được đổi\n"


def test_a_failed_write_leaves_the_file_as_it_was_and_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "directives.yml"
    target.write_text("cũ\n", encoding="utf-8")

    def disk_full() -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError):
        write_whole(target, "mới\n", before_rename=disk_full)
    assert target.read_text(encoding="utf-8") == "cũ\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["directives.yml"]


def test_a_read_only_file_is_refused_and_stays_read_only(tmp_path: Path) -> None:
    target = tmp_path / "directives.yml"
    target.write_text("cũ\n", encoding="utf-8")
    target.chmod(0o444)
    try:
        with pytest.raises(OutputRefused, match="chỉ cho đọc"):
            write_whole(target, "mới\n")
        assert target.read_text(encoding="utf-8") == "cũ\n"
        assert stat.S_IMODE(target.stat().st_mode) == 0o444
    finally:
        target.chmod(0o644)


def test_a_new_file_gets_the_permissions_any_new_file_gets(tmp_path: Path) -> None:
    target = tmp_path / "trang-ra-soat.html"
    write_whole(target, "<p>Mẫu</p>\n")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_the_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "directives.yml"
    target.write_text("cũ\n", encoding="utf-8")
    target.chmod(0o640)
    write_whole(target, "mới\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.parametrize("kind", ["folder", "symlink", "input", "other output"])
def test_an_output_that_is_not_a_file_of_its_own_is_refused(tmp_path: Path, kind: str) -> None:
    source = tmp_path / "ket-luan.docx"
    source.write_bytes(b"PK")
    draft = tmp_path / "nhap.yml"
    page = {
        "folder": tmp_path,
        "symlink": tmp_path / "lien-ket.html",
        "input": source,
        "other output": draft,
    }[kind]
    if kind == "symlink":
        page.symlink_to(tmp_path / "dau-do.html")
    with pytest.raises(OutputRefused):
        check_outputs({"tệp bản nháp": draft, "trang rà soát": page}, {"tệp Kết luận": source})


def test_a_second_writer_waits_and_then_reads_what_the_first_wrote(tmp_path: Path) -> None:
    data = fictional_data(tmp_path)
    sheet, _agency, ref = agency_sheet(data, tmp_path / "site", "csv")
    rows = csv_rows(sheet)
    line = next(r for r in rows if r[0] == ref)
    meeting = load(data).quarters[-1].meeting_date
    write_csv(sheet, [rows[0], [*line[:5], "đang thực hiện", meeting.isoformat(), *[""] * 4]])
    command = [sys.executable, "-m", "ketluan.cli", "reports", "import", str(sheet)]
    command += ["--quarter", "2026-q2", "--data", str(data)]
    with writer_lock(data):
        importing = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        time.sleep(2)
        assert importing.poll() is None  # it waits for the lock
        # Meanwhile another command adds a report of its own, and writes the file.
        other = {"task": ref, "status": "tạm dừng", "date": meeting + timedelta(days=1)}
        write_whole(data, merge_reports(data.read_text("utf-8"), "2026-q2", [other]).text)
    out, err = importing.communicate(timeout=60)
    assert importing.returncode == 0, err
    assert "Đang chờ lệnh khác ghi xong" in err and "Đã nhập 1 báo cáo" in out
    statuses = {r.status.value for r in load(data).quarters[-1].reports if r.task == ref}
    assert {"tạm dừng", "đang thực hiện"} <= statuses  # neither report lost
