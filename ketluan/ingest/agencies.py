"""Agencies a document names that the registry does not know yet, proposed as new ones.

Where a paragraph's roles stand (its subject, after "phối hợp với", after "báo cáo"
and in a heading "Đối với …"), words that open like an agency's name ("Ban", "Sở",
"Đảng ủy", "Các cơ quan" …) and that no registry name covers are read up to the verb
that follows ("Ban Kinh tế Tỉnh ủy chủ trì …") or the end of the clause. Each becomes a
proposed agency with a review mark: the Office confirms it, corrects its extent and
group, or adds the words to the `variants` of an agency it already has. Once proposed,
a name is found like a registry's in every later paragraph.
"""

from __future__ import annotations

import re
from typing import Any

from ketluan.ingest.marks import flag
from ketluan.ingest.roles import AgencyFinder
from ketluan.model import Agency, AgencyGroup
from ketluan.text.vietnamese import searchable, slugify

__all__ = ["ProposingFinder"]

# How agency names open, on the text itself (folding would make "sơ kết" a "Sở"): the
# head noun, capitalised as a name's first word is, or "các" before a plural one.
_HEAD = re.compile(
    r"(?:[Cc]ác\s+)?(?:Ban|Sở|Ủy ban|Đảng ủy|Văn phòng|Công an|Bộ Chỉ huy|Mặt trận|Hội đồng|Hội"
    r"|Đoàn|Liên đoàn|Thường trực|UBND|HĐND|Kho bạc|Cục|Chi cục|Tòa án|Viện|Đài|Trường"
    r"|Báo(?!\s+cáo)|Trung tâm)\b"  # "Báo Hưng Yên", never the verb "Báo cáo"
    r"|[Cc]ác\s+(?:cơ quan|cấp ủy|chủ đầu tư|địa phương|cấp chính quyền|đơn vị|sở|ban|đảng ủy)\b"
)
# The verbs a subject is followed by: where a name ends.
_VERB = re.compile(
    r"\b(?:chu tri|phoi hop|tham muu|chi dao|lanh dao|tap trung|trien khai|thuc hien|tiep tuc"
    r"|ra soat|xay dung|khan truong|chu dong|theo doi|don doc|tong hop|kiem tra|giam sat"
    r"|bam sat|hoan thanh|nang cao|day manh|tang cuong|quan tam|co trach nhiem"
    r"|chiu trach nhiem|can|phai|nam chac|xem xet|de xuat|bao cao|lam tot|quyet liet"
    r"|thuong xuyen|tich cuc|dam bao|bao dam|huong dan|ban hanh|phan dau|cho y kien"
    r"|du kien|nghien cuu|sap xep|to chuc|de"
    # and what follows an addressee: "báo cáo Thường trực Tỉnh ủy kết quả …"
    r"|ket qua|tinh hinh|viec|ve|truoc|theo|trong|tai)\b"
)
_STOP = re.compile(r"[.:()“”\"]|,\s+(?!(?:tham muu|giup viec|ban|nganh|phuong|don vi|co quan)\b)")
# Where roles stand: the opening (after a time: "Ngày 24/4/2026, "), after ";" in a
# subject, after "phối hợp với", "báo cáo", "về/lên/gửi" and a heading's "Đối với".
_SUBJECT_STOP = re.compile(r"[.:()“”\"]")
_OPENINGS = re.compile(
    r"(?:^(?:(?:ngay|trong|truoc|het|cham nhat|den)\b[^,]{0,80},\s*)?(?:giao (?:cho )?)?|;\s+"
    r"|\bphoi hop (?:voi )?|\bbao cao |\bdoi voi |\b(?:ve|len|gui)\s+)"
)
_MAX_WORDS = 12


class ProposingFinder(AgencyFinder):
    """The registry's names, and proposed new agencies where roles stand unnamed."""

    def __init__(self, agencies: tuple[Agency, ...]) -> None:
        super().__init__(agencies)
        self._ids = {a.id for a in agencies}
        self.proposed: dict[str, dict[str, Any]] = {}

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Registered names, then new names where a role stands and none is found."""
        found = super().find(text)
        work = searchable(text)
        added = False
        for opening in _OPENINGS.finditer(work):
            start = opening.end()
            if any(s <= start < e for s, e, _a in found):
                continue
            name = self._candidate(text, work, start)
            if name is not None:
                self._propose(name, text)
                added = True
        return super().find(text) if added else found

    def find_heading(self, title: str) -> list[tuple[int, int, str]]:
        """The agencies a heading addresses ("Đối với Đảng ủy …", "Các Đảng ủy xã,
        phường trong tỉnh"): the whole title, less "Đối với", when no name is known."""
        found = super().find(title)
        if found:
            return found
        opening = re.match(r"Đối với\s+", title)
        start = opening.end() if opening else 0
        name = title[start:].rstrip(" .:")
        if _HEAD.match(title, start) and 2 <= len(name.split()) <= _MAX_WORDS:
            self._propose(name, title)
            return super().find(title)
        return found

    def _candidate(self, text: str, work: str, start: int) -> str | None:
        """The name that opens at `start`, if the words there open like one and are
        followed by a verb (a subject) or end their clause (after "phối hợp với")."""
        head = _HEAD.match(text, start)
        if head is None:
            return None
        verb = next(
            (
                m
                for m in _VERB.finditer(work, start)
                # A verb in running text is lower case ("Ủy ban Kiểm tra" is a name), and
                # one after a comma goes on a list of verbs ("chuyên trách, tham mưu").
                if text[m.start()].islower() and not work[: m.start()].endswith(", ")
            ),
            None,
        )
        subject = start == 0 or work[:start].rstrip().endswith((";", ","))
        # A subject runs to its verb, commas and all ("Các cấp ủy, tổ chức đảng"); after
        # "phối hợp với", a comma may end one name and begin the next.
        stop = (_SUBJECT_STOP if subject else _STOP).search(work, start)
        if subject and (verb is None or (stop is not None and stop.start() < verb.start())):
            return None  # a subject is followed by its verb
        ends = [m.start() for m in (verb, stop) if m is not None]
        end = min(ends) if ends else len(text)
        said = text[start:end].split(";")[0]
        # "A và B" lists two agencies when B opens like one ("Ban Tuyên giáo và Dân vận
        # Tỉnh ủy" is one name).
        joint = next((m for m in re.finditer(r" và ", said) if _HEAD.match(said, m.end())), None)
        words = (said[: joint.start()] if joint else said).split()
        bare = " ".join(words) == head.group()
        if bare or len(words) > _MAX_WORDS or words[-1] in ("các", "của", "với", "và"):
            return None  # the head alone ("Đảng ủy") names no agency in particular
        return " ".join(words).rstrip(",;")

    def named(self, name: str, where: str) -> str:
        """The id of the agency called `name`: a registered one, or proposed anew."""
        found = super().find(name)
        if found and found[0][0] == 0:
            return found[0][2]
        return self._propose(name, where)

    def _propose(self, name: str, where: str) -> str:
        """Propose `name` as a new agency (once) and return its id."""
        agency_id = slugify(name)[:64].strip("-")
        if agency_id in self._ids or agency_id in self.proposed:
            return agency_id
        full = name[0].upper() + name[1:]
        entry: dict[str, Any] = {"id": agency_id, "name": full, "group": _group(name).value}
        if full.startswith("Các ") or " các " in name:
            entry["collective"] = True
        if full != name:
            entry["variants"] = [name]
        flag(
            entry,
            f"cơ quan mới, đề xuất từ đoạn “{where[:60]}…”: kiểm tra tên, nhóm (group), tên viết "
            "tắt; nếu là cơ quan đã có, xóa mục này và thêm tên vào variants của cơ quan đó",
        )
        self.proposed[agency_id] = entry
        self._add_name(name, agency_id)
        return agency_id


def _group(name: str) -> AgencyGroup:
    """The agency index group a name suggests; a guess the review mark asks about."""
    work = searchable(name)
    if re.match(r"(?:ban thuong vu|thuong truc|ban chap hanh)\b", work):
        return AgencyGroup.LEADERSHIP
    if work.startswith("ban chi dao"):
        return AgencyGroup.STEERING
    if re.search(r"\b(?:xa|phuong)\b", work):
        return AgencyGroup.COMMUNE
    if work.startswith("dang uy"):
        return AgencyGroup.AFFILIATED
    if re.match(r"(?:ban|uy ban kiem tra|van phong)\b", work) and "tinh uy" in work:
        return AgencyGroup.ADVISORY
    if re.match(r"(?:so|ubnd|uy ban nhan dan|cong an|chu dau tu|cac so|cac cap chinh)\b", work):
        return AgencyGroup.GOVERNMENT
    return AgencyGroup.GENERAL
