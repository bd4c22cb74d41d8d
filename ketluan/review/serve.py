"""Serving the review: on 127.0.0.1 only, until Ctrl+C, which ends it in one line.

uvicorn runs the application in this process (no reloader, no workers, no access log):
a review is one clerk's window on one file.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import webbrowser
from collections.abc import Callable
from pathlib import Path

import uvicorn

from ketluan.model.calendar import find_quarter
from ketluan.problems import os_reason
from ketluan.review.app import review_app
from ketluan.review.session import Session

__all__ = ["AddressRefused", "serve"]

LOOPBACK = ("127.0.0.1", "localhost")


class AddressRefused(ValueError):
    """An address the review will not listen on; the message says why, in Vietnamese."""


def parse_address(address: str) -> tuple[str, int]:
    """("127.0.0.1", 8765) of "127.0.0.1:8765"; refuses any host but this machine's own."""
    host, _, port = address.rpartition(":")
    if host not in LOOPBACK:
        raise AddressRefused(
            f"địa chỉ '{address}': trang rà soát chỉ mở trên máy này (127.0.0.1:CỔNG), "
            "không mở cho máy khác trong mạng"
        )
    try:
        number = int(port)
    except ValueError:
        raise AddressRefused(f"địa chỉ '{address}' cần có dạng 127.0.0.1:cổng") from None
    if not 0 < number < 65536:
        raise AddressRefused(f"cổng {number} không hợp lệ (1–65535)")
    return "127.0.0.1", number


def serve(
    data: Path,
    key: str | None,
    address: str,
    *,
    browser: bool = True,
    say: Callable[[str], None] = print,
) -> int:
    """Serve the review of quarter `key` (None: the newest) of `data` at `address`."""
    host, port = parse_address(address)
    session = Session(data, str(data))
    dataset = session.state().loaded.dataset  # DataError before anything is served
    quarter = dataset.quarters[find_quarter(dataset.quarters, key)]
    _free(host, port, address)
    app = review_app(session, quarter.key, {f"127.0.0.1:{port}", f"localhost:{port}"})
    config = uvicorn.Config(
        app, host=host, port=port, log_level="error", access_log=False, lifespan="off"
    )
    server = uvicorn.Server(config)
    url = f"http://127.0.0.1:{port}/"
    say(f"Rà soát {quarter.title} của {data} tại {url} (Ctrl+C để dừng).")
    if browser and _has_display():
        webbrowser.open(url)
    # uvicorn stops on Ctrl+C, then gives the signal back: the one line below says it.
    with contextlib.suppress(KeyboardInterrupt):
        server.run()
    say("Đã dừng rà soát; mọi thay đổi đã được ghi vào tệp dữ liệu.")
    return 0


def _free(host: str, port: int, address: str) -> None:
    """Refuse a port another program holds, in Vietnamese, before anything starts."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise AddressRefused(
                f"không mở được {address}: {os_reason(exc)}; chọn cổng khác với -a"
            ) from None


def _has_display() -> bool:
    """Whether a graphical browser can open: never a text browser in the terminal."""
    return sys.platform in ("darwin", "win32") or bool(
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
