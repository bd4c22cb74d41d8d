"""Shared pytest configuration."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from drafting import registry_file
from sitecheck import (
    LIVE_DATA,
    REAL_DATA,
    REAL_QUARTER,
    REPO,
    build_site,
    grown_data,
    render_pages,
)

from ketluan.load import load
from ketluan.model import Dataset
from ketluan.outputs.pdf import CHROMIUM_ARGS, find_chromium

if TYPE_CHECKING:
    from playwright.sync_api import Browser


def pytest_configure(config: pytest.Config) -> None:
    """Quarters read by the tests are kept in a folder of this run's own (each xdist
    worker its own), never in the developer's ~/.cache; subprocesses inherit it."""
    folder = tempfile.mkdtemp(prefix="ketluan-quarters-")
    os.environ["KETLUAN_CACHE"] = folder
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite the golden files tests/bad/*.expected from the validator's current output",
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    chromium = find_chromium()
    assert chromium, "Chromium is needed: .ci/system-deps installs it"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def real_dataset() -> Dataset:
    """The real data as it held the first real quarter (a frozen copy of the live file)."""
    return load(REAL_DATA)


@pytest.fixture(scope="session")
def live_dataset() -> Dataset:
    """The live data file, for the tests whose subject it is (the real site's build)."""
    return load(LIVE_DATA)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real conclusion's version of the site, built strictly once, PDFs included."""
    out = tmp_path_factory.mktemp("real") / "site"
    log = build_site(out, quarter=REAL_QUARTER, pdf=True)
    assert "WARNING" not in log
    return out


@pytest.fixture(scope="session")
def real_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real conclusion's version rendered in process (no build), page by page."""
    return render_pages(REAL_DATA, REAL_QUARTER, tmp_path_factory.mktemp("real-pages"))


@pytest.fixture(scope="session")
def grown_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data with a plainly fictional next quarter appended."""
    return grown_data(tmp_path_factory.mktemp("grown"))


@pytest.fixture(scope="session")
def grown_dataset(grown_file: Path) -> Dataset:
    return load(grown_file)


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal data with markup look-alikes in every free-text field, built with PDFs."""
    import yaml
    from hostile import poison

    base = tmp_path_factory.mktemp("hostile")
    data = yaml.safe_load((REPO / "tests/data/minimal.yml").read_text(encoding="utf-8"))
    source = base / "hostile.yml"
    source.write_text(
        yaml.safe_dump(poison(data), allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    out = base / "site"
    build_site(out, source, pdf=True)
    return out


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    """The real data's registries, without its quarter: what an import starts from."""
    return registry_file(tmp_path)
