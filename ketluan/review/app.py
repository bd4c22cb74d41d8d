"""`ketluan review` as a web application: the page, the clerk's changes, undo.

Starlette: a small, well-kept ASGI toolkit (routing, requests, responses) and nothing
else; the pages are our Jinja templates, the server is uvicorn (`ketluan.review.serve`).

Who may write: only a page this server gave out. Every request must name this server
as its host (`Host: 127.0.0.1:PORT`, so a page of another site that points a name of
its own at 127.0.0.1 is refused); every change must carry the session's token, which
only the page holds, as a header (`X-Ketluan-Token`) of a JSON request, and an
`Origin`, when the browser sends one, must be this server's. A form of another origin
can send none of these. Nothing is served but the page and its two files, and nothing
is written but the data file named on the command line.
"""

from __future__ import annotations

import html
import re
import secrets
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from ketluan.ingest.review_page import ScanPages, scan_file
from ketluan.load import Loaded
from ketluan.model import Task
from ketluan.model.calendar import find_quarter
from ketluan.problems import DataError
from ketluan.review.cards import Card, cards_of, model_at
from ketluan.review.changes import Refused, add_agency, add_document, answer, edit_paragraph
from ketluan.review.page import PRECISIONS, RELATIONS, Shown, agency_entry, main_html, page_html
from ketluan.review.session import Rejected, Session, Stale, State

__all__ = ["review_app"]

_STATIC = Path(__file__).parent / "static"
_FILES = {"review.css": "text/css; charset=utf-8", "review.js": "text/javascript; charset=utf-8"}
_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
STALE = (
    "Tệp dữ liệu vừa được sửa ở nơi khác (một cửa sổ khác, hay một lệnh khác) sau khi trang "
    "này hiện ra: thay đổi vừa rồi chưa được ghi. Tải lại trang để xem bản mới nhất rồi làm lại."
)


def review_app(session: Session, key: str, hosts: set[str], *, token: str | None = None) -> ASGIApp:
    """The application reviewing quarter `key` of `session`'s file, answering only
    requests addressed to one of `hosts` ("127.0.0.1:8765")."""
    secret = token or secrets.token_urlsafe(32)
    first = len(cards_of(session.state().loaded, key))
    scan = _scan(session.data, key)

    def shown(state: State) -> Shown:
        return Shown(key, session.name, first, state.version, session.last, scan)

    async def page(request: Request) -> Response:
        try:
            state = session.state()
        except DataError as exc:
            return _broken(exc)
        return _html(page_html(state.loaded, shown(state), secret))

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in _FILES:
            return _plain("Không có trang này.", 404)
        body = (_STATIC / name).read_bytes()
        return Response(body, headers={**_HEADERS, "Content-Type": _FILES[name]})

    def after(state: State, **more: Any) -> Response:
        body = {
            "version": state.version,
            "main": main_html(state.loaded, shown(state)),
            "left": len(cards_of(state.loaded, key)),
            **more,
        }
        return _json(body)

    async def reply(request: Request) -> Response:
        body = await _body(request)
        state = session.state()
        if body.get("version") != state.version:
            raise Stale  # before the card: it may be gone in the newer file
        card = _card(state.loaded, key, body.get("card"))
        action, values = body.get("action"), body.get("values") or {}
        if card is None:
            raise Refused("điểm cần rà soát này không còn (đã được xử lý ở nơi khác?)")
        if not isinstance(action, str) or not isinstance(values, dict):
            raise Refused("yêu cầu không hợp lệ")
        state = session.change(state.version, lambda t: answer(t, card, action, values))
        return after(state)

    async def paragraph(request: Request) -> Response:
        body = await _body(request)
        path, values = body.get("path"), body.get("values")
        if not isinstance(path, list) or not _task_path(path, session.state().loaded, key):
            raise Refused("không thấy đoạn này trong quý đang rà soát")
        if not isinstance(values, dict):
            raise Refused("yêu cầu không hợp lệ")
        action = str(body.get("action"))
        state = session.change(
            str(body.get("version")), lambda t: edit_paragraph(t, tuple(path), action, values)
        )
        return after(state)

    async def agency(request: Request) -> Response:
        body = await _body(request)
        made: list[str] = []

        def edit(tree: Any) -> str:
            made.append(
                add_agency(
                    tree,
                    str(body.get("name", "")),
                    str(body.get("short", "")),
                    str(body.get("group", "")),
                )
            )
            return f"thêm cơ quan {body.get('name')}"

        state = session.change(str(body.get("version")), edit)
        added = next(a for a in state.loaded.dataset.agencies if a.id == made[0])
        return _json(
            {"version": state.version, "agency": agency_entry(added), "last": session.last}
        )

    async def document(request: Request) -> Response:
        body = await _body(request)
        made: list[str] = []
        said = {k: str(body.get(k) or "") for k in ("type", "symbol", "date", "title")}

        def edit(tree: Any) -> str:
            made.append(add_document(tree, said["type"], said["symbol"], said["date"],
                                     said["title"]))  # fmt: skip
            return f"thêm văn bản {said['symbol'] or said['title']}"

        state = session.change(str(body.get("version")), edit)
        doc = next(d for d in state.loaded.dataset.documents if d.id == made[0])
        label = f"{doc.type} {doc.symbol or doc.title or ''}".strip()
        return _json({"version": state.version, "document": {"id": doc.id, "label": label}})

    async def undo(request: Request) -> Response:
        body = await _body(request)
        try:
            state, what = session.undo(str(body.get("version")))
        except LookupError as exc:
            raise Refused(str(exc)) from None
        return after(state, undone=what)

    routes = [
        Route("/", page),
        Route("/tai-nguyen/{name}", asset),
        Route("/api/tra-loi", _guarded(reply), methods=["POST"]),
        Route("/api/doan", _guarded(paragraph), methods=["POST"]),
        Route("/api/co-quan", _guarded(agency), methods=["POST"]),
        Route("/api/van-ban", _guarded(document), methods=["POST"]),
        Route("/api/hoan-tac", _guarded(undo), methods=["POST"]),
    ]
    app = Starlette(routes=routes)
    return _HostCheck(app, hosts, secret)


class _HostCheck:
    """Refuses any request not addressed to this server, and any write without the
    session's token, the JSON type or this server's origin."""

    def __init__(self, app: ASGIApp, hosts: set[str], token: str) -> None:
        self.app, self.hosts, self.token = app, hosts, token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
            refusal = self._refusal(scope["method"], headers)
            if refusal is not None:
                await _plain(refusal, 403)(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def _refusal(self, method: str, headers: dict[str, str]) -> str | None:
        if headers.get("host") not in self.hosts:
            return "Chỉ mở được trang này tại địa chỉ ketluan review đã in ra."
        if method == "GET":
            return None
        origin = headers.get("origin")
        if origin is not None and origin.removeprefix("http://") not in self.hosts:
            return "Yêu cầu từ trang khác bị từ chối."
        if not secrets.compare_digest(headers.get("x-ketluan-token", ""), self.token):
            return "Thiếu mã phiên: hãy dùng trang ketluan review đã mở."
        if not headers.get("content-type", "").startswith("application/json"):
            return "Yêu cầu không hợp lệ."
        return None


Handler = Callable[[Request], Awaitable[Response]]


def _guarded(handler: Handler) -> Handler:
    """The handler, its expected failures said in Vietnamese and never as a traceback."""

    async def run(request: Request) -> Response:
        try:
            return await handler(request)
        except Stale:
            return _json({"message": STALE, "stale": True}, 409)
        except Refused as exc:
            return _json({"message": f"Không ghi: {exc}."}, 422)
        except Rejected as exc:
            said = list(dict.fromkeys(_for_clerk(p.message) for p in exc.problems))
            return _json(
                {"message": "Không ghi: dữ liệu sau thay đổi này không hợp lệ.", "problems": said},
                422,
            )
        except DataError as exc:
            return _json({"message": _invalid(exc)}, 409)
        except OSError as exc:
            return _json({"message": f"Không ghi được tệp dữ liệu: {exc.strerror or exc}."}, 500)

    return run


async def _body(request: Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except (ValueError, UnicodeDecodeError):
        raise Refused("yêu cầu không hợp lệ") from None
    if not isinstance(body, dict):
        raise Refused("yêu cầu không hợp lệ")
    return body


def _scan(data: Path, key: str) -> ScanPages | None:
    """The scanned pages `ketluan import` kept beside the draft, if it did."""
    try:
        return ScanPages.from_json(scan_file(data, key).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def _card(loaded: Loaded, key: str, wanted: Any) -> Card | None:
    return next((c for c in cards_of(loaded, key) if c.id == wanted), None)


def _task_path(path: list[Any], loaded: Loaded, key: str) -> bool:
    """Whether `path` is a task's place in quarter `key` (the only paragraphs whose
    reading the review changes)."""
    quarters = loaded.dataset.quarters
    return (
        path[:2] == ["quarters", find_quarter(quarters, key)]
        and path[-2:-1] == ["tasks"]
        and isinstance(model_at(loaded.dataset, tuple(path)), Task)
    )


# The data's codes a checker's message may quote, as the review's choices name them.
_CODES = {f"'{code}'": f"“{label}”" for code, label in {**PRECISIONS, **RELATIONS}.items()}


def _for_clerk(message: str) -> str:
    """A checker's message with the codes it quotes in the review's words."""
    return re.sub("|".join(map(re.escape, _CODES)), lambda m: _CODES[m.group()], message)


def _invalid(exc: DataError) -> str:
    first = "; ".join(str(p) for p in exc.problems[:3])
    return f"Tệp dữ liệu hiện không hợp lệ (đã bị sửa ở nơi khác?): {first}"


def _broken(exc: DataError) -> Response:
    lines = "".join(f"<li>{html.escape(str(p))}</li>" for p in exc.problems)
    return _html(
        "<!doctype html><html lang=vi><meta charset=utf-8><title>Tệp dữ liệu không hợp lệ</title>"
        "<h1>Tệp dữ liệu hiện không hợp lệ</h1><p>Sửa các lỗi dưới đây (hoặc hoàn tác thay đổi "
        f"vừa làm trong trình soạn), rồi tải lại trang.</p><ul>{lines}</ul>",
        409,
    )


def _html(body: str, status: int = 200) -> Response:
    return HTMLResponse(body, status, headers=_HEADERS)


def _json(body: dict[str, Any], status: int = 200) -> Response:
    return JSONResponse(body, status, headers=_HEADERS)


def _plain(text: str, status: int) -> Response:
    return Response(text, status, headers={**_HEADERS, "Content-Type": "text/plain; charset=utf-8"})
