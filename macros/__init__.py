"""The module mkdocs-macros loads from the project (`module_name: macros` in mkdocs.yml).

It is not part of the installed `ketluan` package: mkdocs-macros finds a project's
module by its path beside mkdocs.yml, so it lives here and only hands mkdocs-macros to
the ketluan plugin, which registers the one macro each page of docs/ calls.
"""

from __future__ import annotations

from typing import Any

__all__ = ["define_env"]


def define_env(env: Any) -> None:
    """mkdocs-macros' entry point: the ketluan plugin (listed before `macros` under
    `plugins:` in mkdocs.yml, and checked the data in its `on_config`) defines the macros."""
    plugin = env.conf["plugins"].get("ketluan")
    if plugin is None:
        raise RuntimeError("mkdocs.yml: thêm plugin 'ketluan' vào mục plugins")
    plugin.define_env(env)
