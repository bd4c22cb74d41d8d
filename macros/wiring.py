"""The only module besides the hook that knows MkDocs: config in, index and files out."""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from macros.indexes import SiteIndex
from macros.pdf import unavailable
from macros.problems import DataError
from macros.site import index_for, options


def site_index(config: Any) -> SiteIndex:
    """The validated index of this build's data and quarter; stops the build if invalid."""
    config_dir = Path(config["config_file_path"]).parent
    data_file, name, quarter = options(config_dir, config["extra"].get("ketluan", {}))
    try:
        return index_for(data_file, name, quarter)
    except DataError as exc:
        # Nothing is published from invalid data: the whole build stops here.
        raise PluginError(f"dữ liệu chưa hợp lệ, không xây dựng trang:\n{exc}") from exc
    except ValueError as exc:  # an unknown quarter key
        raise PluginError(f"không có quý '{quarter}' trong {name}") from exc


log = logging.getLogger("mkdocs.plugins.ketluan")


def pdf_ready(config: Any) -> bool:
    """Whether this build prints agency PDFs; says why not when it cannot."""
    wanted = str(config["extra"].get("ketluan", {}).get("pdf", True)).lower() not in ("0", "false")
    return wanted and _pdf_possible()


@cache
def _pdf_possible() -> bool:
    reason = unavailable()
    if reason:
        # INFO, not WARNING: strict builds must still publish the HTML site.
        log.info("ketluan: không tạo bản in PDF — %s; trang web vẫn được dựng đầy đủ.", reason)
    return reason is None
