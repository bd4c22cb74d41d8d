"""Publishing quarters with mike on a temporary git repository (fictional "Tỉnh Mẫu").

Published quarters are official records: the next quarter never changes them, the
same data republished gives the same bytes, and a failed build publishes nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from sitecheck import Page, git, html_files, make_project, outside, resolve

from ketluan.fictional import Scale, dump, generate
from ketluan.index.changes import compare_with_previous
from ketluan.index.site_index import build_index
from ketluan.index.status import OVERDUE_UNREPORTED
from ketluan.load import load
from ketluan.model import Dataset
from ketluan.problems import DataError
from ketluan.publish.branch import Destination
from ketluan.publish.commands import publish
from ketluan.publish.processes import PublishError, cause, run_logged
from ketluan.render import urls

# Runs MkDocs or mike: outside the fast loop (`pytest -m 'not build'`).
pytestmark = pytest.mark.build

BRANCH = "ban-in"
SITE = "http://intranet.mau/ket-luan/"


def tree(repo: Path, path: str) -> str:
    """The git tree id of a folder on the branch: equal ids, byte-identical files."""
    return git(repo, "rev-parse", f"{BRANCH}:{path}").strip()


def show(repo: Path, path: str) -> str:
    return git(repo, "show", f"{BRANCH}:{path}")


def files(repo: Path, folder: str) -> set[str]:
    listing = git(repo, "ls-tree", "-r", "--name-only", BRANCH, folder + "/")
    return {line[len(folder) + 1 :] for line in listing.splitlines()}


@pytest.fixture(scope="module")
def dataset_text() -> str:
    return dump(
        generate(Scale(quarters=3, agencies=30, communes=12, tasks_per_quarter=30, documents=20))
    )


@pytest.fixture(scope="module")
def published(
    tmp_path_factory: pytest.TempPathFactory, dataset_text: str
) -> Iterator[tuple[Path, dict[str, dict[str, str]]]]:
    """Three quarters published in order; the tree ids of every version after each."""
    repo = make_project(tmp_path_factory.mktemp("pub"), dataset_text)
    target = Destination(repo, repo / "mau.yml", branch=BRANCH, site_url=SITE)
    snapshots: dict[str, dict[str, str]] = {}
    for key in ("2026-q1", "2026-q2", "2026-q3"):
        assert publish(target, key).changed
        snapshots[key] = {k: tree(repo, k) for k in ("2026-q1", "2026-q2", "2026-q3") if k <= key}
    yield repo, snapshots


@pytest.fixture(scope="module")
def data(dataset_text: str, tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    path = tmp_path_factory.mktemp("data") / "mau.yml"
    path.write_text(dataset_text, encoding="utf-8")
    return load(path)


def test_publishing_the_next_quarter_leaves_earlier_ones_byte_identical(
    published: tuple[Path, dict[str, dict[str, str]]],
) -> None:
    _repo, snapshots = published
    assert snapshots["2026-q2"]["2026-q1"] == snapshots["2026-q1"]["2026-q1"]
    assert snapshots["2026-q3"]["2026-q1"] == snapshots["2026-q1"]["2026-q1"]
    assert snapshots["2026-q3"]["2026-q2"] == snapshots["2026-q2"]["2026-q2"]


def test_versions_titles_and_latest_alias(
    published: tuple[Path, dict[str, dict[str, str]]],
) -> None:
    repo, _ = published
    versions = json.loads(show(repo, "versions.json"))
    assert [(v["version"], v["title"], v["aliases"]) for v in versions] == [
        ("2026-q3", "Quý III/2026", ["latest"]),
        ("2026-q2", "Quý II/2026", []),
        ("2026-q1", "Quý I/2026", []),
    ]
    assert "url=latest/" in show(repo, "index.html")  # the default version
    # "latest" is made of redirect pages, which survive copying to any web server.
    redirect = show(repo, "latest/co-quan/index.html")
    assert 'window.location.replace(\n      "../../2026-q3/co-quan/"' in redirect


def test_the_newest_calendars_have_addresses_that_never_change(
    published: tuple[Path, dict[str, dict[str, str]]],
) -> None:
    # mike's "latest" redirects pages, not files: the newest quarter's calendars are
    # copied beside the versions, under lich/, each time the newest is published.
    repo, _ = published
    assert show(repo, "lich/thoi-han.ics") == show(repo, "2026-q3/xuat/thoi-han.ics")
    feeds = git(repo, "ls-tree", "-r", "--name-only", BRANCH, "lich/").split()
    agencies = [
        name.split("/")[2]
        for name in git(repo, "ls-tree", "-r", "--name-only", BRANCH, "2026-q3/co-quan/").split()
        if re.fullmatch(r"2026-q3/co-quan/([a-z0-9-]+)/thoi-han-\1\.ics", name)
    ]
    assert agencies and sorted(feeds) == sorted(
        ["lich/thoi-han.ics", *(f"lich/{a}.ics" for a in agencies)]
    )
    agency = agencies[0]
    assert show(repo, f"lich/{agency}.ics") == show(
        repo, f"2026-q3/co-quan/{agency}/thoi-han-{agency}.ics"
    )
    # The agency page links it, above its version.
    page = show(repo, f"2026-q3/co-quan/{agency}/index.html")
    assert f'href="../../../lich/{agency}.ics"' in page


def test_republishing_the_same_data_changes_nothing(
    published: tuple[Path, dict[str, dict[str, str]]],
) -> None:
    repo, snapshots = published
    target = Destination(repo, repo / "mau.yml", branch=BRANCH, site_url=SITE)
    head = git(repo, "rev-parse", BRANCH)
    assert not publish(target, "2026-q1").changed
    assert git(repo, "rev-parse", BRANCH) == head
    assert tree(repo, "2026-q1") == snapshots["2026-q1"]["2026-q1"]


def test_every_page_of_an_older_version_exists_in_the_newer(
    published: tuple[Path, dict[str, dict[str, str]]],
) -> None:
    repo, _ = published
    q1 = {f for f in files(repo, "2026-q1") if f.endswith("index.html")}
    q3 = {f for f in files(repo, "2026-q3") if f.endswith("index.html")}
    latest = {f for f in files(repo, "latest") if f.endswith("index.html")}
    # But the pages a version holds for its own quarter (its deadline dates, its
    # directives' texts): later versions link to them, and the banner and the version
    # switch go to their nearest page there (`urls.lasting`).
    own = {
        f for f in q1 if urls.lasting(f.removesuffix("index.html")) != f.removesuffix("index.html")
    }
    assert own, "the first quarter has deadline pages"
    assert q1 - own <= q3 and q1 - own <= latest
    assert {urls.lasting(f.removesuffix("index.html")) + "index.html" for f in own} <= q3


def test_each_version_holds_its_own_quarter_and_links_the_earlier_ones_in_theirs(
    published: tuple[Path, dict[str, dict[str, str]]], tmp_path: Path
) -> None:
    """A version publishes its own quarter's texts and dates, never an earlier one's,
    and every link into an earlier version lands on a page (and anchor) there."""
    repo, _ = published
    git(repo, "worktree", "add", "-q", "--detach", str(tmp_path / "branch"), BRANCH)
    root = tmp_path / "branch"
    for key in ("2026-q2", "2026-q3"):
        assert not (root / key / "toan-van" / "2026-q1").exists()
    into_earlier: set[str] = set()
    broken = []
    for key in ("2026-q1", "2026-q2", "2026-q3"):
        site = root / key
        for file in html_files(site):
            for link in Page(file.read_text(encoding="utf-8")).links:
                target = resolve(site, file, link)
                if target is None or not outside(site, target[0]):
                    continue
                path, fragment = target
                other = path.relative_to(root.resolve()).parts[0]
                if other in ("latest", "lich", "versions.json"):
                    continue
                assert other < key, (file, link)  # never a later quarter
                into_earlier.add(other)
                if not path.exists():
                    broken.append(f"{file.relative_to(root)} → {link}")
                elif fragment and fragment not in Page(path.read_text(encoding="utf-8")).ids:
                    broken.append(f"{file.relative_to(root)} → {link} (no #{fragment})")
    git(repo, "worktree", "remove", "--force", str(root))
    assert into_earlier == {"2026-q1", "2026-q2"}
    assert broken == []


def test_older_version_banner_points_to_the_same_page_in_latest(
    published: tuple[Path, dict[str, dict[str, str]]],
) -> None:
    repo, _ = published
    agency = next(
        f for f in sorted(files(repo, "2026-q1")) if f.startswith("co-quan/") and f.count("/") == 2
    )
    html = show(repo, f"2026-q1/{agency}")
    page = agency.removesuffix("index.html")
    assert "Bạn đang xem Quý I/2026" in html
    assert f'href="../../../latest/{page}"' in html
    assert f'<link rel="canonical" href="http://intranet.mau/ket-luan/2026-q1/{page}">' in html


def test_a_version_shows_nothing_from_later_quarters(
    published: tuple[Path, dict[str, dict[str, str]]],
) -> None:
    repo, _ = published
    for name in files(repo, "2026-q1"):
        if name.endswith(".html"):
            text = show(repo, f"2026-q1/{name}")
            assert "2026-q2" not in text and "2026-q3" not in text, name
            assert "Quý II/2026" not in text and "Quý III/2026" not in text, name


def test_overdue_without_report_is_shown_so_never_as_done(
    published: tuple[Path, dict[str, dict[str, str]]], data: Dataset
) -> None:
    repo, _ = published
    index = build_index(data, "2026-q3")
    overdue = [e for e in index.earlier if index.state(e).label == OVERDUE_UNREPORTED]
    assert overdue, "the fictional data must hold a task overdue without report"
    entry = overdue[0]
    agency = entry.lead[0].agency.id
    html = show(repo, f"2026-q3/co-quan/{agency}/lich-su/index.html")
    link = f'{entry.conclusion.key}/toan-van/#{entry.task.anchor}"'
    row = html[html.index(link) :]
    row = row[: row.index("</tr>")]
    assert re.findall(r'class="kl-state[^"]*">([^<]+)<', row) == [OVERDUE_UNREPORTED]


def test_changes_page_lists_what_the_reports_say(
    published: tuple[Path, dict[str, dict[str, str]]], data: Dataset
) -> None:
    repo, _ = published
    html = show(repo, "2026-q3/thay-doi/index.html")
    expected = compare_with_previous(build_index(data, "2026-q3"))
    sections = {
        "Nhiệm vụ mới": [e for e in expected.new],
        "Tiếp tục từ quý trước": [e for e, _ in expected.carried],
        "Đã hoàn thành": [e for e, _ in expected.completed],
        "Quá hạn": [e for e, _ in expected.overdue],
        "Dừng hoặc không tiếp tục": [e for e, _ in expected.stopped],
    }
    assert all(sections.values()), {k: len(v) for k, v in sections.items()}
    for heading, entries in sections.items():
        start = html.index(f">{heading} (")
        end = html.find("<h2", start)
        part = html[start:end]
        assert f"{heading} ({len(entries)})" in part
        for entry in entries:
            # An earlier quarter's task, in its own version beside this one.
            key = "" if entry.conclusion.key == "2026-q3" else f"../{entry.conclusion.key}/"
            assert f'"../{key}toan-van/#{entry.task.anchor}"' in part, (heading, entry.ref)


def test_invalid_data_publishes_nothing(
    published: tuple[Path, dict[str, dict[str, str]]], tmp_path: Path
) -> None:
    repo, _ = published
    bad = tmp_path / "bad.yml"
    bad.write_text(
        (repo / "mau.yml").read_text(encoding="utf-8").replace("key: 2026-q3", "key: 2026-q9"),
        encoding="utf-8",
    )
    head = git(repo, "rev-parse", BRANCH)
    with pytest.raises(DataError):
        publish(Destination(repo, bad, branch=BRANCH, site_url=SITE), "2026-q3")
    assert git(repo, "rev-parse", BRANCH) == head


def test_a_failing_build_leaves_the_branch_as_it_was(
    published: tuple[Path, dict[str, dict[str, str]]],
) -> None:
    repo, _ = published
    broken = repo / "docs" / "hong.md"
    broken.write_text("[liên kết hỏng](khong-co.md)\n", encoding="utf-8")  # strict: an error
    head = git(repo, "rev-parse", BRANCH)
    try:
        with pytest.raises(PublishError, match=r"khong-co\.md"):
            publish(Destination(repo, repo / "mau.yml", branch=BRANCH, site_url=SITE), "2026-q3")
    finally:
        broken.unlink()
    assert git(repo, "rev-parse", BRANCH) == head


def preview_command(port: int) -> list[str]:
    """`ketluan preview` of the project's fictional data on a port of 127.0.0.1."""
    cli = [sys.executable, "-m", "ketluan.cli"]
    return [*cli, "preview", "--data", "mau.yml", "-a", f"127.0.0.1:{port}"]


def wait_until_serving(port: int, process: subprocess.Popen[Any]) -> str:
    """The versions.json the preview serves, once it serves (two minutes at most)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/versions.json", timeout=2) as r:
                return str(r.read().decode())
        except OSError:
            time.sleep(0.5)
    return ""


def served_versions(port: int, process: subprocess.Popen[Any], at_least: int) -> list[str]:
    """The versions the preview serves, once it serves `at_least` of them (three minutes
    at most)."""
    deadline = time.monotonic() + 180
    versions: list[str] = []
    while time.monotonic() < deadline and process.poll() is None:
        body = wait_until_serving(port, process)
        versions = [v["version"] for v in json.loads(body)] if body else []
        if len(versions) >= at_least:
            break
        time.sleep(0.5)
    return versions


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_preview(repo: Path, port: int) -> tuple[subprocess.Popen[str], list[str]]:
    """The preview, started in `repo`, and the lines it says, gathered as they come."""
    preview = subprocess.Popen(
        preview_command(port),
        cwd=repo,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    said: list[str] = []
    assert preview.stdout is not None
    threading.Thread(target=lambda: said.extend(preview.stdout or ()), daemon=True).start()
    return preview, said


def eventually(holds: Callable[[], bool], seconds: float) -> bool:
    """Whether `holds()` comes true within `seconds` (asked every 0.2 s)."""
    deadline = time.monotonic() + seconds
    while not holds():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def nothing_listens(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            return False
    except ConnectionRefusedError:
        return True


def running_in(folder: Path) -> list[str]:
    """The processes whose working folder is `folder` (builds, mike, its server)."""
    found = []
    for proc in Path("/proc").iterdir():
        with contextlib.suppress(OSError):
            if proc.name.isdigit() and (proc / "cwd").resolve() == folder.resolve():
                found.append((proc / "cmdline").read_text().replace("\0", " "))
    return found


def test_preview_serves_every_quarter_and_leaves_gh_pages_alone(
    tmp_path: Path, dataset_text: str
) -> None:
    repo = make_project(tmp_path, dataset_text)
    port = free_port()
    preview, said = start_preview(repo, port)
    try:
        # Served as soon as the newest quarter is built, the older ones added as they come.
        assert served_versions(port, preview, at_least=1)[0] == "2026-q3"
        assert served_versions(port, preview, at_least=3) == ["2026-q3", "2026-q2", "2026-q1"]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/2026-q2/co-quan/", timeout=5) as r:
            assert "Cơ quan, đơn vị" in r.read().decode()
        eventually(lambda: any(line.startswith("Đã dựng đủ 3 quý.") for line in said), 120)
    finally:
        preview.terminate()
        preview.wait(timeout=10)
    assert preview.returncode == 0
    text = "".join(said)
    # One line per quarter built, with its time, the newest first; where to look as soon
    # as it is served, and once more when all are; none of mike's English lines.
    built = re.findall(r"^Đã dựng (Quý \S+) \(\S+\) trong [\d.]+ s\.$", text, re.M)
    assert built == ["Quý III/2026", "Quý II/2026", "Quý I/2026"], text
    assert text.index("Xem tại http://127.0.0.1:") < text.index("Đã dựng Quý II/2026")
    assert "Đã dựng đủ 3 quý." in text
    assert "Starting server" not in text and '"GET /' not in text, text
    # Terminating the preview stopped its server too: nothing listens on the port.
    assert eventually(lambda: nothing_listens(port), 10)
    branches = git(repo, "branch", "--list")
    assert "ketluan-preview" in branches and "gh-pages" not in branches
    assert re.search(r"^\* main$", branches, re.M)


def test_a_preview_stopped_while_older_quarters_build_ends_them_all(
    tmp_path: Path, dataset_text: str
) -> None:
    repo = make_project(tmp_path, dataset_text)
    port = free_port()
    preview, said = start_preview(repo, port)
    try:
        assert served_versions(port, preview, at_least=1)[0] == "2026-q3"
    finally:
        preview.terminate()  # the older quarters are still building
        preview.wait(timeout=30)
    assert preview.returncode == 0, "".join(said)
    assert "Traceback" not in "".join(said)
    eventually(lambda: not running_in(repo), 10)
    assert running_in(repo) == []  # no build, mike or server left behind
    assert nothing_listens(port)


def test_two_checkouts_at_different_paths_publish_identical_trees(
    tmp_path: Path, dataset_text: str
) -> None:
    trees = []
    for name in ("mot", "hai/sau/hon"):
        root = tmp_path / name
        root.mkdir(parents=True)
        repo = make_project(root, dataset_text)
        publish(Destination(repo, repo / "mau.yml", branch=BRANCH, site_url=SITE), "2026-q1")
        trees.append(tree(repo, "2026-q1"))
        pdfs = [f for f in files(repo, "2026-q1") if f.endswith(".pdf")]
        assert pdfs, "the publication prints agency PDFs"
        for pdf in pdfs:
            raw = subprocess.run(
                ["git", "show", f"{BRANCH}:2026-q1/{pdf}"], cwd=repo, capture_output=True
            ).stdout
            assert b"file://" not in raw and str(root).encode() not in raw, pdf
    assert trees[0] == trees[1]


def test_two_publications_at_once_wait_for_each_other(tmp_path: Path, dataset_text: str) -> None:
    repo = make_project(tmp_path, dataset_text)
    target = Destination(repo, repo / "mau.yml", branch=BRANCH, site_url=SITE)
    with ThreadPoolExecutor(max_workers=2) as pool:
        done = list(pool.map(lambda key: publish(target, key), ["2026-q1", "2026-q2"]))
    assert all(p.changed for p in done)
    versions = {v["version"] for v in json.loads(show(repo, "versions.json"))}
    assert versions == {"2026-q1", "2026-q2"}
    assert not (repo / "site").exists()  # each built in its own temporary folder


def test_the_deploy_commit_records_the_data_it_published(
    published: tuple[Path, dict[str, dict[str, str]]],
) -> None:
    repo, _ = published
    digest = hashlib.sha256((repo / "mau.yml").read_bytes()).hexdigest()[:16]
    data_commit = git(repo, "log", "-1", "--format=%h", "--", "mau.yml").strip()
    subjects = git(repo, "log", "--format=%s", BRANCH).splitlines()
    assert (
        f"Xuất bản Quý III/2026 (2026-q3) từ mau.yml (sha256 {digest}, commit {data_commit})"
        in (subjects)
    )


def test_uncommitted_data_is_refused_unless_allowed(tmp_path: Path, dataset_text: str) -> None:
    repo = make_project(tmp_path, dataset_text)
    (repo / "mau.yml").write_text(dataset_text.replace("Tỉnh Mẫu", "Tỉnh Mẫu (sửa)", 1))
    with pytest.raises(PublishError, match="chưa commit"):
        publish(Destination(repo, repo / "mau.yml", branch=BRANCH, site_url=SITE), "2026-q1")
    assert "ban-in" not in git(repo, "branch", "--list")
    allowed = Destination(
        repo, repo / "mau.yml", branch=BRANCH, site_url=SITE, allow_uncommitted=True
    )
    assert publish(allowed, "2026-q1").changed
    assert "chưa commit" in git(repo, "log", "-1", "--format=%s", BRANCH)


def test_a_branch_that_is_not_a_published_site_is_refused(
    tmp_path: Path, dataset_text: str
) -> None:
    repo = make_project(tmp_path, dataset_text)
    git(repo, "branch", "trang-cu")  # an unrelated branch: the sources, no versions.json
    for branch, words in (("main", "nhánh mã nguồn"), ("trang-cu", "versions.json")):
        head = git(repo, "rev-parse", branch)
        with pytest.raises(PublishError, match=words):
            publish(Destination(repo, repo / "mau.yml", branch=branch, site_url=SITE), "2026-q1")
        assert git(repo, "rev-parse", branch) == head


def test_a_failed_build_is_one_line_naming_the_cause() -> None:
    log = (
        "INFO    -  Building documentation to directory: /tmp/x\n"
        "WARNING -  Doc file 'hong.md' contains a link 'khong-co.md', but the target is not found\n"
        "\nAborted with 1 warnings in strict mode!\n"
        'Traceback (most recent call last):\n  File "x", line 1\n'
        "subprocess.CalledProcessError: Command '['mkdocs', 'build']' returned 1.\n"
    )
    assert (
        cause(log)
        == "Doc file 'hong.md' contains a link 'khong-co.md', but the target is not found"
    )
    assert cause("Traceback (most recent call last):\nValueError: hỏng\n") == "ValueError: hỏng"


def test_a_failure_while_the_build_starts_ends_the_build_and_is_raised(tmp_path: Path) -> None:
    # The index is made while the build starts; if that fails, the build must not go on.
    marker = tmp_path / "still-running"
    build = [sys.executable, "-c", f"import time; time.sleep(3); open({str(marker)!r}, 'w')"]

    def fail() -> None:
        raise OSError("đĩa đầy")

    started = time.monotonic()
    with pytest.raises(OSError, match="đĩa đầy"):
        run_logged(build, tmp_path, dict(os.environ), meanwhile=fail)
    assert time.monotonic() - started < 2.5
    time.sleep(3.5)
    assert not marker.exists()


def test_preview_refuses_a_taken_port_before_building(tmp_path: Path, dataset_text: str) -> None:
    repo = make_project(tmp_path, dataset_text)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        started = time.monotonic()
        result = subprocess.run(
            preview_command(port),
            cwd=repo,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert result.stderr.startswith(
        f"lỗi: không xuất bản, nhánh giữ nguyên như trước: không dùng được địa chỉ 127.0.0.1:{port}"
    )
    assert "Traceback" not in result.stderr
    assert time.monotonic() - started < 10  # nothing was built first
    assert "ketluan-preview" not in git(repo, "branch", "--list")


def test_killing_the_preview_stops_its_server(tmp_path: Path, dataset_text: str) -> None:
    repo = make_project(tmp_path, dataset_text)
    port = free_port()
    preview = subprocess.Popen(
        preview_command(port),
        cwd=repo,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert wait_until_serving(port, preview)
        preview.send_signal(signal.SIGKILL)  # no handler runs: the kernel must stop the server
        preview.wait(timeout=10)
    finally:
        if preview.poll() is None:
            preview.kill()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            time.sleep(0.3)
        except OSError:
            break
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


def test_an_edit_made_after_the_check_never_reaches_the_site(
    tmp_path: Path, dataset_text: str
) -> None:
    # The data is checked, recorded, then built; an edit saved while the publication
    # waits or builds (uncommitted, unchecked) must not be what is published.
    repo = make_project(tmp_path, dataset_text)
    data = repo / "mau.yml"
    checked = data.read_bytes()

    def edit_meanwhile(line: str) -> None:
        if line.startswith("Dựng "):
            edited = dataset_text.replace("province: Tỉnh Mẫu", "province: Tỉnh Sửa Lén")
            data.write_text(edited, encoding="utf-8")

    publish(Destination(repo, data, branch=BRANCH, site_url=SITE), "2026-q3", say=edit_meanwhile)
    home = show(repo, "2026-q3/index.html")
    assert "tỉnh Tỉnh Mẫu" in home and "Sửa Lén" not in home
    digest = hashlib.sha256(checked).hexdigest()[:16]
    assert f"(sha256 {digest}, commit " in git(repo, "log", "--format=%s", BRANCH)


def test_a_versions_json_entry_ketluan_did_not_write_is_refused(
    tmp_path: Path, dataset_text: str
) -> None:
    repo = make_project(tmp_path, dataset_text)
    destination = Destination(repo, repo / "mau.yml", branch=BRANCH, site_url=SITE)
    publish(destination, "2026-q1")
    versions = json.loads(show(repo, "versions.json"))
    versions.append({"version": "2026-q9", "title": "<img src=x onerror=alert(1)>", "aliases": []})
    subprocess.run(
        [sys.executable, "-m", "ketluan.adapter.mike_runner", "add-file", BRANCH]
        + ["versions.json", "Sửa tay"],
        cwd=repo,
        input=json.dumps(versions).encode(),
        check=True,
    )
    head = git(repo, "rev-parse", BRANCH)
    with pytest.raises(PublishError, match="không do ketluan viết") as refused:
        publish(destination, "2026-q2")
    assert "onerror" in str(refused.value)  # the entry is named, to be removed by hand
    assert git(repo, "rev-parse", BRANCH) == head


def test_publishing_without_the_sites_address_is_refused(tmp_path: Path, dataset_text: str) -> None:
    # Every calendar, the Atom feed, the sitemap and canonical links would say localhost.
    repo = make_project(tmp_path, dataset_text)
    with pytest.raises(PublishError, match="--site-url"):
        publish(Destination(repo, repo / "mau.yml", branch=BRANCH), "2026-q1")
    assert BRANCH not in git(repo, "branch", "--list")


def test_a_publication_stopped_by_sigterm_leaves_no_folder_nor_process(
    tmp_path: Path, dataset_text: str
) -> None:
    repo = make_project(tmp_path, dataset_text)
    scratch = tmp_path / "tam"
    scratch.mkdir()
    # A folder a publication killed by SIGKILL left behind: nobody holds its lock.
    left = scratch / "ketluan-cu"
    (left / "site").mkdir(parents=True)
    (left / ".dang-dung").write_text("", encoding="utf-8")
    env = {**os.environ, "TMPDIR": str(scratch), "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "ketluan.cli", "publish", "2026-q3", "--data", "mau.yml"]
    command += ["--branch", BRANCH, "--site-url", SITE]
    publishing = subprocess.Popen(
        command, cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert publishing.stdout is not None
    for line in publishing.stdout:
        if line.startswith("Dựng "):  # the build has begun
            break
    assert not left.exists()  # swept when this publication began
    assert list(scratch.glob("ketluan-*"))  # its own folder, while it builds
    time.sleep(1)
    publishing.send_signal(signal.SIGTERM)
    assert publishing.wait(timeout=60) == 143
    assert list(scratch.glob("ketluan-*")) == []
    assert eventually(lambda: running_in(repo) == [], 10), running_in(repo)
    assert BRANCH not in git(repo, "branch", "--list")
