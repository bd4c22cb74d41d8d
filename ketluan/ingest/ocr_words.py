"""Words OCR misread in a scanned conclusion, put right where the text itself says how
they are spelled.

Tesseract's Vietnamese model misreads a tone or a vowel's mark far more often than a
letter ("đẳng ủy" for "đảng ủy", "nầng cao" for "nâng cao"), glues two syllables when
the gap between them is narrow ("kinhtế") and misses the space before a dash set between
numbers ("2025- 2030") or after a comma ("nhất,sáp"), and reads a speck of dust as a
lone stop ("của . đội"). A conclusion repeats its words: "đảng ủy", "nâng cao" and
"kinh tế" stand correctly read many times over in the same document, in the registry's
agency names and document titles and in earlier quarters' texts. The evidence is those
texts and what OCR read surely (a word read with doubt is no evidence: OCR repeats its
misreadings), and a word is changed only on it:

- a spelling is replaced by another with the same letters (marks aside) when the other
  stands next to the same neighbours at least twice, and three times as often as this
  spelling does elsewhere;
- a word of two vowel runs (two syllables, since a Vietnamese syllable has one) is
  parted when it parts one way only into two syllables, one at least standing on its
  own in the text twice, far more often than the glued form (the other may be one of
  Debian's hunspell-vi list of syllables).

Every change is listed for the review; the scan is always to be compared by eye.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from ketluan.ingest.document import SourceDocument
from ketluan.model import Dataset
from ketluan.model.outline import walk_tasks
from ketluan.text.vietnamese import VOWELS, searchable

__all__ = ["Speller", "spelled", "vocabulary"]

_WORD = re.compile(r"[^\W\d_]+")
_VOWELS = re.compile(f"[{VOWELS}]+")
EVIDENCE = 2  # times a spelling must stand beside the same neighbour to be preferred
# OCR repeats its misreadings ("đẳng ủy" thrice): the other spelling must outnumber it.
OUTNUMBER = 3
# A dash between two numbers or words, the space before it lost: "2025- 2030".
_DASH = re.compile(r"(?<=[^\W_])([-–]) (?=[^\W_])")
# A closing quote glued to the next word: "khéo 1+10”ở".
_QUOTE = re.compile(r"”(?=[^\W\d_])")
# A comma or semicolon glued to the next word ("hợp nhất,sáp nhập"): always spaced in
# text, unlike a decimal comma between digits.
_GLUED_COMMA = re.compile(r"(?<=[^\W\d_])([,;])(?=[^\W\d_])")
# A comma standing alone between words belongs to the word before it.
_LONE_COMMA = re.compile(r"(?<=\w) ,(?= \w)")
# A stop standing alone between two words (a speck of dust read as one, "của . đội")
# when the next word is in small letters: no sentence ends so.
_LONE_STOP = re.compile(r" \.(?= ([^\W\d_]))")


# Debian's hunspell-vi (LibreOffice's dictionaries): every Vietnamese syllable, a line
# each (6,631), no frequencies. It tells a syllable from a non-syllable, not a right
# mark from a wrong one; without it the speller splits only on the text's own words.
SYLLABLES = Path("/usr/share/hunspell/vi_VN.dic")


@functools.cache
def syllables() -> frozenset[str]:
    """The Vietnamese syllables of SYLLABLES (lower case), or none when absent."""
    try:
        lines = SYLLABLES.read_text(encoding="utf-8").splitlines()[1:]  # first: the count
    except OSError:
        return frozenset()
    return frozenset(line.split("/")[0].strip().lower() for line in lines if line.strip())


def vocabulary(registry: Dataset) -> Iterator[str]:
    """The texts of the registry and earlier quarters, spelled as curated: agency
    names, document titles and every conclusion's own words."""
    for agency in registry.agencies:
        yield from agency.names
    for document in registry.documents:
        yield from (t for t in (document.title, document.symbol) if t)
    for conclusion in registry.quarters:
        yield from conclusion.review.paragraphs
        yield from (task.text for task, _chain in walk_tasks(conclusion.sections))
        yield from (note.text for note in conclusion.footnotes)
        yield conclusion.signer.name


@dataclass
class Speller:
    """What the document and the curated texts say of each word's spelling."""

    unigrams: Counter[str]
    bigrams: Counter[tuple[str, str]]
    spellings: dict[str, set[str]]  # folded → the spellings seen (lower case)
    doubtful: frozenset[str] = frozenset()  # words OCR read with doubt somewhere

    @classmethod
    def of(cls, texts: Iterable[str], doubtful: frozenset[str] = frozenset()) -> Speller:
        """Count the words and neighbouring pairs of `texts`; `doubtful` the words OCR
        read with doubt."""
        speller = cls(Counter(), Counter(), {}, doubtful)
        for text in texts:
            words = [w.lower() for w in _WORD.findall(text)]
            speller.unigrams.update(words)
            speller.bigrams.update(itertools.pairwise(words))
            for word in words:
                speller.spellings.setdefault(searchable(word), set()).add(word)
        return speller

    def correct(self, text: str, changes: Counter[tuple[str, str]]) -> str:
        """`text` with each word the evidence says is misspelled put right; the
        changes made are counted in `changes`."""
        text = _QUOTE.sub("” ", _DASH.sub(r" \1 ", text))
        text = _LONE_STOP.sub(lambda m: "" if m.group(1).islower() else m.group(), text)
        text = _GLUED_COMMA.sub(r"\1 ", _LONE_COMMA.sub(",", text))
        matches = list(_WORD.finditer(text))
        words = [m.group().lower() for m in matches]
        out, end = [], 0
        # Runs of words with only a space between them: a word's neighbours are its run's.
        run = [0] * len(matches)
        for i in range(1, len(matches)):
            run[i] = run[i - 1] + (not _adjacent(text, matches[i - 1], matches[i]))
        for i, match in enumerate(matches):
            before = tuple(words[j] for j in range(max(0, i - 2), i) if run[j] == run[i])
            after = tuple(
                words[j] for j in range(i + 1, min(len(words), i + 3)) if run[j] == run[i]
            )
            better = self._split(words[i]) or self._respelled(
                words[i], before, after, doubtful=words[i] in self.doubtful
            )
            if better is None:
                continue
            changes[(match.group(), _cased(better, match.group()))] += 1
            out += [text[end : match.start()], _cased(better, match.group())]
            end = match.end()
        return "".join(out) + text[end:]

    def _respelled(
        self, word: str, before: tuple[str, ...], after: tuple[str, ...], *, doubtful: bool
    ) -> str | None:
        """Another spelling of `word` where the words around it say so: it stands
        beside both neighbours elsewhere; or, for a word OCR read with doubt, beside
        one of them ("nầng cao" → "nâng cao"): one side alone cannot tell "dễ thực
        hiện" from "để thực hiện", so a surely read word keeps its spelling."""

        def beside(spelling: str) -> int:
            # A surely read occurrence is counted in the evidence: it speaks for itself.
            both = 0
            if before and after:
                left = self.bigrams[(before[-1], spelling)]
                right = self.bigrams[(spelling, after[0])]
                both = left + right if left > 0 and right > 0 else 0
            if not doubtful:
                return both
            one_side = max(
                self.bigrams[(spelling, after[0])] if after else 0,
                self.bigrams[(before[-1], spelling)] if before else 0,
            )
            return max(both, one_side)

        others = [s for s in self.spellings.get(searchable(word), ()) if s != word]
        scored = sorted(((beside(s), s) for s in others), reverse=True)
        if not scored or scored[0][0] < max(EVIDENCE, OUTNUMBER * beside(word)):
            return None
        if len(scored) > 1 and scored[1][0] == scored[0][0]:
            return None  # two spellings with equal evidence: not ours to choose
        return scored[0][1]

    def _split(self, word: str) -> str | None:
        # A Vietnamese syllable has one run of vowels ("quốc": q-uố-c, "giữa": g-iữa);
        # a word with two is two syllables glued, or a foreign word ("logistics"),
        # which no pair of known syllables makes.
        if len(_VOWELS.findall(word)) != 2:
            return None

        def seen(part: str) -> bool:
            return self.unigrams[part] >= EVIDENCE

        def known(part: str) -> bool:
            return seen(part) or part in syllables()

        parts = [
            (word[:k], word[k:])
            for k in range(1, len(word))
            if len(_VOWELS.findall(word[:k])) == 1 == len(_VOWELS.findall(word[k:]))
            # Both syllables, one at least a word of this text ("thống" + "y"): a
            # foreign name of two syllables ("Samsung") is none of the text's.
            and known(word[:k])
            and known(word[k:])
            and (seen(word[:k]) or seen(word[k:]))
        ]
        if len(parts) != 1 or word in syllables():
            return None
        most = max(self.unigrams[parts[0][0]], self.unigrams[parts[0][1]])
        return " ".join(parts[0]) if self.unigrams[word] * OUTNUMBER <= most else None


def _adjacent(text: str, first: re.Match[str], second: re.Match[str]) -> bool:
    """Whether two words stand together, with only a space between them."""
    return text[first.end() : second.start()] == " "


def _cased(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def spelled(document: SourceDocument, registry: Dataset) -> SourceDocument:
    """A scanned document with the words the evidence corrects put right, and a remark
    listing them; any other document as it is."""
    if not document.scanned:
        return document
    # The document's evidence is what OCR read surely: a misreading it repeats with
    # doubt ("tỉnh thần" twice for "tinh thần") must not outvote the right spelling.
    speller = Speller.of([*document.sure_text, *vocabulary(registry)], document.doubtful)
    changes: Counter[tuple[str, str]] = Counter()
    paragraphs = tuple(
        replace(p, text=speller.correct(p.text, changes)) for p in document.paragraphs
    )
    footnotes = {n: speller.correct(t, changes) for n, t in document.footnotes.items()}
    # The spacing put right ("2025- 2030") is kept even where no word changed.
    remarks = document.remarks
    if changes:
        listed = "; ".join(
            f"“{old}” → “{new}”" + (f" ({n} chỗ)" if n > 1 else "")
            for (old, new), n in sorted(changes.items())
        )
        remarks += (
            f"{sum(changes.values())} chữ nhận dạng sai được sửa theo cách viết của chính văn "
            f"bản và danh mục (cùng chữ bên cạnh ở nơi khác): {listed}; đối chiếu với bản quét",
        )
    return replace(document, paragraphs=paragraphs, footnotes=footnotes, remarks=remarks)
