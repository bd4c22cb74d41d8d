"""Helpers of the importer's tests: the registries an import starts from, fictional
quarters to render as documents, and the agreement floors a draft must reach."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from agreement import draft_agreement, redraft
from sitecheck import REAL_DATA, REPO

from ketluan.fictional import Scale, dump, generate
from ketluan.load import validate_text
from ketluan.model import Conclusion

SOURCE = REPO / "data/sources/hung-yen-ket-luan-quy-I-2026.txt"
SCALE = Scale(quarters=2, agencies=30, communes=8, tasks_per_quarter=40, documents=16)


def registry_file(folder: Path) -> Path:
    """The real data's registries without its quarter, written in `folder`."""
    text = REAL_DATA.read_text(encoding="utf-8")
    path = folder / "registry.yml"
    path.write_text(text[: text.index("\nquarters:")] + "\nquarters: []\n", encoding="utf-8")
    return path


def fictional(seed: int) -> tuple[str, Conclusion]:
    """A fictional data file of two quarters, and its last quarter."""
    text = dump(generate(replace(SCALE, seed=seed)))
    return text, validate_text(text, "mau.yml").quarters[-1]


def assert_drafts_back(data_text: str, source: Path, key: str, floor: float) -> None:
    """Importing `source` as `key` against the rest of `data_text` agrees with the
    curated quarter on every field at least `floor` of the time."""
    loaded, curated = redraft(data_text, source, key)
    assert_floors(draft_agreement(loaded.dataset, key, curated, key), floor)


def assert_floors(figures: dict[str, tuple[int, int]], floor: float) -> None:
    """Every field's agreement reaches `floor`."""
    for field, (same, total) in figures.items():
        assert not total or same / total >= floor, (field, same, total)
