"""A page token never reaches the database, its WAL, logs, exports or crash output, and a
locked or missing keyring is one clear line."""

from __future__ import annotations

import io
import sys

import keyring
import pytest
from keyring.backends.fail import Keyring as NoKeyring

from moderator import audit
from moderator.cli import main
from moderator.store.database import connect
from tests.fakes import make_facebook_page
from tests.fakes.memory_keyring import LockedKeyring
from tests.fakes.server import Reply
from tests.reliability import stats
from tests.reliability.harness import KillingGraphServer, child_env, run_child

TOKEN = "EAAGsecretPageToken0123456789DoNotLeak"


class EchoingServer(KillingGraphServer):
    """Answers every listing call with a 500 whose body echoes the request's token."""

    echo = False

    def handle(self, request):  # noqa: ANN001, ANN201 - FakeServer signature
        if self.echo and request.path.endswith(("/posts", "/comments")):
            token = request.params.get("access_token", "")
            return Reply(status=500, body={"error": {"message": f"boom for token {token}"}})
        return super().handle(request)


def _add(ws, srv, page_id, monkeypatch) -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(TOKEN + "\n"))
    args = ["pages", "add", "--platform", "facebook", "--id", page_id, "--name", "Secret Page"]
    return main([*ws, *args, "--api-base", srv.base_url, "--token-stdin"])


def _files_without_token(root) -> list[str]:
    leaks = []
    for path in root.rglob("*"):
        if path.is_file() and TOKEN.encode() in path.read_bytes():
            leaks.append(str(path))
    return leaks


def test_token_never_in_db_wal_logs_exports_or_crash_output(tmp_path, monkeypatch, capsys):
    page = make_facebook_page(120, n_posts=2)
    root = tmp_path / "ws"
    ws = ["--workspace", str(root)]
    with EchoingServer({page.id: page}, token=TOKEN) as srv:
        assert _add(ws, srv, page.id, monkeypatch) == 0
        # WAL before any checkpoint: a second connection stays open, so closing the CLI's
        # connection does not checkpoint, and the -wal file still holds the sync's writes
        holder = connect(root / "moderator.db")
        holder.execute("SELECT count(*) FROM comments").fetchone()
        assert main([*ws, "-v", "sync", "--no-flag"]) == 0
        wal = root / "moderator.db-wal"
        assert wal.exists() and wal.stat().st_size > 0
        assert TOKEN.encode() not in wal.read_bytes()
        assert main([*ws, "audit", "export", "--format", "csv", "--out", str(root / "a.csv")]) == 0
        assert (
            main([*ws, "audit", "export", "--format", "jsonl", "--out", str(root / "a.jsonl")]) == 0
        )
        # a platform 500 that echoes the token, in a child process (real stderr, real log)
        srv.echo = True
        env = child_env(TOKEN, [f"facebook:{page.id}"])
        env["MODERATOR_BUSY_TIMEOUT"] = "5"
        echoed = run_child([*ws, "-v", "sync", "--no-flag"], env)
        # and a forced exception inside the HTTP call whose message quotes the URL
        crash = run_child(
            [*ws, "sync", "--no-flag"],
            {**env, "RELIABILITY_CRASH_IN_SEND": "1"},
        )
        holder.close()
    out, err = capsys.readouterr()
    assert echoed.returncode == 1 and "Secret Page" in echoed.stderr
    assert crash.returncode == 1 and "unexpected error" in crash.stderr, crash.stderr
    assert "Traceback" not in crash.stderr and crash.stderr.count("moderator:") == 1
    for text in (out, err, echoed.stdout, echoed.stderr, crash.stdout, crash.stderr):
        assert TOKEN not in text
    assert (root / "logs" / "moderator.log").exists()
    log_text = (root / "logs" / "moderator.log").read_text()
    assert "RuntimeError" in log_text  # the traceback was logged, redacted
    assert _files_without_token(root) == []
    db = connect(root / "moderator.db")
    assert audit.verify(db).ok
    db.close()
    stats.record("secret leak channels checked", 7)


@pytest.mark.parametrize("backend", [LockedKeyring, NoKeyring], ids=["locked", "absent"])
def test_locked_or_absent_keyring_is_one_clear_line(tmp_path, monkeypatch, capsys, backend):
    page = make_facebook_page(5, n_posts=1)
    other = make_facebook_page(5, n_posts=1, page_id="other")
    ws = ["--workspace", str(tmp_path / "ws")]
    with KillingGraphServer({page.id: page, "other": other}, token=TOKEN) as srv:
        assert _add(ws, srv, page.id, monkeypatch) == 0
        capsys.readouterr()
        keyring.set_keyring(backend())
        sync_code = main([*ws, "sync", "--no-flag"])
        _, sync_err = capsys.readouterr()
        add_code = _add(ws, srv, "other", monkeypatch)
        _, add_err = capsys.readouterr()
    for code, err in ((sync_code, sync_err), (add_code, add_err)):
        assert code == 1
        lines = err.strip().splitlines()
        assert len(lines) == 1 and "keyring" in lines[0] and "Traceback" not in err, err
        assert TOKEN not in err
    stats.record("keyring failures")
