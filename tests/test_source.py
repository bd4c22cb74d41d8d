"""Reading YAML: positions are found in the node graph only when asked for."""

from __future__ import annotations

import yaml

from macros.problems import Mark
from macros.source import KEY, NodeMarks, read_yaml

TEXT = """\
agencies:
  - id: mau-a
    name: Ban Mẫu A
  - id: mau-b
    name: "Ban Mẫu B"
note: Tỉnh Mẫu
"""


def test_marks_of_values_and_keys() -> None:
    marks = read_yaml(TEXT, "mau.yml").marks
    assert marks[()] == Mark(1, 1)
    assert marks[("agencies",)] == Mark(2, 3)
    assert marks[("agencies", KEY)] == Mark(1, 1)
    assert marks[("agencies", 1)] == Mark(4, 5)
    assert marks[("agencies", 1, "name")] == Mark(5, 11)
    assert marks[("agencies", 1, "name", KEY)] == Mark(5, 5)
    assert marks[("note",)] == Mark(6, 7)


def test_paths_that_do_not_exist_have_no_mark() -> None:
    marks = read_yaml(TEXT, "mau.yml").marks
    for path in [("agencies", 2), ("agencies", 0, "short"), ("note", 0), ("note", "x"), (KEY,)]:
        assert marks.get(path) is None
    # A key's position exists only for keys.
    assert marks.get(("agencies", 0, KEY)) is None


def test_iterating_lists_every_path_once() -> None:
    marks = read_yaml(TEXT, "mau.yml").marks
    paths = list(marks)
    assert len(paths) == len(set(paths)) == len(marks)
    assert ("agencies", 0, "id") in paths
    assert ("agencies", 0, "id", KEY) in paths
    assert all(marks.get(p) is not None for p in paths)


def test_a_duplicated_key_points_at_the_first_value_the_one_kept() -> None:
    marks = NodeMarks(yaml.compose("name: Một\nname: Hai\n", Loader=yaml.SafeLoader))
    assert marks[("name",)] == Mark(1, 7)
    assert marks[("name", KEY)] == Mark(1, 1)
