"""Helpers of the review application's tests: drafts to review, as `ketluan import`
writes them, and the application served in a thread on a free port of 127.0.0.1."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import uvicorn
import yaml
from drafting import SOURCE, registry_file

from ketluan.ingest.datafile import with_quarter
from ketluan.ingest.draft import draft_quarter
from ketluan.ingest.ocr_words import spelled
from ketluan.ingest.source import read_source
from ketluan.ingest.structure import outline
from ketluan.load import validate_text
from ketluan.review.app import review_app
from ketluan.review.session import Session

TOKEN = "jeton-de-test"


def real_draft(folder: Path) -> Path:
    """The real first-quarter conclusion's text export drafted against the real
    registries (with their comments), as `ketluan import -o` writes it."""
    registry = registry_file(folder)
    return draft_into(registry.read_text(encoding="utf-8"), SOURCE, "2026-q1", folder / "nhap.yml")


def draft_into(data_text: str, source: Path, key: str, path: Path) -> Path:
    """`source` drafted as quarter `key` into the data `data_text`, written at `path`."""
    known = validate_text(data_text, "registry.yml", registry_only=True)
    drafted = draft_quarter(outline(spelled(read_source(source), known)), known, key)
    path.write_text(with_quarter(data_text, drafted), encoding="utf-8")
    return path


def without_last_quarter(data_text: str) -> tuple[str, str]:
    """The data without its last quarter (written anew), and that quarter's key."""
    raw = yaml.safe_load(data_text)
    key = raw["quarters"].pop()["key"]
    return yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), key


@contextlib.contextmanager
def serving(data: Path, key: str) -> Iterator[str]:
    """The review of quarter `key` of `data`, served until the block ends; its URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    session = Session(data, data.name)
    app = review_app(session, key, {f"127.0.0.1:{port}"}, token=TOKEN)
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="error", access_log=False, lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "the review server did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.should_exit = True
        thread.join(10)
