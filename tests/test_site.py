"""The built site: what only a real MkDocs build shows (links and anchors across pages,
no request to another host, ids, the search index, the theme's words). What each page
lists is tested in process, in tests/render/test_site_pages.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sitecheck import (
    FICTIONAL_SCALE,
    NAMESPACES,
    REAL_QUARTER,
    REPO,
    Page,
    build_site,
    html_files,
    outside,
    resolve,
)

from ketluan.fictional import dump, generate
from ketluan.model import Dataset
from ketluan.model.calendar import find_quarter
from ketluan.model.outline import walk_tasks

# Runs MkDocs or mike: outside the fast loop (`pytest -m 'not build'`).
pytestmark = pytest.mark.build


# A built version: its folder, the data, and the quarters it shows (its own last).
@pytest.fixture(scope="module", params=["real", "fictional"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real conclusion's version, and the newest of a fictional three-quarter "Tỉnh Mẫu"."""
    if request.param == "real":
        site: Path = request.getfixturevalue("real_site")
        return site
    base = tmp_path_factory.mktemp("fictional")
    data = base / "mau.yml"
    data.write_text(dump(generate(FICTIONAL_SCALE)), encoding="utf-8")
    out = base / "site"
    log = build_site(out, data)
    assert "WARNING" not in log
    return out


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_urls_are_short_ascii_and_stable(built: Path) -> None:
    site = built
    for file in html_files(site):
        rel = file.relative_to(site).as_posix()
        assert rel.isascii() and re.fullmatch(r"[a-z0-9/.-]+", rel), rel


def test_real_urls(real_site: Path) -> None:
    site = real_site
    for url in ("co-quan/ban-to-chuc", "thoi-han/2026-05-31", "van-ban/254-2025-qh15"):
        assert (site / url / "index.html").exists()


def test_no_broken_internal_link(built: Path) -> None:
    site = built
    broken = []
    for file in html_files(site):
        page = Page(file.read_text(encoding="utf-8"))
        for link in page.links:
            target = resolve(site, file, link)
            if target is None:
                continue
            path, fragment = target
            if outside(site, path):
                # Leaving the version: the older-version banner, for "latest"; the
                # calendars' addresses that never change, beside the versions; an earlier
                # quarter's own pages, in its version (followed in test_publish.py, where
                # the versions stand side by side).
                assert re.fullmatch(
                    r"(\./|/)?(\.\./)+(latest|lich|\d{4}-q[1-4])/[a-z0-9/.#-]*", link
                ), link
                continue
            if not path.exists():
                broken.append(f"{file.relative_to(site)} → {link}")
            elif fragment and fragment not in Page(path.read_text(encoding="utf-8")).ids:
                broken.append(f"{file.relative_to(site)} → {link} (no #{fragment})")
    assert broken == []


# The site's own address (site_url, default for local builds): canonical links point
# there, which is this site, not another host.
OWN_SITE = "http://localhost:8000/"

# URLs inside Material's JavaScript bundle that are never requested by this site:
# licence and documentation comments, and loaders for features it does not use
# (Mermaid diagrams, a ResizeObserver polyfill for old browsers, and GitHub/GitLab
# repository facts, fetched only when mkdocs.yml sets repo_url, which it does not).
UNUSED_BUNDLE_URLS = re.compile(
    r"https://unpkg\.com/(mermaid|resize-observer-polyfill)"
    r"|https://api\.github\.com/|https://\$\{\w+\}/api/v4/"
)


def test_no_external_url_in_html_css_or_requested_by_js(built: Path) -> None:
    site = built
    assert "repo_url" not in (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    offenders = []
    for file in html_files(site):
        for link in Page(file.read_text(encoding="utf-8")).links:
            external = re.match(r"^(https?:)?//", link) and not link.startswith(OWN_SITE)
            if external and not link.startswith(NAMESPACES):
                offenders.append(f"{file.relative_to(site)}: {link}")
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        urls = re.findall(r"url\(\s*['\"]?(?:https?:)?//[^)]*", text)
        offenders += [f"{css.name}: {u}" for u in urls]
        offenders += [f"{css.name}: {u}" for u in re.findall(r"@import[^;]*//[^;]*", text)]
    for js in site.rglob("*.js"):
        text = js.read_text(encoding="utf-8")
        for m in re.finditer(r"""(["'`])(https?://[^"'`\s]+)\1""", text):
            url = m.group(2)
            if not url.startswith(NAMESPACES) and not UNUSED_BUNDLE_URLS.match(url):
                offenders.append(f"{js.name}: {url}")
    assert offenders == []


def test_no_page_gives_one_id_twice(real_site: Path) -> None:
    # Task cards are headings with the task's anchor: a page listing a task twice, or
    # the print bundle listing it under two agencies, would break its links.
    for file in html_files(real_site):
        assert Page(file.read_text(encoding="utf-8")).duplicate_ids == [], file


def test_search_index_has_a_result_per_task_with_clean_text(
    real_site: Path, live_dataset: Dataset
) -> None:
    index = json.loads((real_site / "search/search_index.json").read_text(encoding="utf-8"))
    docs = {d["location"]: d for d in index["docs"]}
    # Diacritics are folded by our lunr language file in the browser, not copied here.
    assert index["config"]["lang"] == ["vi"]
    lunr_vi = real_site / "assets/javascripts/lunr/min/lunr.vi.min.js"
    assert "ketluan" in lunr_vi.read_text(encoding="utf-8")
    # Every task of the full text is a result of its own, titled by its opening words:
    # no internal id ("II.2.6") reaches a search title.
    conclusion = live_dataset.quarters[find_quarter(live_dataset.quarters, REAL_QUARTER)]
    for task, _ in walk_tasks(conclusion.sections):
        assert f"toan-van/?nv={task.anchor}" in docs, task.id
    sand = docs["toan-van/?nv=nv-ii-2-6"]
    assert sand["title"] == "Tiếp tục đấu giá các mỏ cát còn lại, cấp phép các…"
    assert not [d["title"] for d in index["docs"] if re.search(r"\b[IV]+\.\d", d["title"])]
    assert sand["text"].startswith("<p>2.6. Tiếp tục đấu giá các mỏ cát")  # no "§"
    # An agency page is found by its name; its cards, the full text's tasks again, are
    # left out: a task's words find it once, in the full text.
    assert docs["co-quan/dang-uy-ubnd-tinh/"]["boost"] > 1
    assert not [loc for loc in docs if re.match(r"co-quan/[^/#]+/#", loc)]
    text = " ".join(d["title"] + " " + d["text"] for d in index["docs"])
    for hidden in ("Trích Kết luận", "Tải bản in PDF", "Báo cáo tình trạng: tải bảng"):
        assert hidden not in text, hidden  # print-only header, buttons
    assert not re.search(r"Chủ trìĐảng|Thời hạn\d", text)
    assert not [loc for loc in docs if loc.startswith("ban-in/")]  # the print bundle
    # A date finds its page; the cards on it are the agencies' again.
    assert "thoi-han/2026-06-30/" in docs
    assert not [loc for loc in docs if re.match(r"thoi-han/\d{4}-\d\d-\d\d/.*#", loc)]
    # On the page, a card's labels stand apart from their values (copied text, readers).
    page = (real_site / "co-quan/dang-uy-ubnd-tinh/index.html").read_text(encoding="utf-8")
    assert "<dt>Chủ trì</dt> <dd>" in page and "</dt><dd>" not in page


def test_pages_speak_vietnamese_where_material_would_not(real_site: Path) -> None:
    missing = (real_site / "404.html").read_text(encoding="utf-8")
    assert "Không tìm thấy trang" in missing and "Not found" not in missing
    assert 'title="Liên kết đến mục này"' in read(real_site, "toan-van")
    assert "Permanent link" not in read(real_site, "toan-van")


def test_materials_words_left_in_english_are_said_in_vietnamese(real_site: Path) -> None:
    for file in html_files(real_site):
        page = file.read_text(encoding="utf-8")
        for english in ("Initializing search", 'aria-label="Tabs"', ">Contributors<"):
            assert english not in page, (file, english)
    home = (real_site / "index.html").read_text(encoding="utf-8")
    assert "Đang chuẩn bị tìm kiếm" in home and 'aria-label="Các mục chính"' in home
