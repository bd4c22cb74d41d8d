"""Cells a spreadsheet program reads as text, never as a formula.

Excel and LibreOffice take a cell that starts with = + - @, a tab or a carriage return
as a formula ("CSV injection": `=HYPERLINK(...)` that sends a cell's neighbours away,
`@SUM(...)*cmd|...` that runs a program). Data text and what agencies return on their
sheets can start so; every CSV and .xlsx the site writes goes through here (OWASP's
rule: such a cell starts with an apostrophe in CSV, and is a string cell whose
apostrophe prefix Excel keeps in .xlsx).
"""

from __future__ import annotations

__all__ = ["FORMULA_START", "csv_text", "starts_as_formula"]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def starts_as_formula(value: str) -> bool:
    """Whether a spreadsheet program would read `value` as a formula."""
    return value.startswith(FORMULA_START)


def csv_text(value: str) -> str:
    """`value` as a CSV cell that opens as text: "'=1+1" for "=1+1"."""
    return "'" + value if starts_as_formula(value) else value
