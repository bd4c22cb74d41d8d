"""Blocks the templates mark whole reach the page exactly as Markdown's own parse gives.

`ketluan.render.stash` hands the task cards to Markdown without its `html_block` pass.
Each page of the real data, of two fictional quarters, and of data with markup
look-alikes in every free-text field is converted twice: as rendered, with mkdocs.yml's
extensions; and with the markers' lines taken out (the Markdown the templates wrote
before the markers) through the same extensions less this one, so `html_block` parses
every card. The two must be the same HTML, byte for byte.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
import yaml
from hostile import poison
from mkdocs.config import load_config
from sitecheck import REPO, page_markdown

from ketluan.render.stash import CLOSE, OPEN, marked, unmarked

EXTENSION = "ketluan.render.stash"


def _converter(stash: bool) -> markdown.Markdown:
    config = load_config(str(REPO / "mkdocs.yml"))
    extensions = [e for e in config["markdown_extensions"] if stash or e != EXTENSION]
    assert (EXTENSION in extensions) is stash
    return markdown.Markdown(extensions=extensions, extension_configs=config["mdx_configs"])


def _pages(data: Path, quarter: str | None = None) -> dict[str, str]:
    return page_markdown(data, quarter)[1]


def _same_html(pages: dict[str, str]) -> int:
    """Assert each page converts alike both ways; the number of blocks stashed."""
    quick, parsed = _converter(stash=True), _converter(stash=False)
    stashed = 0
    for url, text in pages.items():
        html = quick.reset().convert(text)
        stashed += text.count(OPEN)
        assert html == parsed.reset().convert(unmarked(text)), url
        assert "kl:html" not in html, url
    return stashed


@pytest.mark.parametrize("quarter", ["2026-q1", "2026-q2"])
def test_fictional_pages_come_out_as_markdown_parses_them(quarter: str) -> None:
    assert _same_html(_pages(REPO / "tests/data/two-quarters.yml", quarter)) > 10


def test_real_pages_come_out_as_markdown_parses_them() -> None:
    assert _same_html(_pages(REPO / "data/directives.yml")) > 100


def test_hostile_text_in_a_marked_card_stays_text(tmp_path: Path) -> None:
    data = yaml.safe_load((REPO / "tests/data/minimal.yml").read_text(encoding="utf-8"))
    source = tmp_path / "hostile.yml"
    source.write_text(
        yaml.safe_dump(poison(data), allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    assert _same_html(_pages(source)) > 0


def test_a_marked_block_next_to_markdown_and_to_another_block() -> None:
    card = '<div class="kl-task">\n<h3 id="a">A &amp; B</h3>\n<p>x</p>\n</div>'
    text = f"# T\n\nĐoạn *một*.\n{marked(card)}\n{marked(card)}\n\n## Sau\n\n<p>y</p>\n"
    assert _same_html({"x/": text}) == 2


def test_a_marker_not_on_lines_of_its_own_is_left_to_markdown() -> None:
    text = f"Đoạn {OPEN}<b>x</b>{CLOSE} tiếp.\n"
    html = _converter(stash=True).convert(text)
    assert html == _converter(stash=False).convert(text)


def test_a_stand_in_html_block_did_not_store_puts_its_block_back_in_the_text() -> None:
    # html_block stores every block-level tag at the start of a line, even inside an
    # inline <script> or a code span; should it ever not, the block must not be lost,
    # nor its stand-in shown: it goes back into the text.
    md = _converter(stash=True)
    stand_ins, restore = md.preprocessors["ketluan_stand_ins"], md.preprocessors["ketluan_restore"]
    lines = stand_ins.run(["Chữ", *marked("<div>x</div>").split("\n"), "tiếp"])
    assert lines[1].startswith("<div>\x02") and "x" not in lines[1]
    assert restore.run(lines) == ["Chữ", "<div>x</div>", "tiếp"]
