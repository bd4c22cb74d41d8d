"""`mkdocs serve` rebuilds when the data file is saved, which it looks at often."""

from __future__ import annotations

import threading
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from ketluan.adapter.watch import CROWDED, QUICK, QuickWatch


def test_a_saved_data_file_rebuilds_through_its_own_quick_watch(tmp_path: Path) -> None:
    data = tmp_path / "directives.yml"
    data.write_text("a: 1\n", encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    rebuilt = threading.Event()
    server = LiveReloadServer(
        builder=rebuilt.set, host="127.0.0.1", port=0, root=str(tmp_path / "site")
    )
    server.watch(str(docs))  # what `mkdocs serve` watches itself
    watch = QuickWatch(server, data)
    try:
        # The data file is the quick observer's only watch; docs/ stays MkDocs' own.
        assert watch.observer is not None
        assert [(e.watch.raw_path, e.timeout) for e in watch.observer.emitters] == [
            (str(data), QUICK)
        ]
        assert [e.watch.raw_path for e in server.observer.emitters] == [str(docs)]
        assert server.observer.timeout > QUICK
        serving = threading.Thread(target=server.serve, daemon=True)
        serving.start()
        assert not rebuilt.wait(1.0)  # nothing saved, nothing rebuilt
        # An editor's safe save: the file is replaced, not written in place.
        saved = tmp_path / "directives.yml.tmp"
        saved.write_text("a: 2\n", encoding="utf-8")
        saved.replace(data)
        assert rebuilt.wait(10)
    finally:
        server.shutdown()
        watch.stop()
        server.server_close()
    assert not watch.observer.is_alive()


def test_a_data_file_in_a_crowded_folder_keeps_mkdocs_own_watch(tmp_path: Path) -> None:
    """Looked at ten times a second, a folder of a thousand files would cost a seventh
    of a core: such a folder is looked at as docs/ is."""
    for n in range(CROWDED + 1):
        (tmp_path / f"{n}.txt").touch()
    data = tmp_path / "directives.yml"
    data.write_text("a: 1\n", encoding="utf-8")
    server = LiveReloadServer(builder=print, host="127.0.0.1", port=0, root=str(tmp_path))
    watch = QuickWatch(server, data)
    assert watch.observer is None
    assert [e.watch.raw_path for e in server.observer.emitters] == [str(data)]
    watch.stop()
    server.server_close()
