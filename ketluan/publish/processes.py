"""Running a build or mike as a process: its progress lines passed on as they come, the
one line that says why it failed, and ending those still running when a preview stops."""

from __future__ import annotations

import re
import subprocess
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from ketluan.children import die_with_parent

Say = Callable[[str], None]  # where a long step tells how it goes, a line at a time


class PublishError(RuntimeError):
    """mike or the build failed, or publishing was refused; the branch is as it was.

    The message is one line, or one per reason for a refusal; `log` holds the build's
    whole output (`--debug` shows it).
    """

    def __init__(self, message: str, *, log: str = "") -> None:
        super().__init__(message)
        self.log = log


# The builds and mike runs under way (several at once in a preview), so that they can be
# ended when the preview is stopped or one of them fails.
_running: set[subprocess.Popen[str]] = set()
_running_lock = threading.Lock()


def stop_running() -> None:
    """End the builds and mike runs under way. A mike run ended before its commit
    leaves the branch as it was."""
    with _running_lock:
        for process in _running:
            process.terminate()


# What the build says for the person waiting ("INFO    -  ketluan: đang in bản PDF 20/64").
_OUR_LINE = re.compile(r"^INFO\s+-\s+ketluan: (?P<said>.+)$")


def run_logged(
    command: Sequence[str],
    cwd: Path,
    env: dict[str, str],
    say: Say | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> None:
    """Run a build or mike; the build's own progress lines go to `say` as they come,
    and a failure raises PublishError with the line that says why. `meanwhile` runs
    here once the process has started (what the build will wait for); if it fails, the
    process is ended and its error raised."""
    lines: list[str] = []
    with subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
        preexec_fn=die_with_parent,
    ) as process:
        with _running_lock:
            _running.add(process)
        try:
            if meanwhile is not None:
                meanwhile()
            assert process.stdout is not None
            for line in process.stdout:
                lines.append(line)
                ours = _OUR_LINE.match(line.rstrip())
                if ours and say is not None:
                    say(ours["said"])
        except BaseException:
            # Stopped (Ctrl+C, a SIGTERM turned into an exit), or `meanwhile` failed: the
            # child goes too, before its folder is removed.
            process.terminate()
            raise
        finally:
            with _running_lock:
                _running.discard(process)
    if process.returncode != 0:
        log = "".join(lines).strip()
        raise PublishError(cause(log), log=log)


# What MkDocs and mike say when a build fails: "ERROR    -  …", "WARNING  -  …" (strict
# mode stops on warnings), "error: …"; or the last line of a traceback.
_LOG_LINE = re.compile(r"^(?:ERROR|WARNING)\s+-\s+(?P<message>.+)$|^error: (?P<mike>.+)$", re.M)
_NOT_CAUSES = ("Aborted with", "Error building site", "Config value")


def cause(log: str) -> str:
    """The one line of a build log that says why it failed."""
    found = [
        (m["message"] or m["mike"]).strip()
        for m in _LOG_LINE.finditer(log)
        if not (m["message"] or m["mike"]).startswith(_NOT_CAUSES)
    ]
    if found:
        return found[0]
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    return lines[-1] if lines else "không rõ nguyên nhân"
