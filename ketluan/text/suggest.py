"""What an editor probably meant: the closest of the known values to one typed wrong."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from ketluan.text.vietnamese import fold, slugify

__all__ = ["did_you_mean"]

_NOT_DIGITS = re.compile(r"\D")


def did_you_mean(value: str, options: Iterable[str]) -> str:
    """ "; có phải 'ban-to-chuc'?" for the option closest to `value` (a typo, a name
    typed for an id, diacritics left out), or "" when none is close."""
    # Numbers tell documents apart ("03-kh-tu-2026" is not "02-kh-tu-2026"): only an
    # option with the same digits can be what was meant.
    digits = _NOT_DIGITS.sub("", value)
    choices = [c for c in options if _NOT_DIGITS.sub("", c) == digits]
    if not choices:
        return ""
    folded = {fold(c).lower(): c for c in choices}
    # "Ban To chuc" and "ban_to_chuc" are ids typed by hand: compare them as slugs too.
    for key in (value, slugify(value), fold(value).lower()):
        close = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.75)
        if close:
            return f"; có phải '{folded[close[0]]}'?"
    # The first words of an option, typed with or without diacritics ("hoan thanh"):
    # every option they begin, the likeliest few.
    start = " ".join(fold(value).lower().split())
    begun = [c for key, c in folded.items() if len(start) >= 4 and key.startswith(start)]
    if begun:
        return "; có phải " + " hay ".join(f"'{c}'" for c in begun[:3]) + "?"
    return ""
