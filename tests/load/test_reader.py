"""Reading YAML: positions are found in the node graph only when asked for."""

from __future__ import annotations

import yaml

from ketluan.load.reader import KEY, NodeMarks, read_yaml
from ketluan.problems import Mark

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
    assert marks.get(()) == Mark(1, 1)
    assert marks.get(("agencies",)) == Mark(2, 3)
    assert marks.get(("agencies", KEY)) == Mark(1, 1)
    assert marks.get(("agencies", 1)) == Mark(4, 5)
    assert marks.get(("agencies", 1, "name")) == Mark(5, 11)
    assert marks.get(("agencies", 1, "name", KEY)) == Mark(5, 5)
    assert marks.get(("note",)) == Mark(6, 7)


def test_paths_that_do_not_exist_have_no_mark() -> None:
    marks = read_yaml(TEXT, "mau.yml").marks
    for path in [("agencies", 2), ("agencies", 0, "short"), ("note", 0), ("note", "x"), (KEY,)]:
        assert marks.get(path) is None
    # A key's position exists only for keys.
    assert marks.get(("agencies", 0, KEY)) is None


def test_the_path_at_a_position_is_the_innermost_value() -> None:
    marks = read_yaml(TEXT, "mau.yml").marks
    assert marks.path_at(3, 13) == ("agencies", 0, "name")  # inside "Ban Mẫu A"
    assert marks.path_at(5, 5) == ("agencies", 1, "name")  # on the key
    assert marks.path_at(6, 9) == ("note",)
    assert marks.path_at(99, 1) == ()


def test_finding_a_word_in_the_source_of_a_value() -> None:
    marks = read_yaml(TEXT, "mau.yml").marks
    assert marks.find(("agencies", 1, "name"), "Mẫu B") == Mark(5, 16)
    assert marks.find(("note",), "Mẫu") == Mark(6, 12)
    assert marks.find(("note",), "không có") is None


def test_a_duplicated_key_points_at_the_first_value_the_one_kept() -> None:
    marks = NodeMarks(yaml.compose("name: Một\nname: Hai\n", Loader=yaml.SafeLoader))
    assert marks.get(("name",)) == Mark(1, 7)
    assert marks.get(("name", KEY)) == Mark(1, 1)
