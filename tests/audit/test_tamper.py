"""The audit chain catches every kind of after-the-fact change made directly in SQLite."""

from __future__ import annotations

import pytest

from moderator import audit
from moderator.actions import dismiss, enqueue, escalate, mark_reviewed
from moderator.cli import main
from moderator.workspace import Workspace
from tests.actions.helpers import seed


def build_history(db) -> None:
    """Six real entries: page.add, then five moderation steps."""
    data = seed(db, texts=("a", "b", "c"))
    ids = [row["id"] for row in data["comments"].values()]
    mark_reviewed(db, ids[0], "alice")
    dismiss(db, ids[0], "alice", "fp")
    enqueue(db, ids[1], "hide", "bob")
    escalate(db, ids[2], "carol", "AE")
    enqueue(db, ids[2], "reply", "carol", payload={"text": "Please DM us"})


def _edit(db):
    db.execute("UPDATE audit_log SET note = 'nothing to see' WHERE seq = 3")


def _edit_actor(db):
    db.execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = 5")


def _delete(db):
    db.execute("DELETE FROM audit_log WHERE seq = 3")


def _delete_last_and_renumber(db):
    db.execute("DELETE FROM audit_log WHERE seq = 2")
    db.execute("UPDATE audit_log SET seq = seq - 1 WHERE seq > 2")


def _insert_forged(db):
    """Make room at seq 3 and insert a self-consistent forged entry there."""
    db.execute("UPDATE audit_log SET seq = seq + 100 WHERE seq >= 3")
    db.execute("UPDATE audit_log SET seq = seq - 99 WHERE seq >= 103")
    prev = db.execute("SELECT hash FROM audit_log WHERE seq = 2").fetchone()[0]
    entry = {
        "seq": 3,
        "at": "2026-11-21T09:00:00.000000+00:00",
        "actor": "mallory",
        "action": "comment.reviewed",
        "comment_id": 1,
        "page_id": 1,
        "note": None,
        "before": None,
        "after": None,
        "details": None,
        "prev_hash": prev,
    }
    entry["hash"] = audit.entry_hash(prev, entry)
    db["audit_log"].insert(entry)


def _reorder(db):
    """Swap the contents of entries 2 and 3, keeping their seq numbers."""
    rows = {
        seq: dict(
            zip(
                (
                    "at",
                    "actor",
                    "action",
                    "comment_id",
                    "page_id",
                    "note",
                    "before",
                    "after",
                    "details",
                    "prev_hash",
                    "hash",
                ),
                rest,
                strict=True,
            )
        )
        for seq, *rest in db.execute(
            "SELECT seq, at, actor, action, comment_id, page_id, note, before, after, "
            "details, prev_hash, hash FROM audit_log WHERE seq IN (2, 3)"
        )
    }
    db["audit_log"].update(2, rows[3])
    db["audit_log"].update(3, rows[2])


def _append_unchained(db):
    db.execute(
        "INSERT INTO audit_log (seq, at, actor, action, prev_hash, hash) VALUES "
        "(7, '2026-11-21T09:00:00+00:00', 'mallory', 'comment.reviewed', 'x', 'y')"
    )


@pytest.mark.parametrize(
    ("tamper", "first_bad", "words"),
    [
        (_edit, 3, "edited"),
        (_edit_actor, 5, "edited"),
        (_delete, 4, "deleted"),
        (_delete_last_and_renumber, 2, "does not point"),
        (_insert_forged, 4, "does not point"),
        (_reorder, 2, "does not point"),
        (_append_unchained, 7, "does not point"),
    ],
)
def test_verify_names_the_first_bad_entry(db, tamper, first_bad, words):
    build_history(db)
    result = audit.verify(db)
    assert result.ok and result.entries == 6
    tamper(db)
    result = audit.verify(db)
    assert not result.ok
    assert result.first_bad_seq == first_bad
    assert words in result.problem


def test_cli_verify_reports_intact_and_broken_chains(tmp_path, capsys):
    db = Workspace.at(tmp_path).open()
    build_history(db)
    head = audit.head_hash(db)
    db.close()
    assert main(["--workspace", str(tmp_path), "audit", "verify"]) == 0
    assert capsys.readouterr().out.strip() == f"Audit chain intact: 6 entries, head {head}"
    db = Workspace.at(tmp_path).open()
    _edit(db)
    db.close()
    assert main(["--workspace", str(tmp_path), "audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert "entry 3" in err and "edited" in err and err.count("\n") == 1
    assert main(["--workspace", str(tmp_path), "--json", "audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert '"first_bad_seq": 3' in out and '"ok": false' in out
