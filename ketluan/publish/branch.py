"""The published branch and how mike writes it: the destination, each build's
environment, mike's commands, and what git says of the branch.

mike runs as a process of its own (`ketluan.adapter.mike_runner`, the one module that
knows mike's insides); everything here speaks to it and to git by command line.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ketluan.model import Conclusion
from ketluan.model.calendar import build_stamp
from ketluan.model.keys import QuarterKey
from ketluan.publish.processes import PublishError, cause, run_logged

LATEST = "latest"
PREVIEW_BRANCH = "ketluan-preview"
DEFAULT_BRANCH = "gh-pages"

MIKE = [sys.executable, "-m", "ketluan.adapter.mike_runner"]
DEPLOY_BUILT = "deploy-built"  # mike deploy of a site already built (see mike_runner)
ADD_FILE = "add-file"
ADD_FOLDER = "add-folder"


@dataclass(frozen=True, slots=True)
class Destination:
    """Where versions go: the project (mkdocs.yml's folder) and the git branch."""

    project: Path
    data: Path
    branch: str = DEFAULT_BRANCH
    site_url: str | None = None
    push: bool = False
    local_only: bool = False  # never look at the remote (the preview branch)
    allow_uncommitted: bool = False  # publish data that git does not hold as committed

    @property
    def ref(self) -> str:
        """The branch's full git name."""
        return f"refs/heads/{self.branch}"


def build_env(
    destination: Destination, conclusion: Conclusion, data: Path | None = None
) -> dict[str, str]:
    """The environment of one quarter's build (and of mike's runs for it): the
    variables mkdocs.yml reads into the ketluan plugin's options. `data`: the copy of
    the checked bytes to build from (default: the destination's data file)."""
    env = dict(os.environ)
    # mike runs `mkdocs` from PATH: make it this interpreter's, venv activated or not.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["KETLUAN_DATA"] = str((data or destination.data).resolve())
    env["KETLUAN_QUARTER"] = conclusion.key
    env["SOURCE_DATE_EPOCH"] = str(int(build_stamp(conclusion).timestamp()))
    env["NO_MKDOCS_2_WARNING"] = "1"
    if destination.site_url:
        env["KETLUAN_SITE_URL"] = destination.site_url
    # mike commits to the branch; a fresh machine may have no git identity yet.
    project = destination.project
    for role in ("AUTHOR", "COMMITTER"):
        env.setdefault(
            f"GIT_{role}_NAME", git(project, "config", "--get", "user.name") or "ketluan"
        )
        email = git(project, "config", "--get", "user.email") or "ketluan@localhost"
        env.setdefault(f"GIT_{role}_EMAIL", email)
    return env


def mike(destination: Destination, args: Sequence[str], env: dict[str, str]) -> None:
    """Run a mike command (`deploy-built`, `set-default`, ...) on the destination's
    branch; a failure raises PublishError with the line that says why."""
    extra = ["--ignore-remote-status"] if destination.local_only else []
    pushing = args[0] in (DEPLOY_BUILT, "deploy", "set-default")
    push = ["--push"] if destination.push and pushing else []
    command = [*MIKE, args[0], "--branch", destination.branch, *extra, *push]
    run_logged([*command, *args[1:]], destination.project, env)


def mike_serve_command(destination: Destination, address: str) -> list[str]:
    """The command that serves the branch's versions on `address`."""
    return [*MIKE, "serve", "--branch", destination.branch, "-a", address]


def add_file(destination: Destination, path: str, content: bytes, env: dict[str, str]) -> None:
    """Commit one file at the branch's root, unless it already holds those bytes."""
    held = subprocess.run(
        ["git", "show", f"{destination.ref}:{path}"],
        cwd=destination.project,
        capture_output=True,
        check=False,
    )
    if held.returncode == 0 and held.stdout == content:
        return
    command = [*MIKE, ADD_FILE, destination.branch, path, f"Trang {path}"]
    result = subprocess.run(
        command, cwd=destination.project, env=env, input=content, capture_output=True, check=False
    )
    if result.returncode != 0:
        log = result.stderr.decode("utf-8", "replace").strip()
        raise PublishError(cause(log), log=log)


def add_folder(destination: Destination, path: str, source: Path, env: dict[str, str]) -> None:
    """Make the branch's folder `path` hold exactly the files of `source`, in one commit
    (none when it holds them already)."""
    command = [*MIKE, ADD_FOLDER, destination.branch, path, str(source), f"Thư mục {path}"]
    result = subprocess.run(
        command, cwd=destination.project, env=env, capture_output=True, check=False
    )
    if result.returncode != 0:
        log = result.stderr.decode("utf-8", "replace").strip()
        raise PublishError(cause(log), log=log)


@contextlib.contextmanager
def repository_lock(project: Path) -> Iterator[None]:
    """Hold the repository's publishing lock; a second publication waits for the first."""
    git_dir = Path(git(project, "rev-parse", "--git-common-dir") or ".git")
    lock = (project / git_dir / "ketluan-publish.lock").open("a")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield
    finally:
        lock.close()  # releases the lock


def data_record(destination: Destination, raw: bytes) -> str:
    """How the deploy commit names the data `raw` (the bytes checked and built): path,
    content hash and the commit holding exactly those bytes.

    Refuses bytes that are not the data file as committed (uncommitted changes, or not
    in git at all) unless the destination allows it, so that every published quarter
    can be traced to committed data.
    """
    project = destination.project
    digest = hashlib.sha256(raw).hexdigest()[:16]
    name = os.path.relpath(destination.data.resolve(), project.resolve())
    inside = not name.startswith("..")
    committed = _committed_bytes(project, name) if inside else None
    changed = committed != raw
    commit = git(project, "log", "-1", "--format=%h", "--", name) if inside else None
    if (changed or not commit) and not destination.allow_uncommitted:
        raise PublishError(
            f"tệp dữ liệu {name} có thay đổi chưa commit vào git; hãy commit trước khi xuất bản "
            "(hoặc thêm --allow-uncommitted nếu chắc chắn)"
        )
    state = f"commit {commit}" if commit and not changed else "chưa commit"
    return f"{name} (sha256 {digest}, {state})"


def _committed_bytes(project: Path, name: str) -> bytes | None:
    """The data file's bytes as HEAD holds them, or None when it holds none."""
    shown = subprocess.run(
        ["git", "show", f"HEAD:./{name}"], cwd=project, capture_output=True, check=False
    )
    return shown.stdout if shown.returncode == 0 else None


def check_branch(destination: Destination) -> None:
    """Refuse a branch that holds anything but mike's versions: the source branch, or an
    unrelated gh-pages, would otherwise be overwritten with the site."""
    current = git(destination.project, "symbolic-ref", "--quiet", "--short", "HEAD")
    if destination.branch == current:
        raise PublishError(
            f"nhánh '{destination.branch}' là nhánh mã nguồn đang mở; chọn nhánh khác cho trang web"
        )
    if branch_head(destination) is None:
        return  # a first publication creates it
    versions = branch_versions(destination)
    if versions is None:
        raise PublishError(
            f"nhánh '{destination.branch}' đã có nội dung không phải các phiên bản do ketluan "
            "xuất bản (thiếu versions.json của mike); chọn nhánh khác hoặc xóa nhánh đó trước"
        )
    foreign = [entry for entry in versions if not _ours(entry)]
    if foreign:
        # Material's version selector shows each title as HTML on every page: an entry
        # ketluan did not write is never kept, and never published around.
        shown = "; ".join(json.dumps(e, ensure_ascii=False)[:120] for e in foreign[:3])
        more = f" (và {len(foreign) - 3} mục nữa)" if len(foreign) > 3 else ""
        raise PublishError(
            f"versions.json trên nhánh '{destination.branch}' có {len(foreign)} mục không do "
            f"ketluan viết: {shown}{more}; xóa các mục đó khỏi nhánh rồi xuất bản lại"
        )


def _ours(entry: dict[str, object]) -> bool:
    """An entry of versions.json as a publication writes it: a quarter's key, its title,
    and no alias but `latest`."""
    key = QuarterKey.parse(entry.get("version"))
    aliases = entry.get("aliases")
    return (
        key is not None
        and str(key) == entry.get("version")
        and entry.get("title") == key.title
        and isinstance(aliases, list)
        and all(a == LATEST for a in aliases)
        and entry.keys() <= {"version", "title", "aliases", "properties"}
        and not entry.get("properties")
    )


def published_versions(destination: Destination) -> set[str]:
    """The versions the branch holds ("2026-q1", ...); none before the first publication."""
    return {str(v["version"]) for v in branch_versions(destination) or ()}


def branch_versions(destination: Destination) -> list[dict[str, object]] | None:
    """mike's versions.json on the branch, or None when the branch holds none."""
    listing = git(destination.project, "show", f"{destination.ref}:versions.json")
    try:
        versions = json.loads(listing or "")
    except ValueError:
        return None
    held = isinstance(versions, list) and all(
        isinstance(v, dict) and {"version", "title", "aliases"} <= v.keys() for v in versions
    )
    return versions if held else None


def branch_head(destination: Destination) -> str | None:
    """The commit the branch points to, or None before the first publication."""
    return git(destination.project, "rev-parse", "--verify", "--quiet", destination.ref) or None


def git(project: Path, *args: str) -> str | None:
    """What a git command prints (stripped), or None when it fails."""
    result = subprocess.run(
        ["git", *args], cwd=project, capture_output=True, text=True, check=False
    )
    return result.stdout.strip() if result.returncode == 0 else None
