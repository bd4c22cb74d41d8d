"""The editing loop's watch on the data file: looked at ten times a second.

`mkdocs serve` looks for changes every half second (watchdog's polling observer, which
works alike on every file system, a network share included, and sees a file an editor
replaces on saving): a save waited a quarter of a second on average before its rebuild
started, an eighth of the whole wait in year ten (#28). The data file, the one file an
editor saves, is looked at every tenth of a second instead, by a polling observer of
its own. A look lists the file's folder: 53 µs for the project's data/, but 14.5 ms
for a folder of 1,164 files, a seventh of a core at that pace; a file in a folder of
more than `CROWDED` entries keeps MkDocs' own watch, as docs/ and mkdocs.yml do.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from watchdog.observers.polling import PollingObserver

# Seconds between two looks at the data file.
QUICK = 0.1
# Entries of the data file's folder past which it is looked at as docs/ is.
CROWDED = 200


class QuickWatch:
    """A `LiveReloadServer` watch on one file, through an observer polling every `QUICK`
    seconds; the server rebuilds on its changes as on its own watches'."""

    def __init__(self, server: Any, path: Path) -> None:
        self.observer: PollingObserver | None = None
        if _crowded(path.parent):
            server.watch(str(path))
            return
        self.observer = PollingObserver(timeout=QUICK)
        # The server's `watch` makes the handler that asks it to rebuild, and schedules
        # it on `server.observer`: lent this observer for that one call.
        usual = server.observer
        server.observer = self.observer
        try:
            server.watch(str(path))
        finally:
            server.observer = usual
        self.observer.start()

    def stop(self) -> None:
        """The server stops: so does the watch."""
        if self.observer is not None:
            self.observer.stop()
            self.observer.join()


def _crowded(folder: Path) -> bool:
    try:
        with os.scandir(folder) as entries:
            return sum(1 for _ in entries) > CROWDED
    except OSError:
        return True  # not a folder to list: MkDocs' own watch says what happens
