"""Publishing quarters as frozen versions with mike: the operations under
`ketluan publish` and `ketluan preview`.

The data is validated once; then each quarter is built with `mkdocs build` in the
environment that makes the build select that quarter and come out byte-reproducible
(as mike would build it), and mike commits the built site. A build that fails leaves
the branch as it was: mike commits only a finished build.

A publication holds a lock on the repository and builds in a private temporary
folder, so two at once wait for each other instead of sharing `site/`; it refuses a
branch that holds something other than published versions (the source branch, say),
and data with uncommitted changes, and records in its commit which data it published.
"""

from __future__ import annotations

import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ketluan.index.prepared import abandon, announce, write_prepared
from ketluan.index.site_index import build_index
from ketluan.load import Checked, ReviewMark, read_checked
from ketluan.load.review import marks_holding
from ketluan.model import Conclusion, Dataset
from ketluan.model.calendar import UnknownQuarter, find_quarter
from ketluan.publish.branch import (
    DEPLOY_BUILT,
    LATEST,
    Destination,
    add_file,
    add_folder,
    branch_head,
    build_env,
    check_branch,
    data_record,
    mike,
    repository_lock,
)
from ketluan.publish.processes import PublishError, Say, run_logged
from ketluan.publish.scratch import build_folder
from ketluan.render import urls
from ketluan.render.environment import environment

# What mike runs to build a version, run by ketluan instead (mike sets the version).
_MKDOCS_BUILD = ["-m", "mkdocs", "build", "--clean", "--config-file", "mkdocs.yml"]
# mike's redirect pages (`latest/`, the root), in Vietnamese and marked so.
REDIRECT_TEMPLATE = Path(__file__).parent.parent / "render" / "templates" / "mike-redirect.html"
NOT_FOUND = "404.html"


@dataclass(frozen=True, slots=True)
class Published:
    """A quarter deployed, and whether the branch changed (identical bytes do not)."""

    conclusion: Conclusion
    changed: bool


def prepare(destination: Destination, checked: Checked, keys: list[str]) -> str:
    """What every publication checks before it builds, for the quarters `keys`: no
    review mark left (except on the local preview), a project folder, committed data.
    Returns how the deploy commits name the data."""
    loaded = checked.loaded
    if not destination.local_only:
        for key in keys:
            refuse_unreviewed(marks_holding(loaded.marks, loaded.dataset, key), key)
    refuse_outside_project(destination)
    refuse_without_address(destination)
    return data_record(destination, checked.raw)


def snapshot(checked: Checked, folder: Path, name: str) -> Path:
    """The checked bytes as a file in `folder` (the publication's own): what its builds
    read, so that an edit of the data file meanwhile cannot reach them."""
    copy = folder / "du-lieu" / name
    copy.parent.mkdir()
    copy.write_bytes(checked.raw)
    return copy


def publish(
    destination: Destination, key: str, checked: Checked | None = None, say: Say | None = None
) -> Published:
    """Build quarter `key` strictly and deploy it as version `key` titled "Quý I/2026".

    The newest quarter of the data also becomes `latest`, the default version. A quarter
    whose review marks are not all cleared is refused, except on the local preview.
    `checked`: the data file as read and checked already (read here when not given);
    the build reads exactly those bytes.
    """
    checked = checked or read_checked(destination.data)
    quarters = checked.loaded.dataset.quarters
    try:
        conclusion = quarters[find_quarter(quarters, key)]
    except UnknownQuarter as exc:
        raise PublishError(f"{exc} — tệp {destination.data}") from None
    record = prepare(destination, checked, [key])
    with (
        repository_lock(destination.project),
        build_folder() as tmp,
    ):
        check_branch(destination)
        site = Path(tmp) / "site"  # never a shared site/
        data = snapshot(checked, Path(tmp), destination.data.name)
        if say is not None:
            say(f"Dựng {conclusion.title} ({key}) và ghi lên nhánh {destination.branch}…")
        seconds = build_quarter(destination, conclusion, site, say, data, checked.loaded.dataset)
        if say is not None:
            say(f"Đã dựng {conclusion.title} ({key}) trong {seconds:.1f} s.")
        newest = key == quarters[-1].key
        return deploy_built(destination, conclusion, site, newest=newest, record=record, data=data)


def build_quarter(
    destination: Destination,
    conclusion: Conclusion,
    site: Path,
    say: Say | None,
    data: Path | None = None,
    dataset: Dataset | None = None,
) -> float:
    """Build one quarter into the folder `site`, as mike would, from `data` (the
    publication's copy of the checked bytes); returns the seconds it took. `dataset`:
    those bytes as read and checked already, indexed here once for the build and its
    exports, which then need not read them again. The index is made while the build
    starts (`ketluan.index.prepared`)."""
    started = time.monotonic()
    env = build_env(destination, conclusion, data)
    meanwhile = None
    if data is not None and dataset is not None:
        prepared = announce(site.parent / f"{conclusion.key}.chi-muc")
        env["KETLUAN_PREPARED"] = str(prepared)

        def meanwhile() -> None:
            try:
                index = build_index(dataset, conclusion.key)
                write_prepared(index, data.read_bytes(), prepared)
            finally:
                abandon(prepared)  # written or not, the build waits no longer

    env["KETLUAN_SITE_DIR"] = str(site)
    env["MIKE_DOCS_VERSION"] = conclusion.key
    # The build's own temporary files (the sheets and exports being written, Chromium's
    # profile) go into the publication's folder, and with it, however the build ends.
    env["TMPDIR"] = str(site.parent)
    run_logged([sys.executable, *_MKDOCS_BUILD], destination.project, env, say, meanwhile)
    return time.monotonic() - started


def deploy_built(
    destination: Destination,
    conclusion: Conclusion,
    site: Path,
    *,
    newest: bool,
    record: str,
    data: Path | None = None,
) -> Published:
    """Commit the quarter built in `site` to the branch as version `key` titled
    "Quý I/2026"; the newest also becomes `latest`, the default version."""
    key = conclusion.key
    env = build_env(destination, conclusion, data)
    env["KETLUAN_SITE_DIR"] = str(site)
    before = branch_head(destination)
    message = f"Xuất bản {conclusion.title} ({key}) từ {record}"
    deploy = [DEPLOY_BUILT, "--config-file", "mkdocs.yml", "--title", conclusion.title]
    deploy += ["--template", str(REDIRECT_TEMPLATE)]
    deploy += ["--message", message]
    deploy += ["--update-aliases", key, LATEST] if newest else [key]
    mike(destination, deploy, env)
    if newest:
        add_file(destination, NOT_FOUND, not_found_page(destination.site_url), env)
        add_folder(destination, urls.FEEDS.rstrip("/"), stable_feeds(site), env)
        default = ["set-default", "--config-file", "mkdocs.yml", LATEST]
        default += ["--template", str(REDIRECT_TEMPLATE)]
        mike(destination, [*default, "--message", f"{LATEST} → {key}"], env)
    return Published(conclusion, changed=branch_head(destination) != before)


def stable_feeds(site: Path) -> Path:
    """The newest quarter's calendars gathered as `urls.feed` names them, in a folder
    beside the built site: the whole province's and each agency's."""
    folder = site.parent / "lich"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    shutil.copyfile(site / urls.EXPORT_ICS, folder / Path(urls.feed()).name)
    for calendar in sorted((site / urls.AGENCIES).glob("*/thoi-han-*.ics")):
        agency = calendar.parent.name
        if calendar.name == Path(urls.agency_export(agency, "ics")).name:
            shutil.copyfile(calendar, folder / Path(urls.feed(agency)).name)
    return folder


def not_found_page(site_url: str | None) -> bytes:
    """The page a web server shows for any missing address (its error page): one real
    page whose only link is absolute, so it reads the same at every address. A
    version's own 404.html, or `latest/404.html` (a relative redirect), served at the
    missing address would send the reader to yet another missing one, again and again."""
    path = urlsplit(site_url or "/").path.rstrip("/") + "/"
    page = environment().get_template("not-found.html").render(home=f"{path}{LATEST}/")
    return (page.strip() + "\n").encode("utf-8")


def refuse_outside_project(destination: Destination) -> None:
    """Refuse to run where there is no mkdocs.yml, in Vietnamese: mike would only say
    "error: [Errno 2] No such file or directory: 'mkdocs.yml'"."""
    if not (destination.project / "mkdocs.yml").is_file():
        raise PublishError(
            f"thư mục {destination.project} không có mkdocs.yml; chạy lệnh trong thư mục dự án "
            "ketluan (thư mục chứa mkdocs.yml và data/)"
        )


def refuse_without_address(destination: Destination) -> None:
    """Refuse to publish without the address the site is served at: calendars, the Atom
    feed, the sitemap and canonical links would all say http://localhost:8000/. The
    local preview sets its own."""
    if not destination.local_only and not destination.site_url:
        raise PublishError(
            "chưa có địa chỉ của trang: thêm --site-url (ví dụ --site-url "
            "http://intranet.tinhuy/ket-luan/) hoặc đặt biến KETLUAN_SITE_URL; không có "
            "địa chỉ, lịch, tin Atom và sitemap sẽ ghi localhost"
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
