"""Opening a workspace database: WAL, busy timeout, foreign keys, migrations with backup.

Every thread and process opens its own connection through :func:`open_database`;
SQLite connections are never shared between threads.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from moderator.store.errors import (
    DatabaseCorruptError,
    WorkspaceTooNewError,
    corrupt_message,
    translate,
)
from moderator.store.schema import MIGRATIONS
from moderator.timeutil import utc_now

BUSY_TIMEOUT_SECONDS = 10.0
BUSY_TIMEOUT_ENV = "MODERATOR_BUSY_TIMEOUT"  # seconds; scripts and tests shorten the wait


def busy_timeout_seconds() -> float:
    """How long to wait for another process's lock: ``$MODERATOR_BUSY_TIMEOUT`` or 10 s."""
    try:
        return max(0.0, float(os.environ.get(BUSY_TIMEOUT_ENV, BUSY_TIMEOUT_SECONDS)))
    except ValueError:
        return BUSY_TIMEOUT_SECONDS


class StoreDatabase(Database):
    """sqlite-utils' Database whose outermost ``atomic()`` takes the write lock up front.

    A deferred ``BEGIN`` reads first and upgrades to a writer later; in WAL mode that
    upgrade fails at once with "database is locked" when another process writes, without
    waiting for the busy timeout. ``BEGIN IMMEDIATE`` waits for the lock instead, and the
    audit chain head read inside the transaction can never be stale.
    """

    @contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise


def connect(
    path: Path | str | None,
    busy_timeout: float | None = None,
    backup_dir: Path | None = None,
) -> Database:
    """Open (without migrating) the database at ``path``; ``None`` means in memory."""
    if busy_timeout is None:
        busy_timeout = busy_timeout_seconds()
    if path is None:
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), timeout=busy_timeout, isolation_level=None)
    db = StoreDatabase(conn, execute_plugins=False)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        if path is not None:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError as error:
        conn.close()
        raise translate(error, path, backup_dir) or DatabaseCorruptError(
            corrupt_message(path, error, backup_dir)
        ) from error
    return db


def migrate(db: Database, backup_dir: Path | None = None) -> list[str]:
    """Apply pending migrations; back the file up first when it already holds data.

    Returns the names of the migrations applied. Refuses a database that records a
    migration this version does not know, because it was written by a newer console.
    """
    known = {migration.name for migration in MIGRATIONS._migrations}
    applied = [m.name for m in MIGRATIONS.applied(db)]
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise WorkspaceTooNewError(
            f"This workspace was written by a newer version of the console (migration "
            f"{unknown[-1]!r}); update the console to open it."
        )
    pending = [m.name for m in MIGRATIONS.pending(db)]
    if not pending:
        return []
    if applied and backup_dir is not None:
        backup(db, backup_dir, reason="pre-migration")
    MIGRATIONS.apply(db)
    return pending


def backup(db: Database, backup_dir: Path, reason: str) -> Path:
    """Copy the live database to ``backup_dir`` with SQLite's online backup API."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = utc_now().strftime("%Y%m%dT%H%M%S%fZ")
    target = backup_dir / f"moderator-{stamp}-{reason}.db"
    destination = sqlite3.connect(str(target))
    try:
        db.conn.backup(destination)
    finally:
        destination.close()
    return target


def open_database(path: Path | str | None, backup_dir: Path | None = None) -> Database:
    """Open and migrate the database at ``path`` (``None``: in memory, for tests)."""
    db = connect(path, backup_dir=backup_dir)
    try:
        migrate(db, backup_dir)
    except sqlite3.DatabaseError as error:
        db.close()
        raise translate(error, path, backup_dir) or DatabaseCorruptError(
            corrupt_message(path, error, backup_dir)
        ) from error
    except Exception:
        db.close()
        raise
    return db
