"""Data text is escaped wherever it lands and never becomes template source."""

from __future__ import annotations

import html
import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from hostile import attack as attack_text
from hostile import lookalikes
from sitecheck import REPO, build_site, html_files, pdf_text

# Runs MkDocs or mike: outside the fast loop (`pytest -m 'not build'`).
pytestmark = pytest.mark.build

EVIL = "{{ 7*7 }} {% include 'x' %} <script>alert(1)</script> a | b </title><b>x</b>"


def poison(data: dict[str, Any]) -> None:
    """Put the injection strings into an agency name, a task, a document and a figure."""
    agency = next(a for a in data["agencies"] if a["id"] == "ban-mau-tinh-uy")
    agency["name"] = f"Ban Mẫu {EVIL}"
    quarter = data["quarters"][0]
    task = quarter["sections"][0]["tasks"][0]
    task["text"] += f" Ghi chú: {EVIL}."
    doc = next(d for d in data["documents"] if d["id"] == "chuong-trinh-mau")
    doc["title"] = f"Chương trình mẫu {EVIL}"
    # A label uses the review's own words: the review says them too.
    quarter["review"]["paragraphs"][0] += f" {EVIL}"
    quarter["review"]["figures"][0]["label"] = f"Chỉ số {EVIL}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("evil")
    data = yaml.safe_load((REPO / "tests/data/minimal.yml").read_text(encoding="utf-8"))
    poison(data)
    source = base / "evil.yml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = base / "site"
    build_site(out, source)
    return out


def pages_showing(site: Path, needle: str) -> list[Path]:
    return [f for f in html_files(site) if needle in html.unescape(f.read_text(encoding="utf-8"))]


def test_injection_strings_show_literally_everywhere(site: Path) -> None:
    shown = pages_showing(site, EVIL)
    names = {f.relative_to(site).as_posix() for f in shown}
    # The agency's page and index, the task's places, the document's page, the home page.
    assert {
        "co-quan/ban-mau-tinh-uy/index.html",
        "co-quan/index.html",
        "toan-van/index.html",
        "van-ban/chuong-trinh-mau/index.html",
        "index.html",
    } <= names
    for file in html_files(site):
        raw = file.read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in raw, file
        assert "</title><b>" not in raw and "<b>x</b>" not in raw, file
        assert "{% include" not in raw.replace("{% include &#39;x&#39; %}", ""), file
        text = html.unescape(raw)
        assert "Ban Mẫu 49" not in text and "Ghi chú: 49" not in text, file


def test_agency_heading_and_title_are_literal(site: Path) -> None:
    raw = (site / "co-quan/ban-mau-tinh-uy/index.html").read_text(encoding="utf-8")
    h1 = raw[raw.index("<h1") : raw.index("</h1>")]
    assert EVIL in html.unescape(h1)
    title = raw[raw.index("<title>") : raw.index("</title>")]
    assert "&lt;script&gt;" in title and "{{ 7*7 }}" in title


def test_search_index_keeps_the_text_escaped(site: Path) -> None:
    index = (site / "search/search_index.json").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in index
    assert "{{ 7*7 }}" in index


class _Elements(HTMLParser):
    """Elements that could run a script: any on* handler, an <img src=x>, a <script>
    holding "alert(" (Material's own scripts hold none)."""

    def __init__(self, html_text: str) -> None:
        super().__init__()
        self.dangerous: list[str] = []
        self._in_script = False
        self.feed(html_text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        handlers = [name for name, _ in attrs if name.startswith("on")]
        if handlers or (tag == "img" and ("src", "x") in attrs):
            self.dangerous.append(f"<{tag} {attrs}>")
        self._in_script = tag == "script"

    def handle_data(self, data: str) -> None:
        if self._in_script and "alert(" in data:
            self.dangerous.append(data[:80])


def test_markup_lookalikes_are_inert_in_every_page_index_and_pdf(hostile_site: Path) -> None:
    site = hostile_site
    attack = attack_text(lookalikes()[0], 1)
    shown = pages_showing(site, attack)
    assert len(shown) >= 5, "the attacks must reach the pages to prove anything"
    for file in html_files(site):
        assert _Elements(file.read_text(encoding="utf-8")).dangerous == [], file
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    reached = 0
    for doc in index["docs"]:
        for field in ("title", "text"):
            assert _Elements(doc[field]).dangerous == [], (doc["location"], field)
        reached += "onerror" in doc["text"]
    assert reached, "the attacks must reach the search index"
    pdfs = sorted(site.rglob("*.pdf"))
    assert pdfs, "Chromium is needed: .ci/system-deps installs it"
    for pdf in pdfs:
        raw = pdf.read_bytes()
        assert b"/JavaScript" not in raw and b"/JS" not in raw, pdf
        text = pdf_text(pdf)
        assert "<img" not in text and "onerror=" not in text, pdf
    assert any("onerror" in pdf_text(pdf) for pdf in pdfs), "the attacks must reach the PDFs"
