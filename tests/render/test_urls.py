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


def test_a_page_a_version_holds_for_its_own_quarter_leads_to_one_every_version_keeps() -> None:
    day = date(2027, 3, 31)
    assert urls.lasting(urls.deadline(day)) == urls.DEADLINES
    assert urls.lasting(urls.deadline(day, 3)) == urls.DEADLINES
    assert urls.lasting(urls.directive_text("12-kh-tu")) == urls.document("12-kh-tu")
    assert urls.lasting(urls.directive_text("12-kh-tu", 2)) == urls.document("12-kh-tu")
    assert urls.lasting(urls.full_text(part=3)) == urls.FULL_TEXT == urls.full_text()
    assert urls.lasting(urls.agency("so-noi-vu")) == urls.agency("so-noi-vu")
    assert urls.lasting(urls.lapses_page(2)) == urls.LAPSES
    assert urls.lasting(urls.agency("so-noi-vu", 2)) == urls.agency("so-noi-vu")
    assert urls.lasting(urls.agency_print("so-noi-vu")) == urls.agency("so-noi-vu")
    assert urls.lasting(urls.COMMUNES) == urls.AGENCIES
