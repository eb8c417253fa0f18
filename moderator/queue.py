"""The moderation queue: which comments a moderator sees, in which order, and one comment's story.

Order (the queue key): open escalations whose internal deadline has passed come first
(they are late, so nothing is more urgent), then by ``risk`` (serious adverse events,
adverse events, privacy, complaints, off-label, questions), then newest first, then by id
so the order is total. "Newest first" inside a risk band keeps fresh reports on top
where they are still fixable; the overdue boost stops old ones from sinking.

Paging is keyset only (``after`` = the last row of the previous page), never OFFSET:
every page costs the same at row 10 or row 1 000 000 (DESIGN.md, "Pitfalls"). Because
"overdue" depends on the clock, a listing fixes ``now`` once and passes it to every
page, so no row can move between pages while the moderator scrolls.

Full-text search filters through FTS5 first and is still ordered by the queue key,
never by FTS ``rank`` (ranking a common word over a million rows takes a second).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from moderator import audit
from moderator.models import FLAG_KINDS
from moderator.store.flags import flags_for
from moderator.timeutil import now_text, to_text

PREVIEW_CHARS = 200
STATUSES: tuple[str, ...] = ("new", "reviewed", "escalated", "dismissed")
OTHER_COMMENTS_LIMIT = 20
_WORD = re.compile(r"\w+", re.UNICODE)
_SPACES = re.compile(r"\s+")


class CommentNotFoundError(LookupError):
    """The comment id is not in this workspace (deleted workspace, stale selection)."""


@dataclass(frozen=True)
class QueueFilter:
    """What the moderator asked to see; empty tuples and None mean "no restriction".

    ``kinds`` keeps comments with at least one flag of any of those kinds (not only the
    top one: a serious AE that also discloses a phone number is under "Privacy" too).
    Dates bound ``created_at`` (inclusive from, exclusive to).
    """

    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    page_id: int | None = None
    platform: str | None = None
    date_from: datetime | None = None
    date_to: datetime | None = None
    search: str = ""
    flagged_only: bool = True
    unread_only: bool = False


def fts_query(text: str) -> str | None:
    """The user's words as an FTS5 query of quoted prefix terms, or None when there are none.

    Only word characters survive, each word becomes ``"word"*`` and the terms are ANDed,
    so FTS5 syntax typed by a user (``(``, ``AND``, ``NEAR``, quotes, ``*``) is searched
    for as plain words and can never raise a syntax error.
    """
    words = _WORD.findall(text or "")
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)


def _where(
    f: QueueFilter,
    *,
    skip_kinds: bool = False,
    search: str = "list",
    walk_statuses: bool = False,
) -> tuple[list[str], list[Any]]:
    """SQL conditions on ``comments c`` and their parameters for a filter.

    ``search`` says how the full-text condition is written, because that decides which
    index SQLite drives the query by: ``"list"`` lets it start from the FTS rowids (best
    when they are few: the matches are sorted, not the table walked); ``"walk"`` hides the
    condition behind a unary ``+`` so the queue index is walked in order and the query stops
    at its LIMIT (best when matches are many); ``"skip"`` leaves it out (the caller has
    already narrowed the ids by full-text search). ``walk_statuses`` does the same ``+`` trick for
    a status list that covers most rows (two statuses lose the status index's order).
    """
    clauses: list[str] = []
    params: list[Any] = []
    if f.flagged_only:
        clauses.append("c.risk > 0")
    if f.kinds and not skip_kinds:
        marks = ",".join("?" * len(f.kinds))
        clauses.append(
            f"EXISTS (SELECT 1 FROM flags fk WHERE fk.comment_id = c.id AND fk.kind IN ({marks}))"
        )
        params.extend(f.kinds)
    if f.statuses:
        plus = "+" if walk_statuses else ""
        clauses.append(f"{plus}c.status IN ({','.join('?' * len(f.statuses))})")
        params.extend(f.statuses)
    if f.page_id is not None:
        clauses.append("c.page_id = ?")
        params.append(f.page_id)
    if f.platform:
        clauses.append("c.platform = ?")
        params.append(f.platform)
    if f.date_from is not None:
        clauses.append("c.created_at >= ?")
        params.append(to_text(f.date_from))
    if f.date_to is not None:
        clauses.append("c.created_at < ?")
        params.append(to_text(f.date_to))
    if f.unread_only:
        clauses.append("c.read_at IS NULL")
    query = fts_query(f.search)
    if query is not None and search != "skip":
        plus = "+" if search == "walk" else ""
        clauses.append(f"{plus}c.id IN (SELECT rowid FROM comments_fts WHERE comments_fts MATCH ?)")
        params.append(query)
    return clauses, params


_OVERDUE = "SELECT comment_id FROM escalations WHERE status = 'open' AND internal_due_at < ?"
_ROW_COLUMNS = """
    c.id, c.platform_id, p.name AS page_name, c.platform, c.author_name, c.created_at,
    c.first_seen_at, c.risk, c.top_kind, c.status, c.hidden, c.read_at,
    substr(c.text, 1, ?) AS preview
"""
_ORDER = "ORDER BY c.risk DESC, c.created_at DESC, c.id DESC"
# Above this many full-text matches, walking the queue index in order (and stopping at the
# page) beats sorting every match: 21,664 matches sorted took ~140 ms at 1 M comments, the
# walk ~25 ms; below it the walk may scan far for a rare word (no match: the whole index).
SEARCH_WALK_MIN_MATCHES = 2_000
# Above this many rows in the chosen statuses, walk the queue index and filter by status;
# below it the status index finds them and sorting them is cheap.
STATUS_WALK_MIN_ROWS = 5_000
MAX_LISTED_IDS = 500  # overdue ids bound as parameters (SQLite caps parameters per statement)


def _at_least(db: Database, sql: str, params: list[Any], n: int) -> bool:
    """Whether ``sql`` yields at least ``n`` rows, reading no more than ``n`` of them."""
    probe = f"SELECT count(*) FROM ({sql} LIMIT ?)"
    return db.execute(probe, [*params, n]).fetchone()[0] >= n


@dataclass(frozen=True)
class _Plan:
    """How one listing's conditions are written (see :func:`_where`), decided by cheap probes.

    ``source`` is the FROM clause: a status list with few rows is forced onto the status
    index, because the planner's statistics average the four statuses (250 k rows each at
    1 M) and would walk the whole queue index for 60 escalated comments (550 ms).
    """

    search: str = "list"
    walk_statuses: bool = False
    source: str = "comments c"


def _plan(db: Database, f: QueueFilter) -> _Plan:
    """Probe the filter's selectivity once: many FTS matches or many status rows -> walk."""
    search = "list"
    query = fts_query(f.search)
    if query is not None and _at_least(
        db,
        "SELECT 1 FROM comments_fts WHERE comments_fts MATCH ?",
        [query],
        SEARCH_WALK_MIN_MATCHES,
    ):
        search = "walk"
    if not f.statuses:
        return _Plan(search=search)
    marks = ",".join("?" * len(f.statuses))
    risk = " AND risk > 0" if f.flagged_only else ""
    many = _at_least(
        db,
        f"SELECT 1 FROM comments WHERE status IN ({marks}){risk}",
        list(f.statuses),
        STATUS_WALK_MIN_ROWS,
    )
    if many:
        return _Plan(search=search, walk_statuses=True)
    return _Plan(search=search, source="comments c INDEXED BY comments_status")


def count(db: Database, f: QueueFilter) -> int:
    """How many comments the filter matches."""
    clauses, params = _where(f)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    return db.execute(f"SELECT count(*) FROM comments c {where}", params).fetchone()[0]


def counts_by_kind(db: Database, f: QueueFilter) -> dict[str, int]:
    """For the filter badges: comments per flag kind under every other part of the filter.

    Driven from the comments side (``CROSS JOIN`` fixes the order): the filter narrows the
    comments through their indexes and each one's flags are read from the small
    ``(comment_id, kind)`` key. Joining every flag to its comment instead read a million-row
    table at random (3.7 s at 1 M comments).
    """
    clauses, params = _where(f, skip_kinds=True)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    result = dict.fromkeys(FLAG_KINDS, 0)
    for kind, n in db.execute(
        f"""SELECT fl.kind, count(*) FROM comments c CROSS JOIN flags fl
            ON fl.comment_id = c.id {where} GROUP BY fl.kind""",
        params,
    ):
        result[kind] = n
    return result


def _rows(db: Database, sql: str, params: list[Any], overdue: bool) -> list[dict[str, Any]]:
    cursor = db.execute(sql, params)
    columns = [d[0] for d in cursor.description]
    rows = []
    for values in cursor:
        row = dict(zip(columns, values, strict=True))
        row["preview"] = _SPACES.sub(" ", row["preview"]).strip()
        row["hidden"] = bool(row["hidden"])
        row["overdue"] = overdue
        rows.append(row)
    return rows


def _overdue_rows(
    db: Database,
    f: QueueFilter,
    ids: list[int],
    now: str,
    limit: int,
    after: Mapping[str, Any] | None,
) -> list[dict[str, Any]]:
    """The overdue escalations' rows: few, so driven by their ids (already searched)."""
    clauses, params = _where(f, search="skip", walk_statuses=True)
    if len(ids) <= MAX_LISTED_IDS:
        clauses.append(f"c.id IN ({','.join('?' * len(ids))})")
        params.extend(ids)
    else:  # too many to bind: let SQLite read them again
        clauses.append(f"c.id IN ({_OVERDUE})")
        params.append(now)
    if after is not None:
        clauses.append("(c.risk, c.created_at, c.id) < (?, ?, ?)")
        params.extend([after["risk"], after["created_at"], after["id"]])
    sql = f"""SELECT {_ROW_COLUMNS} FROM comments c JOIN pages p ON p.id = c.page_id
              WHERE {" AND ".join(clauses)} {_ORDER} LIMIT ?"""
    return _rows(db, sql, [PREVIEW_CHARS, *params, limit], overdue=True)


def _matching(db: Database, query: str, ids: list[int]) -> list[int]:
    """Those of ``ids`` whose comment matches the FTS query.

    One FTS query bounded by the ids' rowid range (FTS5 seeks to it): a prefix query
    expands its terms on every call, so looking each id up on its own costs a full
    expansion per id (seconds for a common prefix).
    """
    wanted = set(ids)
    found = db.execute(
        """SELECT rowid FROM comments_fts WHERE comments_fts MATCH ?
           AND rowid >= ? AND rowid <= ?""",
        [query, min(ids), max(ids)],
    )
    return [row[0] for row in found if row[0] in wanted]


def _rest_rows(
    db: Database,
    f: QueueFilter,
    plan: _Plan,
    now: str,
    limit: int,
    after: Mapping[str, Any] | None,
) -> list[dict[str, Any]]:
    clauses, params = _where(f, search=plan.search, walk_statuses=plan.walk_statuses)
    clauses.append(f"c.id NOT IN ({_OVERDUE})")
    params.append(now)
    if after is not None:
        # Row values keep the keyset condition a single index range (all keys descend).
        clauses.append("(c.risk, c.created_at, c.id) < (?, ?, ?)")
        params.extend([after["risk"], after["created_at"], after["id"]])
    sql = f"""SELECT {_ROW_COLUMNS} FROM {plan.source} JOIN pages p ON p.id = c.page_id
              WHERE {" AND ".join(clauses)} {_ORDER} LIMIT ?"""
    return _rows(db, sql, [PREVIEW_CHARS, *params, limit], overdue=False)


def page_sql(db: Database, f: QueueFilter, *, now: str | None = None) -> tuple[str, list[Any]]:
    """The SQL and parameters of the non-overdue part of a first page (for EXPLAIN in benches)."""
    plan = _plan(db, f)
    clauses, params = _where(f, search=plan.search, walk_statuses=plan.walk_statuses)
    clauses.append(f"c.id NOT IN ({_OVERDUE})")
    params.append(now or now_text())
    sql = f"""SELECT {_ROW_COLUMNS} FROM {plan.source} JOIN pages p ON p.id = c.page_id
              WHERE {" AND ".join(clauses)} {_ORDER} LIMIT ?"""
    return sql, [PREVIEW_CHARS, *params, 200]


def fetch_page(
    db: Database,
    f: QueueFilter,
    limit: int = 200,
    after: Mapping[str, Any] | None = None,
    *,
    now: str | None = None,
) -> list[dict[str, Any]]:
    """The next ``limit`` queue rows after the row ``after`` (None: the first page).

    ``after`` is the last row dict of the previous page (only its ``overdue``, ``risk``,
    ``created_at`` and ``id`` are read). Pass the same ``now`` for every page of one
    listing. Rows are light: ``preview`` is the first 200 characters with whitespace
    runs (newlines included) collapsed to one space.

    Overdue escalations are few: their ids come from the escalations index and their rows
    by id, so the (possibly expensive) filtered walk of the queue runs once per page.
    """
    now = now or now_text()
    rows: list[dict[str, Any]] = []
    if after is None or after.get("overdue"):
        ids = [row[0] for row in db.execute(_OVERDUE, [now])]
        query = fts_query(f.search)
        if ids and query is not None:
            ids = _matching(db, query, ids)
        if ids:
            rows = _overdue_rows(db, f, ids, now, limit, after)
            if len(rows) >= limit:
                return rows
        after = None
    rows += _rest_rows(db, f, _plan(db, f), now, limit - len(rows), after)
    return rows


@dataclass
class CommentDetail:
    """Everything the detail pane shows about one comment; plain data, safe to pass across threads.

    ``comment`` is the full row plus ``page_name``; ``thread`` the parent (or None) and
    replies; ``history`` the comment's audit entries (oldest first) and ``actions`` its
    outbox entries, so the pane can tell what was asked and what the platform did.
    """

    comment: dict[str, Any]
    post: dict[str, Any] | None
    parent: dict[str, Any] | None
    replies: list[dict[str, Any]]
    author_comments: list[dict[str, Any]]
    flags: list[dict[str, Any]]
    analysis: dict[str, Any] | None
    actions: list[dict[str, Any]]
    escalations: list[dict[str, Any]]
    history: list[dict[str, Any]]
    revisions: list[dict[str, Any]] = field(default_factory=list)


def _json_or_none(text: str | None) -> Any:
    return json.loads(text) if text else None


def comment_detail(db: Database, comment_id: int) -> CommentDetail:
    """Load one comment with its post, thread, author's other comments, flags and history."""
    rows = list(
        db.query(
            """SELECT c.*, p.name AS page_name FROM comments c JOIN pages p ON p.id = c.page_id
               WHERE c.id = ?""",
            [comment_id],
        )
    )
    if not rows:
        raise CommentNotFoundError(f"Comment {comment_id} is not in this workspace; refresh.")
    comment = rows[0]
    post = None
    if comment["post_id"] is not None:
        post = next(iter(db.query("SELECT * FROM posts WHERE id = ?", [comment["post_id"]])), None)
    light = "id, platform_id, author_id, author_name, text, created_at, status, hidden, risk"
    parent = None
    if comment["parent_platform_id"]:
        parent = next(
            iter(
                db.query(
                    f"SELECT {light} FROM comments WHERE platform = ? AND platform_id = ?",
                    [comment["platform"], comment["parent_platform_id"]],
                )
            ),
            None,
        )
    replies = list(
        db.query(
            f"""SELECT {light} FROM comments WHERE platform = ? AND parent_platform_id = ?
                ORDER BY created_at, id""",
            [comment["platform"], comment["platform_id"]],
        )
    )
    author_comments: list[dict[str, Any]] = []
    if comment["author_id"]:
        author_comments = list(
            db.query(
                f"""SELECT {light} FROM comments WHERE platform = ? AND author_id = ? AND id != ?
                    ORDER BY created_at DESC, id DESC LIMIT ?""",
                [comment["platform"], comment["author_id"], comment_id, OTHER_COMMENTS_LIMIT],
            )
        )
    analysis = next(
        iter(db.query("SELECT * FROM analyses WHERE comment_id = ?", [comment_id])), None
    )
    if analysis is not None:
        analysis["adverse_event"] = _json_or_none(analysis["adverse_event"])
    actions = list(db.query("SELECT * FROM actions WHERE comment_id = ? ORDER BY id", [comment_id]))
    for action in actions:
        action["payload"] = _json_or_none(action["payload"]) or {}
        action["result"] = _json_or_none(action["result"])
    escalations = list(
        db.query("SELECT * FROM escalations WHERE comment_id = ? ORDER BY created_at", [comment_id])
    )
    for escalation in escalations:
        escalation["record"] = _json_or_none(escalation["record"])
    history = list(
        db.query(
            """SELECT seq, at, actor, action, note, before, after, details FROM audit_log
               WHERE comment_id = ? ORDER BY seq""",
            [comment_id],
        )
    )
    for entry in history:
        for key in ("before", "after", "details"):
            entry[key] = _json_or_none(entry[key])
    revisions = list(
        db.query(
            "SELECT text, updated_at, replaced_at FROM comment_revisions WHERE comment_id = ? "
            "ORDER BY id",
            [comment_id],
        )
    )
    return CommentDetail(
        comment=comment,
        post=post,
        parent=parent,
        replies=replies,
        author_comments=author_comments,
        flags=flags_for(db, comment_id),
        analysis=analysis,
        actions=actions,
        escalations=escalations,
        history=history,
        revisions=revisions,
    )


def mark_read(db: Database, comment_id: int, actor: str) -> bool:
    """Record that ``actor`` opened the comment; returns True when anything was written.

    ``read_at`` is set the first time anyone opens it (the queue's bold/unread cue). For
    a comment flagged as an adverse event each moderator's first view is also audited
    (``comment.viewed``), because inspectors ask who saw a potential AE first and when.
    """
    with db.atomic():
        row = db.execute("SELECT read_at FROM comments WHERE id = ?", [comment_id]).fetchone()
        if row is None:
            raise CommentNotFoundError(f"Comment {comment_id} is not in this workspace; refresh.")
        stamp = now_text()
        changed = False
        if row[0] is None:
            db.execute("UPDATE comments SET read_at = ? WHERE id = ?", [stamp, comment_id])
            changed = True
        is_ae = db.execute(
            "SELECT 1 FROM flags WHERE comment_id = ? AND kind = 'adverse_event'", [comment_id]
        ).fetchone()
        if is_ae:
            seen = db.execute(
                """SELECT 1 FROM audit_log WHERE comment_id = ? AND action = 'comment.viewed'
                   AND actor = ? LIMIT 1""",
                [comment_id, actor],
            ).fetchone()
            if not seen:
                first = not db.execute(
                    """SELECT 1 FROM audit_log WHERE comment_id = ? AND action = 'comment.viewed'
                       LIMIT 1""",
                    [comment_id],
                ).fetchone()
                audit.append(
                    db,
                    actor=actor,
                    action="comment.viewed",
                    comment_id=comment_id,
                    details={"first_viewer": first},
                    at=stamp,
                )
                changed = True
    return changed
