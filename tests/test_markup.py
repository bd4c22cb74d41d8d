"""The built pages are valid HTML, as the Nu HTML checker (the W3C validator) reads
them: every error it reports is in Material's own markup, none in ketluan's."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from sitecheck import REPO

from ketluan.render import urls

# Runs MkDocs: outside the fast loop (`pytest -m 'not build'`).
pytestmark = pytest.mark.build

# What the checker finds in Material's templates (mkdocs-material 9), by its message and
# the markup it quotes: ketluan does not write these, and an override would mean
# copying Material's base template. Anything else fails the test.
MATERIAL = (
    # The drawer and search toggles: checkboxes carrying autocomplete="off".
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"'),
    # The table of contents' title labels a toggle that a page without one hides.
    ("The value of the “for” attribute of the “label” element", 'for="__toc"'),
)


def nu_checker() -> Path:
    """vnu.jar, where .ci/nu-checker puts it (or $KETLUAN_VNU_JAR)."""
    given = os.environ.get("KETLUAN_VNU_JAR")
    if given:
        return Path(given)
    found = subprocess.run([REPO / ".ci/nu-checker"], capture_output=True, text=True)
    assert found.returncode == 0, found.stderr
    return Path(found.stdout.strip())


def findings(site: Path, *, language: bool = True) -> list[dict[str, str]]:
    """Every error and warning the checker reports on the site's pages; without
    `language`, not its guess of the text's language."""
    options = [] if language else ["--no-langdetect"]
    checked = subprocess.run(
        ["java", "-jar", str(nu_checker()), "--format", "json", "--skip-non-html", *options]
        + [str(site)],
        capture_output=True,
        text=True,
    )
    messages: list[dict[str, str]] = json.loads(checked.stderr)["messages"]
    return [m for m in messages if m["type"] == "error" or m.get("subType") == "warning"]


def ours(found: list[dict[str, str]]) -> list[str]:
    """The findings not in Material's known list, as "page: message"."""
    return [
        f"{m['url'].rsplit('/site/', 1)[-1]}: {m['message']}"
        for m in found
        if not any(
            m["message"].startswith(said) and quoted in m.get("extract", "")
            for said, quoted in MATERIAL
        )
    ]


def test_every_page_of_the_real_site_is_valid_but_for_material_s_known_errors(
    real_site: Path,
) -> None:
    found = findings(real_site)
    assert ours(found) == []
    # Material's toggles are on every page: the checker did read each of them (the
    # home page's rows, a document of ours without Material's, read and found valid).
    rows = real_site / urls.UPCOMING_ROWS
    pages = {p.resolve().as_uri() for p in real_site.rglob("*.html") if p != rows}
    assert {m["url"].replace("file:/", "file:///", 1) for m in found} == pages


def test_data_that_looks_like_markup_leaves_the_pages_valid(hostile_site: Path) -> None:
    # The hostile data is markup look-alikes, not Vietnamese: the checker's guess of its
    # language is a draw ("appears to be written in English" came and went between two
    # runs of the same pages), and says nothing of the markup.
    assert ours(findings(hostile_site, language=False)) == []
