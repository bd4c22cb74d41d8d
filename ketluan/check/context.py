"""What every check holds: where each record came from, and which ids exist."""

from __future__ import annotations

from collections.abc import Iterable, Set
from dataclasses import dataclass, field

from ketluan.problems import FieldPath, Reporter
from ketluan.text.suggest import did_you_mean


@dataclass
class Context:
    """Locates model records in the YAML and collects problems about them."""

    reporter: Reporter
    paths: dict[int, FieldPath]
    incomplete: set[int] = field(default_factory=set)  # records already reported invalid
    agency_ids: Set[str] = field(default_factory=frozenset)
    document_ids: Set[str] = field(default_factory=frozenset)

    def report(self, record: object, sub: FieldPath, message: str) -> None:
        """Report a problem about `record`, at `sub` below its own path.

        A record kept with a default for an invalid field already has its problem
        reported; checking it further would only echo that problem.
        """
        if id(record) in self.incomplete:
            return
        self.reporter.report(self.paths.get(id(record), ()) + sub, message)

    def require_agencies(self, record: object, key: str, ids: Iterable[str]) -> None:
        """Every id in `ids` (the list at `record.key`) must name a known agency."""
        for i, agency in enumerate(ids):
            if agency not in self.agency_ids:
                self.report(record, (key, i), self.unknown_agency(agency))

    def unknown_agency(self, agency: str) -> str:
        """The message for an agency id the registry lacks, with the closest one."""
        hint = did_you_mean(agency, self.agency_ids)
        return f"cơ quan '{agency}' không có trong danh mục agencies{hint}"

    def unknown_document(self, document: str) -> str:
        """The message for a document id the registry lacks, with the closest one."""
        hint = did_you_mean(document, self.document_ids)
        return f"văn bản '{document}' không có trong danh mục documents{hint}"


def not_found(phrase: str, where: str) -> str:
    """The message for words that must stand verbatim somewhere and do not."""
    return f"cụm từ '{phrase}' không có nguyên văn trong {where}"
