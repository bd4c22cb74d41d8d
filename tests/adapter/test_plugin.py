"""The MkDocs adapter turns any failure of its events into one Vietnamese line."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError

from ketluan.adapter.plugin import one_line


def test_an_unexpected_failure_becomes_one_plugin_error_line() -> None:
    @one_line
    def on_post_build() -> None:
        raise KeyError("search")

    with pytest.raises(PluginError) as failure:
        on_post_build()
    assert str(failure.value) == (
        "ketluan: không dựng được trang (on_post_build): KeyError: 'search'"
    )


def test_a_plugin_error_passes_through_as_written() -> None:
    @one_line
    def on_files() -> None:
        raise PluginError("ketluan: nhiều trang cùng ghi vào một tệp")

    with pytest.raises(PluginError) as failure:
        on_files()
    assert str(failure.value) == "ketluan: nhiều trang cùng ghi vào một tệp"
