"""What a dirty build renders again (`ketluan.adapter.incremental`), without MkDocs'
build: the end-to-end check is tests/test_editing.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mkdocs.structure.files import File
from sitecheck import REPO

from ketluan.adapter.incremental import Incremental, KeptFile, shared_digest
from ketluan.adapter.site import Options, site_index

PAGES = {"": "# Trang chủ", "co-quan/a/": "# A", "co-quan/b/": "# B"}
DESTS = {url: f"/site/{url}index.html" for url in PAGES}


def _built(pages: dict[str, str]) -> Incremental:
    incremental = Incremental()
    incremental.begin("s", pages, DESTS)
    material: list[dict[str, str]] = []  # Material's list grows page by page
    for url in pages:
        material.append({"location": url, "title": pages[url]})
        incremental.indexed(url, material)
    incremental.merge(list(pages))
    incremental.done()
    return incremental


def _entries(pages: dict[str, str]) -> list[dict[str, str]]:
    return [{"location": url, "title": text} for url, text in pages.items()]


def test_the_first_build_renders_every_page() -> None:
    assert Incremental().begin("s", PAGES, DESTS) == set(PAGES)


def test_a_save_renders_only_the_pages_whose_markdown_changed() -> None:
    incremental = _built(PAGES)
    assert incremental.begin("s", {**PAGES, "co-quan/b/": "# B mới"}, DESTS) == {"co-quan/b/"}
    assert _built(PAGES).begin("s", PAGES, DESTS) == set()


def test_a_change_every_page_shares_renders_them_all() -> None:
    assert _built(PAGES).begin("other", PAGES, DESTS) == set(PAGES)


def test_a_page_the_data_no_longer_has_is_removed() -> None:
    incremental = _built(PAGES)
    kept = {url: text for url, text in PAGES.items() if url != "co-quan/b/"}
    incremental.begin("s", kept, DESTS)
    assert incremental.gone() == ["/site/co-quan/b/index.html"]


def test_the_search_entries_are_the_full_builds_in_its_order() -> None:
    incremental = _built(PAGES)
    changed = {**PAGES, "co-quan/a/": "# A mới"}
    incremental.begin("s", changed, DESTS)
    # Material's list this build: the rendered page's entries only.
    incremental.indexed("co-quan/a/", [{"location": "co-quan/a/", "title": "# A mới"}])
    assert incremental.merge(list(changed)) == _entries(changed)
    incremental.done()
    # And kept so for the next save.
    incremental.begin("s", changed, DESTS)
    assert incremental.merge(list(changed)) == _entries(changed)


def test_after_a_failed_build_every_page_is_rendered_again() -> None:
    incremental = _built(PAGES)
    incremental.begin("s", PAGES, DESTS)
    incremental.forget()
    assert incremental.begin("s", PAGES, DESTS) == set(PAGES)
    # A page neither rendered nor kept: no index is made up for it.
    assert incremental.merge(list(PAGES)) is None


def test_the_shared_digest_follows_the_title_the_config_and_the_theme(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    theme = tmp_path / "overrides"
    theme.mkdir()
    (theme / "main.html").write_text("a", encoding="utf-8")
    before = shared_digest("Quý I/2026", str(config), str(theme))
    assert shared_digest("Quý I/2026", str(config), str(theme)) == before
    assert shared_digest("Quý II/2026", str(config), str(theme)) != before
    (theme / "main.html").write_text("ab", encoding="utf-8")
    assert shared_digest("Quý I/2026", str(config), str(theme)) != before
    config.write_text("site_name: y\n", encoding="utf-8")
    assert shared_digest("Quý I/2026", str(config), None) != before


def test_only_the_changed_pages_are_left_for_mkdocs_to_render(tmp_path: Path) -> None:
    """A generated page is skipped unless its Markdown changed; a page of docs/ whose
    output changed has its HTML removed (MkDocs then renders it); a page gone from the
    data leaves no HTML behind."""
    docs, site = tmp_path / "docs", tmp_path / "site"
    docs.mkdir()
    (docs / "index.md").write_text("{{ trang_chu() }}", encoding="utf-8")

    def files(*generated: str) -> list[File]:
        home = File("index.md", str(docs), str(site), use_directory_urls=True)
        kept = [
            KeptFile(f"co-quan/{g}.md", None, str(site), use_directory_urls=True) for g in generated
        ]
        return [home, *kept]

    def markdown(texts: dict[str, str]) -> Callable[[File, str], str | None]:
        return lambda file, url: texts.get(url)

    incremental = Incremental()
    first = files("a", "b")
    assert incremental.only_changed(
        first, markdown({"": "h", "co-quan/a/": "A", "co-quan/b/": "B"}), "s"
    ) == {"", "co-quan/a/", "co-quan/b/"}
    incremental.merge(["", "co-quan/a/", "co-quan/b/"])
    incremental.done()
    for file in first:  # what MkDocs wrote
        Path(file.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
        Path(file.abs_dest_path).write_text("<html>", encoding="utf-8")

    second = files("a")
    again = incremental.only_changed(second, markdown({"": "h mới", "co-quan/a/": "A"}), "s")
    assert again == {""}
    assert not Path(second[0].abs_dest_path).exists()  # the home page: rendered again
    assert isinstance(second[1], KeptFile) and not second[1].changed
    assert Path(second[1].abs_dest_path).exists()
    assert not (site / "co-quan" / "b" / "index.html").exists()  # gone from the data


def test_a_build_of_data_that_means_the_same_keeps_every_page() -> None:
    incremental = _built(PAGES)
    assert not Incremental().unchanged("s")  # nothing built yet
    assert not incremental.unchanged("other")  # what every page shares changed
    assert incremental.unchanged("s")
    assert incremental.gone() == []
    assert incremental.merge(list(PAGES)) == _entries(PAGES)
    incremental.done()
    # The next save compares with the same pages as before.
    assert incremental.begin("s", {**PAGES, "co-quan/a/": "# A mới"}, DESTS) == {"co-quan/a/"}


def test_data_saved_with_only_a_comment_more_gives_the_same_index(tmp_path: Path) -> None:
    """What tells the editing loop that no page changed: the same index object."""
    data = tmp_path / "data.yml"
    text = (REPO / "data" / "directives.yml").read_text(encoding="utf-8")
    data.write_text(text, encoding="utf-8")
    opts = Options(data, "data.yml", None, pdf=False)
    first = site_index(opts)
    data.write_text(text + "\n# một dòng ghi chú\n", encoding="utf-8")
    assert site_index(opts) is first
    data.write_text(
        text.replace("Cụ thể đến từng dự án", "Cụ thể tới từng dự án", 1), encoding="utf-8"
    )
    assert site_index(opts) is not first
