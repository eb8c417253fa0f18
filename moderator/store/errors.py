"""Store errors, each worded as one sentence that tells the user what to do."""

from __future__ import annotations


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
