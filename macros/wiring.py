"""The only module besides the hook that knows MkDocs: config in, index and files out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from macros.indexes import SiteIndex
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
