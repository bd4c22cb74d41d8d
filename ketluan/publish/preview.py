"""Preview: every quarter on a local branch, served on 127.0.0.1 from the moment the
newest is built.

Builds are independent (each its own folder and process), commits are not (one branch):
quarters build side by side, up to `builders()` at a time, and each is committed as soon
as it is built, the newest first, so that the preview can serve it (mike serve) while the
older quarters are still building.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import IO

from ketluan.children import die_with_parent
from ketluan.load import read_checked
from ketluan.model import Conclusion
from ketluan.problems import os_reason
from ketluan.publish.branch import (
    Destination,
    build_env,
    check_branch,
    mike_serve_command,
    repository_lock,
)
from ketluan.publish.commands import Published, build_quarter, deploy_built, prepare, snapshot
from ketluan.publish.processes import PublishError, Say, stop_running
from ketluan.publish.scratch import build_folder


def builders(quarters: int) -> int:
    """How many quarters build at once: a build keeps about two cores busy (MkDocs,
    and Chromium printing its PDFs beside it), so one per two cores."""
    return max(1, min(quarters, (os.cpu_count() or 1) // 2))


def publish_all(
    destination: Destination,
    say: Say | None = None,
    *,
    workers: int | None = None,
    newest_ready: Callable[[Conclusion, int], None] | None = None,
) -> list[Published]:
    """Build every quarter of the data, `workers` (default `builders`) at a time, and
    deploy each as soon as it is built, the newest first; `newest_ready(newest, left)` is
    called once the newest is on the branch, with how many quarters are still to come.
    Says one line per quarter built, with its time."""
    checked = read_checked(destination.data)
    quarters = list(checked.loaded.dataset.quarters)
    record = prepare(destination, checked, [q.key for q in quarters])
    newest = quarters[-1]
    tell = say or (lambda line: None)
    with (
        repository_lock(destination.project),
        build_folder() as tmp,
    ):
        check_branch(destination)
        data = snapshot(checked, Path(tmp), destination.data.name)
        count = workers or builders(len(quarters))
        if len(quarters) > 1:
            tell(f"Dựng {len(quarters)} quý ({count} quý một lúc), quý mới nhất trước…")
        else:
            tell(f"Dựng {newest.title} ({newest.key})…")
        with ThreadPoolExecutor(count, thread_name_prefix="ketluan-build") as pool:

            def start(quarter: Conclusion) -> Future[float]:
                site = Path(tmp) / quarter.key
                # Several builds speak at once: each line says whose it is.
                own = None if say is None else (lambda line, t=quarter.title: say(f"{t}: {line}"))
                return pool.submit(
                    build_quarter, destination, quarter, site, own, data, checked.loaded.dataset
                )

            builds = {start(q): q for q in reversed(quarters)}
            try:
                first = next(f for f, q in builds.items() if q is newest)
                done = [
                    _deploy(destination, newest, first, Path(tmp), data, record, tell, newest=True)
                ]
                if newest_ready is not None:
                    newest_ready(newest, len(quarters) - 1)
                for build in as_completed(f for f in builds if f is not first):
                    done.append(
                        _deploy(destination, builds[build], build, Path(tmp), data, record, tell)
                    )
            except BaseException:
                # One failed, or the preview was stopped: the others are not waited for.
                for build in builds:
                    build.cancel()
                stop_running()
                raise
    return done


def _deploy(
    destination: Destination,
    quarter: Conclusion,
    build: Future[float],
    folder: Path,
    data: Path,
    record: str,
    tell: Say,
    *,
    newest: bool = False,
) -> Published:
    seconds = build.result()  # raises the build's PublishError
    tell(f"Đã dựng {quarter.title} ({quarter.key}) trong {seconds:.1f} s.")
    site = folder / quarter.key  # where `start` built it
    return deploy_built(destination, quarter, site, newest=newest, record=record, data=data)


def check_port(address: str) -> None:
    """Refuse, before building anything, an address whose port is already taken."""
    host, _, port = address.rpartition(":")
    try:
        number = int(port)
    except ValueError:
        raise PublishError(
            f"địa chỉ '{address}' cần có dạng máy:cổng, ví dụ 127.0.0.1:8000"
        ) from None
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host.strip("[]") or "127.0.0.1", number))
        except OSError as exc:
            raise PublishError(
                f"không dùng được địa chỉ {address}: {os_reason(exc)}; chọn cổng khác với -a"
            ) from None


# A line of the server's access log: "127.0.0.1 - - [01/Dec/2026 15:56:27] "GET / …".
_ACCESS_LOG = re.compile(r'^\S+ - - \[[^\]]*\] "')


def _pass_errors(stream: IO[str] | None) -> None:
    """Copy the server's error output to ours, without its access log."""
    for line in stream or ():
        if not _ACCESS_LOG.match(line):
            sys.stderr.write(line)


def wait_listening(address: str, server: subprocess.Popen[str], seconds: float = 20.0) -> None:
    """Return once `address` accepts connections (or the server has ended, or `seconds`
    have passed): the address is said to the reader only when it answers."""
    host, _, port = address.rpartition(":")
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.poll() is None:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            if probe.connect_ex((host.strip("[]") or "127.0.0.1", int(port))) == 0:
                return
        time.sleep(0.05)


def start_server(
    destination: Destination, address: str, newest: Conclusion
) -> subprocess.Popen[str]:
    """Start serving the branch's versions on `address` (mike serve), which reads the
    branch at each request: what is committed later is served too. The server ends
    when this process does, however it ends (Linux). `newest`: the data's newest
    quarter, whose build environment mike reads the config in."""
    env = build_env(destination, newest)
    server = subprocess.Popen(
        [*mike_serve_command(destination, address), "--config-file", "mkdocs.yml"],
        cwd=destination.project,
        env=env,
        # mike's own English lines ("Starting server at …", "Press Ctrl+C to quit.")
        # repeat what preview said in Vietnamese; its errors still come through.
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
        preexec_fn=die_with_parent,
    )
    threading.Thread(target=_pass_errors, args=(server.stderr,), daemon=True).start()
    return server


def wait_server(server: subprocess.Popen[str]) -> int:
    """Wait until the server is interrupted (Ctrl+C) or terminated; its exit status, 0
    for a server stopped so."""
    # A SIGTERM (kill, a service manager) or a SIGHUP (the terminal closed) would
    # otherwise end only this process and leave mike serve running on the port.
    previous = {
        sig: signal.signal(sig, lambda *_: server.terminate())
        for sig in (signal.SIGTERM, signal.SIGHUP)
    }
    try:
        server.wait()
    except KeyboardInterrupt:  # Ctrl+C reaches the server too; wait until it is gone
        server.terminate()
        server.wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    stopped = (0, -signal.SIGTERM, -signal.SIGINT, -signal.SIGHUP)
    return 0 if server.returncode in stopped else server.returncode
