"""SIGKILL a sync at 20+ random moments: nothing lost, nothing doubled, the chain intact.

A child process runs ``moderator sync --no-flag`` against a fake Facebook Page with a few
thousand comments. It is killed either when the fake serves its k-th request (a kill
between two stored batches) or after a random delay (anywhere, including inside a SQLite
transaction). Between kills the page keeps receiving new comments, as a live page does.
After every kill the database passes ``PRAGMA integrity_check`` and ``audit verify``; after
a final clean sync the stored comments are exactly the platform's, once each, with the
platform's text.
"""

from __future__ import annotations

import io
import sqlite3
import sys
from datetime import UTC, datetime

import pytest

from moderator import audit
from moderator.cli import main
from moderator.store.database import connect
from tests.fakes import make_facebook_page
from tests.fakes.models import FakeComment
from tests.reliability import stats
from tests.reliability.harness import (
    KillingGraphServer,
    child_env,
    finish_child,
    run_child,
    start_child,
)

TOKEN = "EAAGreliabilitySyncToken0123456789secret"
N_COMMENTS = 3000
KILL_POINTS = 24


def _cli(monkeypatch, capsys, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _check_consistent(db_path) -> None:
    """The file is a sound SQLite database and the audit chain verifies."""
    db = connect(db_path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        result = audit.verify(db)
        assert result.ok, result.problem
        dupes = db.execute(
            "SELECT platform, platform_id, count(*) FROM comments "
            "GROUP BY platform, platform_id HAVING count(*) > 1"
        ).fetchall()
        assert dupes == []
    finally:
        db.close()


def _add_live_comments(page, rng, serial: int, count: int) -> int:
    """New comments arrive on random posts while syncs keep being killed."""
    now = datetime.now(UTC).replace(microsecond=0)
    for j in range(count):
        post = (
            page.posts[j % len(page.posts)] if count >= len(page.posts) else rng.choice(page.posts)
        )
        number = post.id.rsplit("_", 1)[-1]
        post.comments.append(
            FakeComment(
                id=f"{number}_{700000000000000 + serial * 1000 + j}",
                text=f"new while syncing {serial}.{j}",
                created_time=now,
                author_id="200000000000999",
                author_name="Live User",
            )
        )
    return count


@pytest.mark.timeout(240)
def test_sync_survives_sigkill_at_random_points(tmp_path, monkeypatch, capsys):
    rng = stats.rng("sync-kill")
    page = make_facebook_page(N_COMMENTS, n_posts=40)
    workspace = tmp_path / "ws"
    ws = ["--workspace", str(workspace)]
    with KillingGraphServer({page.id: page}, token=TOKEN) as srv:
        code, _, err = _cli(
            monkeypatch,
            capsys,
            *ws,
            "pages",
            "add",
            "--platform",
            "facebook",
            "--id",
            page.id,
            "--name",
            "Crash Page",
            "--api-base",
            srv.base_url,
            "--token-stdin",
            stdin=TOKEN + "\n",
        )
        assert code == 0, err
        env = child_env(TOKEN, [f"facebook:{page.id}"])
        argv = [*ws, "sync", "--no-flag"]
        kills = completed = added = 0
        attempts = 0
        while kills < KILL_POINTS:
            attempts += 1
            assert attempts < KILL_POINTS * 4, f"too few kills landed (seed {stats.SEED})"
            proc = start_child(argv, env)
            if rng.random() < 0.5:
                # At a request boundary: the previous batch is stored, the next one in flight.
                srv.arm(proc, kill_at=rng.randint(1, 40), after_route=rng.random() < 0.5)
                result = finish_child(proc)
            else:
                # Anywhere: imports, a SQLite transaction, parsing, the audit append.
                result = finish_child(proc, kill_after=rng.uniform(0.5, 1.8))
            srv.disarm()
            if result.killed:
                kills += 1
            else:
                assert result.returncode == 0, result.stderr
                completed += 1
            _check_consistent(workspace / "moderator.db")
            # After a completed sync a wave of new comments gives the next runs work to do.
            added += _add_live_comments(page, rng, attempts, 3 if result.killed else 400)
        stats.record("sync kill points", kills)

        final = run_child(argv, env)
        assert final.returncode == 0, final.stderr
        expected = {c.id: c.text for c in srv.visible_comments(page.id)}

    db = connect(workspace / "moderator.db")
    try:
        stored = dict(
            db.execute("SELECT platform_id, text FROM comments WHERE platform = 'facebook'")
        )
        count = db.execute("SELECT count(*) FROM comments").fetchone()[0]
        revisions = db.execute("SELECT count(*) FROM comment_revisions").fetchone()[0]
    finally:
        db.close()
    missing = set(expected) - set(stored)
    assert not missing, f"{len(missing)} comments lost (seed {stats.SEED}): {sorted(missing)[:5]}"
    assert set(stored) == set(expected)
    assert count == len(expected) == N_COMMENTS + added
    assert stored == expected  # every text byte-exact, none half-written
    assert revisions == 0  # nothing was stored twice as an "edit"
    code, out, err = _cli(monkeypatch, capsys, *ws, "audit", "verify")
    assert code == 0, err
    _check_consistent(workspace / "moderator.db")
    with sqlite3.connect(workspace / "moderator.db") as raw:
        starts = raw.execute("SELECT count(*) FROM audit_log WHERE action = 'sync.start'")
        assert starts.fetchone()[0] >= completed + 1
