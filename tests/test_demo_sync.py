"""The demo connector goes through the real sync path: store, resume, idempotency, actions."""

from __future__ import annotations

import json

import pytest

from moderator.connectors import make_connector
from moderator.connectors.base import PermanentError
from moderator.connectors.demo import DemoConnector
from moderator.store.pages import add_page
from moderator.sync import sync_page
from tests.conftest import make_comment, write_page_document


def _demo_page(db, document):
    return add_page(
        db,
        platform="demo",
        platform_id="demo-test",
        name="Test Page",
        api_base=str(document),
        actor="t",
    )


def test_sync_stores_every_comment_once(db, page_document, tmp_path):
    page = _demo_page(db, page_document)
    connector = make_connector(page, None, state_dir=tmp_path)
    first = sync_page(db, page, connector)
    page = db["pages"].get(page["id"])
    second = sync_page(db, page, connector)
    assert first.status == "ok" and first.counts.new == 5
    assert second.counts.new == 0
    assert db.execute("SELECT count(*) FROM comments").fetchone()[0] == 5
    assert db.execute("SELECT count(*) FROM posts").fetchone()[0] == 1
    assert db["pages"].get(page["id"])["platform_comment_count"] == 5


def test_interrupted_sync_resumes_without_duplicates(db, tmp_path):
    comments = [make_comment(n, f"comment number {n}") for n in range(1, 131)]
    document = write_page_document(tmp_path / "big.json", comments)
    page = _demo_page(db, document)
    connector = DemoConnector("demo-test", api_base=str(document))
    calls = {"n": 0}

    def cancel_after_two_batches() -> bool:
        calls["n"] += 1
        return calls["n"] >= 3

    report = sync_page(db, page, connector, cancelled=cancel_after_two_batches)
    assert report.status == "cancelled"
    stored = db.execute("SELECT count(*) FROM comments").fetchone()[0]
    assert 0 < stored < 130
    page = db["pages"].get(page["id"])
    assert page["sync_cursor"] is not None
    report = sync_page(db, page, connector)
    assert report.status == "ok"
    assert db.execute("SELECT count(*) FROM comments").fetchone()[0] == 130
    assert (
        db.execute(
            "SELECT count(*) FROM (SELECT platform_id FROM comments GROUP BY platform_id "
            "HAVING count(*) > 1)"
        ).fetchone()[0]
        == 0
    )


def test_hide_on_the_demo_platform_survives_the_next_sync(db, page_document, tmp_path):
    page = _demo_page(db, page_document)
    connector = make_connector(page, None, state_dir=tmp_path)
    sync_page(db, page, connector)
    connector.hide("c-0001")
    page = db["pages"].get(page["id"])
    page["sync_since"] = None  # full re-fetch
    sync_page(db, page, connector)
    assert db.execute("SELECT hidden FROM comments WHERE platform_id = 'c-0001'").fetchone()[0] == 1
    state = json.loads((tmp_path / "demo-demo-test.json").read_text())
    assert state["hidden"] == {"c-0001": True}


def test_reply_and_unknown_comment(tmp_path, page_document):
    connector = DemoConnector(
        "demo-test", api_base=str(page_document), state_path=tmp_path / "s.json"
    )
    reply_id = connector.reply("c-0003", "Please contact us")
    assert reply_id.startswith("c-0003-r")
    with pytest.raises(PermanentError):
        connector.hide("no-such-comment")


def test_malformed_demo_document_is_a_clear_sync_error(db, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    page = _demo_page(db, bad)
    report = sync_page(db, page, DemoConnector("demo-test", api_base=str(bad)))
    assert report.status == "failed" and "cannot be read" in report.error
    assert db["pages"].get(page["id"])["last_error"] == report.error


def test_resumed_sync_keeps_the_interrupted_attempts_start_as_next_since(db, tmp_path):
    comments = [make_comment(n, f"comment number {n}") for n in range(1, 131)]
    document = write_page_document(tmp_path / "big.json", comments)
    page = _demo_page(db, document)
    connector = DemoConnector("demo-test", api_base=str(document))
    calls = {"n": 0}

    def cancel_soon() -> bool:
        calls["n"] += 1
        return calls["n"] >= 2

    sync_page(db, page, connector, cancelled=cancel_soon)
    first_attempt = db["pages"].get(page["id"])["sync_attempt_started_at"]
    assert first_attempt is not None
    sync_page(db, db["pages"].get(page["id"]), connector)
    finished = db["pages"].get(page["id"])
    assert finished["sync_attempt_started_at"] is None
    assert finished["sync_since"] < first_attempt  # the first attempt's start minus overlap
