"""Tests for ketluan.render.environment: the bytecode cache (kept between builds, never
fatal, never someone else's) and the escaping filters."""

from __future__ import annotations

import os
import re
from pathlib import Path

import jinja2
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ketluan.render.environment import _QuietCache, bytecode_cache, css_string, emphasis


def _env(cache: jinja2.BytecodeCache | None, templates: Path) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(templates), bytecode_cache=cache)


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "t.j2").write_text("{{ name }} có {{ n }} nhiệm vụ", encoding="utf-8")
    return folder


def test_cache_lives_in_the_user_cache_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, templates: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    cache = bytecode_cache()
    assert cache is not None
    assert _env(cache, templates).get_template("t.j2").render(name="Sở Mẫu", n=3) == (
        "Sở Mẫu có 3 nhiệm vụ"
    )
    stored = list((tmp_path / "cache/ketluan/jinja").iterdir())
    assert len(stored) == 1
    # A second build loads the stored code; a changed template is compiled afresh.
    assert _env(bytecode_cache(), templates).get_template("t.j2").render(name="A", n=1) == (
        "A có 1 nhiệm vụ"
    )
    (templates / "t.j2").write_text("{{ name }}: {{ n }}", encoding="utf-8")
    assert _env(bytecode_cache(), templates).get_template("t.j2").render(name="A", n=1) == "A: 1"


def test_no_cache_when_the_cache_directory_cannot_be_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert bytecode_cache() is None


def test_a_cache_that_cannot_be_written_does_not_fail_the_render(
    tmp_path: Path, templates: Path
) -> None:
    gone = tmp_path / "removed-after-start"
    env = _env(_QuietCache(str(gone)), templates)
    assert env.get_template("t.j2").render(name="Xã Mẫu", n=0) == "Xã Mẫu có 0 nhiệm vụ"
    assert not gone.exists()


@pytest.mark.parametrize("folder", ["ketluan/jinja", "ketluan"])
def test_a_cache_others_can_write_to_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: str
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert bytecode_cache() is not None
    (tmp_path / "cache" / folder).chmod(0o777)  # anyone could plant compiled code there
    assert bytecode_cache() is None


def test_a_cache_owned_by_someone_else_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert bytecode_cache() is not None
    monkeypatch.setattr(os, "getuid", lambda: os.stat(tmp_path).st_uid + 4242)
    assert bytecode_cache() is None


def test_a_linked_cache_folder_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    (tmp_path / "cache/ketluan").mkdir(parents=True, mode=0o700)
    (tmp_path / "cache/ketluan/jinja").symlink_to(elsewhere)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert bytecode_cache() is None


def test_source_italics_render_as_italics_and_stay_escaped() -> None:
    assert str(emphasis("Nghị quyết về “*Nâng cao* chất lượng”")) == (
        "Nghị quyết về “<em>Nâng cao</em> chất lượng”"
    )
    assert str(emphasis("*<script>*")) == "<em>&lt;script&gt;</em>"
    assert str(emphasis("$\\geq 50\\%$ và 3 * 4")) == "$\\geq 50\\%$ và 3 * 4"


def _css_unescape(quoted: str) -> str:
    return re.sub(r"\\([0-9a-f]{6})", lambda m: chr(int(m.group(1), 16)), quoted[1:-1])


@given(st.text())
def test_css_strings_hold_nothing_but_escapes_and_read_back(text: str) -> None:
    quoted = str(css_string(text))
    assert re.fullmatch(r'"(?:[A-Za-z0-9]|\\[0-9a-f]{6})*"', quoted)
    assert _css_unescape(quoted) == text


def test_css_string_of_a_hostile_name() -> None:
    quoted = str(css_string('Ban "x" </style><script>alert(1)</script>'))
    assert "<" not in quoted and '"' not in quoted[1:-1] and " " not in quoted
