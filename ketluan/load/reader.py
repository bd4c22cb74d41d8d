"""Read YAML safely into plain values, remembering where every value stands.

This is the only module that touches raw YAML. It builds dicts, lists and scalars
from PyYAML's node graph (never Python objects), rejects duplicate keys (which PyYAML
would silently overwrite), and records the line and column of every path so that
later stages can point an editor at the exact spot.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import yaml

from ketluan.problems import DataError, FieldPath, Mark, Problem, Reporter
from ketluan.text.characters import blank, scan

# The key marks are stored under this sentinel appended to the path, so that an
# unknown key can be reported where the key is, not where its value is.
KEY = "<key>"


@dataclass(frozen=True, slots=True)
class Located:
    """Plain data read from a YAML file, with the position of every path."""

    file: str
    data: Any
    marks: NodeMarks
    # Problems that do not stop the reading (refused characters): later stages add theirs.
    problems: tuple[Problem, ...] = ()

    def reporter(self) -> Reporter:
        """A problem reporter that locates paths in this file, holding `problems`."""
        reporter = Reporter(self.file, self.marks)
        reporter.problems.extend(self.problems)
        return reporter


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


def read_yaml(text: str, file: str) -> Located:
    """Parse `text` (the content of `file`) into plain data with marks.

    Raises DataError listing every refused character, duplicate key or unsupported
    value, or the YAML syntax error (which stops the parser, so it comes alone).
    """
    refused = list(scan(text))
    if refused:
        # Read on with each refused character as a space: every other problem of the
        # file is still found, at the line and column where it stands.
        text = blank(text)
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = str(exc.problem or exc)
        hint = next((vi for en, vi in _SYNTAX_HINTS if detail.startswith(en)), None)
        message = f"lỗi cú pháp YAML: {hint} ({detail})" if hint else f"lỗi cú pháp YAML: {detail}"
        located = [Problem(file, ln, c, "", reason) for ln, c, reason in refused]
        raise DataError([*located, Problem(file, line, col, "", message)]) from exc
    except yaml.YAMLError as exc:  # the reader refuses what scan() already refused
        raise DataError([Problem(file, 1, 1, "", f"lỗi đọc YAML: {exc}")]) from exc
    finally:
        loader.dispose()
    marks = NodeMarks(root, text)
    reporter = Reporter(file, marks)
    data = None if root is None else _Builder(loader, marks, reporter).build(root, ())
    for line, column, reason in refused:
        reporter.report(marks.path_at(line, column), reason, mark=Mark(line, column))
    if len(reporter.problems) > len(refused):
        raise DataError(reporter.problems)
    return Located(file, data, marks, tuple(reporter.problems))


# libyaml's loader (shipped in PyYAML's wheels) reads ten times faster, with the same
# safe constructors and marks; the pure-Python one is the fallback.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# The commonest syntax errors of hand-typed YAML, explained to editors in Vietnamese;
# the parser's own words follow in parentheses.
_SYNTAX_HINTS = (
    (
        "mapping values are not allowed",
        "dấu ':' không hợp lệ ở đây; chuỗi có dấu ': ' phải đặt trong dấu nháy",
    ),
    (
        "found character that cannot start any token",
        "ký tự không mở đầu được giá trị; phím Tab không dùng để thụt lề (chỉ dùng dấu cách), "
        "chuỗi bắt đầu bằng @ ` % cần đặt trong dấu nháy",
    ),
    (
        "found character '\\t' that cannot start any token",
        "phím Tab không dùng để thụt lề; chỉ dùng dấu cách",
    ),
    ("did not find expected key", "thụt lề không khớp với các dòng trên"),
    (
        "did not find expected '-' indicator",
        "thụt lề không khớp: mục danh sách phải bắt đầu bằng '- ' thẳng hàng",
    ),
    ("did not find expected ',' or ']'", "thiếu dấu ']' đóng danh sách"),
    ("did not find expected ',' or '}'", "thiếu dấu '}' đóng bảng"),
    ("found unexpected end of stream", "chuỗi mở dấu nháy chưa được đóng"),
    (
        "found unknown escape character",
        "ký tự '\\' không hợp lệ trong chuỗi nháy kép; dùng nháy đơn",
    ),
)

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"


def _number_form(written: str) -> str | None:
    """Why a YAML 1.1 number form is refused: they change numbers silently
    ("1:20" is 80, "010" is 8, "0x1F" is 31, "1_000" is 1000)."""
    body = written.lstrip("+-")
    if ":" in body:
        form = "cơ số 60 (1:20 được đọc thành 80)"
    elif body[:2].lower() in ("0x", "0b", "0o"):
        form = "cơ số 16, 8 hoặc 2"
    elif len(body) > 1 and body[0] == "0" and body[1].isdigit():
        form = "bát phân (010 được đọc thành 8)"
    elif "_" in body:
        form = "có dấu gạch dưới"
    elif "e" in body.lower() and not body.lower().startswith("."):
        form = "lũy thừa (1e3)"
    elif body.lower() in (".inf", ".nan"):
        form = "không hữu hạn"
    else:
        return None
    return (
        f"số '{written}' viết theo dạng {form} của YAML 1.1 sẽ bị đọc sai; "
        "ghi số thập phân thường (ví dụ 10.43), hoặc đặt trong dấu nháy nếu là chữ"
    )


class NodeMarks:
    """The position of every path, looked up in the node graph when a problem needs it.

    A file has tens of thousands of paths and a few problems at most, so nothing is
    recorded while reading. `(*path, KEY)` is where the key of `path` stands.
    """

    def __init__(self, root: yaml.Node | None, text: str = "") -> None:
        self.root = root
        self._text = text

    def path_at(self, line: int, column: int) -> FieldPath:
        """The path of the innermost value (or key) that covers a 1-based position."""
        where = (line - 1, column - 1)
        path: FieldPath = ()
        node = self.root
        while node is not None:
            children: list[tuple[FieldPath, yaml.Node]] = []
            if isinstance(node, yaml.SequenceNode):
                children = [((i,), item) for i, item in enumerate(node.value)]
            elif isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    name = str(key.value) if isinstance(key, yaml.ScalarNode) else "?"
                    children += [((name,), key), ((name,), value)]
            inner = next(((sub, n) for sub, n in children if _covers(n, where)), None)
            if inner is None:
                # A plain scalar ends before trailing blanks (a refused character at the
                # end of a line was read as one): the value just before, on that line.
                inner = next(
                    (
                        (sub, n)
                        for sub, n in reversed(children)
                        if isinstance(n, yaml.ScalarNode)
                        and n.end_mark.line == where[0]
                        and (n.start_mark.line, n.start_mark.column) <= where
                    ),
                    None,
                )
            if inner is None:
                return path
            path, node = path + inner[0], inner[1]
            if isinstance(node, yaml.ScalarNode):
                return path
        return path

    def find(self, path: FieldPath, needle: str) -> Mark | None:
        """Where `needle` stands in the source of the value at `path`, if it is written
        there as it reads (not through an escape sequence)."""
        node = self._node(path)
        if node is None or not self._text:
            return None
        lines = self._text.split("\n")
        start, end = node.start_mark, node.end_mark
        for n in range(start.line, min(end.line, len(lines) - 1) + 1):
            offset = start.column if n == start.line else 0
            found = lines[n].find(needle, offset)
            if found != -1:
                return Mark(n + 1, found + 1)
        return None

    def get(self, path: FieldPath, default: Mark | None = None) -> Mark | None:
        """The position of the value (or, with KEY last, the key) at `path`."""
        node = self._node(path)
        return default if node is None else _mark(node)

    def _node(self, path: FieldPath) -> yaml.Node | None:
        node = self.root
        for n, part in enumerate(path):
            if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                node = node.value[part] if 0 <= part < len(node.value) else None
            elif isinstance(node, yaml.MappingNode) and isinstance(part, str) and part != KEY:
                # The first of duplicate keys: the one whose value was kept.
                pair: tuple[yaml.Node, yaml.Node] | None = next(
                    (kv for kv in node.value if _is_key(kv[0], part)), None
                )
                if pair is None:
                    return None
                if path[n + 1 :] == (KEY,):
                    return pair[0]
                node = pair[1]
            else:
                return None
        return node


def _covers(node: yaml.Node, where: tuple[int, int]) -> bool:
    start, end = node.start_mark, node.end_mark
    return (start.line, start.column) <= where < (end.line, end.column)


def _is_key(node: yaml.Node, name: object) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _STR and node.value == name


class _Builder:
    """Builds plain values from nodes, refusing what a data file never needs."""

    def __init__(self, loader: yaml.SafeLoader, marks: NodeMarks, rep: Reporter) -> None:
        self.loader = loader
        self.marks = marks
        self.rep = rep
        self.seen: set[int] = set()

    def build(self, node: yaml.Node, path: FieldPath) -> Any:
        # An alias makes the composer hand out the same node twice; refusing it also
        # rules out self-referencing and exponentially expanding ("billion laughs") data.
        if id(node) in self.seen:
            # The node still carries the anchor's position: point at the key instead.
            where = self.marks.get((*path, KEY), _mark(node))
            self.rep.report(path, "không dùng anchor/alias (&, *) trong tệp dữ liệu", mark=where)
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path) if self._plain(node, _MAP, path) else None
        if isinstance(node, yaml.SequenceNode):
            if not self._plain(node, _SEQ, path):
                return None
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _plain(self, node: yaml.Node, tag: str, path: FieldPath) -> bool:
        if node.tag == tag:
            return True
        self.rep.report(path, f"không dùng thẻ YAML {node.tag} trong tệp dữ liệu", mark=_mark(node))
        return False

    def _mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.rep.report(path, "không dùng khóa gộp '<<' của YAML", mark=_mark(key_node))
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                self.rep.report(path, "khóa phải là một chuỗi chữ", mark=_mark(key_node))
                continue
            key = str(key_node.value)
            if key in out:
                self.rep.report((*path, key), f"khóa '{key}' bị lặp lại", mark=_mark(key_node))
                continue
            out[key] = self.build(value_node, (*path, key))
        return out

    def _scalar(self, node: yaml.Node, path: FieldPath) -> Any:
        if node.tag == _STR:  # most of a data file: what PyYAML's constructor would return
            return node.value
        if node.tag in (_INT, _FLOAT) and (refused := _number_form(str(node.value))):
            self.rep.report(path, refused, mark=_mark(node))
            return None
        try:
            value = self.loader.construct_object(node, deep=True)
            if isinstance(value, float) and not math.isfinite(value):
                self.rep.report(path, f"số '{node.value}' không hữu hạn", mark=_mark(node))
                return None
            return value
        except yaml.constructor.ConstructorError as exc:
            problem = f"giá trị không được hỗ trợ: {exc.problem}"
        except (ValueError, ArithmeticError, AttributeError, TypeError):
            # PyYAML's constructors fail with plain exceptions on malformed scalars.
            what = "ngày không tồn tại" if node.tag == _TIMESTAMP else "giá trị không đọc được"
            problem = f"{what}: {node.value}"
        self.rep.report(path, problem, mark=_mark(node))
        return None
