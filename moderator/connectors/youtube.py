"""YouTube channels through the Data API v3: comment threads, replies, moderation.

``page_id`` is the channel id and ``token`` an OAuth access token of the channel owner
(scope ``youtube.force-ssl``), sent as a bearer header. Threads are listed channel-wide
(``allThreadsRelatedToChannelId``) newest first, twice: once for published comments and
once for those held for review, so comments we hid stay in view as hidden. Replies beyond
the few a thread carries inline come from ``comments?parentId=``. Posts are videos; their
titles come from one ``videos.list`` call per page of threads.

Every call costs quota units (list 1, insert/moderate/delete 50); ``quota_used`` counts
them. Running out raises ``RateLimitedError`` at once: the quota resets at midnight Pacific.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from moderator.connectors.base import FetchBatch, MalformedResponseError, PermanentError
from moderator.connectors.http import YOUTUBE_COSTS, HttpClient
from moderator.connectors.wire import (
    as_utc,
    expect_dict,
    expect_list,
    expect_str,
    optional_int,
    optional_str,
    parse_time,
)
from moderator.models import RemoteComment, RemotePost

DEFAULT_API_BASE = "https://www.googleapis.com"
PHASES = ("published", "heldForReview")
CURSOR_VERSION = 1


class YouTubeConnector:
    """A YouTube channel the token's owner manages."""

    platform = "youtube"

    def __init__(
        self,
        page_id: str,
        token: str,
        api_base: str | None = None,
        http: HttpClient | None = None,
        *,
        page_size: int = 100,
        max_pages: int = 10_000,
        reply_lookback: timedelta = timedelta(days=7),
    ) -> None:
        self.page_id = page_id
        self.reply_lookback = reply_lookback
        self._token = token
        self.api_base = (api_base or DEFAULT_API_BASE).rstrip("/")
        self.page_size = page_size
        self.max_pages = max_pages
        self.http = http or HttpClient()
        self.http.register_secret(token)

    def __repr__(self) -> str:
        return f"YouTubeConnector(page_id={self.page_id!r}, api_base={self.api_base!r})"

    @property
    def quota_used(self) -> int:
        """Quota units spent through this connector's HTTP client."""
        return self.http.quota_used

    # -- plumbing --------------------------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        params: dict[str, str],
        *,
        cost: int,
        json_body: Any = None,
        idempotent: bool = True,
    ) -> Any:
        result = self.http.request(
            method,
            f"{self.api_base}/youtube/v3/{path}",
            dialect="youtube",
            params=params,
            json_body=json_body,
            headers={"Authorization": f"Bearer {self._token}", "Accept": "application/json"},
            quota_cost=cost,
            idempotent=idempotent,
        )
        return result.body

    def _list(self, path: str, params: dict[str, str]) -> dict[str, Any]:
        return expect_dict(self._call("GET", path, params, cost=YOUTUBE_COSTS["list"]), path)

    # -- reading ---------------------------------------------------------------------------

    def validate(self) -> str:
        """Check the token against the channel; return the channel's title."""
        body = self._list("channels", {"part": "snippet", "id": self.page_id})
        items = expect_list(body.get("items", []), "the channel list")
        if not items:
            raise PermanentError(f"YouTube does not know the channel {self.page_id}.")
        snippet = expect_dict(expect_dict(items[0], "a channel").get("snippet"), "a channel")
        return expect_str(snippet.get("title"), "the channel title")

    def fetch(self, since: datetime | None, cursor: str | None) -> Iterator[FetchBatch]:
        """Yield one batch per page of threads; the cursor is the phase and page token.

        Threads come newest first by their top-level comment, so a new reply on an old
        thread sits far down the list. Paging therefore continues until threads are older
        than ``since - reply_lookback``: replies on threads older than that are missed
        by an incremental fetch (a full fetch, ``since=None``, sees everything).
        """
        since = as_utc(since)
        horizon = since - self.reply_lookback if since is not None else None
        phase, page_token = _load_cursor(cursor)
        known_videos: set[str] = set()
        pages = 0
        while phase < len(PHASES):
            status = PHASES[phase]
            params = {
                "part": "snippet,replies",
                "allThreadsRelatedToChannelId": self.page_id,
                "moderationStatus": status,
                "order": "time",
                "textFormat": "plainText",
                "maxResults": str(self.page_size),
            }
            if page_token:
                params["pageToken"] = page_token
            body = self._list("commentThreads", params)
            pages += 1
            comments, all_older = self._threads(body, status, since, horizon)
            next_token = optional_str(body.get("nextPageToken"), "a page token")
            if pages > self.max_pages or (next_token and next_token == page_token):
                raise MalformedResponseError(
                    "YouTube kept returning pages; stopping to avoid an endless loop."
                )
            if next_token and not all_older:
                page_token = next_token
            else:
                phase, page_token = phase + 1, None
            posts = self._videos({c.post_id for c in comments} - known_videos)
            known_videos.update(p.platform_id for p in posts)
            cursor_out = json.dumps({"v": CURSOR_VERSION, "phase": phase, "page": page_token})
            yield FetchBatch(posts=posts, comments=comments, cursor=cursor_out)
        yield FetchBatch(cursor=None)

    def _threads(
        self,
        body: dict[str, Any],
        status: str,
        since: datetime | None,
        horizon: datetime | None,
    ) -> tuple[list[RemoteComment], bool]:
        """Comments on one page of threads, and whether every thread is past the horizon."""
        out: list[RemoteComment] = []
        all_older = True
        for item in expect_list(body.get("items", []), "the list of comment threads"):
            thread = expect_dict(item, "a comment thread")
            snippet = expect_dict(thread.get("snippet"), "a comment thread")
            top = self._parse_comment(snippet.get("topLevelComment"), status, snippet)
            replies_edge = thread.get("replies")
            inline: list[RemoteComment] = []
            if replies_edge is not None:
                raw = expect_dict(replies_edge, "replies").get("comments", [])
                inline = [
                    self._parse_comment(r, status, snippet) for r in expect_list(raw, "replies")
                ]
            total = optional_int(snippet.get("totalReplyCount"), "a reply count") or 0
            stale = horizon is not None and top.created_at < horizon
            if total > len(inline) and not stale:  # only some replies came inline
                inline = self._all_replies(top.platform_id, status, snippet)
            fresh = [
                c
                for c in (top, *inline)
                if since is None or (c.updated_at or c.created_at) >= since
            ]
            if horizon is None or fresh or top.created_at >= horizon:
                all_older = False
            out.extend(fresh)
        return out, all_older

    def _all_replies(
        self, parent_id: str, status: str, thread_snippet: dict[str, Any]
    ) -> list[RemoteComment]:
        replies: list[RemoteComment] = []
        page_token: str | None = None
        for _ in range(self.max_pages):
            params = {
                "part": "snippet",
                "parentId": parent_id,
                "maxResults": "100",
                "textFormat": "plainText",
            }
            if page_token:
                params["pageToken"] = page_token
            body = self._list("comments", params)
            for item in expect_list(body.get("items", []), "the list of replies"):
                replies.append(self._parse_comment(item, status, thread_snippet))
            next_token = optional_str(body.get("nextPageToken"), "a page token")
            if not next_token or next_token == page_token:
                return replies
            page_token = next_token
        return replies

    def _parse_comment(
        self, raw: Any, status: str, thread_snippet: dict[str, Any]
    ) -> RemoteComment:
        comment = expect_dict(raw, "a comment")
        snippet = expect_dict(comment.get("snippet"), "a comment")
        comment_id = expect_str(comment.get("id"), "a comment id")
        video_id = optional_str(
            snippet.get("videoId") or thread_snippet.get("videoId"), "a video id"
        )
        post_id = video_id or self.page_id  # channel-level comments sit on the channel
        author = snippet.get("authorChannelId")
        author_id = None
        if author is not None:
            author_id = optional_str(expect_dict(author, "an author").get("value"), "an author")
        text = optional_str(snippet.get("textOriginal"), "a comment text")
        if text is None:
            text = optional_str(snippet.get("textDisplay"), "a comment text") or ""
        moderation = optional_str(snippet.get("moderationStatus"), "a moderation status")
        created = parse_time(snippet.get("publishedAt"), "a comment time")
        updated_raw = snippet.get("updatedAt")
        updated = parse_time(updated_raw, "a comment time") if updated_raw else None
        permalink = (
            f"https://www.youtube.com/watch?v={video_id}&lc={comment_id}" if video_id else None
        )
        return RemoteComment(
            platform_id=comment_id,
            post_id=post_id,
            text=text,
            author_id=author_id,
            author_name=optional_str(snippet.get("authorDisplayName"), "an author name"),
            created_at=created,
            updated_at=updated if updated and updated != created else None,
            parent_id=optional_str(snippet.get("parentId"), "a parent id"),
            hidden=(moderation or status) != "published",
            permalink=permalink,
        )

    def _videos(self, video_ids: set[str]) -> list[RemotePost]:
        """Titles, dates and comment counts for videos, 50 ids per call (1 unit each)."""
        ids = sorted(v for v in video_ids if v != self.page_id)
        posts: list[RemotePost] = []
        for start in range(0, len(ids), 50):
            chunk = ids[start : start + 50]
            body = self._list("videos", {"part": "snippet,statistics", "id": ",".join(chunk)})
            for item in expect_list(body.get("items", []), "the list of videos"):
                video = expect_dict(item, "a video")
                snippet = expect_dict(video.get("snippet"), "a video")
                stats = video.get("statistics")
                count = None
                if stats is not None:
                    count = optional_int(
                        expect_dict(stats, "video statistics").get("commentCount"), "a count"
                    )
                video_id = expect_str(video.get("id"), "a video id")
                posts.append(
                    RemotePost(
                        platform_id=video_id,
                        text=optional_str(snippet.get("title"), "a video title") or "",
                        created_at=parse_time(snippet.get("publishedAt"), "a video time"),
                        permalink=f"https://www.youtube.com/watch?v={video_id}",
                        comment_count=count,
                    )
                )
        return posts

    def platform_comment_count(self) -> int | None:
        """YouTube has no cheap channel-wide comment count; per-video counts are on posts."""
        return None

    # -- moderating ------------------------------------------------------------------------

    def _set_status(self, comment_id: str, status: str, ban_author: bool = False) -> None:
        params = {"id": comment_id, "moderationStatus": status}
        if ban_author:
            params["banAuthor"] = "true"
        self._call(
            "POST",
            "comments/setModerationStatus",
            params,
            cost=YOUTUBE_COSTS["setModerationStatus"],
        )

    def hide(self, comment_id: str) -> None:
        """Hold a comment for review: it disappears from the public view."""
        self._set_status(comment_id, "heldForReview")

    def unhide(self, comment_id: str) -> None:
        """Publish a held comment (a rejected one cannot be published again)."""
        self._set_status(comment_id, "published")

    def reject(self, comment_id: str, ban_author: bool = False) -> None:
        """Reject a comment (YouTube's removal of someone else's comment), optionally ban."""
        self._set_status(comment_id, "rejected", ban_author)

    def reply(self, comment_id: str, text: str) -> str:
        """Reply to a thread; replies to a reply go to its thread (one level only)."""
        parent_id = comment_id.split(".", 1)[0]
        body = self._call(
            "POST",
            "comments",
            {"part": "snippet"},
            cost=YOUTUBE_COSTS["insert"],
            json_body={"snippet": {"parentId": parent_id, "textOriginal": text}},
            idempotent=False,
        )
        return expect_str(expect_dict(body, "the new reply").get("id"), "the new reply's id")

    def delete(self, comment_id: str) -> None:
        """Delete a comment; only the author may, so others' comments are rejected instead."""
        try:
            self._call("DELETE", "comments", {"id": comment_id}, cost=YOUTUBE_COSTS["delete"])
        except PermanentError as error:
            if getattr(error, "platform_code", None) != "forbidden":
                raise
            self.reject(comment_id)


def _load_cursor(cursor: str | None) -> tuple[int, str | None]:
    """(phase index, page token); anything unreadable starts over (fetching is idempotent)."""
    if not cursor:
        return 0, None
    try:
        raw = json.loads(cursor)
    except ValueError:
        return 0, None
    if not isinstance(raw, dict) or raw.get("v") != CURSOR_VERSION:
        return 0, None
    phase = raw.get("phase")
    page = raw.get("page")
    if not isinstance(phase, int) or not 0 <= phase < len(PHASES):
        # A finished fetch starts over: re-reading from ``since`` is idempotent, skipping
        # it would lose what arrived since the crash.
        return 0, None
    if page is not None and not isinstance(page, str):
        return 0, None
    return phase, page
