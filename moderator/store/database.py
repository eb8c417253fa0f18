"""Opening a workspace database: WAL, busy timeout, foreign keys, migrations with backup.

Every thread and process opens its own connection through :func:`open_database`;
SQLite connections are never shared between threads.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from moderator.store.errors import DatabaseCorruptError, WorkspaceTooNewError
from moderator.store.schema import MIGRATIONS
from moderator.timeutil import utc_now

BUSY_TIMEOUT_SECONDS = 10.0


def connect(path: Path | str | None, busy_timeout: float = BUSY_TIMEOUT_SECONDS) -> Database:
    """Open (without migrating) the database at ``path``; ``None`` means in memory."""
    if path is None:
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), timeout=busy_timeout, isolation_level=None)
    db = Database(conn, execute_plugins=False)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        if path is not None:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError as error:
        conn.close()
        raise DatabaseCorruptError(
            f"{path} is not a readable console database ({error}); "
            "restore the last automatic backup from the workspace's backups folder."
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
    db = connect(path)
    try:
        migrate(db, backup_dir)
    except sqlite3.DatabaseError as error:
        db.close()
        raise DatabaseCorruptError(
            f"{path} is not a readable console database ({error}); "
            "restore the last automatic backup from the workspace's backups folder."
        ) from error
    except Exception:
        db.close()
        raise
    return db
