"""Any edit, deletion, insertion or reordering of audit rows in SQLite is caught by verify.

Hypothesis builds a chain of random length through :func:`moderator.audit.append`, applies
one tampering operation to one random row straight in SQLite (as someone with a database
browser would) and checks that :func:`moderator.audit.verify` fails at or before that row.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moderator import audit
from moderator.store.database import open_database
from tests.reliability import stats

OPERATIONS = ("edit", "delete", "insert", "swap", "renumber", "delete_tail", "append_forged")
EDITABLE = ("at", "actor", "action", "comment_id", "page_id", "note", "before", "after", "details")


def _chain(length: int):
    db = open_database(None)
    for n in range(length):
        with db.atomic():
            audit.append(
                db,
                actor=f"mod{n % 3}",
                action="comment.hidden" if n % 2 else "sync.ok",
                comment_id=n,
                note=f"note {n}",
                before={"status": "new"},
                after={"status": "hidden", "n": n},
            )
    return db


def _row(db, seq: int) -> dict:
    cursor = db.execute("SELECT * FROM audit_log WHERE seq = ?", [seq])
    return dict(zip([c[0] for c in cursor.description], cursor.fetchone(), strict=True))


def _tamper(db, op: str, seq: int, length: int, data: st.DataObject) -> int:
    """Apply ``op`` at ``seq``; return the latest seq verify may name.

    That is the changed row itself, except where a row was removed or a self-consistent
    row slipped in: no hash can condemn a row that is gone or well forged, so the first
    row that shows the cut (the one after it) is the evidence.
    """
    if op == "edit":
        column = data.draw(st.sampled_from(EDITABLE))
        old = _row(db, seq)[column]
        new = data.draw(
            st.one_of(
                st.text(max_size=20),
                st.integers(min_value=-(2**63), max_value=2**63 - 1),
                st.none(),
            )
        )
        if column in ("before", "after", "details"):
            new = json.dumps({"forged": new})
        if new == old or (column in ("actor", "action", "at") and new is None):
            new = f"{old}!"
        db.execute(f"UPDATE audit_log SET {column} = ? WHERE seq = ?", [new, seq])
        return seq
    if op == "delete":
        # the evidence is the next row: it follows a gap (or the anchor, for the last row)
        db.execute("DELETE FROM audit_log WHERE seq = ?", [seq])
        return seq + 1
    if op == "delete_tail":
        db.execute("DELETE FROM audit_log WHERE seq >= ?", [seq])
        return seq
    if op == "insert":
        # make room after seq - 1 and insert a plausible row that points at its predecessor
        db.execute("UPDATE audit_log SET seq = seq + 1000000 WHERE seq >= ?", [seq])
        db.execute("UPDATE audit_log SET seq = seq - 1000000 + 1 WHERE seq >= 1000000")
        prev = _row(db, seq - 1)["hash"] if seq > 1 else audit.GENESIS_HASH
        forged = {**_row(db, seq + 1), "seq": seq, "note": "inserted", "prev_hash": prev}
        forged["hash"] = audit.entry_hash(prev, forged)
        db["audit_log"].insert(forged)
        return seq + 1  # a self-consistent forgery shows at the row it pushed down
    if op == "swap":
        other = seq + 1 if seq < length else seq - 1
        a, b = _row(db, seq), _row(db, other)
        db.execute("DELETE FROM audit_log WHERE seq IN (?, ?)", [seq, other])
        db["audit_log"].insert({**b, "seq": seq})
        db["audit_log"].insert({**a, "seq": other})
        return min(seq, other)
    if op == "renumber":
        # delete a row and renumber the rest so seq has no gap
        db.execute("DELETE FROM audit_log WHERE seq = ?", [seq])
        db.execute("UPDATE audit_log SET seq = seq - 1 WHERE seq > ?", [seq])
        return seq
    if op == "append_forged":
        last = _row(db, length)
        forged = {**last, "seq": length + 1, "note": "appended", "prev_hash": last["hash"]}
        forged["hash"] = audit.entry_hash(last["hash"], forged)
        db["audit_log"].insert(forged)
        return length + 1
    raise AssertionError(op)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    length=st.integers(min_value=2, max_value=25), op=st.sampled_from(OPERATIONS), data=st.data()
)
def test_any_tampering_is_caught_at_or_before_the_row(length, op, data):
    db = _chain(length)
    try:
        assert audit.verify(db).ok
        seq = data.draw(st.integers(min_value=1, max_value=length), label="row")
        tampered = _tamper(db, op, seq, length, data)
        result = audit.verify(db)
        stats.record("audit tamperings")
        assert result.ok is False, (op, seq)
        assert result.first_bad_seq is not None and result.first_bad_seq <= tampered, (
            op,
            seq,
            result,
        )
    finally:
        db.close()


def test_an_untouched_chain_verifies_and_the_anchor_moves_with_it():
    db = _chain(5)
    try:
        result = audit.verify(db)
        assert result.ok and result.entries == 5
        assert db.execute("SELECT seq, hash FROM audit_head").fetchone() == (5, result.head_hash)
    finally:
        db.close()
