"""What an editor or an agency probably meant by a value typed wrong (#26.10)."""

from __future__ import annotations

from ketluan.model import Status
from ketluan.text.suggest import did_you_mean

STATUSES = [s.value for s in Status]


def test_a_status_typed_without_diacritics_or_cut_short_is_suggested() -> None:
    assert did_you_mean("hoan thanh dung han", STATUSES) == "; có phải 'hoàn thành đúng hạn'?"
    assert did_you_mean("hoan thanh", STATUSES) == (
        "; có phải 'hoàn thành đúng hạn' hay 'hoàn thành quá hạn'?"
    )
    assert did_you_mean("Dang thuc hien", STATUSES) == "; có phải 'đang thực hiện'?"


def test_nothing_is_suggested_for_what_begins_no_option() -> None:
    assert did_you_mean("xong", STATUSES) == ""
    assert did_you_mean("ho", STATUSES) == ""  # too short to say
    assert did_you_mean("03-kh-tu-2026", ["02-kh-tu-2026"]) == ""  # numbers differ
