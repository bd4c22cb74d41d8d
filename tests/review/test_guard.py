"""Only the page `ketluan review` gave out can write, and only the data file (#25.5):
host, token, origin and JSON type checked on every write; nothing else is served."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from reviewing import TOKEN, real_draft, serving

from ketluan.load import load_with_marks
from ketluan.review.cards import cards_of


def _post(url: str, body: object, headers: dict[str, str]) -> tuple[int, str]:
    request = urllib.request.Request(url, json.dumps(body).encode(), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {})) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    return real_draft(tmp_path)


def test_a_write_without_the_token_from_another_origin_or_host_is_refused(draft: Path) -> None:
    before = draft.read_bytes()
    card = cards_of(load_with_marks(draft), "2026-q1")[0]
    with serving(draft, "2026-q1") as url:
        status, page = _get(url)
        assert status == 200 and f'content="{TOKEN}"' in page
        version = page.split('data-version="')[1].split('"')[0]
        body = {"version": version, "card": card.id, "action": "accept"}
        api = url + "api/tra-loi"
        good = {"Content-Type": "application/json", "X-Ketluan-Token": TOKEN}
        for headers in (
            {"Content-Type": "application/json"},  # no token: a page of another origin
            {**good, "X-Ketluan-Token": "doan-bua"},
            {**good, "Origin": "http://evil.example"},
            {**good, "Host": "evil.example:80"},  # a rebound name pointing here
            {**good, "Content-Type": "text/plain"},  # what a form could send
        ):
            status, said = _post(api, body, headers)
            assert status == 403, (headers, status, said)
        assert draft.read_bytes() == before
        assert _get(url, {"Host": "ten-khac.example"})[0] == 403
        status, said = _post(api, body, {**good, "Origin": url.rstrip("/")})
        assert status == 200 and json.loads(said)["left"] == 72
    assert draft.read_bytes() != before


def test_only_the_page_and_its_two_files_are_served(draft: Path) -> None:
    with serving(draft, "2026-q1") as url:
        assert _get(url + "tai-nguyen/review.js")[0] == 200
        for path in (
            "tai-nguyen/..%2F..%2Fcards.py",
            "tai-nguyen/%2e%2e/app.py",
            "nhap.yml",
            "../nhap.yml",
            "tai-nguyen/review.css/../../app.py",
        ):
            assert _get(url + path)[0] == 404, path


def test_a_page_of_an_older_version_is_told_its_change_was_not_written(draft: Path) -> None:
    cards = cards_of(load_with_marks(draft), "2026-q1")
    good = {"Content-Type": "application/json", "X-Ketluan-Token": TOKEN}
    with serving(draft, "2026-q1") as url:
        page = _get(url)[1]
        version = page.split('data-version="')[1].split('"')[0]
        first = {"version": version, "card": cards[0].id, "action": "accept"}
        assert _post(url + "api/tra-loi", first, good)[0] == 200
        second = {"version": version, "card": cards[1].id, "action": "accept"}
        status, said = _post(url + "api/tra-loi", second, good)
        assert status == 409 and "chưa được ghi" in json.loads(said)["message"]
    assert len(cards_of(load_with_marks(draft), "2026-q1")) == len(cards) - 1


HOSTILE = '"><img src=x onerror=alert(1)><script>alert(2)</script>{{ 7*7 }}{% raw %}'


def test_whatever_a_received_file_carries_is_shown_as_text(draft: Path) -> None:
    text = draft.read_text(encoding="utf-8")
    # A note quoting the received file (as "đoạn chưa xếp vào đâu: …" does), and an
    # agency name as a proposed one would carry it.
    text = text.replace(
        "  - 'không đọc được số và ngày",
        f"  - 'đoạn chưa xếp vào đâu: {HOSTILE}'\n  - 'không đọc được số và ngày",
        1,
    ).replace("name: Ban Tổ chức Tỉnh ủy", f"name: 'Ban Tổ chức {HOSTILE}'", 1)
    draft.write_text(text, encoding="utf-8")
    load_with_marks(draft)  # still valid data
    with serving(draft, "2026-q1") as url:
        page = _get(url)[1]
    assert "<script>alert" not in page and "<img src=x" not in page
    # Escaped where it stands, never evaluated as a template: the braces stay as typed.
    assert "&lt;script&gt;alert(2)&lt;/script&gt;{{ 7*7 }}{% raw %}" in page


def test_a_file_broken_meanwhile_is_said_and_nothing_is_written(draft: Path) -> None:
    good = {"Content-Type": "application/json", "X-Ketluan-Token": TOKEN}
    card = cards_of(load_with_marks(draft), "2026-q1")[0]
    with serving(draft, "2026-q1") as url:
        version = _get(url)[1].split('data-version="')[1].split('"')[0]
        broken = draft.read_text(encoding="utf-8").replace("schema: 1", "schema: [", 1)
        draft.write_text(broken, encoding="utf-8")
        status, page = _get(url)
        assert status == 409 and "Tệp dữ liệu hiện không hợp lệ" in page
        status, said = _post(url + "api/tra-loi", {"version": version, "card": card.id}, good)
        assert status == 409 and "không hợp lệ" in json.loads(said)["message"]
    assert draft.read_text(encoding="utf-8") == broken
