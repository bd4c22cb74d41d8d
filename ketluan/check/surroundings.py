"""What the check of one quarter reads from outside the quarter, and a record of it.

A quarter's check reads the registries (which agencies and documents exist, and what a
document says), the tasks of the quarters before it, every quarter's meeting and the
newest of them. `Surroundings` holds exactly that. `Reads` watches a check ask its
questions and keeps each answer's digest: when every question is asked again of later
surroundings and answers the same, the check would find what it found then, so a
quarter already found valid need not be checked again (`ketluan.load.quarters`, #28:
in year ten the other 39 quarters are not checked again on each save).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterator, Mapping, Set
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, TypeVar

from ketluan.model import Document

__all__ = ["REPORT_DAYS_AFTER", "Reads", "Surroundings"]

# How long after the newest meeting a report can come: the quarters between conclusions.
REPORT_DAYS_AFTER = 366

V = TypeVar("V")


@dataclass(frozen=True)
class Surroundings:
    """Everything outside a quarter that its check may read."""

    agency_ids: Set[str]
    document_ids: Set[str]  # ids the file holds, a record dropped for its type included
    documents: Mapping[str, Document]
    earlier: Mapping[str, date | None]  # "key/id" of each earlier quarter's task → deadline
    meetings: Mapping[str, date]  # every quarter's meeting, later ones included
    previous_meeting: date | None  # the meeting of the quarter just before
    newest_meeting: date | None

    def too_late(self, reported: date) -> bool:
        """Whether a report of that date comes too long after the newest meeting to be
        right (a mistyped year)."""
        newest = self.newest_meeting
        return newest is not None and reported > newest + timedelta(days=REPORT_DAYS_AFTER)

    def without_meeting(self, key: str) -> Surroundings:
        """These surroundings, quarter `key`'s meeting left out (it is itself wrong)."""
        meetings = {k: v for k, v in self.meetings.items() if k != key}
        return dataclasses.replace(
            self, meetings=meetings, newest_meeting=max(meetings.values(), default=None)
        )


# Each question a check can ask, as the watched surroundings name it, and how to ask it
# again of other surroundings.
_QUESTIONS: dict[str, Callable[[Surroundings, str], object]] = {
    "agency": lambda s, a: a in s.agency_ids,
    "agencies": lambda s, _: sorted(s.agency_ids),
    "document_id": lambda s, a: a in s.document_ids,
    "document_ids": lambda s, _: sorted(s.document_ids),
    "document": lambda s, a: (a in s.documents, s.documents.get(a)),
    "documents": lambda s, _: sorted(s.documents.items()),
    "earlier": lambda s, a: (a in s.earlier, s.earlier.get(a)),
    "earliers": lambda s, _: sorted(s.earlier.items()),
    "meeting": lambda s, a: (a in s.meetings, s.meetings.get(a)),
    "meetings": lambda s, _: sorted(s.meetings.items()),
    "previous_meeting": lambda s, _: s.previous_meeting,
    "too_late": lambda s, a: s.too_late(date.fromisoformat(a)),
}


def _digest(value: object) -> bytes:
    # repr is exact for what is asked: bools, dates, tuples and frozen dataclasses.
    return hashlib.blake2b(repr(value).encode(), digest_size=8).digest()


@dataclass
class Reads:
    """The questions a check asked of its surroundings, each with its answer's digest."""

    answers: dict[tuple[str, str], bytes] = field(default_factory=dict)

    def watch(self, around: Surroundings) -> Surroundings:
        """`around` as a check should see it: every question it asks is noted here."""
        self.note("previous_meeting", "", around.previous_meeting)
        return _Watched(
            agency_ids=_WatchedSet(around.agency_ids, self, "agency", "agencies"),
            document_ids=_WatchedSet(around.document_ids, self, "document_id", "document_ids"),
            documents=_WatchedMap(around.documents, self, "document", "documents"),
            earlier=_WatchedMap(around.earlier, self, "earlier", "earliers"),
            meetings=_WatchedMap(around.meetings, self, "meeting", "meetings"),
            previous_meeting=around.previous_meeting,
            newest_meeting=around.newest_meeting,
            reads=self,
        )

    def note(self, question: str, asked: str, answer: object) -> None:
        """Keep the digest of `answer` to `question` about `asked`."""
        self.answers[(question, asked)] = _digest(answer)

    def still_hold(self, around: Surroundings) -> bool:
        """Whether every question noted answers the same of `around`."""
        return all(
            _digest(_QUESTIONS[question](around, asked)) == digest
            for (question, asked), digest in self.answers.items()
        )


@dataclass(frozen=True)
class _Watched(Surroundings):
    reads: Reads = field(default_factory=Reads)

    def too_late(self, reported: date) -> bool:
        answer = super().too_late(reported)
        self.reads.note("too_late", reported.isoformat(), answer)
        return answer

    def without_meeting(self, key: str) -> Surroundings:
        # The check goes on against other meetings: it depends on them all.
        self.reads.note("meetings", "", sorted(self.meetings.items()))
        return super().without_meeting(key)


class _WatchedSet(Set[str]):
    def __init__(self, inner: Set[str], reads: Reads, one: str, whole: str) -> None:
        self._inner, self._reads, self._one, self._whole = inner, reads, one, whole

    def __contains__(self, item: object) -> bool:
        answer = item in self._inner
        self._reads.note(self._one, str(item), answer)
        return answer

    def __iter__(self) -> Iterator[str]:
        self._reads.note(self._whole, "", sorted(self._inner))
        return iter(self._inner)

    def __len__(self) -> int:
        self._reads.note(self._whole, "", sorted(self._inner))
        return len(self._inner)


class _WatchedMap(Mapping[str, V]):
    def __init__(self, inner: Mapping[str, V], reads: Reads, one: str, whole: str) -> None:
        self._inner, self._reads, self._one, self._whole = inner, reads, one, whole

    def __getitem__(self, key: str) -> V:
        # Mapping's get() and `in` come through here: each is noted as the pair
        # (is it there, what is it), as the question asks it again.
        present = key in self._inner
        value: Any = self._inner[key] if present else None
        self._reads.note(self._one, key, (present, value))
        if not present:
            raise KeyError(key)
        return value  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[str]:
        self._reads.note(self._whole, "", sorted(self._inner.items()))
        return iter(self._inner)

    def __len__(self) -> int:
        self._reads.note(self._whole, "", sorted(self._inner.items()))
        return len(self._inner)
