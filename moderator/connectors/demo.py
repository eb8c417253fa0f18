"""The bundled demo page, served through the same connector interface as real platforms.

The "platform" is a JSON document (``resources/demo/page.json`` by default); moderation
actions are applied to a small state file in the workspace, so hiding a demo comment
behaves like hiding one on Facebook: it survives a restart and the next sync sees it.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from moderator.connectors.base import FetchBatch, MalformedResponseError, PermanentError
from moderator.models import RemoteComment, RemotePost
from moderator.resources import resource_path
from moderator.timeutil import parse

BATCH_SIZE = 50


def bundled_page_path() -> Path:
    """The bundled demo page document."""
    return resource_path("demo", "page.json")


class DemoConnector:
    """Serves a demo page document; ``api_base`` may point at another page document."""

    platform = "demo"

    def __init__(
        self,
        page_id: str,
        token: str | None = None,
        api_base: str | None = None,
        state_path: Path | None = None,
    ) -> None:
        self.page_id = page_id
        self.source = Path(api_base) if api_base else bundled_page_path()
        self.state_path = state_path
        self._lock = threading.Lock()

    # -- the platform's data -------------------------------------------------------------
    def _document(self) -> dict[str, Any]:
        try:
            document = json.loads(self.source.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise MalformedResponseError(
                f"The demo page {self.source} cannot be read: {error}"
            ) from error
        if not isinstance(document, dict) or not isinstance(document.get("comments"), list):
            raise MalformedResponseError(f"The demo page {self.source} has no comments list.")
        return document

    def _state(self) -> dict[str, Any]:
        if self.state_path and self.state_path.exists():
            return json.loads(self.state_path.read_text(encoding="utf-8"))
        return {"hidden": {}, "deleted": [], "replies": []}

    def _save_state(self, state: dict[str, Any]) -> None:
        if self.state_path is None:
            return
        self.state_path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.state_path.with_suffix(".tmp")
        temporary.write_text(json.dumps(state, indent=1), encoding="utf-8")
        temporary.replace(self.state_path)

    # -- Connector interface ---------------------------------------------------------------
    def validate(self) -> str:
        return str(self._document().get("page", {}).get("name", "Demo page"))

    def fetch(self, since: datetime | None, cursor: str | None) -> Iterator[FetchBatch]:
        document = self._document()
        state = self._state()
        posts = [
            RemotePost(
                platform_id=p["id"],
                text=p.get("text", ""),
                created_at=parse(p["created_at"]),
                permalink=p.get("permalink"),
                comment_count=sum(1 for c in document["comments"] if c["post_id"] == p["id"]),
            )
            for p in document.get("posts", [])
        ]
        comments = [self._comment(raw, state) for raw in document["comments"]]
        comments += [self._comment(raw, state) for raw in state["replies"]]
        deleted = set(state["deleted"])
        live = [c for c in comments if c.platform_id not in deleted]
        if since is not None:
            live = [c for c in live if (c.updated_at or c.created_at) > since]
        offset = json.loads(cursor)["offset"] if cursor else 0
        total = len(comments) - len(deleted)
        if offset == 0:
            yield FetchBatch(posts=posts, cursor=json.dumps({"offset": 0}), total_comments=total)
        for start in range(offset, len(live), BATCH_SIZE):
            end = start + BATCH_SIZE
            yield FetchBatch(
                comments=live[start:end],
                cursor=json.dumps({"offset": min(end, len(live))}),
                total_comments=total,
            )
        if deleted:
            yield FetchBatch(deleted_ids=sorted(deleted), cursor=None, total_comments=total)
        else:
            yield FetchBatch(cursor=None, total_comments=total)

    def _comment(self, raw: dict[str, Any], state: dict[str, Any]) -> RemoteComment:
        try:
            return RemoteComment(
                platform_id=str(raw["id"]),
                post_id=str(raw["post_id"]),
                text=str(raw["text"]),
                author_id=raw.get("author_id"),
                author_name=raw.get("author_name"),
                created_at=parse(raw["created_at"]),
                updated_at=parse(raw["updated_at"]) if raw.get("updated_at") else None,
                parent_id=raw.get("parent_id"),
                hidden=bool(state["hidden"].get(str(raw["id"]), raw.get("hidden", False))),
                permalink=raw.get("permalink"),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise MalformedResponseError(f"A demo comment is malformed: {error!r}") from error

    def _known(self, comment_id: str, state: dict[str, Any]) -> None:
        ids = {str(c["id"]) for c in self._document()["comments"]}
        ids |= {r["id"] for r in state["replies"]}
        if comment_id not in ids or comment_id in state["deleted"]:
            raise PermanentError(f"The demo page has no comment {comment_id}.")

    def _set_hidden(self, comment_id: str, hidden: bool) -> None:
        with self._lock:
            state = self._state()
            self._known(comment_id, state)
            state["hidden"][comment_id] = hidden
            self._save_state(state)

    def hide(self, comment_id: str) -> None:
        self._set_hidden(comment_id, True)

    def unhide(self, comment_id: str) -> None:
        self._set_hidden(comment_id, False)

    def reply(self, comment_id: str, text: str) -> str:
        with self._lock:
            state = self._state()
            self._known(comment_id, state)
            parent = next(
                (c for c in self._document()["comments"] if str(c["id"]) == comment_id), None
            ) or next(r for r in state["replies"] if r["id"] == comment_id)
            reply_id = f"{comment_id}-r{len(state['replies']) + 1}"
            state["replies"].append(
                {
                    "id": reply_id,
                    "post_id": parent["post_id"],
                    "parent_id": comment_id,
                    "author_id": self.page_id,
                    "author_name": self.validate(),
                    "text": text,
                    "created_at": datetime.now().astimezone().isoformat(),
                }
            )
            self._save_state(state)
            return reply_id

    def delete(self, comment_id: str) -> None:
        with self._lock:
            state = self._state()
            self._known(comment_id, state)
            state["deleted"].append(comment_id)
            self._save_state(state)
