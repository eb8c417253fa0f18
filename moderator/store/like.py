"""Literal matching with SQL ``LIKE``.

Ids, action names and note searches come from people; a ``%`` or ``_`` in them must match
itself, not any text. Every ``LIKE`` built from user input escapes it here and declares
a backslash escape clause, so the rule is written once.
"""

from __future__ import annotations


def like_escape(text: str) -> str:
    """``text`` with the ``LIKE`` wildcards and the escape character escaped."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
