"""`moderator hide|unhide|reply|escalate|dismiss|outbox` end to end on a demo page."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from moderator.cli import main
from moderator.connectors.base import FetchBatch
from moderator.connectors.demo import DemoConnector
from moderator.models import RemoteComment
from moderator.store.ingest import store_batch
from moderator.store.pages import get_page
from moderator.workspace import Workspace
from tests.conftest import make_comment, write_page_document


@pytest.fixture
def workspace(tmp_path):
    document = write_page_document(
        tmp_path / "page.json",
        [make_comment(1, "This gave me hives after two doses"), make_comment(2, "Great info")],
    )
    root = tmp_path / "ws"
    assert (
        main(
            [
                "--workspace",
                str(root),
                "--as",
                "setup",
                "pages",
                "add",
                "--platform",
                "demo",
                "--id",
                "demo-test",
                "--name",
                "Test Page",
                "--api-base",
                str(document),
            ]
        )
        == 0
    )
    db = Workspace.at(root).open()
    page = get_page(db, "demo-test")
    for batch in DemoConnector("demo-test", api_base=str(document)).fetch(None, None):
        store_batch(db, page, batch)
    # a comment the store knows but the platform no longer has: actions on it fail for good
    store_batch(
        db,
        page,
        FetchBatch(
            comments=[
                RemoteComment(
                    "ghost", "post-1", "gone", "u", "U", datetime(2026, 11, 21, tzinfo=UTC)
                )
            ]
        ),
    )
    db.close()
    return root


def run(root, *args) -> int:
    return main(["--workspace", str(root), "--as", "alice", *args])


def platform_state(root) -> dict:
    return json.loads((root / "demo-demo-test.json").read_text())


def query(root, sql, params=()):
    db = Workspace.at(root).open()
    try:
        return db.execute(sql, list(params)).fetchall()
    finally:
        db.close()


def test_hide_and_unhide_apply_at_once(workspace, capsys):
    assert run(workspace, "hide", "c-0001", "--note", "privacy") == 0
    assert "Hid comment c-0001" in capsys.readouterr().out
    assert platform_state(workspace)["hidden"] == {"c-0001": True}
    assert query(workspace, "SELECT hidden, status FROM comments WHERE platform_id='c-0001'") == [
        (1, "reviewed")
    ]
    assert run(workspace, "unhide", "c-0001") == 0
    assert platform_state(workspace)["hidden"] == {"c-0001": False}
    actions = query(workspace, "SELECT action, actor FROM audit_log WHERE action LIKE 'action.%'")
    assert actions == [("action.requested", "alice"), ("action.applied", "alice")] * 2


def test_reply_with_text_and_with_a_template(workspace, capsys):
    assert run(workspace, "reply", "c-0001", "--text", "Please DM us") == 0
    assert run(workspace, "--json", "reply", "c-0002", "--template", "general_thanks") == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert "(reply c-0001-r1)" in out[0]
    payload = json.loads(out[-1])
    assert payload["status"] == "done" and payload["payload"]["template"] == "general_thanks"
    texts = [r["text"] for r in platform_state(workspace)["replies"]]
    assert texts[0] == "Please DM us" and "{" not in texts[1]


def test_reply_needs_text_or_template(workspace, capsys):
    with pytest.raises(SystemExit):
        run(workspace, "reply", "c-0001")
    assert run(workspace, "reply", "c-0001", "--template", "no-such") == 1
    assert "No reply template named 'no-such'" in capsys.readouterr().err


def test_escalate_and_dismiss(workspace, capsys):
    assert run(workspace, "escalate", "c-0001", "--note", "hives") == 0
    assert "Escalated comment c-0001 to PV" in capsys.readouterr().out
    assert run(workspace, "--json", "dismiss", "c-0002", "--note", "fine") == 0
    assert json.loads(capsys.readouterr().out) == {"comment": "c-0002", "status": "dismissed"}
    assert query(workspace, "SELECT kind, status, note FROM escalations") == [
        ("pv", "open", "hives")
    ]
    assert run(workspace, "escalate", "c-0001") == 1
    assert "already escalated" in capsys.readouterr().err
    assert platform_state_exists(workspace) is False  # escalating never touches the platform


def platform_state_exists(root) -> bool:
    return (root / "demo-demo-test.json").exists()


def test_unknown_comment_is_a_one_line_error(workspace, capsys):
    assert run(workspace, "hide", "nope") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No stored comment with id 'nope'" in err


def test_failed_action_stays_visible_then_retry_and_cancel(workspace, capsys):
    assert run(workspace, "hide", "ghost") == 1
    err = capsys.readouterr().err
    assert "hide of ghost failed: The demo page has no comment ghost." in err
    assert run(workspace, "--json", "outbox") == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["status"], row["comment"], row["kind"]) == ("failed", "ghost", "hide")
    action_id = str(row["action_id"])
    assert run(workspace, "outbox", "retry", action_id) == 1  # still gone on the platform
    capsys.readouterr()
    assert run(workspace, "outbox", "cancel", action_id) == 0
    assert "now cancelled" in capsys.readouterr().out
    assert run(workspace, "outbox", "cancel", action_id) == 1
    assert run(workspace, "outbox", "--status", "cancelled") == 0
    assert "cancelled" in capsys.readouterr().out


def test_outbox_run_applies_pending_actions(workspace, capsys):
    from moderator.actions import enqueue

    db = Workspace.at(workspace).open()
    comment_id = db.execute("SELECT id FROM comments WHERE platform_id = 'c-0002'").fetchone()[0]
    enqueue(db, comment_id, "hide", "alice")
    db.close()
    assert run(workspace, "outbox", "run") == 0
    assert "Processed 1 actions: 1 done." in capsys.readouterr().out
    assert platform_state(workspace)["hidden"] == {"c-0002": True}
    assert run(workspace, "outbox", "run") == 0
    assert "Processed 0 actions." in capsys.readouterr().out


def test_empty_outbox(workspace, capsys):
    assert run(workspace, "outbox", "list") == 0
    assert "The outbox is empty." in capsys.readouterr().out
