"""The corpus of bad data files: every file in tests/bad/ must be rejected, with exactly
the problems its golden file lists.

Each `tests/bad/NN-name.yml` is a copy of `tests/data/minimal.yml` (a small valid dataset)
with a deliberate defect, described in its first line; `NN-name.expected` holds the
problems the validator reports, one `file:line:column: path: message` per line. After a
deliberate change to the messages, regenerate the goldens with

    python -m pytest tests/test_bad_corpus.py --update-goldens

and read the diff: every changed line must still point at the defect.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from ketluan.load import load, validate_text
from ketluan.problems import DataError

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "bad"
MINIMAL = ROOT / "tests" / "data" / "minimal.yml"
CORPUS = sorted(BAD.glob("*.yml"))
MIN_CORPUS_SIZE = 30

# The YAML-tag files: their payload would create this file (in the working directory)
# if the loader ever executed it.
TAG_FILES = sorted(BAD.glob("*-python-tag*.yml"))
MARKER = "ketluan-tag-executed.marker"
APPLY_TAG = "tag:yaml.org,2002:python/object/apply:os.system"

PROBLEM_LINE = re.compile(r"(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<rest>.+)")


def _name(path: Path) -> str:
    """How the validator names `path` in messages: relative to the repository, POSIX."""
    return path.relative_to(ROOT).as_posix()


def _golden(path: Path) -> Path:
    return path.with_suffix(".expected")


def _problems_text(path: Path) -> str:
    """The problems `load` reports for `path`, one per line; fails if it reports none."""
    try:
        load(path, name=_name(path))
    except DataError as exc:
        return "".join(f"{problem}\n" for problem in exc.problems)
    pytest.fail(f"{_name(path)} was accepted: the validator found nothing wrong with it")


def test_minimal_dataset_is_valid() -> None:
    dataset = load(MINIMAL, name=_name(MINIMAL))
    assert dataset.province == "Tỉnh Mẫu"
    assert [q.key for q in dataset.quarters] == ["2026-q1"]


def test_corpus_has_enough_files() -> None:
    assert len(CORPUS) >= MIN_CORPUS_SIZE, [p.name for p in CORPUS]


def test_every_golden_has_its_data_file() -> None:
    orphans = [g.name for g in BAD.glob("*.expected") if not g.with_suffix(".yml").exists()]
    assert orphans == []


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_bad_file_problems_match_golden(path: Path, request: pytest.FixtureRequest) -> None:
    got = _problems_text(path)  # fails, even when updating, if the file is accepted
    golden = _golden(path)
    if request.config.getoption("--update-goldens"):
        golden.write_text(got, encoding="utf-8")
        return
    assert golden.exists(), f"{_name(golden)} is missing; run pytest --update-goldens"
    assert got == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_golden_lines_point_into_the_file(path: Path) -> None:
    golden = _golden(path)
    assert golden.exists(), f"{_name(golden)} is missing; run pytest --update-goldens"
    lines = golden.read_text(encoding="utf-8").splitlines()
    assert lines, f"{_name(golden)} is empty"
    line_count = path.read_bytes().count(b"\n") + 1
    for text in lines:
        m = PROBLEM_LINE.fullmatch(text)
        assert m is not None, text
        assert m["file"] == _name(path), text
        assert 0 < int(m["line"]) <= line_count, text
        assert int(m["column"]) > 0, text


def _tagged_nodes(node: yaml.Node) -> list[yaml.Node]:
    """Every node under `node` (itself included) that carries the os.system apply tag."""
    found = [node] if node.tag == APPLY_TAG else []
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            found += _tagged_nodes(key) + _tagged_nodes(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found += _tagged_nodes(item)
    return found


def test_python_tag_payload_is_real() -> None:
    """At least one tag file holds the form yaml.unsafe_load would run: the tag on a
    sequence of arguments. Composing only builds nodes; it constructs (runs) nothing."""
    assert TAG_FILES
    kinds: set[type[yaml.Node]] = set()
    for path in TAG_FILES:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        assert root is not None
        nodes = _tagged_nodes(root)
        assert nodes, path.name
        kinds |= {type(n) for n in nodes}
    assert yaml.SequenceNode in kinds
    assert yaml.ScalarNode in kinds


@pytest.mark.parametrize("path", TAG_FILES, ids=lambda p: p.stem)
def test_python_tag_is_never_executed(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = path.read_text(encoding="utf-8")
    assert MARKER in text
    marker = tmp_path / MARKER
    armed = text.replace(MARKER, marker.as_posix())  # an absolute path, wherever pytest runs
    monkeypatch.chdir(tmp_path)  # and the file as stored would write its marker here
    with pytest.raises(DataError):
        validate_text(armed, "armed.yml")
    with pytest.raises(DataError):
        load(path, name=_name(path))
    assert not marker.exists()
    assert list(tmp_path.iterdir()) == []
