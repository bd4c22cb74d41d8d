"""The IT staff's instructions, run as written: publish in a fresh clone, copy the branch
out with the README's command, and serve it with the README's nginx block in a real
nginx (Debian's) on 127.0.0.1."""

from __future__ import annotations

import base64
import contextlib
import gzip
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sitecheck import REPO, git, make_project

from ketluan.fictional import Scale, dump, generate

# Runs mike and nginx: outside the fast loop (`pytest -m 'not build'`).
pytestmark = pytest.mark.build

PREFIX = "/ket-luan/"
NGINX = shutil.which("nginx", path=f"/usr/sbin:/usr/bin:{os.environ.get('PATH', '')}")


def readme_block(language: str, containing: str) -> str:
    """The README's fenced block of `language` that holds `containing`."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for block in re.findall(rf"```{language}\n(.*?)```", readme, re.S):
        if containing in block:
            return str(block)
    raise AssertionError(f"README has no {language} block with {containing!r}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, int, list[str]]]:
    """A fresh project whose newest quarter is published first, as a new clerk would;
    then the earlier one, as publish says. Yields the project, the port its site URL
    names, and what each publication printed."""
    root = tmp_path_factory.mktemp("serving")
    data = dump(
        generate(Scale(quarters=2, agencies=20, communes=6, tasks_per_quarter=14, documents=10))
    )
    repo = make_project(root, data)
    port = free_port()
    url = f"http://127.0.0.1:{port}{PREFIX}"
    printed = []
    cli = [sys.executable, "-c", "import sys; from ketluan.cli import main; sys.exit(main())"]
    for key in ("2026-q2", "2026-q1"):
        command = [*cli, "publish", key, "--data", "mau.yml", "--site-url", url]
        out = subprocess.run(command, cwd=repo, capture_output=True, text=True, check=True)
        printed.append(out.stdout)
    yield repo, port, printed


def test_publishing_only_the_newest_quarter_says_which_are_missing(
    published: tuple[Path, int, list[str]],
) -> None:
    _, _port, printed = published
    assert "Lưu ý: nhánh gh-pages chưa có Quý I/2026 (2026-q1)" in printed[0]
    assert f"ketluan publish 2026-q1 --site-url http://127.0.0.1:{_port}{PREFIX}" in printed[0]
    assert "Lưu ý" not in printed[1]  # the sequence it gave is complete


def test_publish_says_each_step_as_it_goes(published: tuple[Path, int, list[str]]) -> None:
    _, _, printed = published
    lines = printed[0].splitlines()
    steps = [
        "Dữ liệu hợp lệ (",
        "Dựng Quý II/2026 (2026-q2) và ghi lên nhánh gh-pages…",
        " trang…",  # the build's own line: "dựng 120 trang…", once its pages are planned
        "đã in ",  # the build's own line, shown as it comes: "đã in 14 bản PDF (A4)."
        "Đã dựng Quý II/2026 (2026-q2) trong ",
        "Đã xuất bản Quý II/2026 (2026-q2) lên nhánh gh-pages.",
    ]
    at = [next(i for i, line in enumerate(lines) if step in line) for step in steps]
    assert at == sorted(at), lines


def test_the_readme_copy_command_leaves_the_clone_untouched(
    published: tuple[Path, int, list[str]], tmp_path: Path
) -> None:
    repo, _, _ = published
    folder = tmp_path / "srv" / "ket-luan"
    command = readme_block("sh", "git archive").strip().replace("/srv/ket-luan", str(folder))
    subprocess.run(["sh", "-ec", command], cwd=repo, check=True)
    assert (folder / "versions.json").is_file() and (folder / "2026-q1" / "index.html").is_file()
    assert git(repo, "status", "--porcelain") == ""  # no site file staged or left behind
    assert git(repo, "diff", "--cached", "--name-only") == ""


@contextlib.contextmanager
def served(repo: Path, port: int, work: Path, extra: str = "") -> Iterator[int]:
    """The branch copied out with the README's command, served by a real nginx with the
    README's location block (and `extra` lines inside it), on `port`."""
    assert NGINX, "nginx is needed: .ci/system-deps installs it"
    folder = work / "srv" / "ket-luan"
    command = readme_block("sh", "git archive").strip().replace("/srv/ket-luan", str(folder))
    subprocess.run(["sh", "-ec", command], cwd=repo, check=True)
    location = readme_block("nginx", "location").replace("/srv/ket-luan/", f"{folder}/")
    location = location.rstrip().removesuffix("}") + extra + "\n}\n"
    temp = "\n".join(
        f"  {kind}_temp_path {work}/{kind};" for kind in ("client_body", "proxy", "fastcgi")
    )
    temp += f"\n  uwsgi_temp_path {work}/uwsgi;\n  scgi_temp_path {work}/scgi;"
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the tmp folder
    conf = work / "nginx.conf"
    conf.write_text(
        f"""{user}daemon off;
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{}}
http {{
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
{temp}
  server {{
    listen 127.0.0.1:{port};
{location}
  }}
}}
""",
        encoding="utf-8",
    )
    server = subprocess.Popen([NGINX, "-p", str(work), "-c", str(conf)])
    try:
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert server.poll() is None, (work / "error.log").read_text(encoding="utf-8")
            time.sleep(0.05)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def nginx(
    published: tuple[Path, int, list[str]], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[int]:
    """The published site served with the README's block, on the port its URL names."""
    repo, port, _ = published
    with served(repo, port, tmp_path_factory.mktemp("nginx")) as serving:
        yield serving


def get(
    port: int, path: str, gzip_ok: bool = False, auth: tuple[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lowercase names) and body of one request, redirects not followed."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Accept-Encoding": "gzip"} if gzip_ok else {}
    if auth is not None:
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def test_pages_versions_and_latest_are_served(nginx: int) -> None:
    status, _, body = get(nginx, f"{PREFIX}2026-q2/")
    assert status == 200 and "Quý II/2026" in body.decode("utf-8")
    status, _, body = get(nginx, f"{PREFIX}2026-q1/co-quan/")
    assert status == 200 and "Quý I/2026" in body.decode("utf-8")
    status, _, body = get(nginx, f"{PREFIX}versions.json")
    versions = json.loads(body)
    assert status == 200 and {v["version"] for v in versions} == {"2026-q1", "2026-q2"}
    assert next(v for v in versions if v["version"] == "2026-q2")["aliases"] == ["latest"]
    for redirect in (PREFIX, f"{PREFIX}latest/", f"{PREFIX}latest/co-quan/"):
        status, _, body = get(nginx, redirect)
        page = body.decode("utf-8")
        # mike's redirect pages, in Vietnamese and marked so (not "Redirecting").
        assert status == 200 and '<html lang="vi">' in page and "Đang chuyển" in page
        assert "Redirecting" not in page and "window.location.replace" in page


def test_a_missing_page_is_one_real_page_in_vietnamese_that_cannot_loop(nginx: int) -> None:
    for missing in (f"{PREFIX}2026-q2/co-quan/khong-co/", f"{PREFIX}latest/khong-co/"):
        status, _, body = get(nginx, missing)
        page = body.decode("utf-8")
        assert status == 404 and "Không tìm thấy trang" in page and 'lang="vi"' in page
        # No redirect at all, and its one link is absolute: it reads the same anywhere.
        assert "location" not in page and "http-equiv" not in page
        assert re.findall(r'href="([^"]+)"', page) == [f"{PREFIX}latest/"]
        assert get(nginx, f"{PREFIX}latest/")[0] == 200


def test_a_folder_without_its_slash_redirects_to_its_own_path(nginx: int) -> None:
    status, headers, _ = get(nginx, f"{PREFIX}2026-q2/co-quan")
    assert status == 301 and headers["location"] == f"{PREFIX}2026-q2/co-quan/"


def test_the_search_index_and_pages_are_served_gzipped(nginx: int) -> None:
    for path in (f"{PREFIX}2026-q2/search/search_index.json", f"{PREFIX}2026-q2/"):
        status, headers, body = get(nginx, path, gzip_ok=True)
        assert status == 200 and headers.get("content-encoding") == "gzip", path
        assert gzip.decompress(body)
    status, headers, body = get(nginx, f"{PREFIX}2026-q2/search/search_index.json")
    assert "content-encoding" not in headers and json.loads(body)["docs"]


def test_the_readmes_basic_authentication_lets_in_only_who_has_the_password(
    published: tuple[Path, int, list[str]], tmp_path: Path
) -> None:
    repo, _, _ = published
    users = tmp_path / "ket-luan.htpasswd"
    command = readme_block("sh", "openssl passwd").strip()
    subprocess.run(
        ["sh", "-ec", command.replace("/etc/nginx/ket-luan.htpasswd", str(users))], check=True
    )
    lines = readme_block("nginx", "auth_basic_user_file")
    lines = lines.replace("/etc/nginx/ket-luan.htpasswd", str(users))
    with served(repo, free_port(), tmp_path / "nginx", lines) as port:
        assert get(port, f"{PREFIX}2026-q2/")[0] == 401
        assert get(port, f"{PREFIX}2026-q2/", auth=("vanphong", "sai"))[0] == 401
        status, _, body = get(port, f"{PREFIX}2026-q2/", auth=("vanphong", "mat-khau-that-dai"))
        assert status == 200 and "Kết luận" in body.decode("utf-8")


def test_the_calendars_are_served_as_calendars(nginx: int) -> None:
    status, headers, body = get(nginx, f"{PREFIX}2026-q2/xuat/thoi-han.ics")
    assert status == 200 and headers["content-type"] == "text/calendar; charset=utf-8"
    assert body.startswith(b"BEGIN:VCALENDAR")
    status, headers, _ = get(nginx, f"{PREFIX}2026-q2/")
    assert headers["content-type"].startswith("text/html")
