"""MkDocs hook: add the generated pages and fold diacritics into the search index.

Listed under `hooks:` in mkdocs.yml. It only wires; the plan and the folding are pure
functions in `macros.site` and `macros.search`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

from macros.search import fold_index_file
from macros.site import plan
from macros.wiring import site_index


def on_config(config: Any) -> Any:
    """Tell the theme which quarter this version is, for the older-version banner."""
    config["extra"]["ketluan"]["version_title"] = site_index(config).conclusion.title
    return config


def on_files(files: Files, config: Any) -> Files:
    """Add one page per agency, deadline date and document of this version."""
    for page in plan(site_index(config)):
        files.append(File.generated(config, page.src_uri, content=page.content))
    return files


def on_post_build(config: Any) -> None:
    """Let "giai ngan" find "giải ngân": add a folded copy of the text to the index."""
    index_file = Path(config["site_dir"]) / "search" / "search_index.json"
    if index_file.exists():
        fold_index_file(index_file)
