"""Facebook Pages through the Graph API: list posts and comments, hide, reply, delete.

Posts are listed with time-based paging and comments per post with ``filter=stream`` (all
comments and replies in one flat list) newest first, so an incremental fetch stops as soon
as it passes the ``since`` mark. Every page of results becomes one ``FetchBatch`` whose cursor
names the work still to do, so a crashed sync resumes where it stopped. The paging, cursor,
token and moderation plumbing shared with Instagram is in ``graph.py``.
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


class FacebookConnector(GraphConnector):
    """A Facebook Page; ``token`` is a Page access token with moderation rights.

    Hiding keeps a comment visible to its author and their friends; a reply is posted to the
    comment's ``comments`` edge as the Page.
    """

    platform = "facebook"
    OBJECTS_EDGE = "posts"
    OBJECTS_WHAT = "the list of posts"
    HIDE_PARAM = "is_hidden"
    REPLY_EDGE = "comments"
    DEFAULT_PAGE_SIZE = 100

    OBJECT_FIELDS = (
        "id,message,story,created_time,updated_time,permalink_url,"
        "comments.filter(stream).limit(0).summary(true)"
    )
    COMMENT_FIELDS = "id,message,from,created_time,parent{id},is_hidden,permalink_url"

    def validate(self) -> str:
        """Check the token against the page; return the page's name."""
        body = self.api.get(self.page_id, {"fields": "id,name"})
        return expect_str(body.get("name"), "the page name")

    def _needs_comments(
        self, post: RemotePost, updated: datetime | None, since: datetime | None
    ) -> bool:
        """Skip posts whose ``updated_time`` (it moves on a new comment) is before ``since``."""
        return since is None or updated is None or updated >= since

    def _parse_object(self, item: Any) -> tuple[RemotePost, datetime | None]:
        item = expect_dict(item, "a post")
        count = None
        comments = item.get("comments")
        if isinstance(comments, dict) and isinstance(comments.get("summary"), dict):
            count = optional_int(comments["summary"].get("total_count"), "a comment count")
        text = optional_str(item.get("message"), "a post message")
        if text is None:
            text = optional_str(item.get("story"), "a post story") or ""
        updated_raw = item.get("updated_time")
        updated = parse_time(updated_raw, "a post time") if updated_raw is not None else None
        post = RemotePost(
            platform_id=expect_str(item.get("id"), "a post id"),
            text=text,
            created_at=parse_time(item.get("created_time"), "a post time"),
            permalink=optional_str(item.get("permalink_url"), "a post link"),
            comment_count=count,
        )
        return post, updated

    def _comment_params(self) -> dict[str, str]:
        """All comments and replies in one flat list, newest first."""
        return {
            "filter": "stream",
            "order": "reverse_chronological",
            "summary": "true",
            "limit": str(self.page_size),
            "fields": self.COMMENT_FIELDS,
        }

    def _read_comments(
        self, body: dict[str, Any], object_id: str, since: datetime | None
    ) -> tuple[list[RemoteComment], bool]:
        """Stop at the first comment before ``since``: everything after it is older."""
        comments: list[RemoteComment] = []
        for item in expect_list(body.get("data"), "the list of comments"):
            comment = self._parse_comment(item, object_id)
            if since is not None and comment.created_at < since:
                return comments, True
            comments.append(comment)
        return comments, False

    def _parse_comment(self, item: Any, post_id: str) -> RemoteComment:
        item = expect_dict(item, "a comment")
        author = item.get("from")
        author_id = author_name = None
        if author is not None:
            author = expect_dict(author, "a comment author")
            author_id = optional_str(author.get("id"), "a comment author id")
            author_name = optional_str(author.get("name"), "a comment author name")
        parent = item.get("parent")
        parent_id = None
        if parent is not None:
            parent_id = expect_str(expect_dict(parent, "a parent").get("id"), "a parent id")
        return RemoteComment(
            platform_id=expect_str(item.get("id"), "a comment id"),
            post_id=post_id,
            text=optional_str(item.get("message"), "a comment message") or "",
            author_id=author_id,
            author_name=author_name,
            created_at=parse_time(item.get("created_time"), "a comment time"),
            parent_id=parent_id,
            hidden=optional_bool(item.get("is_hidden"), "a hidden flag"),
            permalink=optional_str(item.get("permalink_url"), "a comment link"),
        )
