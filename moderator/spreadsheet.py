"""CSV cells that a spreadsheet will never execute (CSV formula injection, OWASP).

Comment text is written by strangers; a cell starting with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return is a formula to Excel and LibreOffice. Every CSV the console
writes passes its cells through :func:`neutralise`.
"""

from __future__ import annotations

from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Make a CSV cell inert in spreadsheets: formula-like text gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
