"""The sheets and exports written by a process of their own during the build
(ketluan.outputs.extras)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitecheck import REAL_DATA, REAL_QUARTER

from ketluan.outputs.extras import start_extras
from ketluan.render import urls


def test_the_files_arrive_in_the_site_and_the_scratch_folder_goes(tmp_path: Path) -> None:
    extras = start_extras(REAL_DATA, "real-2026-q1.yml", REAL_QUARTER, "http://x/")
    site = tmp_path / "site"
    site.mkdir()
    extras.finish(site)
    assert (site / urls.EXPORT_ICS).exists() and (site / urls.EXPORT_CSV).exists()
    sheet = urls.report_sheet("dang-uy-ubnd-tinh", REAL_QUARTER, "xlsx")
    assert (site / sheet).stat().st_size > 0
    assert not extras.folder.exists()


def test_a_failure_in_the_writer_stops_with_its_reason(tmp_path: Path) -> None:
    extras = start_extras(tmp_path / "khong-co.yml", "khong-co.yml", None, "http://x/")
    with pytest.raises(RuntimeError, match="không viết được bảng báo cáo") as caught:
        extras.finish(tmp_path)
    assert "không tìm thấy" in str(caught.value)  # the loader's own words
    assert "Traceback" not in str(caught.value)
    assert not extras.folder.exists()
