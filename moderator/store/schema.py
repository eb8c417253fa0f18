"""The store's schema as an ordered list of sqlite-utils migrations.

Each migration runs in its own transaction together with the record of it having been
applied. Never edit a migration that has shipped: add a new one.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("moderation-console")


@MIGRATIONS(name="0001_initial")
def initial(db: Database) -> None:
    """Pages, posts, comments with history, flags, analyses, outbox, escalations, audit."""
    db.executescript(
        """
        CREATE TABLE pages (
            id INTEGER PRIMARY KEY,
            platform TEXT NOT NULL,
            platform_id TEXT NOT NULL,
            name TEXT NOT NULL,
            api_base TEXT,
            added_at TEXT NOT NULL,
            last_sync_at TEXT,
            last_sync_status TEXT,
            last_error TEXT,
            platform_comment_count INTEGER,
            sync_since TEXT,
            sync_cursor TEXT,
            sync_attempt_started_at TEXT,
            removed_at TEXT,
            UNIQUE (platform, platform_id)
        );

        CREATE TABLE posts (
            id INTEGER PRIMARY KEY,
            page_id INTEGER NOT NULL REFERENCES pages(id),
            platform TEXT NOT NULL,
            platform_id TEXT NOT NULL,
            text TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            permalink TEXT,
            comment_count INTEGER,
            first_seen_at TEXT NOT NULL,
            UNIQUE (platform, platform_id)
        );

        CREATE TABLE comments (
            id INTEGER PRIMARY KEY,
            page_id INTEGER NOT NULL REFERENCES pages(id),
            post_id INTEGER REFERENCES posts(id),
            platform TEXT NOT NULL,
            platform_id TEXT NOT NULL,
            post_platform_id TEXT NOT NULL,
            parent_platform_id TEXT,
            author_id TEXT,
            author_name TEXT,
            text TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT,
            permalink TEXT,
            hidden INTEGER NOT NULL DEFAULT 0,
            deleted_on_platform INTEGER NOT NULL DEFAULT 0,
            first_seen_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'new',
            risk INTEGER NOT NULL DEFAULT 0,
            top_kind TEXT,
            analysed_at TEXT,
            read_at TEXT,
            UNIQUE (platform, platform_id)
        );
        CREATE INDEX comments_queue ON comments (risk DESC, created_at DESC, id DESC);
        CREATE INDEX comments_pending_analysis ON comments (analysed_at) WHERE analysed_at IS NULL;
        CREATE INDEX comments_page ON comments (page_id, created_at);
        CREATE INDEX comments_post ON comments (post_id);
        CREATE INDEX comments_orphans ON comments (platform, post_platform_id)
            WHERE post_id IS NULL;
        CREATE INDEX comments_author ON comments (platform, author_id);
        CREATE INDEX comments_parent ON comments (platform, parent_platform_id);
        CREATE INDEX comments_status ON comments (status, risk DESC, created_at DESC);

        CREATE TABLE comment_revisions (
            id INTEGER PRIMARY KEY,
            comment_id INTEGER NOT NULL REFERENCES comments(id),
            text TEXT NOT NULL,
            updated_at TEXT,
            replaced_at TEXT NOT NULL
        );
        CREATE INDEX comment_revisions_comment ON comment_revisions (comment_id);

        CREATE TABLE flags (
            id INTEGER PRIMARY KEY,
            comment_id INTEGER NOT NULL REFERENCES comments(id),
            kind TEXT NOT NULL,
            score REAL NOT NULL,
            evidence TEXT NOT NULL DEFAULT '[]',
            explanation TEXT NOT NULL DEFAULT '',
            detector_version TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            UNIQUE (comment_id, kind)
        );
        CREATE INDEX flags_kind ON flags (kind, comment_id);

        CREATE TABLE analyses (
            comment_id INTEGER PRIMARY KEY REFERENCES comments(id),
            adverse_event TEXT,
            serious INTEGER NOT NULL DEFAULT 0,
            detector_version TEXT NOT NULL,
            analysed_at TEXT NOT NULL
        );

        CREATE TABLE actions (
            id INTEGER PRIMARY KEY,
            comment_id INTEGER NOT NULL REFERENCES comments(id),
            kind TEXT NOT NULL,
            payload TEXT NOT NULL DEFAULT '{}',
            status TEXT NOT NULL DEFAULT 'pending',
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT,
            last_error TEXT,
            idempotency_key TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            applied_at TEXT,
            result TEXT
        );
        CREATE INDEX actions_status ON actions (status, next_attempt_at);
        CREATE INDEX actions_comment ON actions (comment_id);

        CREATE TABLE escalations (
            id TEXT PRIMARY KEY,
            comment_id INTEGER NOT NULL REFERENCES comments(id),
            kind TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open',
            record TEXT NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            day_zero TEXT NOT NULL,
            internal_due_at TEXT NOT NULL,
            regulatory_due_at TEXT,
            acknowledged_at TEXT,
            acknowledged_by TEXT,
            note TEXT
        );
        CREATE INDEX escalations_status ON escalations (status, internal_due_at);
        CREATE INDEX escalations_comment ON escalations (comment_id);

        CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            comment_id INTEGER,
            page_id INTEGER,
            note TEXT,
            before TEXT,
            after TEXT,
            details TEXT,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX audit_log_at ON audit_log (at);
        CREATE INDEX audit_log_comment ON audit_log (comment_id);

        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """
    )
    db["comments"].enable_fts(
        ["text", "author_name"], fts_version="FTS5", create_triggers=True, tokenize="unicode61"
    )


@MIGRATIONS(name="0002_audit_head")
def audit_head(db: Database) -> None:
    """Where the audit chain ends, kept apart from the rows.

    A hash chain cannot tell that its newest entries were deleted (what is left still
    chains); :func:`moderator.audit.verify` compares the chain's end with this anchor.
    """
    db.executescript(
        """
        CREATE TABLE audit_head (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            seq INTEGER NOT NULL,
            hash TEXT NOT NULL
        );
        INSERT INTO audit_head (id, seq, hash)
            SELECT 1, seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1;
        """
    )


@MIGRATIONS(name="0003_fts_update_trigger_on_text")
def fts_update_trigger_on_text(db: Database) -> None:
    """Re-index a comment in FTS5 only when its text or author name changes.

    The trigger sqlite-utils created fires on *any* update, so every status change, read
    mark and detector verdict deleted and re-inserted the comment's full-text entry
    (flagging a million comments rewrote the whole index). Same content, far less work.
    """
    db.executescript(
        """
        DROP TRIGGER IF EXISTS comments_au;
        CREATE TRIGGER comments_au AFTER UPDATE OF text, author_name ON comments BEGIN
          INSERT INTO comments_fts (comments_fts, rowid, text, author_name)
            VALUES ('delete', old.rowid, old.text, old.author_name);
          INSERT INTO comments_fts (rowid, text, author_name)
            VALUES (new.rowid, new.text, new.author_name);
        END;
        """
    )


@MIGRATIONS(name="0004_lean_fts_and_reply_index")
def lean_fts_and_reply_index(db: Database) -> None:
    """Drop FTS5's per-row size table and index only replies by their parent.

    The console searches with ANDed prefix terms and never ranks (``moderator.queue``), so
    FTS5's ``docsize`` table (token counts per row, read only by bm25) is written for
    nothing: ``columnsize=0`` leaves it out, a third less work for every indexed comment.
    Thread look-ups ask ``parent_platform_id = ?``, which only a reply can match, so the
    parent index leaves top-level comments (most of them) out. Same queries, same results.
    """
    db.executescript(
        """
        DROP TABLE comments_fts;
        CREATE VIRTUAL TABLE comments_fts USING FTS5 (
            text, author_name,
            tokenize='unicode61',
            content='comments',
            columnsize=0
        );
        INSERT INTO comments_fts (comments_fts) VALUES ('rebuild');
        DROP INDEX comments_parent;
        CREATE INDEX comments_parent ON comments (platform, parent_platform_id)
            WHERE parent_platform_id IS NOT NULL;
        """
    )
