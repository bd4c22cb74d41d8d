"""Publishing: each quarter a frozen version on a git branch, with mike.

Layered as mike itself is (`driver` → `commands` → `git_utils`): `preview` (every
quarter, built side by side and served locally) over `commands` (the operations: check,
build, deploy) over `branch` (the branch, each build's environment, mike's command line)
over `processes` (running a build or mike, its progress lines, why it failed).
"""
