"""The Graph API plumbing Facebook Pages and Instagram accounts share.

Both platforms are served by the same Graph API: one token, the same paging (``paging.next``
URLs that echo the token back), the same ``{"success": true}`` answers to moderation calls
and the same resumable fetch (objects page by page, then each object's comments page by
page). ``GraphConnector`` holds that shared shape; ``FacebookConnector`` and
``InstagramConnector`` fill in what really differs, named as class attributes and hooks:

======================  ==========================  ==============================
                        Facebook                    Instagram
======================  ==========================  ==============================
``OBJECTS_EDGE``        ``posts``                   ``media``
``HIDE_PARAM``          ``is_hidden``               ``hide`` (read field: ``hidden``)
``REPLY_EDGE``          ``comments``                ``replies``
``_parse_object``       message/story, updated      caption, no updated time
``_needs_comments``     updated since ``since``     ``comments_count`` not zero
``_read_comments``      stream, newest first        replies inline, filtered after
======================  ==========================  ==============================

Stored paging URLs never contain the token: it is stripped before a URL goes into a cursor
and added back at request time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

from moderator.connectors.base import FetchBatch, MalformedResponseError
from moderator.connectors.http import HttpClient, strip_token
from moderator.connectors.wire import (
    as_utc,
    check_same_origin,
    expect_dict,
    expect_list,
    expect_str,
    optional_str,
)
from moderator.models import RemoteComment, RemotePost

DEFAULT_API_BASE = "https://graph.facebook.com"
DEFAULT_VERSION = "v25.0"
CURSOR_VERSION = 1


class GraphApi:
    """Token, URLs and the paging guard: every Graph request goes through here."""

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

    def get_page(
        self, stored_next: str | None, path: str, params: dict[str, str]
    ) -> dict[str, Any]:
        """The page a stored paging URL names, or the first page of ``path`` when none."""
        return self.get(stored_next) if stored_next else self.get(path, params)

    def follow(self, body: dict[str, Any]) -> Iterator[dict[str, Any]]:
        """``body`` and every further page after it, with the paging guard of ``next_url``."""
        seen: set[str] = set()
        while True:
            yield body
            next_url = self.next_url(body, seen)
            if next_url is None:
                return
            body = self.get(next_url)


@dataclass
class GraphFetchState:
    """Resume state for a fetch; serialised into ``FetchBatch.cursor``.

    ``posts_next`` is the next posts (or media) page (None before the first page, or when
    they are exhausted, see ``posts_done``); ``pending`` are object ids whose comments are
    still to fetch, the first one from ``comments_next`` if set.
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


class GraphConnector:
    """A Graph API account: fetch objects then their comments, count, hide, reply, delete.

    Subclasses set the class attributes below and implement ``validate``,
    ``_parse_object``, ``_needs_comments``, ``_comment_params`` and ``_read_comments``.
    """

    platform: ClassVar[str]
    OBJECTS_EDGE: ClassVar[str]  # the account's edge listing posts or media
    OBJECT_FIELDS: ClassVar[str]  # ``fields`` asked of each object, its comment count included
    OBJECTS_WHAT: ClassVar[str]  # how an error message names that list
    HIDE_PARAM: ClassVar[str]  # the form field that hides or unhides a comment
    REPLY_EDGE: ClassVar[str]  # the comment edge a reply is posted to
    DEFAULT_PAGE_SIZE: ClassVar[int]

    def __init__(
        self,
        page_id: str,
        token: str,
        api_base: str | None = None,
        http: HttpClient | None = None,
        *,
        version: str = DEFAULT_VERSION,
        page_size: int | None = None,
        max_pages: int = 10_000,
    ) -> None:
        self.page_id = page_id
        self.page_size = self.DEFAULT_PAGE_SIZE if page_size is None else page_size
        self.api = GraphApi(token, api_base, http, version, max_pages)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(page_id={self.page_id!r}, api_base={self.api.api_base!r})"

    # -- what differs per platform ---------------------------------------------------------

    def validate(self) -> str:
        """Check the token against the account; return its display name."""
        raise NotImplementedError

    def _parse_object(self, item: Any) -> tuple[RemotePost, datetime | None]:
        """One post or media item, plus its last-activity time when the platform has one."""
        raise NotImplementedError

    def _needs_comments(
        self, post: RemotePost, updated: datetime | None, since: datetime | None
    ) -> bool:
        """Whether this object's comments must be read in an incremental fetch."""
        raise NotImplementedError

    def _comment_params(self) -> dict[str, str]:
        """Parameters of the first page of an object's ``comments`` edge."""
        raise NotImplementedError

    def _read_comments(
        self, body: dict[str, Any], object_id: str, since: datetime | None
    ) -> tuple[list[RemoteComment], bool]:
        """The comments of one page to keep, and whether the object needs no further page."""
        raise NotImplementedError

    # -- reading ---------------------------------------------------------------------------

    def fetch(self, since: datetime | None, cursor: str | None) -> Iterator[FetchBatch]:
        """Yield one batch per objects page and per comments page; see the module docstring.

        The last batch carries ``cursor=None`` and the account-wide total.
        """
        since = as_utc(since)
        state = GraphFetchState.load(cursor)
        seen_objects: set[str] = set()
        seen_comments: set[str] = set()
        while True:
            if state.pending:
                batch = self._comments_page(state, since, seen_comments)
                if state.comments_next is None:
                    seen_comments = set()
                yield batch
            elif not state.posts_done:
                yield self._objects_page(state, since, seen_objects)
            else:
                break
        yield FetchBatch(cursor=None, total_comments=state.total if state.total_known else None)

    def _objects_path(self) -> tuple[str, dict[str, str]]:
        """Path and parameters of the first page of the account's objects."""
        return (
            f"{self.page_id}/{self.OBJECTS_EDGE}",
            {"fields": self.OBJECT_FIELDS, "limit": str(self.page_size)},
        )

    def _objects_page(
        self, state: GraphFetchState, since: datetime | None, seen: set[str]
    ) -> FetchBatch:
        body = self.api.get_page(state.posts_next, *self._objects_path())
        posts: list[RemotePost] = []
        for item in expect_list(body.get("data"), self.OBJECTS_WHAT):
            post, updated = self._parse_object(item)
            posts.append(post)
            if post.comment_count is None:
                state.total_known = False
            else:
                state.total += post.comment_count
            if self._needs_comments(post, updated, since):
                state.pending.append(post.platform_id)
        state.posts_next = self.api.next_url(body, seen)
        state.posts_done = state.posts_next is None
        return FetchBatch(posts=posts, cursor=state.dump())

    def _comments_page(
        self, state: GraphFetchState, since: datetime | None, seen: set[str]
    ) -> FetchBatch:
        """One page of the first pending object's comments; pops it when exhausted."""
        object_id = state.pending[0]
        body = self.api.get_page(
            state.comments_next, f"{object_id}/comments", self._comment_params()
        )
        comments, finished = self._read_comments(body, object_id, since)
        state.comments_next = None if finished else self.api.next_url(body, seen)
        if state.comments_next is None:
            state.pending.pop(0)
        return FetchBatch(comments=comments, cursor=state.dump())

    def platform_comment_count(self) -> int | None:
        """Sum of the platform's per-object comment counts over every object of the account."""
        total = 0
        for body in self.api.follow(self.api.get(*self._objects_path())):
            for item in expect_list(body.get("data"), self.OBJECTS_WHAT):
                count = self._parse_object(item)[0].comment_count
                if count is None:
                    return None
                total += count
        return total

    # -- moderating ------------------------------------------------------------------------

    def hide(self, comment_id: str) -> None:
        """Hide a comment (what "hidden" means for its author differs per platform)."""
        self.api.expect_success(self.api.post(comment_id, {self.HIDE_PARAM: "true"}), "hide")

    def unhide(self, comment_id: str) -> None:
        """Make a hidden comment public again."""
        self.api.expect_success(self.api.post(comment_id, {self.HIDE_PARAM: "false"}), "unhide")

    def reply(self, comment_id: str, text: str) -> str:
        """Reply as the account; never retried after the request may have arrived."""
        body = self.api.post(f"{comment_id}/{self.REPLY_EDGE}", {"message": text}, idempotent=False)
        return expect_str(body.get("id"), "the new reply's id")

    def delete(self, comment_id: str) -> None:
        """Delete a comment for good."""
        self.api.expect_success(self.api.delete(comment_id), "delete")
