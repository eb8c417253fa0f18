"""Facebook Pages through the Graph API: list posts and comments, hide, reply, delete.

Posts are listed with time-based paging and comments per post with ``filter=stream`` (all
comments and replies in one flat list) newest first, so an incremental fetch stops as soon
as it passes the ``since`` mark. Every page of results becomes one ``FetchBatch`` whose cursor
names the work still to do, so a crashed sync resumes where it stopped. Stored paging URLs
never contain the token: it is stripped before a URL goes into a cursor and added back at
request time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from moderator.connectors.base import FetchBatch, MalformedResponseError
from moderator.connectors.http import (
    HttpClient,
    as_utc,
    check_same_origin,
    expect_dict,
    expect_list,
    expect_str,
    optional_bool,
    optional_int,
    optional_str,
    parse_time,
    strip_token,
)
from moderator.models import RemoteComment, RemotePost

DEFAULT_API_BASE = "https://graph.facebook.com"
DEFAULT_VERSION = "v25.0"
CURSOR_VERSION = 1


class GraphApi:
    """The Graph API plumbing Facebook and Instagram share: token, URLs, paging guard."""

    def __init__(
        self,
        token: str,
        api_base: str | None,
        http: HttpClient | None,
        version: str = DEFAULT_VERSION,
        max_pages: int = 10_000,
    ) -> None:
        self._token = token
        self.api_base = (api_base or DEFAULT_API_BASE).rstrip("/")
        self.version = version
        self.max_pages = max_pages
        self.http = http or HttpClient()
        self.http.register_secret(token)

    def __repr__(self) -> str:
        return f"GraphApi(api_base={self.api_base!r}, version={self.version!r})"

    def url(self, path: str) -> str:
        """Absolute URL of ``/{version}/{path}``."""
        return f"{self.api_base}/{self.version}/{path.lstrip('/')}"

    def get(self, path_or_url: str, params: dict[str, str] | None = None) -> dict[str, Any]:
        """GET a path (or a stored paging URL, token-free) and return the JSON object."""
        url = path_or_url if "://" in path_or_url else self.url(path_or_url)
        check_same_origin(url, self.api_base)
        query = dict(params or {})
        query["access_token"] = self._token
        return self.http.request("GET", url, dialect="graph", params=query).body or {}

    def post(self, path: str, data: dict[str, str], *, idempotent: bool = True) -> dict[str, Any]:
        """POST form fields; the token travels in the form body, not the URL."""
        form = dict(data)
        form["access_token"] = self._token
        result = self.http.request(
            "POST", self.url(path), dialect="graph", data=form, idempotent=idempotent
        )
        return result.body or {}

    def delete(self, path: str) -> dict[str, Any]:
        """DELETE an object."""
        result = self.http.request(
            "DELETE", self.url(path), dialect="graph", params={"access_token": self._token}
        )
        return result.body or {}

    def expect_success(self, body: dict[str, Any], what: str) -> None:
        """Moderation calls answer ``{"success": true}``; anything else is not a success."""
        if body.get("success") is not True:
            raise MalformedResponseError(f"The platform did not confirm the {what}.")

    def next_url(self, body: dict[str, Any], seen: set[str]) -> str | None:
        """The token-free ``paging.next`` URL, or None on the last page.

        Only ``next`` decides: ``cursors.after`` exists even on the last page. A URL seen
        before, or too many pages, means the platform is looping; stop with an error.
        """
        paging = body.get("paging")
        if paging is None:
            return None
        paging = expect_dict(paging, "paging information")
        raw = optional_str(paging.get("next"), "a paging link")
        if not raw:
            return None
        check_same_origin(raw, self.api_base)
        url = strip_token(raw)
        if url in seen:
            raise MalformedResponseError(
                "The platform returned the same page twice; stopping to avoid an endless loop."
            )
        if len(seen) >= self.max_pages:
            raise MalformedResponseError(
                f"The platform kept paging past {self.max_pages} pages; stopping."
            )
        seen.add(url)
        return url


@dataclass
class GraphFetchState:
    """Resume state for a fetch; serialised into ``FetchBatch.cursor``.

    ``posts_next`` is the next posts page (None before the first page, or when posts are
    exhausted, see ``posts_done``); ``pending`` are post ids whose comments are still to
    fetch, the first one from ``comments_next`` if set.
    """

    posts_next: str | None = None
    posts_done: bool = False
    pending: list[str] = field(default_factory=list)
    comments_next: str | None = None
    total: int = 0
    total_known: bool = True

    def dump(self) -> str:
        return json.dumps(
            {
                "v": CURSOR_VERSION,
                "posts_next": self.posts_next,
                "posts_done": self.posts_done,
                "pending": self.pending,
                "comments_next": self.comments_next,
                "total": self.total,
                "total_known": self.total_known,
            },
            separators=(",", ":"),
        )

    @classmethod
    def load(cls, cursor: str | None) -> GraphFetchState:
        """Parse a stored cursor; an unreadable one starts over (fetching is idempotent)."""
        if not cursor:
            return cls()
        try:
            raw = json.loads(cursor)
            if not isinstance(raw, dict) or raw.get("v") != CURSOR_VERSION:
                return cls()
            state = cls(
                posts_next=raw.get("posts_next"),
                posts_done=bool(raw.get("posts_done")),
                pending=[str(p) for p in raw.get("pending") or []],
                comments_next=raw.get("comments_next"),
                total=int(raw.get("total") or 0),
                total_known=bool(raw.get("total_known", True)),
            )
        except (ValueError, TypeError):
            return cls()
        if state.posts_done and not state.pending:
            # A finished fetch starts over: re-reading from ``since`` is idempotent, skipping
            # it would lose what arrived since the crash.
            return cls()
        for url in (state.posts_next, state.comments_next):
            if url is not None and (not isinstance(url, str) or "access_token" in url):
                return cls()
        return state


class FacebookConnector:
    """A Facebook Page; ``token`` is a Page access token with moderation rights."""

    platform = "facebook"

    POST_FIELDS = (
        "id,message,story,created_time,updated_time,permalink_url,"
        "comments.filter(stream).limit(0).summary(true)"
    )
    COMMENT_FIELDS = "id,message,from,created_time,parent{id},is_hidden,permalink_url"

    def __init__(
        self,
        page_id: str,
        token: str,
        api_base: str | None = None,
        http: HttpClient | None = None,
        *,
        version: str = DEFAULT_VERSION,
        page_size: int = 100,
        max_pages: int = 10_000,
    ) -> None:
        self.page_id = page_id
        self.page_size = page_size
        self.api = GraphApi(token, api_base, http, version, max_pages)

    def __repr__(self) -> str:
        return f"FacebookConnector(page_id={self.page_id!r}, api_base={self.api.api_base!r})"

    # -- reading ---------------------------------------------------------------------------

    def validate(self) -> str:
        """Check the token against the page; return the page's name."""
        body = self.api.get(self.page_id, {"fields": "id,name"})
        return expect_str(body.get("name"), "the page name")

    def fetch(self, since: datetime | None, cursor: str | None) -> Iterator[FetchBatch]:
        """Yield one batch per posts page and per comments page; see the module docstring.

        Posts whose ``updated_time`` (which moves when someone comments) is before ``since``
        are not opened. The last batch carries ``cursor=None`` and the page-wide total.
        """
        since = as_utc(since)
        state = GraphFetchState.load(cursor)
        seen_posts: set[str] = set()
        seen_comments: set[str] = set()
        while True:
            if state.pending:
                batch = self._comments_page(state, since, seen_comments)
                if state.comments_next is None:
                    seen_comments = set()
                yield batch
            elif not state.posts_done:
                yield self._posts_page(state, since, seen_posts)
            else:
                break
        yield FetchBatch(cursor=None, total_comments=state.total if state.total_known else None)

    def _posts_page(
        self, state: GraphFetchState, since: datetime | None, seen: set[str]
    ) -> FetchBatch:
        if state.posts_next:
            body = self.api.get(state.posts_next)
        else:
            body = self.api.get(
                f"{self.page_id}/posts",
                {"fields": self.POST_FIELDS, "limit": str(self.page_size)},
            )
        posts: list[RemotePost] = []
        for item in expect_list(body.get("data"), "the list of posts"):
            post, updated, count = self._parse_post(item)
            posts.append(post)
            if count is None:
                state.total_known = False
            else:
                state.total += count
            if since is None or updated is None or updated >= since:
                state.pending.append(post.platform_id)
        state.posts_next = self.api.next_url(body, seen)
        state.posts_done = state.posts_next is None
        return FetchBatch(posts=posts, cursor=state.dump())

    def _parse_post(self, item: Any) -> tuple[RemotePost, datetime | None, int | None]:
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
        return post, updated, count

    def _comments_page(
        self, state: GraphFetchState, since: datetime | None, seen: set[str]
    ) -> FetchBatch:
        post_id = state.pending[0]
        if state.comments_next:
            body = self.api.get(state.comments_next)
        else:
            body = self.api.get(
                f"{post_id}/comments",
                {
                    "filter": "stream",
                    "order": "reverse_chronological",
                    "summary": "true",
                    "limit": str(self.page_size),
                    "fields": self.COMMENT_FIELDS,
                },
            )
        comments: list[RemoteComment] = []
        passed_since = False
        for item in expect_list(body.get("data"), "the list of comments"):
            comment = self._parse_comment(item, post_id)
            if since is not None and comment.created_at < since:
                passed_since = True  # newest first: everything after this is older
                break
            comments.append(comment)
        next_url = None if passed_since else self.api.next_url(body, seen)
        if next_url is None:
            state.pending.pop(0)
        state.comments_next = next_url
        return FetchBatch(comments=comments, cursor=state.dump())

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

    def platform_comment_count(self) -> int | None:
        """Sum of Meta's per-post ``total_count`` over every post of the page."""
        total = 0
        seen: set[str] = set()
        body = self.api.get(
            f"{self.page_id}/posts", {"fields": self.POST_FIELDS, "limit": str(self.page_size)}
        )
        while True:
            for item in expect_list(body.get("data"), "the list of posts"):
                _, _, count = self._parse_post(item)
                if count is None:
                    return None
                total += count
            next_url = self.api.next_url(body, seen)
            if next_url is None:
                return total
            body = self.api.get(next_url)

    # -- moderating ------------------------------------------------------------------------

    def hide(self, comment_id: str) -> None:
        """Hide a comment: it stays visible to its author and their friends."""
        self.api.expect_success(self.api.post(comment_id, {"is_hidden": "true"}), "hide")

    def unhide(self, comment_id: str) -> None:
        """Make a hidden comment public again."""
        self.api.expect_success(self.api.post(comment_id, {"is_hidden": "false"}), "unhide")

    def reply(self, comment_id: str, text: str) -> str:
        """Reply as the Page; never retried after the request may have arrived."""
        body = self.api.post(f"{comment_id}/comments", {"message": text}, idempotent=False)
        return expect_str(body.get("id"), "the new reply's id")

    def delete(self, comment_id: str) -> None:
        """Delete a comment for good."""
        self.api.expect_success(self.api.delete(comment_id), "delete")
