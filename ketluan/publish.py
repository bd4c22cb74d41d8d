"""Publish quarters as frozen versions with mike, and preview them locally.

The operations layer under `ketluan publish` and `ketluan preview`: it validates the
data once, then builds each quarter with `mkdocs build`, in the environment that makes
the build select that quarter and come out byte-reproducible (as mike would build it),
and has mike commit the built site. A build that fails leaves the branch as it was:
mike commits only a finished build.

A publication holds a lock on the repository and builds in a private temporary
folder, so two at once wait for each other instead of sharing `site/`; it refuses a
branch that holds something other than published versions (the source branch, say),
and data with uncommitted changes, and records in its commit which data it published.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import hashlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from ketluan.load import Loaded, ReviewMark, load_reviewed
from ketluan.load.review import marks_holding
from ketluan.model import Conclusion
from ketluan.model.calendar import UnknownQuarter, build_stamp, find_quarter
from ketluan.problems import os_reason
from ketluan.render.environment import environment

LATEST = "latest"
PREVIEW_BRANCH = "ketluan-preview"
DEFAULT_BRANCH = "gh-pages"

_MIKE = "import sys; from mike.driver import main; sys.exit(main())"
# mike deploying a site ketluan has already built (at KETLUAN_SITE_DIR, mkdocs.yml's
# site_dir): mike's own step that would build it again does nothing, everything else
# (versions.json, aliases, redirect pages, the commit, --push) is mike's as always.
# Building apart from committing lets quarters build at once and commit one by one.
_MIKE_DEPLOY_BUILT = (
    "import sys; from mike import driver, mkdocs_utils\n"
    "mkdocs_utils.build = lambda *args, **kwargs: None\n"
    "sys.exit(driver.main())"
)
# What mike runs to build a version, run by ketluan instead (mike sets the version).
_MKDOCS_BUILD = ["-m", "mkdocs", "build", "--clean", "--config-file", "mkdocs.yml"]
# One file committed onto the branch with mike's own commit machinery (stdin: its bytes).
_MIKE_ADD_FILE = (
    "import sys; from mike import git_utils\n"
    "branch, path, message = sys.argv[1:4]\n"
    "with git_utils.Commit(branch, message) as commit:\n"
    "    commit.add_file(git_utils.FileInfo(path, sys.stdin.buffer.read()))"
)
# mike's redirect pages (`latest/`, the root), in Vietnamese and marked so.
REDIRECT_TEMPLATE = Path(__file__).parent / "render" / "templates" / "mike-redirect.html"
NOT_FOUND = "404.html"


Say = Callable[[str], None]  # where a long step tells how it goes, a line at a time


class PublishError(RuntimeError):
    """mike or the build failed, or publishing was refused; the branch is as it was.

    The message is one line, or one per reason for a refusal; `log` holds the build's
    whole output (`--debug` shows it).
    """

    def __init__(self, message: str, *, log: str = "") -> None:
        super().__init__(message)
        self.log = log


@dataclass(frozen=True, slots=True)
class Target:
    """Where versions go: the project (mkdocs.yml's folder) and the git branch."""

    project: Path
    data: Path
    branch: str = DEFAULT_BRANCH
    site_url: str | None = None
    push: bool = False
    local_only: bool = False  # never look at the remote (the preview branch)
    allow_uncommitted: bool = False  # publish data that git does not hold as committed


def build_env(target: Target, conclusion: Conclusion) -> dict[str, str]:
    """The environment of one quarter's build."""
    env = dict(os.environ)
    # mike runs `mkdocs` from PATH: make it this interpreter's, venv activated or not.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["KETLUAN_DATA"] = str(target.data.resolve())
    env["KETLUAN_QUARTER"] = conclusion.key
    env["SOURCE_DATE_EPOCH"] = str(int(build_stamp(conclusion).timestamp()))
    env["NO_MKDOCS_2_WARNING"] = "1"
    if target.site_url:
        env["KETLUAN_SITE_URL"] = target.site_url
    # mike commits to the branch; a fresh machine may have no git identity yet.
    for role in ("AUTHOR", "COMMITTER"):
        env.setdefault(f"GIT_{role}_NAME", _git_config(target.project, "user.name") or "ketluan")
        env.setdefault(
            f"GIT_{role}_EMAIL", _git_config(target.project, "user.email") or "ketluan@localhost"
        )
    return env


def _git_config(project: Path, key: str) -> str | None:
    result = subprocess.run(
        ["git", "config", "--get", key], cwd=project, capture_output=True, text=True, check=False
    )
    return result.stdout.strip() or None


# What the build says for the person waiting ("INFO    -  ketluan: đang in bản PDF 20/64").
_OUR_LINE = re.compile(r"^INFO\s+-\s+ketluan: (?P<said>.+)$")


def _mike(
    target: Target, args: Sequence[str], env: dict[str, str], *, program: str = _MIKE
) -> None:
    """Run mike (`program`: mike's own command line, or one deploying a built site)."""
    extra = ["--ignore-remote-status"] if target.local_only else []
    push = ["--push"] if target.push and args[0] in ("deploy", "set-default") else []
    command = [sys.executable, "-c", program, args[0], "--branch", target.branch, *extra, *push]
    run_logged([*command, *args[1:]], target.project, env)


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


def run_logged(
    command: Sequence[str], cwd: Path, env: dict[str, str], say: Say | None = None
) -> None:
    """Run a build or mike; the build's own progress lines go to `say` as they come,
    and a failure raises PublishError with the line that says why."""
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
    ) as process:
        with _running_lock:
            _running.add(process)
        try:
            assert process.stdout is not None
            for line in process.stdout:
                lines.append(line)
                ours = _OUR_LINE.match(line.rstrip())
                if ours and say is not None:
                    say(ours["said"])
        finally:
            with _running_lock:
                _running.discard(process)
    if process.returncode != 0:
        log = "".join(lines).strip()
        raise PublishError(cause(log), log=log)


def not_found_page(site_url: str | None) -> bytes:
    """The page a web server shows for any missing address (its error page): one real
    page whose only link is absolute, so it reads the same at every address. A
    version's own 404.html, or `latest/404.html` (a relative redirect), served at the
    missing address would send the reader to yet another missing one, again and again."""
    path = urlsplit(site_url or "/").path.rstrip("/") + "/"
    page = environment().get_template("not-found.html").render(home=f"{path}{LATEST}/")
    return (page.strip() + "\n").encode("utf-8")


def _add_file(target: Target, path: str, content: bytes, env: dict[str, str]) -> None:
    """Commit one file at the branch's root, unless it already holds those bytes."""
    held = subprocess.run(
        ["git", "show", f"refs/heads/{target.branch}:{path}"],
        cwd=target.project,
        capture_output=True,
        check=False,
    )
    if held.returncode == 0 and held.stdout == content:
        return
    command = [sys.executable, "-c", _MIKE_ADD_FILE, target.branch, path, f"Trang {path}"]
    result = subprocess.run(
        command, cwd=target.project, env=env, input=content, capture_output=True, check=False
    )
    if result.returncode != 0:
        log = result.stderr.decode("utf-8", "replace").strip()
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


@dataclass(frozen=True, slots=True)
class Published:
    """A quarter deployed, and whether the branch changed (identical bytes do not)."""

    conclusion: Conclusion
    changed: bool


def publish(
    target: Target, key: str, loaded: Loaded | None = None, say: Say | None = None
) -> Published:
    """Build quarter `key` strictly and deploy it as version `key` titled "Quý I/2026".

    The newest quarter of the data also becomes `latest`, the default version. A quarter
    whose review marks are not all cleared is refused, except on the local preview.
    """
    loaded = loaded or load_reviewed(target.data)
    dataset = loaded.dataset
    try:
        position = find_quarter(dataset.quarters, key)
    except UnknownQuarter as exc:
        raise PublishError(f"{exc} — tệp {target.data}") from None
    if not target.local_only:
        refuse_unreviewed(marks_holding(loaded.marks, dataset, key), key)
    refuse_outside_project(target)
    conclusion = dataset.quarters[position]
    keys = [q.key for q in dataset.quarters]
    record = data_record(target)
    with repository_lock(target.project), tempfile.TemporaryDirectory(prefix="ketluan-") as tmp:
        check_branch(target)
        site = Path(tmp) / "site"  # never a shared site/
        if say is not None:
            say(f"Dựng {conclusion.title} ({key}) và ghi lên nhánh {target.branch}…")
        seconds = build_quarter(target, conclusion, site, say)
        if say is not None:
            say(f"Đã dựng {conclusion.title} ({key}) trong {seconds:.1f} s.")
        return deploy_built(target, conclusion, site, newest=key == keys[-1], record=record)


def build_quarter(target: Target, conclusion: Conclusion, site: Path, say: Say | None) -> float:
    """Build one quarter into the folder `site`, as mike would; returns the seconds it
    took."""
    started = time.monotonic()
    env = build_env(target, conclusion)
    env["KETLUAN_SITE_DIR"] = str(site)
    env["MIKE_DOCS_VERSION"] = conclusion.key
    run_logged([sys.executable, *_MKDOCS_BUILD], target.project, env, say)
    return time.monotonic() - started


def deploy_built(
    target: Target, conclusion: Conclusion, site: Path, *, newest: bool, record: str
) -> Published:
    """Commit the quarter built in `site` to the branch as version `key` titled
    "Quý I/2026"; the newest also becomes `latest`, the default version."""
    key = conclusion.key
    env = build_env(target, conclusion)
    env["KETLUAN_SITE_DIR"] = str(site)
    before = branch_head(target)
    message = f"Xuất bản {conclusion.title} ({key}) từ {record}"
    deploy = ["deploy", "--config-file", "mkdocs.yml", "--title", conclusion.title]
    deploy += ["--template", str(REDIRECT_TEMPLATE)]
    deploy += ["--message", message]
    deploy += ["--update-aliases", key, LATEST] if newest else [key]
    _mike(target, deploy, env, program=_MIKE_DEPLOY_BUILT)
    if newest:
        _add_file(target, NOT_FOUND, not_found_page(target.site_url), env)
        default = ["set-default", "--config-file", "mkdocs.yml", LATEST]
        default += ["--template", str(REDIRECT_TEMPLATE)]
        _mike(target, [*default, "--message", f"{LATEST} → {key}"], env)
    return Published(conclusion, changed=branch_head(target) != before)


def refuse_outside_project(target: Target) -> None:
    """Refuse to run where there is no mkdocs.yml, in Vietnamese: mike would only say
    "error: [Errno 2] No such file or directory: 'mkdocs.yml'"."""
    if not (target.project / "mkdocs.yml").is_file():
        raise PublishError(
            f"thư mục {target.project} không có mkdocs.yml; chạy lệnh trong thư mục dự án "
            "ketluan (thư mục chứa mkdocs.yml và data/)"
        )


def refuse_unreviewed(marks: list[ReviewMark], key: str) -> None:
    """Refuse to publish while review marks remain, naming each where it stands."""
    if marks:
        lines = [
            f"quý {key} còn {len(marks)} điểm cần rà soát (needs_review); "
            "xem và xóa từng điểm rồi xuất bản lại:",
            *(str(m) for m in marks),
        ]
        raise PublishError("\n".join(lines))


@contextlib.contextmanager
def repository_lock(project: Path) -> Iterator[None]:
    """Hold the repository's publishing lock; a second publication waits for the first."""
    git_dir = Path(_git(project, "rev-parse", "--git-common-dir") or ".git")
    lock = (project / git_dir / "ketluan-publish.lock").open("a")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield
    finally:
        lock.close()  # releases the lock


def data_record(target: Target) -> str:
    """How the deploy commit names the data: path, content hash and the commit holding it.

    Refuses data with uncommitted changes (or not in git at all) unless the target
    allows it, so that every published quarter can be traced to committed data.
    """
    digest = hashlib.sha256(target.data.read_bytes()).hexdigest()[:16]
    name = os.path.relpath(target.data.resolve(), target.project.resolve())
    inside = not name.startswith("..")
    changed = _git(target.project, "status", "--porcelain", "--", name) if inside else "?"
    commit = _git(target.project, "log", "-1", "--format=%h", "--", name) if inside else None
    if (changed or not commit) and not target.allow_uncommitted:
        raise PublishError(
            f"tệp dữ liệu {name} có thay đổi chưa commit vào git; hãy commit trước khi xuất bản "
            "(hoặc thêm --allow-uncommitted nếu chắc chắn)"
        )
    state = f"commit {commit}" if commit and not changed else "chưa commit"
    return f"{name} (sha256 {digest}, {state})"


def check_branch(target: Target) -> None:
    """Refuse a branch that holds anything but mike's versions: the source branch, or an
    unrelated gh-pages, would otherwise be overwritten with the site."""
    current = _git(target.project, "symbolic-ref", "--quiet", "--short", "HEAD")
    if target.branch == current:
        raise PublishError(
            f"nhánh '{target.branch}' là nhánh mã nguồn đang mở; chọn nhánh khác cho trang web"
        )
    if branch_head(target) is None:
        return  # a first publication creates it
    if _branch_versions(target) is None:
        raise PublishError(
            f"nhánh '{target.branch}' đã có nội dung không phải các phiên bản do ketluan "
            "xuất bản (thiếu versions.json của mike); chọn nhánh khác hoặc xóa nhánh đó trước"
        )


def published_versions(target: Target) -> set[str]:
    """The versions the branch holds ("2026-q1", ...); none before the first publication."""
    return {str(v["version"]) for v in _branch_versions(target) or ()}


def _branch_versions(target: Target) -> list[dict[str, object]] | None:
    """mike's versions.json on the branch, or None when the branch holds none."""
    listing = _git(target.project, "show", f"refs/heads/{target.branch}:versions.json")
    try:
        versions = json.loads(listing or "")
    except ValueError:
        return None
    held = isinstance(versions, list) and all(
        isinstance(v, dict) and {"version", "title", "aliases"} <= v.keys() for v in versions
    )
    return versions if held else None


def _git(project: Path, *args: str) -> str | None:
    result = subprocess.run(
        ["git", *args], cwd=project, capture_output=True, text=True, check=False
    )
    return result.stdout.strip() if result.returncode == 0 else None


def branch_head(target: Target) -> str | None:
    """The commit the branch points to, or None before the first publication."""
    result = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"refs/heads/{target.branch}"],
        cwd=target.project,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() or None


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


def _die_with_parent() -> None:  # pragma: no cover - runs in the child, before exec
    # Linux: the kernel sends the server SIGTERM when ketluan dies, even by SIGKILL.
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


_PR_SET_PDEATHSIG = 1


# A line of the server's access log: "127.0.0.1 - - [01/Dec/2026 15:56:27] "GET / …".
_ACCESS_LOG = re.compile(r'^\S+ - - \[[^\]]*\] "')


def _pass_errors(stream: IO[str] | None) -> None:
    """Copy the server's error output to ours, without its access log."""
    for line in stream or ():
        if not _ACCESS_LOG.match(line):
            sys.stderr.write(line)


def start_server(target: Target, address: str, newest: Conclusion) -> subprocess.Popen[str]:
    """Start serving the branch's versions on `address` (mike serve), which reads the
    branch at each request: what is committed later is served too. The server ends
    when this process does, however it ends (Linux). `newest`: the data's newest
    quarter, whose build environment mike reads the config in."""
    command = [sys.executable, "-c", _MIKE, "serve", "--branch", target.branch, "-a", address]
    env = build_env(target, newest)
    server = subprocess.Popen(
        [*command, "--config-file", "mkdocs.yml"],
        cwd=target.project,
        env=env,
        # mike's own English lines ("Starting server at …", "Press Ctrl+C to quit.")
        # repeat what preview said in Vietnamese; its errors still come through.
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
        preexec_fn=_die_with_parent if sys.platform == "linux" else None,
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
