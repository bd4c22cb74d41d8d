"""A publication indexes its data once and hands the index to its build and exports."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest

from ketluan.adapter import site
from ketluan.adapter.site import Options, site_index
from ketluan.index.prepared import abandon, announce, read_prepared, write_prepared
from ketluan.index.site_index import build_index
from ketluan.load import load

DATA = Path(__file__).parent.parent / "data" / "two-quarters.yml"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "du-lieu.yml"
    shutil.copy(DATA, copy)
    return copy


def test_the_index_comes_back_whole_for_the_same_bytes_and_quarter(
    data: Path, tmp_path: Path
) -> None:
    index = build_index(load(data), "2026-q1")
    path = write_prepared(index, data.read_bytes(), tmp_path / "2026-q1.chi-muc")
    back = read_prepared(path, data, "2026-q1")
    assert back is not None
    assert list(back.by_ref) == list(index.by_ref)
    assert back.conclusion.title == index.conclusion.title
    assert [e.ref for e in back.entries] == [e.ref for e in index.entries]


def test_another_quarter_other_bytes_or_a_foreign_file_are_not_used(
    data: Path, tmp_path: Path
) -> None:
    path = write_prepared(
        build_index(load(data), "2026-q1"), data.read_bytes(), tmp_path / "q1.chi-muc"
    )
    assert read_prepared(path, data, "2026-q2") is None
    assert read_prepared(path, data, None) is not None  # "the newest" is the index's say
    data.write_bytes(data.read_bytes() + b"# edited\n")
    assert read_prepared(path, data, "2026-q1") is None
    foreign = tmp_path / "foreign.chi-muc"
    foreign.write_bytes(b"not an index")
    assert read_prepared(foreign, data, "2026-q1") is None
    assert read_prepared(tmp_path / "missing", data, "2026-q1") is None


def test_a_build_given_the_index_does_not_read_the_data_again(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = build_index(load(data), "2026-q2")
    prepared = write_prepared(index, data.read_bytes(), tmp_path / "2026-q2.chi-muc")

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the data was read again")

    monkeypatch.setattr(site, "load", refuse)
    got = site_index(Options(data, "du-lieu.yml", "2026-q2", pdf=False, prepared=prepared))
    assert got.conclusion.key == "2026-q2" and len(got.entries) == len(index.entries)


def test_a_build_waits_for_an_index_announced_and_written_meanwhile(
    data: Path, tmp_path: Path
) -> None:
    # The publication starts its build, then indexes: a build at its pages first waits.
    path = announce(tmp_path / "2026-q1.chi-muc")
    index = build_index(load(data), "2026-q1")

    def later() -> None:
        time.sleep(0.3)
        write_prepared(index, data.read_bytes(), path)

    writer = threading.Thread(target=later)
    writer.start()
    started = time.monotonic()
    back = read_prepared(path, data, "2026-q1")
    waited = time.monotonic() - started
    writer.join()
    assert back is not None and [e.ref for e in back.entries] == [e.ref for e in index.entries]
    assert waited >= 0.25
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-q1.chi-muc", "du-lieu.yml"]


def test_an_index_withdrawn_or_never_written_is_not_waited_for_long(
    data: Path, tmp_path: Path
) -> None:
    path = announce(tmp_path / "2026-q1.chi-muc")
    started = time.monotonic()
    assert read_prepared(path, data, "2026-q1", wait=0.2) is None  # never written
    assert 0.2 <= time.monotonic() - started < 5
    abandon(path)
    started = time.monotonic()
    assert read_prepared(path, data, "2026-q1") is None  # withdrawn: not waited for
    assert time.monotonic() - started < 1
