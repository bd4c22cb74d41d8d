"""Preview: quarters built side by side, the newest committed (and served) first.

Builds are independent (each its own folder and process), commits are not (one branch):
quarters build side by side, up to `builders()` at a time, and each is committed as soon
as it is built, the newest first, so that the preview can serve it while the older
quarters are still building.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from pathlib import Path

from ketluan.load import load_reviewed
from ketluan.load.review import marks_holding
from ketluan.model import Conclusion
from ketluan.publish import (
    Published,
    Say,
    Target,
    build_quarter,
    check_branch,
    data_record,
    deploy_built,
    refuse_outside_project,
    refuse_unreviewed,
    repository_lock,
    stop_running,
)


def builders(quarters: int) -> int:
    """How many quarters build at once: a build keeps about two cores busy (MkDocs,
    and Chromium printing its PDFs beside it), so one per two cores."""
    return max(1, min(quarters, (os.cpu_count() or 1) // 2))


def publish_all(
    target: Target,
    say: Say | None = None,
    *,
    workers: int | None = None,
    newest_ready: Callable[[Conclusion, int], None] | None = None,
) -> list[Published]:
    """Build every quarter of the data, `workers` (default `builders`) at a time, and
    deploy each as soon as it is built, the newest first; `newest_ready(newest, left)` is
    called once the newest is on the branch, with how many quarters are still to come.
    Says one line per quarter built, with its time."""
    loaded = load_reviewed(target.data)
    quarters = list(loaded.dataset.quarters)
    if not target.local_only:
        for quarter in quarters:
            refuse_unreviewed(marks_holding(loaded.marks, loaded.dataset, quarter.key), quarter.key)
    refuse_outside_project(target)
    record = data_record(target)
    newest = quarters[-1]
    tell = say or (lambda line: None)
    with repository_lock(target.project), tempfile.TemporaryDirectory(prefix="ketluan-") as tmp:
        check_branch(target)
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
                return pool.submit(build_quarter, target, quarter, site, own)

            builds = {start(q): q for q in reversed(quarters)}
            try:
                first = next(f for f, q in builds.items() if q is newest)
                done = [_deploy(target, newest, first, tmp, record, tell, newest=True)]
                if newest_ready is not None:
                    newest_ready(newest, len(quarters) - 1)
                for build in as_completed(f for f in builds if f is not first):
                    done.append(_deploy(target, builds[build], build, tmp, record, tell))
            except BaseException:
                # One failed, or the preview was stopped: the others are not waited for.
                for build in builds:
                    build.cancel()
                stop_running()
                raise
    return done


def _deploy(
    target: Target,
    quarter: Conclusion,
    build: Future[float],
    tmp: str,
    record: str,
    tell: Say,
    *,
    newest: bool = False,
) -> Published:
    seconds = build.result()  # raises the build's PublishError
    tell(f"Đã dựng {quarter.title} ({quarter.key}) trong {seconds:.1f} s.")
    return deploy_built(target, quarter, Path(tmp) / quarter.key, newest=newest, record=record)
