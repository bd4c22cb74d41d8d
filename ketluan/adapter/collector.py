"""The editing loop's garbage collection: between saves, not during a build.

Under `mkdocs serve` the data stays in the process, and its objects are not frozen out of
the cyclic collector's reach (a save must free the previous quarter's). The collector
then ran a full collection in the middle of each rebuild, scanning ten years' objects:
0.1 s of every save's wait in year ten, and a few smaller ones (#28). Paused while a
save rebuilds, it collects once the page is reloaded, when the editor reads it.
"""

from __future__ import annotations

import gc
import threading

# Seconds after a build's end: the browser has reloaded the page by then.
IDLE_AFTER = 1.0


class IdleCollector:
    """Pause the cyclic garbage collector during a rebuild; collect after it, when idle."""

    def __init__(self, idle_after: float = IDLE_AFTER) -> None:
        self._idle_after = idle_after
        self._timer: threading.Timer | None = None
        # Whether the collector ran before the first pause: it is given back so.
        self._enabled: bool | None = None

    def pause(self) -> None:
        """A rebuild starts: no collection until it has ended (`resume`)."""
        self._cancel()
        if self._enabled is None:
            self._enabled = gc.isenabled()
        gc.disable()

    def resume(self) -> None:
        """The rebuild ended (written or failed): collect what it left once idle, on a
        thread of its own, and only then let the collector run again. Enabled at once,
        it would scan every object the build made in its first, youngest collection,
        while the browser reloads."""
        if self._enabled is None:
            return
        self._cancel()
        self._timer = threading.Timer(self._idle_after, self._collect)
        self._timer.name = "ketluan-gc"
        self._timer.daemon = True
        self._timer.start()

    def stop(self) -> None:
        """The server stops: no collection is left waiting; the collector runs as it did."""
        self._cancel()
        if self._enabled:
            gc.enable()

    def _collect(self) -> None:
        gc.collect()
        if self._enabled:
            gc.enable()

    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            # A collection under way ends before the next build starts to allocate.
            self._timer.join()
            self._timer = None
