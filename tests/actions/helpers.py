"""Shared helpers for the action and audit tests: a stored demo page and a fake connector."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from moderator.connectors.base import FetchBatch
from moderator.models import RemoteComment, RemotePost
from moderator.store.ingest import store_batch
from moderator.store.pages import add_page

T0 = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


def seed(db, texts: Iterable[str] = ("This gave me hives after Xarelto", "Thanks!")) -> dict:
    """A demo page with one post and a comment per text; returns page and comment rows."""
    page = add_page(
        db,
        platform="demo",
        platform_id="demo-test",
        name="Test Page",
        api_base=None,
        actor="setup",
    )
    comments = [
        RemoteComment(
            platform_id=f"c-{n}",
            post_id="post-1",
            text=text,
            author_id=f"u-{n}",
            author_name=f"Person {n}",
            created_at=T0 + timedelta(minutes=n),
            permalink=f"https://demo.example/c-{n}",
        )
        for n, text in enumerate(texts, start=1)
    ]
    store_batch(
        db,
        page,
        FetchBatch(
            posts=[RemotePost("post-1", "About Xarelto", T0, permalink="https://demo.example/p")],
            comments=comments,
        ),
    )
    rows = {r["platform_id"]: r for r in db.query("SELECT * FROM comments ORDER BY id")}
    return {"page": page, "comments": rows}


def audit_count(db) -> int:
    return db.execute("SELECT count(*) FROM audit_log").fetchone()[0]


def audit_actions(db) -> list[str]:
    return [row[0] for row in db.execute("SELECT action FROM audit_log ORDER BY seq")]


class Crash(BaseException):
    """Stands for the process dying: not an Exception, so nothing in the worker catches it."""


class FakeConnector:
    """Records every platform call; ``script`` lists exceptions to raise on successive calls.

    ``crash_after`` makes the call take effect and then 'kill the process' (raise Crash).
    """

    platform = "demo"

    def __init__(self, script: list[BaseException] | None = None, crash_after: bool = False):
        self.script = list(script or [])
        self.crash_after = crash_after
        self.calls: list[tuple[str, str, Any]] = []
        self.applied: list[tuple[str, str, Any]] = []
        self.hidden: set[str] = set()

    def _do(self, kind: str, comment_id: str, extra: Any = None) -> None:
        self.calls.append((kind, comment_id, extra))
        if self.script:
            raise self.script.pop(0)
        self.applied.append((kind, comment_id, extra))
        if kind == "hide":
            self.hidden.add(comment_id)
        elif kind == "unhide":
            self.hidden.discard(comment_id)
        if self.crash_after:
            self.crash_after = False
            raise Crash()

    def hide(self, comment_id: str) -> None:
        self._do("hide", comment_id)

    def unhide(self, comment_id: str) -> None:
        self._do("unhide", comment_id)

    def delete(self, comment_id: str) -> None:
        self._do("delete", comment_id)

    def reply(self, comment_id: str, text: str) -> str:
        self._do("reply", comment_id, text)
        return f"{comment_id}-r{len(self.applied)}"

    def validate(self) -> str:
        return "Test Page"

    def fetch(self, since, cursor):  # pragma: no cover - not used by the outbox
        return iter(())

    def count(self, kind: str) -> int:
        return sum(1 for call in self.calls if call[0] == kind)


class FakeClock:
    """A controllable clock; ``sleep`` advances it instead of waiting."""

    def __init__(self, start: datetime = T0 + timedelta(days=1)) -> None:
        self.now = start
        self.slept: list[float] = []

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.advance(seconds)
