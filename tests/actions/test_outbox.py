"""The outbox and its worker: exactly-once application, back-off, failures, restarts."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from moderator import audit
from moderator.actions import (
    ActionError,
    OutboxWorker,
    cancel,
    confirm,
    enqueue,
    get_action,
    get_comment,
    retry,
)
from moderator.connectors.base import (
    PermanentError,
    RateLimitedError,
    TokenExpiredError,
    TransientError,
)
from moderator.timeutil import parse
from tests.actions.helpers import Crash, FakeClock, FakeConnector, audit_actions, audit_count, seed


@pytest.fixture
def store(db):
    data = seed(db)
    data["db"] = db
    data["c1"] = data["comments"]["c-1"]["id"]
    data["c2"] = data["comments"]["c-2"]["id"]
    return data


def make_worker(clock: FakeClock, **kwargs) -> OutboxWorker:
    kwargs.setdefault("rand", lambda: 0.0)
    return OutboxWorker(clock=clock, sleep=clock.sleep, **kwargs)


def test_enqueue_writes_row_and_one_audit_entry(store):
    db = store["db"]
    before = audit_count(db)
    action_id = enqueue(db, store["c1"], "hide", "alice", note="spam")
    row = get_action(db, action_id)
    assert (row["status"], row["attempts"], row["created_by"]) == ("pending", 0, "alice")
    assert len(row["idempotency_key"]) == 36
    assert audit_count(db) == before + 1
    entry = list(audit.iter_entries(db))[-1]
    assert entry["action"] == "action.requested" and entry["note"] == "spam"
    assert json.loads(entry["before"])["status"] == "new"
    assert json.loads(entry["after"])["status"] == "reviewed"
    assert json.loads(entry["details"])["action_id"] == action_id
    assert get_comment(db, store["c1"])["hidden"] == 0  # not hidden until the platform agrees


def test_a_second_identical_hide_while_open_is_the_same_action(store):
    db = store["db"]
    first = enqueue(db, store["c1"], "hide", "alice")
    assert enqueue(db, store["c1"], "hide", "bob") == first
    assert db.execute("SELECT count(*) FROM actions").fetchone()[0] == 1


@pytest.mark.parametrize(
    ("kind", "payload", "message"),
    [
        ("shout", None, "Unknown action"),
        ("reply", {"text": "  "}, "non-empty text"),
        ("reply", None, "non-empty text"),
    ],
)
def test_enqueue_refuses_bad_requests(store, kind, payload, message):
    with pytest.raises(ActionError, match=message):
        enqueue(store["db"], store["c1"], kind, "alice", payload=payload)
    assert store["db"].execute("SELECT count(*) FROM actions").fetchone()[0] == 0


def test_worker_applies_once_even_when_run_twice(store):
    db = store["db"]
    clock = FakeClock()
    connector = FakeConnector()
    action_id = enqueue(db, store["c1"], "hide", "alice")
    worker = make_worker(clock)
    results = worker.run_once(db, lambda page: connector)
    assert [r.status for r in results] == ["done"]
    assert worker.run_once(db, lambda page: connector) == []
    assert connector.count("hide") == 1
    row = get_action(db, action_id)
    assert row["status"] == "done" and row["applied_at"] and row["attempts"] == 1
    assert get_comment(db, store["c1"])["hidden"] == 1
    assert audit_actions(db)[-1] == "action.applied"
    assert audit.verify(db).ok


def test_reply_result_keeps_the_new_reply_id_and_text_is_untouched(store):
    db = store["db"]
    original = get_comment(db, store["c1"])["text"]
    action_id = enqueue(db, store["c1"], "reply", "alice", payload={"text": "Call us"})
    connector = FakeConnector()
    make_worker(FakeClock()).run_once(db, lambda page: connector)
    assert get_action(db, action_id)["result"] == {"reply_id": "c-1-r1"}
    assert connector.calls == [("reply", "c-1", "Call us")]
    assert get_comment(db, store["c1"])["text"] == original


@pytest.mark.parametrize("error_type", [RateLimitedError, TransientError])
def test_retryable_errors_back_off_exponentially_then_succeed(store, error_type):
    db = store["db"]
    clock = FakeClock()
    connector = FakeConnector(
        [error_type("slow down"), error_type("slow down"), error_type("slow down")]
    )
    worker = make_worker(clock, base_delay=10.0, max_delay=1000.0)
    action_id = enqueue(db, store["c1"], "hide", "alice")
    delays = []
    for _ in range(3):
        (result,) = worker.run_once(db, lambda page: connector)
        assert result.status == "pending"
        next_at = parse(get_action(db, action_id)["next_attempt_at"])
        delays.append((next_at - clock.now).total_seconds())
        # not due before its time
        assert worker.run_once(db, lambda page: connector, now=next_at - timedelta(seconds=1)) == []
        clock.now = next_at
    assert delays == [10.0, 20.0, 40.0]
    (result,) = worker.run_once(db, lambda page: connector)
    assert result.status == "done" and result.attempts == 4
    assert connector.count("hide") == 4 and len(connector.applied) == 1
    assert audit_actions(db).count("action.deferred") == 3


def test_jitter_stretches_the_delay_and_retry_after_is_a_floor():
    worker = OutboxWorker(base_delay=10.0, jitter=0.5, rand=lambda: 1.0)
    assert worker.backoff(1) == 15.0
    assert worker.backoff(3) == 60.0
    assert worker.backoff(1, retry_after=300) == 300.0
    assert OutboxWorker(base_delay=10, max_delay=50, jitter=0).backoff(10) == 50.0


def test_rate_limit_retry_after_is_respected(store):
    db = store["db"]
    clock = FakeClock()
    connector = FakeConnector([RateLimitedError("quota", retry_after=600)])
    action_id = enqueue(db, store["c1"], "hide", "alice")
    make_worker(clock, base_delay=1.0).run_once(db, lambda page: connector)
    next_at = parse(get_action(db, action_id)["next_attempt_at"])
    assert next_at - clock.now >= timedelta(seconds=600)


def test_attempts_are_bounded(store):
    db = store["db"]
    clock = FakeClock()
    connector = FakeConnector([TransientError("502 from the platform")] * 10)
    worker = make_worker(clock, max_attempts=3, base_delay=1.0)
    action_id = enqueue(db, store["c1"], "hide", "alice")
    results = worker.drain(db, lambda page: connector, max_wait=3600)
    assert [r.status for r in results] == ["failed"]
    row = get_action(db, action_id)
    assert row["status"] == "failed" and row["attempts"] == 3
    assert row["last_error"] == "Gave up after 3 attempts: 502 from the platform"
    assert connector.count("hide") == 3
    assert clock.slept == [1.0, 2.0]  # drain slept through the back-off, no real waiting


@pytest.mark.parametrize(
    "error", [PermanentError("(#10) Permission denied"), TokenExpiredError("Token expired")]
)
def test_permanent_errors_fail_at_once_with_the_platform_message(store, error):
    db = store["db"]
    connector = FakeConnector([error])
    action_id = enqueue(db, store["c1"], "hide", "alice")
    (result,) = make_worker(FakeClock()).run_once(db, lambda page: connector)
    row = get_action(db, action_id)
    assert result.status == row["status"] == "failed"
    assert row["last_error"] == str(error)
    assert audit_actions(db)[-1] == "action.failed"
    assert get_comment(db, store["c1"])["hidden"] == 0


def test_failed_action_can_be_retried_and_then_applies(store):
    db = store["db"]
    connector = FakeConnector([PermanentError("denied")])
    worker = make_worker(FakeClock())
    action_id = enqueue(db, store["c1"], "hide", "alice")
    worker.run_once(db, lambda page: connector)
    row = retry(db, action_id, "bob", note="permission fixed")
    assert (row["status"], row["attempts"]) == ("pending", 0)
    assert audit_actions(db)[-1] == "action.retry"
    (result,) = worker.run_once(db, lambda page: connector)
    assert result.status == "done" and get_comment(db, store["c1"])["hidden"] == 1
    with pytest.raises(ActionError, match="is done"):
        cancel(db, action_id, "bob")


def test_failed_action_can_be_cancelled_and_is_never_sent(store):
    db = store["db"]
    connector = FakeConnector([PermanentError("denied")])
    worker = make_worker(FakeClock())
    action_id = enqueue(db, store["c1"], "hide", "alice")
    worker.run_once(db, lambda page: connector)
    assert cancel(db, action_id, "bob")["status"] == "cancelled"
    assert audit_actions(db)[-1] == "action.cancelled"
    assert worker.run_once(db, lambda page: connector) == []
    assert connector.count("hide") == 1
    with pytest.raises(ActionError):
        retry(db, action_id, "bob")


def test_connector_factory_failure_fails_the_action(store):
    from moderator.connectors.base import ConnectorError

    db = store["db"]
    action_id = enqueue(db, store["c1"], "hide", "alice")

    def no_token(page):
        raise ConnectorError("No token is stored for facebook page 1; reconnect this page.")

    make_worker(FakeClock()).run_once(db, no_token)
    assert get_action(db, action_id)["last_error"].startswith("No token is stored")


# -- restarts -----------------------------------------------------------------------------
def test_crash_before_the_call_resumes_after_the_lease(store):
    db = store["db"]
    clock = FakeClock()
    worker = make_worker(clock, lease_seconds=60)
    action_id = enqueue(db, store["c1"], "hide", "alice")
    assert worker._claim(db, action_id, clock.now) is not None  # then the process died
    connector = FakeConnector()
    assert worker.run_once(db, lambda page: connector) == []  # lease still held
    clock.advance(61)
    (result,) = worker.run_once(db, lambda page: connector)
    assert result.status == "done" and result.attempts == 2
    assert connector.count("hide") == 1


def test_hide_interrupted_after_the_call_is_reapplied_harmlessly(store):
    db = store["db"]
    clock = FakeClock()
    worker = make_worker(clock, lease_seconds=60)
    connector = FakeConnector(crash_after=True)
    action_id = enqueue(db, store["c1"], "hide", "alice")
    with pytest.raises(Crash):
        worker.run_once(db, lambda page: connector)
    assert get_action(db, action_id)["status"] == "in_progress"
    clock.advance(61)
    (result,) = worker.run_once(db, lambda page: connector)
    assert result.status == "done"
    assert connector.hidden == {"c-1"}
    assert worker.run_once(db, lambda page: connector) == []
    assert connector.count("hide") == 2  # idempotent on the platform


def test_reply_interrupted_after_the_call_is_not_sent_twice(store):
    db = store["db"]
    clock = FakeClock()
    worker = make_worker(clock, lease_seconds=60)
    connector = FakeConnector(crash_after=True)
    action_id = enqueue(db, store["c1"], "reply", "alice", payload={"text": "Call us"})
    with pytest.raises(Crash):
        worker.run_once(db, lambda page: connector)
    clock.advance(61)
    (result,) = worker.run_once(db, lambda page: connector)
    assert result.status == "unknown" and "confirm it or retry it" in result.error
    assert connector.count("reply") == 1
    assert worker.run_once(db, lambda page: connector) == []
    assert confirm(db, action_id, "alice")["status"] == "done"
    assert audit_actions(db)[-2:] == ["action.unknown", "action.confirmed"]
    assert connector.count("reply") == 1


def test_interrupted_reply_found_in_the_store_is_done(store):
    from moderator.connectors.base import FetchBatch
    from moderator.models import RemoteComment
    from moderator.store.ingest import store_batch

    db = store["db"]
    clock = FakeClock()
    worker = make_worker(clock, lease_seconds=60)
    connector = FakeConnector(crash_after=True)
    action_id = enqueue(db, store["c1"], "reply", "alice", payload={"text": "Call us"})
    with pytest.raises(Crash):
        worker.run_once(db, lambda page: connector)
    # the next sync brings the page's reply in
    store_batch(
        db,
        store["page"],
        FetchBatch(
            comments=[
                RemoteComment(
                    "c-1-r1",
                    "post-1",
                    "Call us",
                    "demo-test",
                    "Test Page",
                    clock.now,
                    parent_id="c-1",
                )
            ]
        ),
    )
    clock.advance(61)
    (result,) = worker.run_once(db, lambda page: connector)
    assert result.status == "done"
    assert get_action(db, action_id)["result"] == {"reply_id": "c-1-r1", "recovered": True}
    assert connector.count("reply") == 1


def test_unknown_reply_can_be_retried_on_purpose(store):
    db = store["db"]
    clock = FakeClock()
    worker = make_worker(clock, lease_seconds=60)
    action_id = enqueue(db, store["c1"], "reply", "alice", payload={"text": "Call us"})
    worker._claim(db, action_id, clock.now)
    clock.advance(61)
    connector = FakeConnector()
    worker.run_once(db, lambda page: connector)
    assert get_action(db, action_id)["status"] == "unknown"
    retry(db, action_id, "alice", note="checked: not on the page")
    (result,) = worker.run_once(db, lambda page: connector)
    assert result.status == "done" and connector.count("reply") == 1


# -- one transaction ------------------------------------------------------------------------
def _drop_audit_log(db):
    db.execute("DROP TABLE audit_log")


def test_enqueue_is_rolled_back_when_the_audit_insert_fails(store):
    db = store["db"]
    _drop_audit_log(db)
    with pytest.raises(Exception, match="audit_log"):
        enqueue(db, store["c1"], "hide", "alice")
    assert db.execute("SELECT count(*) FROM actions").fetchone()[0] == 0
    assert get_comment(db, store["c1"])["status"] == "new"


def test_applied_state_is_rolled_back_when_the_audit_insert_fails(store):
    db = store["db"]
    action_id = enqueue(db, store["c1"], "hide", "alice")
    _drop_audit_log(db)
    with pytest.raises(Exception, match="audit_log"):
        make_worker(FakeClock()).run_once(db, lambda page: FakeConnector())
    row = get_action(db, action_id)
    assert row["status"] == "in_progress" and row["applied_at"] is None
    assert get_comment(db, store["c1"])["hidden"] == 0


@pytest.mark.parametrize("operation", ["retry", "cancel"])
def test_retry_and_cancel_are_rolled_back_without_their_audit_entry(store, operation):
    db = store["db"]
    action_id = enqueue(db, store["c1"], "hide", "alice")
    make_worker(FakeClock()).run_once(db, lambda page: FakeConnector([PermanentError("no")]))
    _drop_audit_log(db)
    with pytest.raises(Exception, match="audit_log"):
        {"retry": retry, "cancel": cancel}[operation](db, action_id, "bob")
    assert get_action(db, action_id)["status"] == "failed"


def test_two_workers_on_two_connections_apply_once(tmp_path):
    from moderator.store.database import open_database

    path = tmp_path / "moderator.db"
    first, second = open_database(path), open_database(path)
    try:
        data = seed(first)
        action_id = enqueue(first, data["comments"]["c-1"]["id"], "hide", "alice")
        clock = FakeClock()
        connector = FakeConnector()
        worker_a, worker_b = make_worker(clock), make_worker(clock)
        assert worker_a._claim(first, action_id, clock.now) is not None
        assert worker_b.run_once(second, lambda page: connector) == []  # A holds the lease
        assert worker_b._claim(second, action_id, clock.now) is None
        row = get_action(second, action_id)
        assert (row["status"], row["attempts"]) == ("in_progress", 1)
        assert connector.calls == []
    finally:
        first.close()
        second.close()
