"""Child processes ketluan starts: ended with it, and held to limits.

The lowest layer beside `problems`: publishing (builds, mike), the build's extras and
the importer (received files are read in a child) all start children, and each must die
with the command that started it, even when that command is killed.
"""

from __future__ import annotations

import ctypes
import resource
import signal
import sys
from collections.abc import Callable

__all__ = ["die_with_parent", "limited"]

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:  # pragma: no cover - runs in the child
    """Have the kernel end this process (SIGTERM) when its parent dies, even by SIGKILL,
    so that no build, reader or server outlives the command that started it (Linux)."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def limited(memory: int, cpu_seconds: int) -> Callable[[], None]:
    """What a child runs before its program (`preexec_fn`): it dies with its parent, may
    map at most `memory` bytes and use `cpu_seconds` of processor time (the kernel ends
    it past either; the parent's own wall-clock timeout covers a child that sleeps)."""

    def apply() -> None:  # pragma: no cover - runs in the child
        die_with_parent()
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))

    return apply
