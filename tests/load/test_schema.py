"""The JSON Schema editors use (ketluan.load.schema, `ketluan schema`): generated from the
model, in step with the bundled data, and saying what the loader says about types."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from drafting import SOURCE, registry_file
from sitecheck import LIVE_DATA, REAL_DATA, REAL_QUARTER, REPO

from ketluan.cli import main
from ketluan.fictional import Scale, dump, generate
from ketluan.load import validate_text
from ketluan.load.schema import MODELINE, json_schema
from ketluan.model import Dataset

DATA = LIVE_DATA


def _as_editor_sees(value: Any) -> Any:
    """YAML data as a language server validates it: dates are their text."""
    if isinstance(value, dict):
        return {k: _as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_editor_sees(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


def _errors(schema: dict[str, Any], data: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema)
    return [e.message for e in validator.iter_errors(_as_editor_sees(data))]


def test_the_bundled_schema_is_current_and_the_data_points_to_it(live_dataset: Dataset) -> None:
    # The live file's own schema: after adding agencies or documents the Office runs
    # `ketluan schema`, as the README says.
    committed = json.loads((REPO / "data/directives.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(live_dataset), "run: ketluan schema"
    first = DATA.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first == MODELINE.format(path="directives.schema.json")


def test_the_data_the_loader_accepts_the_schema_accepts(live_dataset: Dataset) -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema(live_dataset))
    assert _errors(json_schema(live_dataset), yaml.safe_load(DATA.read_text("utf-8"))) == []
    text = dump(generate(Scale(quarters=2, agencies=20, communes=6, tasks_per_quarter=16)))
    fictional = validate_text(text, "mau.yml")
    assert _errors(json_schema(fictional), yaml.safe_load(text)) == []


def test_what_an_editor_is_told_as_it_types(real_dataset: Dataset) -> None:
    schema = json_schema(real_dataset)
    data = yaml.safe_load(REAL_DATA.read_text("utf-8"))
    task = data["quarters"][0]["sections"][0]["tasks"][0]
    task["lead"] = ["ban-to-chu"]  # an agency id with a typo
    task["kind"] = "nhiem-vu"  # not a kind
    task["dealines"] = []  # a misspelt key
    task["needs_review"] = ["lead: suy từ tiêu đề mục"]  # a review mark: allowed
    for deadline in task.get("deadlines", []):
        deadline.pop("precision", None)  # derived by the loader: may be left out
    errors = _errors(schema, data)
    assert any("'ban-to-chu' is not one of" in e for e in errors)
    assert any("'nhiem-vu' is not one of" in e for e in errors)
    assert any("'dealines' was unexpected" in e for e in errors)
    assert len(errors) == 3, errors
    lead = schema["$defs"]["Task"]["properties"]["lead"]["items"]["enum"]
    assert "ban-to-chuc" in lead  # offered for completion


def test_an_imported_draft_fits_the_schema(tmp_path: Path) -> None:
    registry = registry_file(tmp_path)
    out = tmp_path / "draft.yml"
    args = ["import", str(SOURCE), "--quarter", REAL_QUARTER, "--data", str(registry)]
    assert main([*args, "-o", str(out)]) == 0
    draft = yaml.safe_load(out.read_text(encoding="utf-8"))
    dataset = validate_text(out.read_text(encoding="utf-8"), "draft.yml")
    assert _errors(json_schema(dataset), draft) == []


def test_the_schema_command_writes_beside_the_data_and_says_how_to_use_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "mau.yml"
    data.write_text(dump(generate(Scale(quarters=1, agencies=20, communes=6))), encoding="utf-8")
    assert main(["schema", "--data", str(data)]) == 0
    written = json.loads((tmp_path / "mau.schema.json").read_text(encoding="utf-8"))
    assert written["$defs"]["Task"]["additionalProperties"] is False
    assert "# yaml-language-server: $schema=mau.schema.json" in capsys.readouterr().out
