"""Turning any exception into one sentence a moderator can act on (never a traceback).

Core errors are already worded that way (DESIGN.md): their message is shown as is.
Anything else is logged with its traceback to the workspace log and summarised.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

log = logging.getLogger("ui")


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if line.endswith((".", "!", "?")) else line + "."


def describe_error(error: BaseException, doing: str, log_dir: Path | None = None) -> str:
    """One sentence for ``error`` raised while ``doing`` (e.g. "Syncing the pages")."""
    if isinstance(error, ImportError):
        return (
            f"{doing} is not possible: a part of the console is not installed "
            f"({error.name or error}); reinstall the console."
        )
    if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
        return (
            "The workspace database is busy (another console or command is writing); "
            "try again in a moment."
        )
    if isinstance(error, OSError) and not isinstance(error, ConnectionError):
        reason = error.strerror or error
        return f"{doing} failed: {reason}; check the disk and the folder's permissions."
    module = type(error).__module__ or ""
    if module.startswith("moderator") and str(error).strip():
        return _first_line(str(error))
    log.error("%s failed", doing, exc_info=(type(error), error, error.__traceback__))
    where = f" (details in {log_dir / 'moderator.log'})" if log_dir else " (details in the log)"
    return f"{doing} failed unexpectedly: {type(error).__name__}{where}; please report it."
