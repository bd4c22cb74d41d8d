"""The mike insides that `ketluan.adapter.mike_runner` relies on, pinned: a mike release
that moves one fails here, before an Office's publication does."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

from mike import driver, git_utils, mkdocs_utils

from ketluan.adapter import mike_runner


def test_mike_deploy_builds_through_mkdocs_utils_build() -> None:
    # deploy-built replaces this one function: mike's deploy must call it, by this name,
    # and nothing else that builds.
    source = inspect.getsource(driver.deploy)
    assert "mkdocs_utils.build(" in source
    assert "subprocess" not in source
    assert list(inspect.signature(mkdocs_utils.build).parameters)[:2] == [
        "config_file",
        "version",
    ]


def test_mike_driver_reads_its_command_line_from_sys_argv() -> None:
    assert list(inspect.signature(driver.main).parameters) == []
    assert "parse_args()" in inspect.getsource(driver.main)


def test_mike_commits_a_file_with_commit_and_fileinfo() -> None:
    assert list(inspect.signature(git_utils.Commit).parameters)[:2] == ["branch", "message"]
    assert list(inspect.signature(git_utils.FileInfo).parameters)[:2] == ["path", "data"]
    assert callable(git_utils.Commit.add_file)
    assert list(inspect.signature(git_utils.Commit.delete_files).parameters) == ["self", "files"]
    assert issubclass(git_utils.GitEmptyCommit, Exception)


def git(repo: Path, *args: str, stdin: bytes | None = None) -> bytes:
    done = subprocess.run(["git", *args], cwd=repo, input=stdin, capture_output=True, check=True)
    return done.stdout


def test_add_file_commits_the_bytes_on_stdin_to_the_branch(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.name", "Mẫu")
    git(tmp_path, "config", "user.email", "mau@localhost")
    content = "<p>Không tìm thấy trang</p>\n".encode()
    subprocess.run(
        [sys.executable, "-m", "ketluan.adapter.mike_runner", "add-file", "trang", "404.html", "m"],
        cwd=tmp_path,
        input=content,
        check=True,
    )
    assert git(tmp_path, "show", "refs/heads/trang:404.html") == content


def test_add_folder_replaces_the_folder_on_the_branch_and_commits_nothing_when_same(
    tmp_path: Path,
) -> None:
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.name", "Mẫu")
    git(tmp_path, "config", "user.email", "mau@localhost")
    feeds = tmp_path / "feeds"
    (feeds / "co-quan").mkdir(parents=True)
    (feeds / "thoi-han.ics").write_bytes(b"BEGIN:VCALENDAR\r\n")
    (feeds / "co-quan" / "ban-mau.ics").write_bytes(b"A\r\n")
    runner = [sys.executable, "-m", "ketluan.adapter.mike_runner", "add-folder", "trang"]
    subprocess.run([*runner, "lich", str(feeds), "m1"], cwd=tmp_path, check=True)
    (feeds / "co-quan" / "ban-mau.ics").unlink()
    (feeds / "co-quan" / "ban-khac.ics").write_bytes(b"B\r\n")
    subprocess.run([*runner, "lich", str(feeds), "m2"], cwd=tmp_path, check=True)
    listed = git(tmp_path, "ls-tree", "-r", "--name-only", "refs/heads/trang").decode().split()
    assert listed == ["lich/co-quan/ban-khac.ics", "lich/thoi-han.ics"]
    head = git(tmp_path, "rev-parse", "refs/heads/trang")
    subprocess.run([*runner, "lich", str(feeds), "m3"], cwd=tmp_path, check=True)
    assert git(tmp_path, "rev-parse", "refs/heads/trang") == head  # nothing changed


def test_deploy_built_commits_the_folder_without_building_it(tmp_path: Path) -> None:
    # A build would wipe the folder and write its own index.html, 404.html and sitemap:
    # deploy-built commits the folder as it is, through mike's own deploy.
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.name", "Mẫu")
    git(tmp_path, "config", "user.email", "mau@localhost")
    site = tmp_path / "built"
    site.mkdir()
    (site / "index.html").write_text("<p>Tỉnh Mẫu</p>\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Dựng lại\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(f"site_name: Mẫu\nsite_dir: {site}\n", encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "ketluan.adapter.mike_runner",
            mike_runner.DEPLOY_BUILT,
            "--branch",
            "trang",
            "--message",
            "Mẫu",
            "2026-q1",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert git(tmp_path, "show", "refs/heads/trang:2026-q1/index.html") == (
        "<p>Tỉnh Mẫu</p>\n".encode()
    )
    listed = git(tmp_path, "ls-tree", "-r", "--name-only", "refs/heads/trang", "2026-q1")
    assert listed.decode().split() == ["2026-q1/index.html"]
    assert b'"version": "2026-q1"' in git(tmp_path, "show", "refs/heads/trang:versions.json")
