"""Tests for ketluan.text.vietnamese: folding, slugs, markers and Vietnamese collation."""

from __future__ import annotations

import itertools
import unicodedata

from hostile import SPECIALS, lookalikes
from hypothesis import given
from hypothesis import strategies as st

from ketluan.text.vietnamese import (
    collation_key,
    fold,
    is_slug,
    slugify,
)

ALPHABET = list("aăâbcdđeêghiklmnoôơpqrstuưvxy")
VIETNAMESE_MARKS = "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"
TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]  # none, huyền, hỏi, ngã, sắc, nặng

VOWELS = set("aăâeêioôơuưy")
# Every precomposed letter of Vietnamese text: tones sit on vowels only.
VIET_LETTERS = [
    unicodedata.normalize("NFC", letter + tone)
    for letter in ALPHABET
    for tone in TONES
    if tone == "" or letter in VOWELS
]
viet_chars = st.builds(
    lambda letter, upper: letter.upper() if upper else letter,
    st.sampled_from(VIET_LETTERS),
    st.booleans(),
)


def _without_tones(s: str) -> str:
    """The word with its five tone marks removed (ă â ê ô ơ ư đ kept), NFC."""
    decomposed = unicodedata.normalize("NFD", s)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES[1:]))


viet_words = st.lists(st.one_of(viet_chars, st.just(" ")), max_size=8).map("".join)


def test_fold_examples() -> None:
    assert fold("Đảng ủy giải ngân") == "Dang uy giai ngan"
    assert fold("ĂÂÊÔƠƯ ăâêôơư") == "AAEOOU aaeoou"
    assert fold("Tỉnh ủy 57-NQ/TW!") == "Tinh uy 57-NQ/TW!"
    assert fold(unicodedata.normalize("NFD", "Quý II")) == "Quy II"


def test_slugify_examples() -> None:
    assert slugify("Đảng ủy UBND tỉnh") == "dang-uy-ubnd-tinh"
    assert slugify("57-NQ/TW") == "57-nq-tw"
    assert slugify("01 - ĐA/TU") == "01-da-tu"
    assert slugify("  --Quý II/2026--  ") == "quy-ii-2026"
    assert slugify("!!!") == ""


def test_is_slug() -> None:
    assert is_slug("dang-uy")
    assert is_slug("2026-q1")
    for bad in ["", "-a", "a-", "a--b", "Dang", "đang", "a b", "a_b", "a\n"]:
        assert not is_slug(bad), bad


@given(st.text())
def test_slugify_idempotent_and_valid(s: str) -> None:
    slug = slugify(s)
    assert slugify(slug) == slug
    assert slug == "" or is_slug(slug)


@given(st.text())
def test_fold_leaves_no_vietnamese_diacritic_and_no_stroke_d(s: str) -> None:
    folded = fold(s)
    assert "đ" not in folded and "Đ" not in folded
    decomposed = unicodedata.normalize("NFD", folded)
    for before, mark in itertools.pairwise(decomposed):
        assert not (before.isascii() and before.isalpha() and mark in VIETNAMESE_MARKS), s
    assert fold(folded) == folded


@given(st.text(alphabet=st.sampled_from([*lookalikes(), *VIET_LETTERS, " ", "a"])))
def test_fold_never_makes_markup(s: str) -> None:
    # A character that only decomposes into "<" (≮, ＜ …) must stay what it is.
    assert not set(fold(s)) & SPECIALS - set(s)


def test_every_markup_lookalike_folds_to_itself() -> None:
    assert len(lookalikes()) >= 18
    for c in lookalikes():
        assert fold(c) == c, hex(ord(c))


@given(viet_words)
def test_fold_of_vietnamese_is_ascii_of_same_length(s: str) -> None:
    folded = fold(s)
    assert folded.isascii()
    assert len(folded) == len(s)


def test_collation_examples() -> None:
    items = ["Ư", "U", "Đ", "D", "E", "Ê", "Ban", "Bàn", "Bán", "Ăn", "An", "Ấn"]
    ordered = sorted(items, key=collation_key)
    assert ordered == ["An", "Ăn", "Ấn", "Ban", "Bàn", "Bán", "D", "Đ", "E", "Ê", "U", "Ư"]
    names = ["Văn phòng", "Ủy ban", "Đảng ủy", "Bảo hiểm", "Ban Tổ chức"]
    assert sorted(names, key=collation_key) == [
        "Ban Tổ chức",
        "Bảo hiểm",
        "Đảng ủy",
        "Ủy ban",
        "Văn phòng",
    ]


def test_collation_ignores_punctuation_as_a_dictionary_does() -> None:
    names = ["Các cơ quan, đơn vị", "Các cơ quan chuyên trách, tham mưu", "Các cơ quan (mẫu)"]
    assert sorted(names, key=collation_key) == [
        "Các cơ quan chuyên trách, tham mưu",
        "Các cơ quan, đơn vị",
        "Các cơ quan (mẫu)",
    ]
    # Only the last level sees the punctuation: still two distinct keys.
    assert collation_key("A-B") != collation_key("A B")


def test_collation_tone_order() -> None:
    # ma, mà, mả, mã, má, mạ: the dictionary tone order.
    words = [unicodedata.normalize("NFC", "ma" + tone) for tone in TONES]
    assert sorted(reversed(words), key=collation_key) == words


def test_collation_letters_before_tones() -> None:
    # The base letters of the whole string decide first: "bà" < "bác" although à > a.
    assert collation_key("bà") < collation_key("bác")
    assert collation_key("bán") < collation_key("bàng")
    # ... and tones only then: "ba" < "bà" < "bá".
    assert collation_key("ba") < collation_key("bà") < collation_key("bá")


def test_collation_case_and_classes() -> None:
    assert collation_key("an") < collation_key("An") < collation_key("anh")
    assert collation_key("An") < collation_key("An Giang") < collation_key("Ana")
    assert collation_key("9") < collation_key("a")
    assert collation_key("fanpage") < collation_key("gà")  # f slots in before g
    assert collation_key("y") < collation_key("Zalo") < collation_key("Ωmega")
    # Canonically equivalent spellings tie on every level but the last.
    nfc, nfd = "Ủy", unicodedata.normalize("NFD", "Ủy")
    assert collation_key(nfc)[:3] == collation_key(nfd)[:3]
    assert collation_key(nfc) != collation_key(nfd)


@given(st.sampled_from(ALPHABET), st.sampled_from(ALPHABET))
def test_collation_agrees_with_alphabet_on_single_letters(a: str, b: str) -> None:
    expected = ALPHABET.index(a) < ALPHABET.index(b)
    assert (collation_key(a) < collation_key(b)) == expected
    assert (collation_key(a.upper()) < collation_key(b)) == expected


@given(st.lists(viet_words, max_size=12))
def test_collation_groups_strings_with_same_letters(words: list[str]) -> None:
    # Strings that differ only by tone and case sort next to each other.
    ordered = sorted(words, key=collation_key)
    bases = [_without_tones(w).lower() for w in ordered]
    seen: list[str] = []
    for base in bases:
        if not seen or seen[-1] != base:
            assert base not in seen, (ordered, base)
            seen.append(base)


@given(viet_words, viet_words)
def test_collation_is_total_and_consistent(a: str, b: str) -> None:
    ka, kb = collation_key(a), collation_key(b)
    assert (ka == kb) == (a == b)
    if fold(a).lower() == fold(b).lower() and len(a) == len(b):
        # Same letters but for diacritics and case: the folded letters agree, so only
        # a modifier (ă, â …), a tone or case can tell them apart.
        assert [c for c, _ in ka[0]] == [c for c, _ in kb[0]]
