"""Instagram professional accounts through the Graph API (Instagram API with Facebook Login).

``page_id`` is the IG user id and ``token`` the linked Page's access token. Media are listed
with cursor paging and each media item's comments with their replies expanded inline
(``/{comment_id}/replies`` picks up the rest). The comments edge has no documented order or
``since`` filter, so an incremental fetch reads every comment of a media item that may have
changed and keeps those at or after ``since``; media whose ``comments_count`` is zero are
skipped. Cursor and token handling are the same as Facebook's (see ``facebook.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from moderator.connectors.base import FetchBatch
from moderator.connectors.facebook import DEFAULT_VERSION, GraphApi, GraphFetchState
from moderator.connectors.http import (
    HttpClient,
    as_utc,
    expect_dict,
    expect_list,
    expect_str,
    optional_bool,
    optional_int,
    optional_str,
    parse_time,
)
from moderator.models import RemoteComment, RemotePost

REPLY_FIELDS = "id,text,timestamp,username,from,hidden,parent_id"


class InstagramConnector:
    """An Instagram professional account connected through its Facebook Page."""

    platform = "instagram"

    MEDIA_FIELDS = "id,caption,timestamp,permalink,comments_count"
    COMMENT_FIELDS = f"id,text,timestamp,username,from,hidden,parent_id,replies{{{REPLY_FIELDS}}}"

    def __init__(
        self,
        page_id: str,
        token: str,
        api_base: str | None = None,
        http: HttpClient | None = None,
        *,
        version: str = DEFAULT_VERSION,
        page_size: int = 50,
        max_pages: int = 10_000,
    ) -> None:
        self.page_id = page_id
        self.page_size = page_size
        self.api = GraphApi(token, api_base, http, version, max_pages)

    def __repr__(self) -> str:
        return f"InstagramConnector(page_id={self.page_id!r}, api_base={self.api.api_base!r})"

    # -- reading ---------------------------------------------------------------------------

    def validate(self) -> str:
        """Check the token against the account; return its username (or name)."""
        body = self.api.get(self.page_id, {"fields": "id,username,name"})
        name = optional_str(body.get("username"), "the account name")
        return name or expect_str(body.get("name"), "the account name")

    def fetch(self, since: datetime | None, cursor: str | None) -> Iterator[FetchBatch]:
        """Yield one batch per media page and per comments page; last batch has the total."""
        since = as_utc(since)
        state = GraphFetchState.load(cursor)
        seen_media: set[str] = set()
        seen_comments: set[str] = set()
        while True:
            if state.pending:
                batch = self._comments_page(state, since, seen_comments)
                if state.comments_next is None:
                    seen_comments = set()
                yield batch
            elif not state.posts_done:
                yield self._media_page(state, seen_media)
            else:
                break
        yield FetchBatch(cursor=None, total_comments=state.total if state.total_known else None)

    def _media_page(self, state: GraphFetchState, seen: set[str]) -> FetchBatch:
        if state.posts_next:
            body = self.api.get(state.posts_next)
        else:
            body = self.api.get(
                f"{self.page_id}/media",
                {"fields": self.MEDIA_FIELDS, "limit": str(self.page_size)},
            )
        posts: list[RemotePost] = []
        for item in expect_list(body.get("data"), "the list of media"):
            post = self._parse_media(item)
            posts.append(post)
            if post.comment_count is None:
                state.total_known = False
            else:
                state.total += post.comment_count
            if post.comment_count != 0:
                state.pending.append(post.platform_id)
        state.posts_next = self.api.next_url(body, seen)
        state.posts_done = state.posts_next is None
        return FetchBatch(posts=posts, cursor=state.dump())

    @staticmethod
    def _parse_media(item: Any) -> RemotePost:
        item = expect_dict(item, "a media item")
        return RemotePost(
            platform_id=expect_str(item.get("id"), "a media id"),
            text=optional_str(item.get("caption"), "a caption") or "",
            created_at=parse_time(item.get("timestamp"), "a media time"),
            permalink=optional_str(item.get("permalink"), "a media link"),
            comment_count=optional_int(item.get("comments_count"), "a comment count"),
        )

    def _comments_page(
        self, state: GraphFetchState, since: datetime | None, seen: set[str]
    ) -> FetchBatch:
        media_id = state.pending[0]
        if state.comments_next:
            body = self.api.get(state.comments_next)
        else:
            body = self.api.get(
                f"{media_id}/comments",
                {"fields": self.COMMENT_FIELDS, "limit": str(self.page_size)},
            )
        found: list[RemoteComment] = []
        for item in expect_list(body.get("data"), "the list of comments"):
            item = expect_dict(item, "a comment")
            found.append(self._parse_comment(item, media_id, None))
            replies = item.get("replies")
            if replies is not None:
                found.extend(self._replies(expect_dict(replies, "replies"), media_id, found[-1]))
        state.comments_next = self.api.next_url(body, seen)
        if state.comments_next is None:
            state.pending.pop(0)
        kept = [c for c in found if since is None or c.created_at >= since]
        return FetchBatch(comments=kept, cursor=state.dump())

    def _replies(
        self, edge: dict[str, Any], media_id: str, parent: RemoteComment
    ) -> list[RemoteComment]:
        """Inline replies plus any further pages of ``/{comment_id}/replies``."""
        out: list[RemoteComment] = []
        seen: set[str] = set()
        while True:
            for item in expect_list(edge.get("data"), "the list of replies"):
                out.append(self._parse_comment(item, media_id, parent.platform_id))
            next_url = self.api.next_url(edge, seen)
            if next_url is None:
                return out
            edge = self.api.get(next_url)

    @staticmethod
    def _parse_comment(item: Any, media_id: str, parent_id: str | None) -> RemoteComment:
        item = expect_dict(item, "a comment")
        author = item.get("from")
        author_id = None
        username = optional_str(item.get("username"), "a username")
        if author is not None:
            author = expect_dict(author, "a comment author")
            author_id = optional_str(author.get("id"), "a comment author id")
            username = username or optional_str(author.get("username"), "a username")
        return RemoteComment(
            platform_id=expect_str(item.get("id"), "a comment id"),
            post_id=media_id,
            text=optional_str(item.get("text"), "a comment text") or "",
            author_id=author_id,
            author_name=username,
            created_at=parse_time(item.get("timestamp"), "a comment time"),
            parent_id=optional_str(item.get("parent_id"), "a parent id") or parent_id,
            hidden=optional_bool(item.get("hidden"), "a hidden flag"),
            permalink=None,  # Instagram has no per-comment URL
        )

    def platform_comment_count(self) -> int | None:
        """Sum of ``comments_count`` (replies included) over every media item."""
        total = 0
        seen: set[str] = set()
        body = self.api.get(
            f"{self.page_id}/media", {"fields": self.MEDIA_FIELDS, "limit": str(self.page_size)}
        )
        while True:
            for item in expect_list(body.get("data"), "the list of media"):
                count = self._parse_media(item).comment_count
                if count is None:
                    return None
                total += count
            next_url = self.api.next_url(body, seen)
            if next_url is None:
                return total
            body = self.api.get(next_url)

    # -- moderating ------------------------------------------------------------------------

    def hide(self, comment_id: str) -> None:
        """Hide a comment (the request parameter is ``hide``; the read field is ``hidden``)."""
        self.api.expect_success(self.api.post(comment_id, {"hide": "true"}), "hide")

    def unhide(self, comment_id: str) -> None:
        """Make a hidden comment public again."""
        self.api.expect_success(self.api.post(comment_id, {"hide": "false"}), "unhide")

    def reply(self, comment_id: str, text: str) -> str:
        """Reply to a top-level comment; Instagram files replies-to-replies under the top."""
        body = self.api.post(f"{comment_id}/replies", {"message": text}, idempotent=False)
        return expect_str(body.get("id"), "the new reply's id")

    def delete(self, comment_id: str) -> None:
        """Delete a comment for good."""
        self.api.expect_success(self.api.delete(comment_id), "delete")
