"""The validated model of a data file: records, codes, the quarter calendar, the walk.

The records are the schema (`ketluan.load.convert` builds them from YAML); they and
the codes are importable from here: `from ketluan.model import Task, Status`.
"""

from ketluan.model.codes import (
    AgencyGroup,
    Delegation,
    Measure,
    Operator,
    Period,
    Precision,
    Relation,
    Status,
    TaskKind,
)
from ketluan.model.records import (
    TASK_AGENCY_FIELDS,
    Agency,
    Citation,
    Conclusion,
    Correction,
    Dataset,
    Deadline,
    Document,
    Evidence,
    Figure,
    Footnote,
    Recipient,
    Recurrence,
    Review,
    Section,
    Signer,
    StatusReport,
    Target,
    Task,
)

__all__ = [
    "TASK_AGENCY_FIELDS",
    "Agency",
    "AgencyGroup",
    "Citation",
    "Conclusion",
    "Correction",
    "Dataset",
    "Deadline",
    "Delegation",
    "Document",
    "Evidence",
    "Figure",
    "Footnote",
    "Measure",
    "Operator",
    "Period",
    "Precision",
    "Recipient",
    "Recurrence",
    "Relation",
    "Review",
    "Section",
    "Signer",
    "Status",
    "StatusReport",
    "Target",
    "Task",
    "TaskKind",
]
