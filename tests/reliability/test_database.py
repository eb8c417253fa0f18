"""The workspace database under faults: locked, full, corrupt, written by a newer console."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import time

import pytest

from moderator import audit
from moderator.cli import main
from moderator.connectors.base import FetchBatch
from moderator.models import RemoteComment, RemotePost
from moderator.store import database
from moderator.store.database import connect, open_database
from moderator.store.errors import DatabaseFullError, translate
from moderator.store.ingest import store_batch
from moderator.store.pages import add_page
from moderator.timeutil import utc_now
from tests.reliability import stats

HOLDER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
conn.execute("INSERT INTO settings (key, value) VALUES ('held', '1')")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("ROLLBACK")
"""


def _workspace(tmp_path, capsys):
    ws = ["--workspace", str(tmp_path / "ws")]
    code = main([*ws, "pages", "add", "--platform", "demo", "--id", "d1", "--name", "Demo"])
    capsys.readouterr()
    assert code == 0
    return ws, tmp_path / "ws" / "moderator.db"


def test_a_locked_database_waits_then_says_busy(tmp_path, capsys, monkeypatch):
    ws, db_path = _workspace(tmp_path, capsys)
    monkeypatch.setenv(database.BUSY_TIMEOUT_ENV, "0.5")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path), "20"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        code = main([*ws, "pages", "add", "--platform", "demo", "--id", "d2", "--name", "Two"])
        waited = time.monotonic() - started
        err = capsys.readouterr().err
    finally:
        holder.kill()
        holder.wait(timeout=10)
    stats.record("lock/full/corrupt/newer-version faults")
    assert code == 1
    assert 0.4 <= waited < 10, waited  # it waited for the busy timeout, then gave up
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "busy" in lines[0] and "Traceback" not in err, err
    # nothing was half-written, and once the lock is gone the command works
    assert main([*ws, "pages", "add", "--platform", "demo", "--id", "d2", "--name", "Two"]) == 0


def _batch(start: int, n: int, size: int) -> FetchBatch:
    now = utc_now()
    return FetchBatch(
        posts=[RemotePost(platform_id="p1", text="post", created_at=now)],
        comments=[
            RemoteComment(
                platform_id=f"c{start + i}",
                post_id="p1",
                text=f"{start + i} " + "x" * size,
                author_id="a",
                author_name="A",
                created_at=now,
            )
            for i in range(n)
        ],
        cursor=f"after-{start + n}",
    )


def test_a_full_disk_rolls_back_cleanly_and_says_so(tmp_path):
    path = tmp_path / "full.db"
    db = open_database(path)
    page = add_page(db, platform="demo", platform_id="d", name="D", api_base=None, actor="t")
    store_batch(db, page, _batch(0, 50, 100))
    before = db.execute("SELECT count(*), sum(length(text)) FROM comments").fetchone()
    pages_now = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages_now + 2}")  # SQLite answers SQLITE_FULL
    with pytest.raises(sqlite3.OperationalError) as raised:
        store_batch(db, page, _batch(50, 400, 2000))
    error = translate(raised.value, path)
    assert isinstance(error, DatabaseFullError) and "disk is full" in str(error)
    db.close()
    stats.record("lock/full/corrupt/newer-version faults")
    db = connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT count(*), sum(length(text)) FROM comments").fetchone() == before
    assert db["pages"].get(page["id"])["sync_cursor"] == "after-50"
    assert audit.verify(db).ok
    db.close()


def test_a_full_disk_through_the_cli_is_one_clear_line(tmp_path, capsys, monkeypatch):
    ws, _ = _workspace(tmp_path, capsys)
    real_connect = database.connect

    def tiny_disk(*args, **kwargs):
        db = real_connect(*args, **kwargs)
        count = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {count}")
        return db

    monkeypatch.setattr(database, "connect", tiny_disk)
    names = [f"Page {'n' * 3000} {i}" for i in range(3)]
    codes = [
        main([*ws, "pages", "add", "--platform", "demo", "--id", f"x{i}", "--name", name])
        for i, name in enumerate(names)
    ]
    err = capsys.readouterr().err
    assert 1 in codes
    assert "moderator: The disk is full" in err and "Traceback" not in err, err


def _corrupt(db_path) -> None:
    data = bytearray(db_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for page in range(1, len(data) // page_size):  # keep the header page, wreck the rest
        data[page * page_size : page * page_size + 64] = b"\xde\xad\xbe\xef" * 16
    db_path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", ["garbage", "wrecked pages"])
def test_a_corrupt_file_names_the_newest_backup(tmp_path, capsys, damage):
    ws, db_path = _workspace(tmp_path, capsys)
    backups = tmp_path / "ws" / "backups"
    db = connect(db_path)
    old = database.backup(db, backups, reason="old")
    time.sleep(0.01)
    newest = database.backup(db, backups, reason="manual")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    if damage == "garbage":
        db_path.write_bytes(b"this is not a database at all " * 100)
    else:
        _corrupt(db_path)
    code = main([*ws, "pages", "list"])
    err = capsys.readouterr().err
    stats.record("lock/full/corrupt/newer-version faults")
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert str(db_path) in err and str(newest) in err and str(old) not in err, err


def test_a_workspace_from_a_newer_console_is_refused_untouched(tmp_path, capsys):
    ws, db_path = _workspace(tmp_path, capsys)
    db = connect(db_path)
    db["_sqlite_migrations"].insert(
        {"migration_set": "moderation-console", "name": "9999_from_the_future", "applied_at": "x"}
    )
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    digest = hashlib.sha256(db_path.read_bytes()).hexdigest()
    for command in (["pages", "list"], ["sync", "--no-flag"], ["audit", "verify"]):
        code = main([*ws, *command])
        err = capsys.readouterr().err
        assert code == 1 and "newer version" in err and len(err.strip().splitlines()) == 1
    stats.record("lock/full/corrupt/newer-version faults")
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == digest
    assert not (tmp_path / "ws" / "backups").exists()
