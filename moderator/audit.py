"""The append-only, hash-chained audit log.

Each entry stores the SHA-256 of the previous entry's hash plus its own canonical
content, so editing, deleting, inserting or reordering any row breaks the chain from
that row on, and :func:`verify` names the first entry that no longer fits.

Writers call :func:`append` inside the same transaction as the state change it
records, so the log and the data can never disagree.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from moderator.timeutil import now_text

GENESIS_HASH = "0" * 64
CHAINED_FIELDS = (
    "seq",
    "at",
    "actor",
    "action",
    "comment_id",
    "page_id",
    "note",
    "before",
    "after",
    "details",
)


def _canonical_json(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def entry_hash(prev_hash: str, entry: Mapping[str, Any]) -> str:
    """SHA-256 over the previous hash and the canonical JSON of the chained fields."""
    content = {name: entry.get(name) for name in CHAINED_FIELDS}
    payload = prev_hash + "\n" + json.dumps(content, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def append(
    db: Database,
    *,
    actor: str,
    action: str,
    comment_id: int | None = None,
    page_id: int | None = None,
    note: str | None = None,
    before: Any = None,
    after: Any = None,
    details: Any = None,
    at: str | None = None,
) -> dict[str, Any]:
    """Append one entry; call inside ``db.atomic()`` with the change it records.

    ``BEGIN IMMEDIATE`` semantics come from the enclosing write transaction: the
    read of the chain head and the insert happen under the same write lock.
    """
    head = db.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev_hash = (head[0] + 1, head[1]) if head else (1, GENESIS_HASH)
    entry: dict[str, Any] = {
        "seq": seq,
        "at": at or now_text(),
        "actor": actor,
        "action": action,
        "comment_id": comment_id,
        "page_id": page_id,
        "note": note,
        "before": _canonical_json(before),
        "after": _canonical_json(after),
        "details": _canonical_json(details),
    }
    entry["prev_hash"] = prev_hash
    entry["hash"] = entry_hash(prev_hash, entry)
    db["audit_log"].insert(entry)
    db.execute(
        "INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
        [seq, entry["hash"]],
    )
    return entry


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of :func:`verify`; ``first_bad_seq`` is None when the chain is intact."""

    ok: bool
    entries: int
    head_hash: str
    first_bad_seq: int | None = None
    problem: str = ""


def iter_entries(db: Database) -> Iterator[dict[str, Any]]:
    """All entries in chain order (by ``seq``)."""
    cursor = db.execute("SELECT * FROM audit_log ORDER BY seq")
    columns = [c[0] for c in cursor.description]
    for row in cursor:
        yield dict(zip(columns, row, strict=True))


def verify(db: Database) -> VerifyResult:
    """Recompute the chain from the first entry and report the first one that does not fit.

    Catches edits (content no longer matches its hash), deletions and insertions (a gap
    in ``seq`` or a ``prev_hash`` that is not the previous entry's hash) and reordering;
    the ``audit_head`` anchor catches deleting or appending entries at the end.
    """
    prev_hash = GENESIS_HASH
    expected_seq = 1
    count = 0
    for entry in iter_entries(db):
        count += 1
        seq = entry["seq"]
        if seq != expected_seq:
            return VerifyResult(
                False,
                count,
                prev_hash,
                seq,
                f"entry {seq} follows {expected_seq - 1}: "
                f"entry {expected_seq} was deleted or the rows were renumbered",
            )
        if entry["prev_hash"] != prev_hash:
            return VerifyResult(
                False,
                count,
                prev_hash,
                seq,
                f"entry {seq} does not point at the entry before it (deleted, inserted or "
                "reordered rows)",
            )
        if entry_hash(prev_hash, entry) != entry["hash"]:
            return VerifyResult(
                False, count, prev_hash, seq, f"entry {seq} was edited after it was written"
            )
        prev_hash = entry["hash"]
        expected_seq += 1
    anchor = db.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
    if anchor is None and count:
        # Every append writes the anchor (and the migration seeded it for older logs), so a
        # log without one had its anchor deleted, which is how newest entries would vanish.
        return VerifyResult(
            False,
            count,
            prev_hash,
            count,
            f"the chain's end anchor is missing: entries after {count} may have been deleted",
        )
    if anchor is not None and (anchor[0], anchor[1]) != (expected_seq - 1, prev_hash):
        if anchor[0] >= expected_seq:
            bad, problem = expected_seq, f"entries {expected_seq} to {anchor[0]} were deleted"
        elif anchor[0] < expected_seq - 1:
            bad = anchor[0] + 1
            problem = f"entries after {anchor[0]} were added outside the console"
        else:
            bad, problem = anchor[0], f"entry {anchor[0]} is not the one the chain ended with"
        return VerifyResult(False, count, prev_hash, max(bad, 1), problem)
    return VerifyResult(True, count, prev_hash)


def head_hash(db: Database) -> str:
    """The hash of the newest entry (the chain head), for report headers."""
    row = db.execute("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return row[0] if row else GENESIS_HASH
