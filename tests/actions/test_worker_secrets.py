"""A connector bug whose message quotes a token must not put the token in the outbox or audit."""

from __future__ import annotations

from moderator.actions import OutboxWorker, enqueue, get_action
from moderator.connectors.http import register_secret
from tests.actions.helpers import FakeConnector, seed

SECRET = "EAAGsecretPageToken1234567890"


def test_unexpected_error_text_is_redacted_before_it_is_stored(db):
    register_secret(SECRET)
    data = seed(db)
    comment = next(iter(data["comments"].values()))
    action_id = enqueue(db, comment["id"], "hide", "alice")
    bug = RuntimeError(f"GET https://graph.example/v19/x?access_token={SECRET} exploded")
    connector = FakeConnector([bug])
    results = OutboxWorker().run_once(db, lambda page: connector)
    assert results and results[0].status == "failed"
    assert SECRET not in (results[0].error or "")
    assert SECRET not in (get_action(db, action_id)["last_error"] or "")
    stored = db.execute("SELECT group_concat(details, ' ') FROM audit_log").fetchone()[0]
    assert "exploded" in stored
    assert SECRET not in stored
