"""The editing loop collects garbage between saves, not during a rebuild."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator

import pytest

from ketluan.adapter.collector import IdleCollector


class Cycle:
    """An object only the cyclic collector frees: it refers to itself."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture(autouse=True)
def collector_as_it_was() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def _garbage() -> weakref.ref[Cycle]:
    return weakref.ref(Cycle())


def _collector_thread() -> threading.Thread | None:
    return next((t for t in threading.enumerate() if t.name == "ketluan-gc"), None)


def test_a_rebuild_runs_without_the_collector_which_collects_after_it() -> None:
    gc.enable()
    collector = IdleCollector(idle_after=0.5)
    collector.pause()
    assert not gc.isenabled()
    left = _garbage()
    collector.resume()
    # Not at once: the first automatic collection would scan the whole build's objects.
    assert not gc.isenabled()
    assert left() is not None
    thread = _collector_thread()
    assert thread is not None
    thread.join(5)
    assert left() is None
    assert gc.isenabled()


def test_a_new_save_before_the_collection_keeps_the_collector_paused() -> None:
    gc.enable()
    collector = IdleCollector(idle_after=30)
    collector.pause()
    collector.resume()
    collector.pause()  # the next save: the waiting collection is dropped
    assert _collector_thread() is None
    assert not gc.isenabled()
    collector.stop()
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    collector = IdleCollector(idle_after=0.01)
    collector.pause()
    collector.resume()
    thread = _collector_thread()
    assert thread is not None
    thread.join(5)
    assert not gc.isenabled()
    collector.stop()
    assert not gc.isenabled()


def test_resume_without_pause_does_nothing() -> None:
    gc.enable()
    collector = IdleCollector(idle_after=0.01)
    collector.resume()  # `mkdocs build`: never paused
    assert _collector_thread() is None
    assert gc.isenabled()
