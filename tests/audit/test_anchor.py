"""The chain's end anchor: truncating the log must not pass by deleting the anchor too."""

from __future__ import annotations

from moderator import audit
from tests.audit.test_tamper import build_history


def test_truncation_with_the_anchor_row_deleted_is_caught(db):
    build_history(db)
    total = db.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
    db.execute("DELETE FROM audit_log WHERE seq = ?", [total])
    db.execute("DELETE FROM audit_head")
    result = audit.verify(db)
    assert not result.ok
    assert "anchor" in result.problem


def test_an_empty_log_without_anchor_is_intact(db):
    assert audit.verify(db).ok
