"""Migrations: fresh databases, WAL, backups before migrating, refusing newer workspaces."""

from __future__ import annotations

import sqlite3

import pytest

from moderator.store.database import connect, migrate, open_database
from moderator.store.errors import DatabaseCorruptError, WorkspaceTooNewError
from moderator.store.schema import MIGRATIONS

EXPECTED_TABLES = {
    "pages",
    "posts",
    "comments",
    "comment_revisions",
    "flags",
    "analyses",
    "actions",
    "escalations",
    "audit_log",
    "settings",
    "comments_fts",
}


def test_fresh_database_has_every_table(db):
    assert set(db.table_names()) >= EXPECTED_TABLES
    assert [m.name for m in MIGRATIONS.applied(db)] == [m.name for m in MIGRATIONS._migrations]


def test_file_database_uses_wal(tmp_path):
    database = open_database(tmp_path / "m.db")
    assert database.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert database.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    database.close()


def test_reopening_applies_nothing(tmp_path):
    open_database(tmp_path / "m.db").close()
    database = connect(tmp_path / "m.db")
    assert migrate(database, tmp_path / "backups") == []
    assert not (tmp_path / "backups").exists()
    database.close()


def test_backup_is_taken_before_a_pending_migration(tmp_path, monkeypatch):
    open_database(tmp_path / "m.db").close()

    @MIGRATIONS(name="9999_test_extra_column")
    def extra(database):
        database.execute("ALTER TABLE pages ADD COLUMN test_extra TEXT")

    try:
        database = connect(tmp_path / "m.db")
        assert migrate(database, tmp_path / "backups") == ["9999_test_extra_column"]
        backups = list((tmp_path / "backups").glob("*.db"))
        assert len(backups) == 1
        old = sqlite3.connect(backups[0])
        columns = [row[1] for row in old.execute("PRAGMA table_info(pages)")]
        assert "test_extra" not in columns  # the backup is the state before migrating
        old.close()
        database.close()
    finally:
        MIGRATIONS._migrations.pop()


def test_newer_workspace_is_refused_and_untouched(tmp_path):
    path = tmp_path / "m.db"
    database = open_database(path)
    database["_sqlite_migrations"].insert(
        {"migration_set": MIGRATIONS.name, "name": "9999_from_the_future", "applied_at": "x"}
    )
    database.close()
    before = path.read_bytes()
    with pytest.raises(WorkspaceTooNewError, match="newer version"):
        open_database(path)
    assert path.read_bytes() == before


def test_corrupt_file_gives_a_clear_error(tmp_path):
    path = tmp_path / "m.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseCorruptError, match="backup"):
        open_database(path)
