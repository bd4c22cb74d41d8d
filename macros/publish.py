"""Publish quarters as frozen versions with mike, and preview them locally.

The operations layer under `ketluan publish` and `ketluan preview`: it validates the
data once, then runs mike (which runs `mkdocs build`) for each quarter, with the
environment that makes the build select that quarter and come out byte-reproducible.
A build that fails leaves the branch as it was: mike commits only after a build.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from macros.model import Conclusion, Dataset
from macros.validate import load

LATEST = "latest"
PREVIEW_BRANCH = "ketluan-preview"
DEFAULT_BRANCH = "gh-pages"

_MIKE = "import sys; from mike.driver import main; sys.exit(main())"


class PublishError(RuntimeError):
    """mike or the build failed; the branch is as it was before."""


@dataclass(frozen=True, slots=True)
class Target:
    """Where versions go: the project (mkdocs.yml's folder) and the git branch."""

    project: Path
    data: Path
    branch: str = DEFAULT_BRANCH
    site_url: str | None = None
    push: bool = False
    local_only: bool = False  # never look at the remote (the preview branch)


def source_date_epoch(conclusion: Conclusion) -> int:
    """Build time stamps come from the data: the meeting date, midnight UTC."""
    day = conclusion.meeting_date
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())


def build_env(target: Target, conclusion: Conclusion) -> dict[str, str]:
    """The environment of one quarter's build."""
    env = dict(os.environ)
    # mike runs `mkdocs` from PATH: make it this interpreter's, venv activated or not.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["KETLUAN_DATA"] = str(target.data.resolve())
    env["KETLUAN_QUARTER"] = conclusion.key
    env["SOURCE_DATE_EPOCH"] = str(source_date_epoch(conclusion))
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


def _mike(target: Target, args: Sequence[str], env: dict[str, str]) -> None:
    extra = ["--ignore-remote-status"] if target.local_only else []
    push = ["--push"] if target.push and args[0] in ("deploy", "set-default") else []
    command = [sys.executable, "-c", _MIKE, args[0], "--branch", target.branch, *extra, *push]
    result = subprocess.run(
        [*command, *args[1:]], cwd=target.project, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise PublishError(result.stderr.strip() or result.stdout.strip())


@dataclass(frozen=True, slots=True)
class Published:
    """A quarter deployed, and whether the branch changed (identical bytes do not)."""

    conclusion: Conclusion
    changed: bool


def publish(target: Target, key: str, dataset: Dataset | None = None) -> Published:
    """Build quarter `key` strictly and deploy it as version `key` titled "Quý I/2026".

    The newest quarter of the data also becomes `latest`, the default version.
    """
    dataset = dataset or load(target.data)
    keys = [q.key for q in dataset.quarters]
    if key not in keys:
        raise PublishError(f"không có quý '{key}' trong {target.data} (có: {', '.join(keys)})")
    conclusion = dataset.quarters[keys.index(key)]
    env = build_env(target, conclusion)
    newest = key == keys[-1]
    before = branch_head(target)
    deploy = ["deploy", "--config-file", "mkdocs.yml", "--title", conclusion.title]
    deploy += ["--update-aliases", key, LATEST] if newest else [key]
    _mike(target, deploy, env)
    if newest:
        _mike(target, ["set-default", "--config-file", "mkdocs.yml", LATEST], env)
    return Published(conclusion, changed=branch_head(target) != before)


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


def publish_all(target: Target) -> list[Published]:
    """Deploy every quarter of the data, oldest first."""
    dataset = load(target.data)
    return [publish(target, q.key, dataset) for q in dataset.quarters]


def serve(target: Target, address: str) -> int:
    """Serve the branch's versions on `address` (mike serve) until interrupted (Ctrl+C)
    or terminated; the server stops with it."""
    command = [sys.executable, "-c", _MIKE, "serve", "--branch", target.branch, "-a", address]
    env = build_env(target, load(target.data).quarters[-1])
    server = subprocess.Popen(
        [*command, "--config-file", "mkdocs.yml"], cwd=target.project, env=env
    )
    # A SIGTERM (kill, a service manager) would otherwise end only this process and
    # leave mike serve running, orphaned, on the port.
    previous = signal.signal(signal.SIGTERM, lambda *_: server.terminate())
    try:
        server.wait()
    except KeyboardInterrupt:  # Ctrl+C reaches the server too; wait until it is gone
        server.terminate()
        server.wait()
    finally:
        signal.signal(signal.SIGTERM, previous)
    stopped = (0, -signal.SIGTERM, -signal.SIGINT)
    return 0 if server.returncode in stopped else server.returncode
