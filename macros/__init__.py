"""ketluan: a provincial Party conclusion (Kết luận) as a versioned MkDocs site.

mkdocs-macros loads this package (`module_name: macros`); `define_env` only wires the
pure modules (load → validate → index → render) to the pages of docs/, each a single
macro call, and `macros/hook.py` adds and renders the generated pages. Everything
else in the package imports nothing from MkDocs.
"""

from __future__ import annotations

from typing import Any

__all__ = ["define_env"]


def define_env(env: Any) -> None:
    """mkdocs-macros entry point: load the validated data and register the macros that
    fill the pages of docs/."""
    from macros.pages import SitePages
    from macros.wiring import pdf_ready, site_index

    site = SitePages(site_index(env.conf), pdf=pdf_ready(env.conf))

    def here() -> str:
        return str(env.page.url) if env.page is not None else ""

    page_macros = {
        "trang_chu": lambda: site.home(here()),
        "toan_van": lambda: site.full_text(here()),
        "thay_doi": lambda: site.changes(here()),
        "danh_sach_co_quan": lambda: site.agencies(here()),
        "danh_sach_thoi_han": lambda: site.deadlines(here()),
        "danh_sach_van_ban": lambda: site.documents(here()),
        "chi_tieu": lambda: site.targets(here()),
        "ban_in": lambda: site.print_all(here()),
    }
    for name, function in page_macros.items():
        env.macro(function, name)
