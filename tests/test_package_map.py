"""The package map (`ketluan/__init__.py`) names exactly the stages that exist, and
the import contracts name each of them."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import ketluan

PACKAGE = Path(ketluan.__file__).parent
REPO = PACKAGE.parent


def _stages_on_disk() -> set[str]:
    subpackages = {f"{p.name}/" for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    modules = {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    return subpackages | modules


def _stages_in_map() -> set[str]:
    assert ketluan.__doc__ is not None
    return set(re.findall(r"^- `([a-z_]+/?)`", ketluan.__doc__, re.M))


def test_the_map_names_every_stage_and_no_other() -> None:
    assert _stages_in_map() == _stages_on_disk()


def test_every_stage_is_in_the_layers_contract() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    layers = next(c["layers"] for c in contracts if c["type"] == "layers")
    named = {name.strip().removeprefix("ketluan.") for layer in layers for name in layer.split("|")}
    stages = {s.rstrip("/") for s in _stages_on_disk()} - {"fictional"}
    assert named == stages


def test_macros_holds_only_the_mkdocs_macros_module() -> None:
    assert sorted(p.name for p in (REPO / "macros").iterdir() if p.name != "__pycache__") == [
        "__init__.py"
    ]
