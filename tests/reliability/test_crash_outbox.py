"""SIGKILL the outbox worker at 20+ points: no action lost, none applied twice.

A child runs ``moderator sync --no-flag`` then ``moderator outbox run`` (the sync is how an
interrupted reply is recognised as already posted). It is killed when the fake serves its
k-th request, either before the platform acts or after it acted but before the child
hears back, or after a random delay. Afterwards, as a moderator would, every ``unknown``
reply is checked on the platform and retried only if it is really not there. In the end
every action is done, the platform saw each reply exactly once and each hide took effect,
and the audit chain verifies.
"""

from __future__ import annotations

import io
import sys
from collections import Counter

import pytest

from moderator import audit
from moderator.actions import enqueue, get_action, retry
from moderator.cli import main
from moderator.store.database import connect
from tests.fakes import make_facebook_page
from tests.reliability import stats
from tests.reliability.harness import (
    KillingGraphServer,
    child_env,
    finish_child,
    run_child,
    start_child,
)

TOKEN = "EAAGreliabilityOutboxToken0123456789secret"
KILL_POINTS = 22
WAVE_HIDES = 24
WAVE_REPLIES = 16


def _cli(monkeypatch, capsys, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.timeout(240)
def test_outbox_survives_sigkill_at_random_points(tmp_path, monkeypatch, capsys):
    rng = stats.rng("outbox-kill")
    page = make_facebook_page(800, n_posts=8)
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
            "Outbox Page",
            "--api-base",
            srv.base_url,
            "--token-stdin",
            stdin=TOKEN + "\n",
        )
        assert code == 0, err
        code, _, err = _cli(monkeypatch, capsys, *ws, "sync", "--no-flag")
        assert code == 0, err

        db = connect(workspace / "moderator.db")
        top_level = list(
            db.execute(
                "SELECT id, platform_id FROM comments WHERE parent_platform_id IS NULL ORDER BY id"
            )
        )
        db.close()
        rng.shuffle(top_level)
        reply_text: dict[int, tuple[str, str]] = {}
        hide_target: dict[int, str] = {}

        def enqueue_wave() -> None:
            """Queue a wave of hides and replies on comments not yet acted on."""
            wave = [top_level.pop() for _ in range(WAVE_HIDES + WAVE_REPLIES)]
            wdb = connect(workspace / "moderator.db")
            for n, (row_id, platform_id) in enumerate(wave):
                if n < WAVE_HIDES:
                    hide_target[enqueue(wdb, row_id, "hide", actor="mod")] = platform_id
                else:
                    text = f"Thanks for telling us; we have sent you a message (ref {row_id}) ✓"
                    action_id = enqueue(wdb, row_id, "reply", actor="mod", payload={"text": text})
                    reply_text[action_id] = (platform_id, text)
            wdb.close()

        def open_actions() -> int:
            odb = connect(workspace / "moderator.db")
            try:
                sql = "SELECT count(*) FROM actions WHERE status IN ('pending', 'in_progress')"
                return odb.execute(sql).fetchone()[0]
            finally:
                odb.close()

        pages = [f"facebook:{page.id}"]
        argv = [*ws, "sync", "--no-flag", ";;", *ws, "outbox", "run"]
        kills = attempts = 0
        while kills < KILL_POINTS:
            attempts += 1
            assert attempts < KILL_POINTS * 3, f"too few kills landed (seed {stats.SEED})"
            pending = open_actions()
            if pending == 0:
                enqueue_wave()
                pending = WAVE_HIDES + WAVE_REPLIES
            # Each run's worker clock is far ahead of the last: killed runs' leases expired.
            proc = start_child(argv, child_env(TOKEN, pages, clock_offset=attempts * 1000.0))
            if rng.random() < 0.75:
                # sync takes a few requests, then one request per open action
                srv.arm(proc, kill_at=rng.randint(1, 3 + pending), after_route=rng.random() < 0.5)
                result = finish_child(proc)
            else:
                result = finish_child(proc, kill_after=rng.uniform(0.7, 1.5))
            srv.disarm()
            kills += result.killed
        stats.record("outbox kill points", kills)
        stats.record("outbox actions", len(hide_target) + len(reply_text))

        offset = (attempts + 1) * 1000.0
        final = run_child(argv, child_env(TOKEN, pages, clock_offset=offset))
        assert final.returncode in (0, 1), final.stderr

        # The moderator's check of every "unknown" reply: retry only what is not there.
        db = connect(workspace / "moderator.db")
        posted = Counter(a for a in srv.actions if a[0] == "reply")
        unknown = [r[0] for r in db.execute("SELECT id FROM actions WHERE status = 'unknown'")]
        for action_id in unknown:
            target, text = reply_text[action_id]
            assert posted[("reply", target, text)] == 0, (
                f"action {action_id} is unknown although the sync saw the reply"
            )
            retry(db, action_id, actor="mod", note="checked the page: not there")
        db.close()
        stats.record("interrupted replies resolved as unknown", len(unknown))
        final = run_child(argv, child_env(TOKEN, pages, clock_offset=offset + 1000.0))
        assert final.returncode == 0, final.stderr

        db = connect(workspace / "moderator.db")
        statuses = Counter(r[0] for r in db.execute("SELECT status FROM actions"))
        assert statuses == {"done": len(hide_target) + len(reply_text)}, statuses
        posted = Counter(a for a in srv.actions if a[0] == "reply")
        for action_id, (target, text) in reply_text.items():
            assert posted[("reply", target, text)] == 1, (action_id, target, text)
            assert get_action(db, action_id)["result"]["reply_id"]
        assert sum(posted.values()) == len(reply_text)
        hides = Counter(a[1] for a in srv.actions if a[0] == "hide")
        for target in hide_target.values():
            assert srv.comment(target).hidden
            # hide is idempotent and re-sent after an interruption, at most once per kill
            assert 1 <= hides[target] <= 1 + kills
        assert set(hides) == set(hide_target.values())
        assert not [a for a in srv.actions if a[0] not in ("hide", "reply")]
        applied = Counter(
            r[0]
            for r in db.execute(
                "SELECT json_extract(details, '$.action_id') FROM audit_log "
                "WHERE action = 'action.applied'"
            )
        )
        assert all(applied[a] == 1 for a in [*hide_target, *reply_text]), applied
        assert audit.verify(db).ok
        db.close()
    code, _, err = _cli(monkeypatch, capsys, *ws, "audit", "verify")
    assert code == 0, err
