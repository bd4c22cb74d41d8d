"""Where every page of the site lives: ASCII, short, stable across quarters.

One place computes URLs, so that links are right by construction; a test still
crawls the built site for broken ones.
"""

from __future__ import annotations

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
    """Link from page URL `here` to site URL `target` (both directory URLs, no leading /).

    Links always climb to the site root first ("../../van-ban/x/"), so every page at
    the same depth links alike: the output can be shared between pages, and a
    version served under any path works.
    """
    return "../" * here.count("/") + target or "./"
