"""Store errors, each worded as one sentence that tells the user what to do."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class StoreError(Exception):
    """Base class: the workspace database could not be used as asked."""


class WorkspaceTooNewError(StoreError):
    """The database was written by a newer version of the console; we refuse to touch it."""


class DatabaseBusyError(StoreError):
    """Another process holds the database lock for longer than we are willing to wait."""


class DatabaseFullError(StoreError):
    """The disk (or quota) is full; the write was rolled back."""


class DatabaseCorruptError(StoreError):
    """The file is not a readable SQLite database."""


def newest_backup(backup_dir: Path | None) -> Path | None:
    """The most recent automatic backup in ``backup_dir`` (None when there is none)."""
    if backup_dir is None or not backup_dir.is_dir():
        return None
    files = [p for p in backup_dir.glob("*.db") if p.is_file()]
    return max(files, key=lambda p: (p.stat().st_mtime, p.name)) if files else None


def corrupt_message(path: object, error: BaseException, backup_dir: Path | None) -> str:
    """One sentence naming the file and the backup to restore (the newest one, if any)."""
    backup = newest_backup(backup_dir)
    offer = (
        f"restore the last automatic backup, {backup}"
        if backup is not None
        else f"no automatic backup was found in {backup_dir}"
        if backup_dir
        else "restore a backup"
    )
    return f"{path} is not a readable console database ({error}); {offer}."


def translate(
    error: sqlite3.Error, path: object = None, backup_dir: Path | None = None
) -> StoreError | None:
    """Turn SQLite's busy / full / corrupt errors into the store's clear errors (else None)."""
    text = str(error).lower()
    where = f" ({path})" if path else ""
    if "database is locked" in text or "database table is locked" in text:
        return DatabaseBusyError(
            f"The workspace database{where} is busy: another console or command is using it. "
            "Close it or wait, then try again."
        )
    if "database or disk is full" in text:
        return DatabaseFullError(
            f"The disk is full: the workspace database{where} could not be written and the last "
            "change was rolled back. Free some space, then try again."
        )
    if "malformed" in text or "not a database" in text or "file is encrypted" in text:
        return DatabaseCorruptError(corrupt_message(path, error, backup_dir))
    return None
