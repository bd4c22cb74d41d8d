"""The benchmark renders every page the site has (not a timing test: it times nothing)."""

from __future__ import annotations

import sys
from pathlib import Path

from sitecheck import REPO

from ketluan.fictional import Scale, dump, generate
from ketluan.index.site_index import build_index
from ketluan.load import load
from ketluan.render.plan import plan

sys.path.insert(0, str(REPO / "benchmarks"))
import build_site


def test_plain_docs_cover_every_page_of_the_site(tmp_path: Path) -> None:
    data = tmp_path / "mau.yml"
    data.write_text(
        dump(
            generate(Scale(quarters=2, agencies=20, communes=8, tasks_per_quarter=12, documents=10))
        ),
        encoding="utf-8",
    )
    docs = tmp_path / "docs"
    count = build_site.render_plain_docs(data, docs)
    static = {p.relative_to(REPO / "docs").as_posix() for p in (REPO / "docs").rglob("*.md")}
    generated = {page.src_uri for page in plan(build_index(load(data)))}
    written = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    assert written == static | generated
    assert count == len(written)
    # The plain build's input is the Markdown as written unmarked, and its config runs
    # neither ketluan's plugins nor its Markdown extension.
    assert not any("kl:html" in p.read_text(encoding="utf-8") for p in docs.rglob("*.md"))
    config = build_site.plain_config(tmp_path).read_text(encoding="utf-8")
    assert "ketluan.render.stash" not in config  # the toc slugify stays: it names anchors
    assert "- macros" not in config and "- ketluan:" not in config
