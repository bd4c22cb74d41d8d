"""mike, run the way a publication needs it: `python -m ketluan.adapter.mike_runner ARGS`.

ARGS are mike's own command line, with two commands of ours:

- `deploy-built ...` is `mike deploy ...` for a site ketluan has already built (at
  mkdocs.yml's `site_dir`): mike's step that would build it again does nothing, and
  everything else (versions.json, aliases, redirect pages, the commit, `--push`) is
  mike's as always. Building apart from committing lets quarters build side by side and
  commit one by one.
- `add-file BRANCH PATH MESSAGE` commits one file (its bytes on stdin) at the branch's
  root with mike's own commit machinery.
- `add-folder BRANCH DEST SOURCE MESSAGE` makes the branch's folder DEST hold exactly
  the files of the local folder SOURCE, in one commit (none when nothing changed).

Only this module knows mike's insides; `tests/adapter/test_mike_runner.py` pins each one
it relies on (`driver.main` reading `sys.argv`, `driver.deploy` building through
`mkdocs_utils.build`, `git_utils.Commit`, its `delete_files`, `git_utils.FileInfo` and
`git_utils.GitEmptyCommit`), so a mike release
that moves them fails there, not in an Office's publication.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from mike import driver, git_utils, mkdocs_utils

DEPLOY_BUILT = "deploy-built"
ADD_FILE = "add-file"
ADD_FOLDER = "add-folder"


def _already_built(*_: object, **__: object) -> None:
    """mike's build step, for a site that is already built."""


def add_file(branch: str, path: str, message: str, content: bytes) -> None:
    """Commit one file at the branch's root."""
    with git_utils.Commit(branch, message) as commit:
        commit.add_file(git_utils.FileInfo(path, content))


def add_folder(branch: str, dest: str, source: Path, message: str) -> None:
    """Replace the branch's folder `dest` with the files of `source`, in one commit;
    none when they are the same already."""
    try:
        with git_utils.Commit(branch, message) as commit:
            commit.delete_files([dest])
            for path in sorted(p for p in source.rglob("*") if p.is_file()):
                name = f"{dest}/{path.relative_to(source).as_posix()}"
                commit.add_file(git_utils.FileInfo(name, path.read_bytes()))
    except git_utils.GitEmptyCommit:
        return  # the same files: mike has taken its empty commit back


def main(argv: Sequence[str] | None = None) -> int:
    """mike's command line, with `deploy-built` and `add-file` (see the module)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == [ADD_FOLDER]:
        branch, dest, source, message = args[1:5]
        add_folder(branch, dest, Path(source), message)
        return 0
    if args[:1] == [ADD_FILE]:
        branch, path, message = args[1:4]
        add_file(branch, path, message, sys.stdin.buffer.read())
        return 0
    if args[:1] == [DEPLOY_BUILT]:
        mkdocs_utils.build = _already_built
        args[0] = "deploy"
    sys.argv = ["mike", *args]
    result = driver.main()
    return int(result or 0)


if __name__ == "__main__":
    sys.exit(main())
