"""Render data through Jinja templates kept as files, with HTML autoescaping.

Data text only ever reaches a template as a value, never as template source, and is
escaped where it lands; what a macro returns is not rendered again by mkdocs-macros.
"""

from __future__ import annotations

import contextlib
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

from ketluan.caches import private_folder
from ketluan.render.labels import ROLES, deadline_note
from ketluan.render.stash import marked
from ketluan.text.emphasis import EMPHASIS
from ketluan.text.vietnamese import vi_date

# Characters Python-Markdown gives a meaning to, escaped with a backslash in headings.
MD_SPECIAL = frozenset("\\`*_{}[]()#+-.!|")


@cache
def environment() -> jinja2.Environment:
    """The template environment: package templates, autoescape on, strict undefined."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("ketluan.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # The templates are package files that change only with the package: no stat
        # of each one on every page rendered.
        auto_reload=False,
        bytecode_cache=bytecode_cache(),
    )
    # Data in attributes (an agency's tasks by date) is read by scripts, not people: no
    # spaces after separators, which on a province's overview came to tens of kilobytes.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}
    env.filters["vi_date"] = vi_date
    env.filters["deadline_note"] = deadline_note
    env.filters["css_string"] = css_string
    env.filters["md"] = md
    env.filters["em"] = emphasis
    env.filters["whole_block"] = whole_block
    env.globals["roles"] = ROLES
    return env


class _QuietCache(jinja2.FileSystemBytecodeCache):
    """A bytecode cache that never fails a build: a cache it cannot write is skipped."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept in the user's cache directory between builds: ours, and
    the theme's (the MkDocs adapter hands it to the theme's environment).

    Compiling the templates is a fifth of what a build adds to plain MkDocs, and Material's
    hundred templates cost every build, each `mkdocs serve` save included, about 0.2 s
    more; Jinja checks each entry against its template's source, so a changed template
    is recompiled. Without a private, writable cache directory (cached code is run as it
    is), templates compile every build.
    """
    directory = private_folder("jinja")
    return None if directory is None else _QuietCache(str(directory))


def emphasis(text: str) -> Markup:
    """Escape `text`, then show the source's *…* as the italics they stand for."""
    escaped = str(Markup.escape(text))
    return Markup(EMPHASIS.sub(r"<em>\1</em>", escaped))


def css_string(text: str) -> Markup:
    """`text` as a quoted CSS string: every character but ASCII letters and digits as a
    six-digit escape, so no data can close the string, the rule or the <style>. (Spaces
    too: CSS takes one space after an escape as the escape's end.)"""
    escaped = "".join(c if c.isascii() and c.isalnum() else f"\\{ord(c):06x}" for c in text)
    return Markup(f'"{escaped}"')


def whole_block(html: str) -> Markup:
    """A block of HTML the template wrote (its data escaped already), marked for
    Markdown to take whole (`ketluan.render.stash`), on lines of its own."""
    return Markup(marked(str(html).strip("\n")) + "\n")


def md(text: str) -> Markup:
    """Escape data text for a Markdown heading: HTML specials and Markdown punctuation."""
    # Backslashes first, then HTML escaping: the other order would cut entities (&#39;).
    marked = "".join("\\" + ch if ch in MD_SPECIAL else ch for ch in text)
    return Markup(str(Markup.escape(marked)))


def render(template: str, **context: Any) -> str:
    """Render the named template with `context`."""
    return environment().get_template(template).render(**context)
