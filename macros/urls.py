"""Where every page of the site lives: ASCII, short, stable across quarters.

One place computes URLs, so that links are right by construction; a test still
crawls the built site for broken ones.
"""

from __future__ import annotations

import posixpath
from datetime import date

AGENCIES = "co-quan/"
DEADLINES = "thoi-han/"
DOCUMENTS = "van-ban/"
FULL_TEXT = "toan-van/"
TARGETS = "chi-tieu/"
HOME = ""


def agency(agency_id: str) -> str:
    """`/co-quan/<slug>/`."""
    return f"{AGENCIES}{agency_id}/"


def deadline(day: date) -> str:
    """`/thoi-han/<yyyy-mm-dd>/`."""
    return f"{DEADLINES}{day.isoformat()}/"


def document(document_id: str) -> str:
    """`/van-ban/<slug>/`."""
    return f"{DOCUMENTS}{document_id}/"


def task(anchor: str) -> str:
    """A task's place in the full text."""
    return f"{FULL_TEXT}#{anchor}"


def relative(target: str, here: str) -> str:
    """Link from page URL `here` to site URL `target` (both directory URLs, no leading /)."""
    path, _, fragment = target.partition("#")
    start = posixpath.dirname(here.rstrip("/") + "/x") if here else "."
    if path == here:
        return f"#{fragment}" if fragment else "./"
    link = posixpath.relpath(path or ".", start or ".")
    link = "./" if link == "." else link.rstrip("/") + "/"
    return link + (f"#{fragment}" if fragment else "")
