"""Shared pytest configuration."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitecheck import REPO, build_site

from macros.model import Dataset
from macros.validate import load


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite the golden files tests/bad/*.expected from the validator's current output",
    )


@pytest.fixture(scope="session")
def real_dataset() -> Dataset:
    """The bundled real data."""
    return load(REPO / "data/directives.yml")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the real data, built strictly once, agency PDFs included."""
    out = tmp_path_factory.mktemp("real") / "site"
    log = build_site(out, pdf=True)
    assert "WARNING" not in log
    return out
