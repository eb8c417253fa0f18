"""Instagram professional accounts through the Graph API (Instagram API with Facebook Login).

``page_id`` is the IG user id and ``token`` the linked Page's access token. Media are listed
with cursor paging and each media item's comments with their replies expanded inline
(``/{comment_id}/replies`` picks up the rest). The comments edge has no documented order or
``since`` filter, so an incremental fetch reads every comment of a media item that may have
changed and keeps those at or after ``since``; media whose ``comments_count`` is zero are
skipped. Paging, cursor, token and moderation plumbing are shared with Facebook
(see ``graph.py``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from moderator.connectors.graph import GraphConnector
from moderator.connectors.wire import (
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


class InstagramConnector(GraphConnector):
    """An Instagram professional account connected through its Facebook Page.

    The hide request parameter is ``hide`` while the read field is ``hidden``; replies go to
    a comment's ``replies`` edge, and Instagram files replies-to-replies under the top.
    """

    platform = "instagram"
    OBJECTS_EDGE = "media"
    OBJECTS_WHAT = "the list of media"
    HIDE_PARAM = "hide"
    REPLY_EDGE = "replies"
    DEFAULT_PAGE_SIZE = 50

    OBJECT_FIELDS = "id,caption,timestamp,permalink,comments_count"
    COMMENT_FIELDS = f"id,text,timestamp,username,from,hidden,parent_id,replies{{{REPLY_FIELDS}}}"

    def validate(self) -> str:
        """Check the token against the account; return its username (or name)."""
        body = self.api.get(self.page_id, {"fields": "id,username,name"})
        name = optional_str(body.get("username"), "the account name")
        return name or expect_str(body.get("name"), "the account name")

    def _needs_comments(
        self, post: RemotePost, updated: datetime | None, since: datetime | None
    ) -> bool:
        """Media have no activity time: open every one that has comments at all."""
        return post.comment_count != 0

    def _parse_object(self, item: Any) -> tuple[RemotePost, datetime | None]:
        item = expect_dict(item, "a media item")
        post = RemotePost(
            platform_id=expect_str(item.get("id"), "a media id"),
            text=optional_str(item.get("caption"), "a caption") or "",
            created_at=parse_time(item.get("timestamp"), "a media time"),
            permalink=optional_str(item.get("permalink"), "a media link"),
            comment_count=optional_int(item.get("comments_count"), "a comment count"),
        )
        return post, None

    def _comment_params(self) -> dict[str, str]:
        """Top-level comments with their first replies inline; no order or ``since`` filter."""
        return {"fields": self.COMMENT_FIELDS, "limit": str(self.page_size)}

    def _read_comments(
        self, body: dict[str, Any], object_id: str, since: datetime | None
    ) -> tuple[list[RemoteComment], bool]:
        """Every comment and reply of the page, then only those at or after ``since``."""
        found: list[RemoteComment] = []
        for item in expect_list(body.get("data"), "the list of comments"):
            item = expect_dict(item, "a comment")
            found.append(self._parse_comment(item, object_id, None))
            replies = item.get("replies")
            if replies is not None:
                found.extend(self._replies(expect_dict(replies, "replies"), object_id, found[-1]))
        kept = [c for c in found if since is None or c.created_at >= since]
        return kept, False

    def _replies(
        self, edge: dict[str, Any], media_id: str, parent: RemoteComment
    ) -> list[RemoteComment]:
        """Inline replies plus any further pages of ``/{comment_id}/replies``."""
        out: list[RemoteComment] = []
        for page in self.api.follow(edge):
            for item in expect_list(page.get("data"), "the list of replies"):
                out.append(self._parse_comment(item, media_id, parent.platform_id))
        return out

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
