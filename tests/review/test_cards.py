"""Every review mark is a card the clerk can answer without YAML: a plain question, the
draft's proposal, the reason, and choices; no data key or file position on it (#25)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from drafting import SCALE
from reviewing import draft_into, real_draft, without_last_quarter

from ketluan.fictional import dump, generate
from ketluan.fictional.document import as_text_export
from ketluan.load import load_with_marks, validate_text
from ketluan.review.cards import cards_of

# A data key or a position in the file, which the clerk must never be shown.
YAML_WORDS = re.compile(
    r"\b(?:lead|support|report_to|accountable|inherit_lead|needs_review|symbol|issued_on|"
    r"meeting_date|issuing_body|document_type|preamble|metric|label|measure|limitations|"
    r"continues|variants|group)\b|\.yml:\d+|quarters\[\d"
)


def _said(card: object) -> str:
    return " ".join(getattr(card, f) for f in ("question", "reason", "proposal"))


def test_every_mark_of_the_real_draft_is_a_card_with_a_question_and_choices(
    tmp_path: Path,
) -> None:
    draft = real_draft(tmp_path)
    loaded = load_with_marks(draft)
    cards = cards_of(loaded, "2026-q1")
    assert len(cards) == len(loaded.marks) == 73
    assert [c for c in cards if c.kind == "seen"] == []  # every kind of mark is known
    for card in cards:
        assert card.question.endswith("?"), card
        assert not YAML_WORDS.search(_said(card)), _said(card)
        assert "accept" in card.actions and len(card.actions) > 1, card
    leads = [c for c in cards if c.kind == "lead"]
    assert leads[0].proposal.endswith("(giao qua đề mục)")
    roles = next(c for c in cards if c.kind == "roles")
    assert roles.data["named"] == [("Ban Thường vụ Tỉnh ủy", "ban-thuong-vu-tinh-uy")]


@pytest.mark.parametrize("seed", range(3))
def test_a_fictional_next_quarters_marks_are_cards_too(seed: int, tmp_path: Path) -> None:
    text = dump(generate(replace(SCALE, seed=seed)))
    earlier, key = without_last_quarter(text)
    last = validate_text(text, "mau.yml").quarters[-1]
    source = tmp_path / "mau.txt"
    source.write_text(as_text_export(last), encoding="utf-8")
    loaded = load_with_marks(draft_into(earlier, source, key, tmp_path / "nhap.yml"))
    cards = cards_of(loaded, key)
    assert cards and len({c.id for c in cards}) == len(cards)
    for card in cards:
        assert not YAML_WORDS.search(_said(card)), _said(card)
    carried = [c for c in cards if c.kind == "continues"]
    assert carried and all(c.data["earlier"] for c in carried)
    new = [c for c in cards if c.kind == "agency"]
    assert all({"agency", "merge"} <= set(c.actions) for c in new)
