"""Links climb to the site root, so pages at one depth link alike and work under any path."""

from __future__ import annotations

from datetime import date

from ketluan.render import urls


def test_page_urls_are_ascii_and_stable() -> None:
    assert urls.agency("ban-to-chuc") == "co-quan/ban-to-chuc/"
    assert urls.deadline(date(2026, 6, 30)) == "thoi-han/2026-06-30/"
    assert urls.document("57-nq-tw-2024") == "van-ban/57-nq-tw-2024/"
    assert urls.task("nv-ii-2-9") == "toan-van/#nv-ii-2-9"


def test_relative_links() -> None:
    assert (
        urls.relative("thoi-han/2026-05-31/", "co-quan/ban-to-chuc/")
        == "../../thoi-han/2026-05-31/"
    )
    assert urls.relative("toan-van/#nv-ii", "toan-van/") == "../toan-van/#nv-ii"
    assert urls.relative("co-quan/x/", "") == "co-quan/x/"
    assert urls.relative("", "co-quan/x/") == "../../"
    assert urls.relative("", "") == "./"
