"""What a paragraph says: which agencies it names and in which role, its deadlines and
the document symbols it cites, read by rules a person then reviews.

- Agencies are the registry's names and variants, found without regard to case or
  diacritics ("ban to chuc tinh uy" is Ban Tổ chức Tỉnh ủy), longest first.
- The lead is the paragraph's subject: the agencies it opens with (after a time phrase
  such as "Trong tháng 5/2026, ", and a directive's "Giao …"), joined by "," ";" or
  "và". If the subject "chịu
  trách nhiệm khi …" (answers for a failure), it is accountable instead; "chịu trách
  nhiệm về kết quả" is being in charge. A paragraph that opens with no agency names
  no lead: it inherits its heading's.
- Supporters follow "phối hợp với"; report recipients follow "báo cáo", or a "về",
  "lên" or "gửi" later in the same clause ("báo cáo kết quả hằng tháng về Ban Thường
  vụ Tỉnh ủy").
- Deadlines are the dates of the time phrases of each clause (`text.deadlines`);
  citations are the symbols `text.symbols` finds.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date

from ketluan.model import Agency
from ketluan.text.deadlines import DeadlinePhraseError, ParsedDeadline, find_deadlines
from ketluan.text.symbols import find_symbols
from ketluan.text.vietnamese import searchable

__all__ = ["AgencyFinder", "Reading", "read_paragraph"]


@dataclass(frozen=True, slots=True)
class Reading:
    """What the rules read in one paragraph."""

    lead: tuple[str, ...]
    support: tuple[str, ...]
    report_to: tuple[str, ...]
    accountable: tuple[str, ...]
    # Each kept time phrase: where it stands, the paragraph's own words and what they
    # mean; one per date, in text order.
    deadline_phrases: tuple[tuple[int, str, ParsedDeadline], ...]
    symbols: tuple[str, ...]
    # The first sentence names no subject though a later one does: the heading's work
    # first, then the named lead's ("Lựa chọn … . Chủ đầu tư thường xuyên theo dõi …").
    opens_without_subject: bool = False
    # The first sentence's subject answers for the result or for a failure ("… chịu
    # trách nhiệm về kết quả", "… chịu trách nhiệm khi để xảy ra chậm trễ").
    subject_answers: bool = False
    # A sentence makes the heads answer without naming whose ("Người đứng đầu cấp ủy,
    # cơ quan, đơn vị chịu trách nhiệm …"): the paragraph's own leads', for a person to
    # confirm.
    heads_answer: bool = False

    @property
    def deadlines(self) -> tuple[date, ...]:
        """The dates the paragraph's work falls due."""
        return tuple(parsed.date for _at, _said, parsed in self.deadline_phrases)


class AgencyFinder:
    """The registry's names found in a text, case- and diacritic-insensitively."""

    def __init__(self, agencies: tuple[Agency, ...]) -> None:
        names: dict[str, str] = {}
        for agency in agencies:
            for name in agency.names:
                names.setdefault(searchable(name), agency.id)
        self._names = sorted(names.items(), key=lambda kv: -len(kv[0]))

    def _add_name(self, name: str, agency_id: str) -> None:
        """Find `name` as `agency_id` from now on (a proposed agency)."""
        self._names.append((searchable(name), agency_id))
        self._names.sort(key=lambda kv: -len(kv[0]))

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, agency id) of each name, left to right, never overlapping."""
        work = searchable(text)
        taken: list[tuple[int, int, str]] = []
        for name, agency_id in self._names:
            for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", work):
                if all(m.end() <= s or m.start() >= e for s, e, _ in taken):
                    taken.append((m.start(), m.end(), agency_id))
        return sorted(taken)


# Words a paragraph may open with before its subject: a time ("Trong tháng 5/2026, "),
# a scope ("Đối với các dự án đầu tư ngoài ngân sách nhà nước, ").
_TIME_OPENING = re.compile(r"(?:ngay|trong|truoc|het|cham nhat|den|doi voi)\b[^,]{0,80},\s*")
_GIVEN = re.compile(r"giao (?:cho )?")
_JOIN = re.compile(r"\s*(?:,|;|\bva\b)\s*")
# Answerable for a failure ("… chịu trách nhiệm khi để xảy ra chậm trễ"): accountable;
# "chịu trách nhiệm về kết quả …" is being in charge, a lead.
_ANSWERS = re.compile(r"(?:nhat la nguoi dung dau\s+)?chiu trach nhiem\s+(?:khi|neu)\b")
_RESPONSIBLE = re.compile(r"(?:nhat la nguoi dung dau\s+)?chiu trach nhiem\b")
_SUPPORT = re.compile(r"phoi hop (?:voi )?")
_HEADS = re.compile(r"nguoi dung dau\b")
_REPORT = re.compile(r"bao cao ")
# Where a report's addressee may stand later in the clause; "về" also opens a topic
# ("báo cáo về tình hình …"), which names no agency and so adds nobody.
_REPORT_TO = re.compile(r"\b(?:ve|len|gui)\s+")


def _subject(found: list[tuple[int, int, str]], work: str) -> tuple[list[str], int]:
    """The agencies the text opens with, and where the subject ends."""
    opening = _TIME_OPENING.match(work)
    position = opening.end() if opening else 0
    # A directive's "Giao Sở X chủ trì, phối hợp với …": the one given the task leads.
    given = _GIVEN.match(work, position)
    position = given.end() if given else position
    subject: list[str] = []
    for start, end, agency in found:
        gap = work[position:start]
        if (
            start < position
            or (subject and not _JOIN.fullmatch(gap))
            or (not subject and gap.strip())
        ):
            break
        subject.append(agency)
        position = end
    return subject, position


def _following(found: list[tuple[int, int, str]], work: str, starts: list[int]) -> list[str]:
    """The agencies named right from each of `starts`, joined by "," or "và"."""
    out: list[str] = []
    for position in starts:
        for start, end, agency in found:
            if start < position:
                continue
            if start != position and not _JOIN.fullmatch(work[position:start]):
                break
            out.append(agency)
            position = end
    return list(dict.fromkeys(out))


def _report_starts(work: str) -> list[int]:
    """Right after each "báo cáo", and after each "về/lên/gửi" in the rest of its clause."""
    starts: list[int] = []
    for m in _REPORT.finditer(work):
        clause = re.search(r"[.;]", work[m.end() :])
        stop = m.end() + clause.start() if clause else len(work)
        starts.append(m.end())
        starts += [c.end() for c in _REPORT_TO.finditer(work, m.end(), stop)]
    return starts


def read_paragraph(text: str, finder: AgencyFinder, year: int) -> Reading:
    """Read one paragraph; `year` is the one "trong quý II" without a year means."""
    work = searchable(text)
    found = finder.find(text)
    lead: list[str] = []
    accountable: list[str] = []
    subjects: list[bool] = []
    answers: list[bool] = []
    # Each sentence may name its own subject ("… Chủ đầu tư thường xuyên theo dõi …").
    for start, end in _sentences(work):
        inside = [(s - start, e - start, a) for s, e, a in found if start <= s < end]
        subject, stop = _subject(inside, work[start:end])
        subjects.append(bool(subject))
        after = work[start + stop : end].lstrip(", ")
        answers.append(bool(subject) and _RESPONSIBLE.match(after) is not None)
        if subject and _ANSWERS.match(after):
            accountable += subject
        else:
            lead += subject
    return Reading(
        lead=tuple(dict.fromkeys(lead)),
        support=tuple(_following(found, work, [m.end() for m in _SUPPORT.finditer(work)])),
        report_to=tuple(_following(found, work, _report_starts(work))),
        accountable=tuple(dict.fromkeys(accountable)),
        deadline_phrases=_deadlines(text, work, year),
        symbols=tuple(dict.fromkeys(s for _start, _end, s in find_symbols(text))),
        opens_without_subject=bool(subjects) and not subjects[0] and any(subjects),
        subject_answers=bool(answers) and answers[0],
        heads_answer=any(
            _HEADS.match(work, start) and "chiu trach nhiem" in work[start:end]
            for start, end in _sentences(work)
        ),
    )


def _sentences(work: str) -> list[tuple[int, int]]:
    bounds = [0] + [m.end() for m in re.finditer(r"\.\s+", work)] + [len(work)]
    return list(itertools.pairwise(bounds))


# A document's own date ("số 57-NQ/TW ngày 22/12/2024"), a scope ("nhiệm vụ của quý II
# năm 2026", "đến năm 2035" in a title) are not deadlines of the task.
_CITED_DATE = re.compile(r"\bngay\s+\d{1,2}/\d{1,2}/\d{4}")
_SCOPE = re.compile(r"\b(?:cua|nhiem vu|tam nhin|giai doan)\s+(?:den\s+)?(?:quy|nam|thang)\b")
# A target's horizon ("phấn đấu đến hết quý II năm 2026 tỷ lệ … đạt 90%") dates the
# figure to reach, not the task.
_TARGET_HORIZON = re.compile(r"\bphan dau\s+(?:den\s+)?(?:het|trong|cuoi)\b[^,;]*?\d{4}")


def _deadlines(text: str, work: str, year: int) -> tuple[tuple[int, str, ParsedDeadline], ...]:
    blanked = list(text)
    for m in _CITED_DATE.finditer(work):
        before = work[max(0, m.start() - 40) : m.start()]
        if re.search(r"[0-9]+\s*-\s*[a-z]+/[a-z0-9]+|[0-9]+/[0-9]{4}/", before):
            blanked[m.start() : m.end()] = " " * (m.end() - m.start())
    for m in _SCOPE.finditer(work):
        # The scope word and the period after it, up to the year.
        end = work.find(" ", m.end() + 6)
        stop = len(work) if end == -1 else end
        blanked[m.start() : stop] = " " * (stop - m.start())
    for m in _TARGET_HORIZON.finditer(work):
        blanked[m.start() : m.end()] = " " * (m.end() - m.start())
    kept = "".join(blanked)
    try:
        found = find_deadlines(kept, default_year=year)
    except DeadlinePhraseError:
        return ()
    out: dict[date, tuple[int, str, ParsedDeadline]] = {}
    for start, said, parsed in found:
        # A quarter's tasks fall due within a year or two; a date far off is a horizon.
        if year - 1 <= parsed.date.year <= year + 2 and parsed.date not in out:
            # The words as the paragraph has them: blanking kept every offset.
            at = kept.find(said, start)
            out[parsed.date] = (at, text[at : at + len(said)], parsed)
    return tuple(out.values())
