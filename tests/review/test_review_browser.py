"""The clerk's review in a real browser (headless Chromium, Playwright): every mark of
the real draft cleared by keyboard and the quarter then published; a wrong lead fixed by
typing without diacritics; an agency added in place; a carry-over accepted, another
refused and undone; a racing tab and a page of another origin write nothing (#25.6)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from drafting import SCALE
from playwright.sync_api import Browser, Page, expect
from reviewing import draft_into, real_draft, serving, without_last_quarter
from sitecheck import git, make_project

from ketluan.fictional import dump, generate
from ketluan.fictional.document import as_text_export
from ketluan.load import load_with_marks, validate_text
from ketluan.model.outline import walk_tasks
from ketluan.review.cards import cards_of

pytestmark = pytest.mark.build
KEY = "2026-q1"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda e: errors.append(str(e)))
    opened.on("requestfailed", lambda r: errors.append(r.url))
    yield opened
    context.close()
    assert errors == []


def _left(page: Page) -> int:
    return int(page.locator(".progress").get_attribute("data-left") or "0")


def _task(data: Path, task_id: str, key: str = KEY) -> object:
    dataset = load_with_marks(data).dataset
    quarter = next(q for q in dataset.quarters if q.key == key)
    return next(t for t, _c in walk_tasks(quarter.sections) if t.id == task_id)


def test_every_mark_of_the_real_draft_cleared_by_keyboard_then_publish_accepts_it(
    page: Page, tmp_path: Path
) -> None:
    draft = real_draft(tmp_path)
    comments = [line for line in draft.read_text().splitlines() if line.lstrip().startswith("#")]
    with serving(draft, KEY) as url:
        page.goto(url)
        assert _left(page) == 73
        expect(page.locator(".progress__count")).to_contain_text("Còn 73/73 điểm cần rà soát")
        assert Axe().run(page).violations_count == 0
        for left in range(73, 0, -1):
            expect(page.locator(".progress")).to_have_attribute("data-left", str(left))
            expect(page.locator("[data-card]").first).to_be_focused()
            page.keyboard.press("Enter")
        expect(page.locator(".ready")).to_contain_text("đã có thể xuất bản")
        expect(page.locator(".ready code")).to_contain_text("ketluan publish 2026-q1")
    text = draft.read_text(encoding="utf-8")
    assert "needs_review" not in text
    assert [line for line in text.splitlines() if line.lstrip().startswith("#")] == comments
    repo = make_project(tmp_path, text)
    env = {**os.environ, "KETLUAN_PDF": "0", "NO_MKDOCS_2_WARNING": "1"}
    published = subprocess.run(
        [sys.executable, "-m", "ketluan.cli", "publish", KEY, "--data", "mau.yml",
         "--site-url", "http://intranet.example/ket-luan/"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert published.returncode == 0, published.stderr
    assert "2026-q1/index.html" in git(repo, "ls-tree", "-r", "--name-only", "gh-pages")


def test_a_wrong_lead_fixed_by_typing_without_diacritics_and_an_agency_added_in_place(
    page: Page, tmp_path: Path
) -> None:
    draft = real_draft(tmp_path)
    with serving(draft, KEY) as url:
        page.goto(url)
        card = page.locator(".card--lead").first
        task_id = card.locator("xpath=ancestor::section[contains(@class,'entry')]//h3").inner_text()
        picker = card.locator(".picker__input")
        # A name typed whole comes first, before the names it begins (registry order
        # puts "Các địa phương, cơ quan, đơn vị" earlier).
        picker.fill("cac dia phuong")
        expect(card.locator('[role="option"]').first).to_have_attribute("data-id", "cac-dia-phuong")
        picker.fill("ban to chuc")
        expect(card.locator('[role="option"]').first).to_contain_text("Ban Tổ chức Tỉnh ủy")
        picker.press("Enter")
        expect(card.locator(".chip")).to_contain_text(["Ban Tổ chức Tỉnh ủy"])
        card.locator(".new-agency summary").click()
        card.locator('[data-new-agency] [name="name"]').fill("Sở Mẫu Hư Cấu")
        card.locator('[data-new-agency] [name="group"]').select_option("chinh-quyen")
        card.locator("[data-add-agency]").click()
        expect(card.locator(".chip")).to_have_count(2)
        card.get_by_role("button", name="Ghi đơn vị chủ trì").click()
        expect(page.locator(".progress")).to_have_attribute("data-left", "72")
    task = _task(draft, task_id)
    assert task.lead == ("ban-to-chuc", "so-mau-hu-cau")  # type: ignore[attr-defined]
    agencies = {a.id: a for a in load_with_marks(draft).dataset.agencies}
    assert agencies["so-mau-hu-cau"].name == "Sở Mẫu Hư Cấu"


def test_the_checkers_refusal_is_said_on_the_card_and_nothing_is_written(
    page: Page, tmp_path: Path
) -> None:
    draft = real_draft(tmp_path)
    before = draft.read_bytes()
    with serving(draft, KEY) as url:
        page.goto(url)
        card = page.locator(".card--date").first
        card.locator('input[name="date"]').fill("2026-06-15")
        card.get_by_role("button", name="Ghi thời hạn").click()
        expect(card.locator(".card__error")).to_contain_text("không khớp cụm từ")
        assert _left(page) == 73
    assert draft.read_bytes() == before


@pytest.fixture
def next_quarter(tmp_path: Path) -> tuple[Path, str]:
    """A fictional next quarter's draft, with carry-overs proposed."""
    text = dump(generate(replace(SCALE, seed=0)))
    earlier, key = without_last_quarter(text)
    source = tmp_path / "mau.txt"
    source.write_text(as_text_export(validate_text(text, "mau.yml").quarters[-1]), "utf-8")
    return draft_into(earlier, source, key, tmp_path / "nhap.yml"), key


def test_a_carry_over_accepted_another_refused_and_the_refusal_undone(
    page: Page, next_quarter: tuple[Path, str]
) -> None:
    draft, key = next_quarter
    carried = [c for c in cards_of(load_with_marks(draft), key) if c.kind == "continues"]
    assert len(carried) >= 2
    with serving(draft, key) as url:
        page.goto(url)
        first = page.locator(f"#{carried[0].id}")
        expect(first.locator(".side-by-side td").first).to_contain_text(
            carried[0].data["earlier"][0][1][:40]
        )
        first.get_by_role("button", name="Đúng, là nhiệm vụ tiếp tục").click()
        expect(page.locator(f"#{carried[0].id}")).to_have_count(0)
        page.locator(f"#{carried[1].id}").get_by_role(
            "button", name="Không, là nhiệm vụ mới"
        ).click()
        expect(page.locator(f"#{carried[1].id}")).to_have_count(0)
        assert _continues(draft, key, carried[1].data["task"]) == ()
        page.locator("[data-card]").first.focus()
        page.keyboard.press("u")
        expect(page.locator(f"#{carried[1].id}")).to_have_count(1)
        expect(page.locator("#thong-bao")).to_contain_text("Đã hoàn tác")
    assert _continues(draft, key, carried[1].data["task"])


def _continues(draft: Path, key: str, task_id: str) -> tuple[str, ...]:
    dataset = load_with_marks(draft).dataset
    quarter = next(q for q in dataset.quarters if q.key == key)
    return next(t.continues for t, _c in walk_tasks(quarter.sections) if t.id == task_id)


def test_two_tabs_never_lose_an_edit(browser: Browser, tmp_path: Path) -> None:
    draft = real_draft(tmp_path)
    context = browser.new_context()
    first, second = context.new_page(), context.new_page()
    with serving(draft, KEY) as url:
        first.goto(url)
        second.goto(url)
        first.keyboard.press("Enter")
        expect(first.locator(".progress")).to_have_attribute("data-left", "72")
        second.keyboard.press("Enter")
        expect(second.locator("#thong-bao")).to_contain_text("chưa được ghi")
        expect(second.locator(".progress")).to_have_attribute("data-left", "73")
    context.close()
    assert len(cards_of(load_with_marks(draft), KEY)) == 72


class _Other(BaseHTTPRequestHandler):
    """A page of another origin that tries to write into the review."""

    target = ""

    def do_GET(self) -> None:
        body = f"""<!doctype html><title>khác</title>
<form id=f method=post action="{self.target}api/tra-loi" enctype="text/plain">
<input name='{{"action":"accept","x":"' value='"}}'></form>
<script>
fetch("{self.target}api/tra-loi", {{method: "POST", headers: {{"Content-Type":
"application/json", "X-Ketluan-Token": "doan"}}, body: "{{}}"}}).catch(() => {{}})
  .finally(() => {{ document.title = "xong"; document.getElementById("f").submit(); }});
</script>"""
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args: object) -> None:
        pass


def test_a_page_of_another_origin_writes_nothing(browser: Browser, tmp_path: Path) -> None:
    draft = real_draft(tmp_path)
    before = draft.read_bytes()
    with serving(draft, KEY) as url:
        _Other.target = url
        other = ThreadingHTTPServer(("127.0.0.1", 0), _Other)
        threading.Thread(target=other.serve_forever, daemon=True).start()
        context = browser.new_context()
        tab = context.new_page()
        tab.goto(f"http://127.0.0.1:{other.server_address[1]}/")
        tab.wait_for_url(url + "api/tra-loi")
        assert "bị từ chối" in tab.content() or "mã phiên" in tab.content()
        context.close()
        other.shutdown()
    assert draft.read_bytes() == before


def test_a_paragraphs_reading_corrected_where_no_mark_asks(page: Page, tmp_path: Path) -> None:
    draft = real_draft(tmp_path)

    def saved(before: str | None) -> None:
        page.wait_for_function(
            "v => document.querySelector('#noi-dung').dataset.version !== v", arg=before
        )

    def version() -> str | None:
        return page.locator("#noi-dung").get_attribute("data-version")

    with serving(draft, KEY) as url:
        page.goto(url)
        entry = page.locator("#doan-nv-ii-2-6")
        entry.locator(".reading > summary").click()
        form = entry.locator('form[data-paragraph="reading"]')
        form.locator('.picker[data-field="support"] .chip__remove').first.click()
        before = version()
        form.get_by_role("button", name="Ghi cách đọc đoạn II.2.6").click()
        saved(before)
        entry = page.locator("#doan-nv-ii-1")
        entry.locator(".reading > summary").click()
        row = entry.locator(".cite-row").last
        row.locator('input[name="cite_text"]').fill("9 nghị quyết chiến lược")
        # A document the registry lacks, added from the form, is chosen in its row.
        entry.locator(".new-document > summary").click()
        added = entry.locator("[data-new-document]")
        added.locator('[name="type"]').select_option("Nghị quyết")
        added.locator('[name="title"]').fill("Chín nghị quyết chiến lược (hư cấu)")
        before = version()
        added.get_by_role("button", name="Thêm vào danh mục").click()
        saved(before)
        expect(row.locator('select[name="cite_document"]')).to_have_value(
            "chin-nghi-quyet-chien-luoc-hu-cau"
        )
        before = version()
        entry.get_by_role("button", name="Ghi cách đọc đoạn II.1").click()
        saved(before)
        # Words the paragraph does not hold: the checker refuses, said in the form.
        entry = page.locator("#doan-nv-ii-1")
        entry.locator(".reading > summary").click()
        row = entry.locator(".cite-row").last
        row.locator('input[name="cite_text"]').fill("Nghị quyết không có trong đoạn")
        row.locator('select[name="cite_document"]').select_option("9-nghi-quyet-chien-luoc")
        entry.get_by_role("button", name="Ghi cách đọc đoạn II.1").click()
        expect(entry.locator('form[data-paragraph="reading"] .card__error')).to_be_visible()
    documents = {d.id: d for d in load_with_marks(draft).dataset.documents}
    assert documents["chin-nghi-quyet-chien-luoc-hu-cau"].type == "Nghị quyết"
    assert _task(draft, "II.2.6").support == ()  # type: ignore[attr-defined]
    cites = {c.as_written: c.document for c in _task(draft, "II.1").cites}  # type: ignore[attr-defined]
    assert cites["9 nghị quyết chiến lược"] == "chin-nghi-quyet-chien-luoc-hu-cau"
    assert "Nghị quyết không có trong đoạn" not in cites
