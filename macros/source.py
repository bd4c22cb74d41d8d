"""Read YAML safely into plain values, remembering where every value stands.

This is the only module that touches raw YAML. It builds dicts, lists and scalars
from PyYAML's node graph (never Python objects), rejects duplicate keys (which PyYAML
would silently overwrite), and records the line and column of every path so that
later stages can point an editor at the exact spot.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from macros.problems import DataError, Mark, Path, Problem, Reporter

# The key marks are stored under this sentinel appended to the path, so that an
# unknown key can be reported where the key is, not where its value is.
KEY = "<key>"


@dataclass(frozen=True, slots=True)
class Located:
    """Plain data read from a YAML file, with the position of every path."""

    file: str
    data: Any
    marks: dict[Path, Mark]

    def reporter(self) -> Reporter:
        """A problem reporter that locates paths in this file."""
        return Reporter(self.file, self.marks)


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


def read_yaml(text: str, file: str) -> Located:
    """Parse `text` (the content of `file`) into plain data with marks.

    Raises DataError listing every duplicate key or unsupported value, or the YAML
    syntax error (which stops the parser, so it comes alone).
    """
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise DataError(
            [Problem(file, line, col, "", f"lỗi cú pháp YAML: {exc.problem or exc}")]
        ) from exc
    except yaml.YAMLError as exc:  # e.g. a control character the reader refuses
        raise DataError([Problem(file, 1, 1, "", f"lỗi đọc YAML: {exc}")]) from exc
    finally:
        loader.dispose()
    marks: dict[Path, Mark] = {}
    reporter = Reporter(file, marks)
    data = None if root is None else _build(root, (), marks, reporter, loader)
    if reporter.problems:
        raise DataError(reporter.problems)
    return Located(file, data, marks)


def _build(
    node: yaml.Node, path: Path, marks: dict[Path, Mark], rep: Reporter, loader: yaml.SafeLoader
) -> Any:
    marks[path] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                rep.report(path, "không dùng khóa gộp '<<' của YAML", mark=_mark(key_node))
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                rep.report(path, "khóa phải là một chuỗi chữ", mark=_mark(key_node))
                continue
            key = str(key_node.value)
            if key in out:
                rep.report(path + (key,), f"khóa '{key}' bị lặp lại", mark=_mark(key_node))
                continue
            marks[path + (key, KEY)] = _mark(key_node)
            out[key] = _build(value_node, path + (key,), marks, rep, loader)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), marks, rep, loader) for i, item in enumerate(node.value)]
    try:
        return loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as exc:
        rep.report(path, f"giá trị không được hỗ trợ: {exc.problem}", mark=_mark(node))
    except ValueError:  # a timestamp-shaped scalar that is no real date: 2026-02-30
        rep.report(path, f"ngày không tồn tại: {node.value}", mark=_mark(node))
    return None
