"""ketluan: a provincial Party conclusion (Kết luận) as a versioned MkDocs site.

mkdocs-macros loads this package (`module_name: macros`); `define_env` only wires the
pure modules (load → validate → index → render) to the site. Everything else in the
package imports nothing from MkDocs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["define_env"]


def define_env(env: Any) -> None:
    """mkdocs-macros entry point: load the validated data and register the macros."""
    from mkdocs.exceptions import PluginError

    from macros.cli import LABELS
    from macros.problems import DataError
    from macros.render import render
    from macros.stats import counts
    from macros.validate import load

    config_dir = Path(env.conf["config_file_path"]).parent
    options = env.conf.get("extra", {}).get("ketluan", {})
    given = options.get("data", "data/directives.yml")
    try:
        dataset = load(config_dir / given, name=given)
    except DataError as exc:
        # Stop the build: nothing is published from invalid data.
        raise PluginError(f"dữ liệu chưa hợp lệ, không xây dựng trang:\n{exc}") from exc
    agencies = {a.id: a for a in dataset.agencies}

    @env.macro  # type: ignore[untyped-decorator]
    def ket_luan_tom_tat() -> str:
        """The newest conclusion at a glance."""
        conclusion = dataset.quarters[-1]
        return render(
            "summary.html.j2",
            conclusion=conclusion,
            issuer=agencies[conclusion.issuing_body].name,
            province=dataset.province,
            counts=[(LABELS[k], n) for k, n in counts(dataset).items() if k != "quarters"],
        )
