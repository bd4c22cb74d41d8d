"""The caches keep the model's records as pickles, written and read quickly."""

from __future__ import annotations

import dataclasses
import io
import pickle
from pathlib import Path

from ketluan.index.site_index import build_index
from ketluan.load import load
from ketluan.load.quarters import default_cache

REAL_DATA = Path(__file__).resolve().parents[2] / "data" / "directives.yml"


def test_an_index_read_back_from_its_pickle_equals_the_index() -> None:
    dataset = load(REAL_DATA)
    index = build_index(dataset, None)
    again = pickle.loads(pickle.dumps(index, protocol=5))
    assert again.dataset == dataset
    assert again.entries == index.entries
    assert [e.ref for e in again.entries] == [e.ref for e in index.entries]
    assert again.agencies == index.agencies
    assert again.dues == index.dues
    # What the records hold, not how they are written: a state is the fields' values.
    task = index.entries[0].task
    assert task.__getstate__() == tuple(getattr(task, f.name) for f in dataclasses.fields(task))


class _Recorder(pickle.Pickler):
    """A pickler that notes the class of every object it writes."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO(), protocol=5)
        self.classes: set[type] = set()

    def reducer_override(self, obj: object) -> object:
        self.classes.add(type(obj))
        return NotImplemented


def test_every_record_the_caches_keep_pickles_quickly() -> None:
    """Each frozen, slotted record in a prepared index or a kept quarter has the quick
    state: one left with dataclasses' own would still pickle, only slowly."""
    index = build_index(load(REAL_DATA), None)  # the quarters are kept on disk, too
    recorder = _Recorder()
    recorder.dump(index)
    kept = sorted(default_cache().folder.glob("*.pickle"))  # type: ignore[union-attr]
    assert kept
    for path in kept:
        recorder.dump(pickle.loads(path.read_bytes()))
    records = {
        cls
        for cls in recorder.classes
        if dataclasses.is_dataclass(cls) and "__slots__" in cls.__dict__
    }
    assert len(records) > 20
    slow = sorted(
        cls.__qualname__
        for cls in records
        if not cls.__getstate__.__qualname__.startswith("quick_pickle.")
    )
    assert slow == []
