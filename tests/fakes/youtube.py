"""A fake YouTube Data API v3 for comment threads, replies and moderation.

Wire format follows reference/platform-apis.md §3: ``nextPageToken`` paging, inline
``replies.comments`` (a subset when there are many), ``comments?parentId=`` for the rest,
204 for setModerationStatus/delete, Google error bodies, and a per-project quota counter
using the documented unit costs. Bearer token auth.
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from typing import Any

from tests.fakes.models import FakeChannel, FakeComment, FakeVideo
from tests.fakes.server import FakeServer, Fault, Reply, Request

DEFAULT_TOKEN = "ya29.FAKE-OAUTH-ACCESS-TOKEN-abcdef"
PREFIX = "/youtube/v3/"

COSTS = {"list": 1, "insert": 50, "setModerationStatus": 50, "delete": 50}


def yt_time(value: datetime) -> str:
    """YouTube's timestamp format."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def google_error(status: int, reason: str, message: str, domain: str = "youtube.api") -> Reply:
    """A Google JSON error body."""
    return Reply(
        status=status,
        body={
            "error": {
                "code": status,
                "message": message,
                "errors": [{"message": message, "domain": domain, "reason": reason}],
            }
        },
    )


def _token(offset: int) -> str:
    return base64.urlsafe_b64encode(f"off:{offset}".encode()).decode().rstrip("=")


def _offset(token: str | None) -> int | None:
    if not token:
        return 0
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        return None
    if not raw.startswith("off:") or not raw[4:].isdigit():
        return None
    return int(raw[4:])


class FakeYouTubeServer(FakeServer):
    """YouTube Data API v3 on 127.0.0.1; ``channels`` maps channel ids to ``FakeChannel``.

    ``quota_used`` counts units like Google does (every request costs at least one);
    ``quota_limit`` makes later calls fail with ``quotaExceeded``.
    """

    def __init__(
        self,
        channels: dict[str, FakeChannel] | None = None,
        *,
        token: str = DEFAULT_TOKEN,
        inline_replies: int = 5,
        quota_limit: int | None = None,
    ) -> None:
        super().__init__()
        self.channels: dict[str, FakeChannel] = dict(channels or {})
        self.token = token
        self.inline_replies = inline_replies
        self.quota_limit = quota_limit
        self.quota_used = 0
        self.token_expired = False
        self._next_id = 0

    def expire_token(self) -> None:
        """From now on every call answers 401 authError."""
        with self.lock:
            self.token_expired = True

    def comment(self, comment_id: str) -> FakeComment:
        """The stored comment (deleted ones included)."""
        found = self._find(comment_id)
        if found is None:
            raise KeyError(comment_id)
        return found[2]

    def _find(self, comment_id: str) -> tuple[FakeChannel, FakeVideo, FakeComment] | None:
        for channel in self.channels.values():
            for video in channel.videos:
                for comment in video.comments:
                    if comment.id == comment_id:
                        return channel, video, comment
        return None

    # -- faults ----------------------------------------------------------------------------

    def render_fault(self, fault: Fault, request: Request) -> Reply:
        """Kinds: quota_exceeded, rate_limit_exceeded (``status`` 403|429), auth_error,
        comments_disabled, forbidden, server_error, wrong_types, plus the generic ones."""
        if fault.kind == "quota_exceeded":
            return google_error(
                403,
                "quotaExceeded",
                "The request cannot be completed because you have exceeded your quota.",
                domain="youtube.quota",
            )
        if fault.kind == "rate_limit_exceeded":
            return google_error(
                int(fault.options.get("status", 403)),
                "rateLimitExceeded",
                "The request cannot be completed because you have exceeded your rate limit.",
                domain="usageLimits",
            )
        if fault.kind == "auth_error":
            return self._auth_error()
        if fault.kind == "comments_disabled":
            return google_error(
                403,
                "commentsDisabled",
                "The video identified by the videoId parameter has disabled comments.",
            )
        if fault.kind == "forbidden":
            return google_error(403, "forbidden", "The comment could not be updated.")
        if fault.kind == "server_error":
            return google_error(
                int(fault.options.get("status", 503)), "backendError", "Backend Error", "global"
            )
        if fault.kind == "wrong_types":
            return Reply(body={"kind": "youtube#commentThreadListResponse", "items": {"no": 1}})
        if fault.kind == "bad_items":
            return Reply(body={"items": [{"id": 5, "snippet": "nope"}]})
        raise ValueError(f"unknown fault kind {fault.kind!r}")

    def _auth_error(self) -> Reply:
        reply = google_error(
            401,
            "authError",
            "Request had invalid authentication credentials. Expected OAuth 2 access token.",
            domain="global",
        )
        reply.body["error"]["status"] = "UNAUTHENTICATED"
        reply.body["error"]["errors"][0]["location"] = "Authorization"
        return reply

    # -- routing ---------------------------------------------------------------------------

    def _cost(self, request: Request) -> int:
        path = request.path[len(PREFIX) :] if request.path.startswith(PREFIX) else request.path
        if path.endswith("setModerationStatus"):
            return COSTS["setModerationStatus"]
        if request.method == "GET":
            return COSTS["list"]
        if request.method == "DELETE":
            return COSTS["delete"]
        return COSTS["insert"]

    def route(self, request: Request) -> Reply:
        """Auth, quota, then the endpoint."""
        cost = self._cost(request)
        if self.quota_limit is not None and self.quota_used + cost > self.quota_limit:
            self.quota_used += 1
            return self.render_fault(Fault("quota_exceeded"), request)
        self.quota_used += cost
        auth = request.headers.get("authorization", "")
        if self.token_expired or auth != f"Bearer {self.token}":
            return self._auth_error()
        if not request.path.startswith(PREFIX):
            return google_error(404, "notFound", "Not Found", "global")
        path = request.path[len(PREFIX) :].rstrip("/")
        method = request.method
        if method == "GET" and path == "channels":
            return self._channels(request)
        if method == "GET" and path == "videos":
            return self._videos(request)
        if method == "GET" and path == "commentThreads":
            return self._threads(request)
        if method == "GET" and path == "comments":
            return self._comments(request)
        if method == "POST" and path == "comments":
            return self._insert(request)
        if method == "POST" and path == "comments/setModerationStatus":
            return self._moderate(request)
        if method == "DELETE" and path == "comments":
            return self._delete(request)
        return google_error(404, "notFound", f"Unknown method {method} {path}", "global")

    def _max_results(self, request: Request, default: int = 20) -> int:
        try:
            return max(1, min(100, int(request.params.get("maxResults", default))))
        except ValueError:
            return default

    def _channels(self, request: Request) -> Reply:
        ids = request.params.get("id", "").split(",")
        items = [
            {"kind": "youtube#channel", "id": c.id, "snippet": {"title": c.title}}
            for c in self.channels.values()
            if c.id in ids or request.params.get("mine") == "true"
        ]
        return Reply(body={"kind": "youtube#channelListResponse", "items": items})

    def _videos(self, request: Request) -> Reply:
        ids = [i for i in request.params.get("id", "").split(",") if i]
        if len(ids) > 50:
            return google_error(400, "invalidParameter", "Too many ids")
        items = []
        for channel in self.channels.values():
            for video in channel.videos:
                if video.id in ids:
                    live = [
                        c
                        for c in video.comments
                        if not c.deleted and c.moderation_status == "published"
                    ]
                    items.append(
                        {
                            "kind": "youtube#video",
                            "id": video.id,
                            "snippet": {
                                "publishedAt": yt_time(video.published),
                                "channelId": channel.id,
                                "title": video.title,
                            },
                            "statistics": {"commentCount": str(len(live))},
                        }
                    )
        return Reply(body={"kind": "youtube#videoListResponse", "items": items})

    def _comment_json(self, channel: FakeChannel, video: FakeVideo, c: FakeComment) -> dict:
        snippet: dict[str, Any] = {
            "channelId": channel.id,
            "videoId": video.id,
            "textDisplay": c.text,
            "textOriginal": c.text,
            "authorDisplayName": c.author_name,
            "authorChannelUrl": f"http://www.youtube.com/channel/{c.author_id}",
            "authorChannelId": {"value": c.author_id},
            "canRate": True,
            "viewerRating": "none",
            "likeCount": 0,
            "moderationStatus": c.moderation_status,
            "publishedAt": yt_time(c.created_time),
            "updatedAt": yt_time(c.created_time),
        }
        if c.parent_id:
            snippet["parentId"] = c.parent_id
        return {"kind": "youtube#comment", "etag": f"etag-{c.id}", "id": c.id, "snippet": snippet}

    @staticmethod
    def _listed(c: FakeComment) -> bool:
        return not c.deleted and c.moderation_status in ("published", "heldForReview")

    def _threads(self, request: Request) -> Reply:
        status = request.params.get("moderationStatus", "published")
        channel_id = request.params.get("allThreadsRelatedToChannelId")
        video_id = request.params.get("videoId")
        threads: list[tuple[FakeChannel, FakeVideo, FakeComment]] = []
        for channel in self.channels.values():
            for video in channel.videos:
                if channel_id and channel.id != channel_id:
                    continue
                if video_id and video.id != video_id:
                    continue
                for c in video.comments:
                    if c.parent_id is None and not c.deleted and c.moderation_status == status:
                        threads.append((channel, video, c))
        if not channel_id and not video_id:
            return google_error(400, "missingRequiredParameter", "No filter selected.")
        threads.sort(key=lambda t: (t[2].created_time, t[2].id), reverse=True)
        start = _offset(request.params.get("pageToken"))
        if start is None:
            return google_error(400, "invalidPageToken", "The page token is not valid.")
        size = self._max_results(request)
        chunk = threads[start : start + size]
        items = []
        for channel, video, top in chunk:
            replies = [c for c in video.comments if c.parent_id == top.id and self._listed(c)]
            replies.sort(key=lambda c: (c.created_time, c.id))
            item: dict[str, Any] = {
                "kind": "youtube#commentThread",
                "etag": f"etag-t-{top.id}",
                "id": top.id,
                "snippet": {
                    "channelId": channel.id,
                    "videoId": video.id,
                    "topLevelComment": self._comment_json(channel, video, top),
                    "canReply": True,
                    "totalReplyCount": len(replies),
                    "isPublic": True,
                },
            }
            if replies and "replies" in request.params.get("part", ""):
                item["replies"] = {
                    "comments": [
                        self._comment_json(channel, video, r)
                        for r in replies[: self.inline_replies]
                    ]
                }
            items.append(item)
        body: dict[str, Any] = {
            "kind": "youtube#commentThreadListResponse",
            "etag": "FAKEetag0001",
            "pageInfo": {"totalResults": len(chunk), "resultsPerPage": size},
            "items": items,
        }
        if start + size < len(threads):
            body["nextPageToken"] = _token(start + size)
        return Reply(body=body)

    def _comments(self, request: Request) -> Reply:
        parent_id = request.params.get("parentId")
        ids = [i for i in request.params.get("id", "").split(",") if i]
        found: list[tuple[FakeChannel, FakeVideo, FakeComment]] = []
        if parent_id:
            for channel in self.channels.values():
                for video in channel.videos:
                    for c in video.comments:
                        if c.parent_id == parent_id and self._listed(c):
                            found.append((channel, video, c))
        elif ids:
            for comment_id in ids:
                hit = self._find(comment_id)
                if hit and not hit[2].deleted:
                    found.append(hit)
        else:
            return google_error(400, "missingRequiredParameter", "No filter selected.")
        found.sort(key=lambda t: (t[2].created_time, t[2].id))
        start = _offset(request.params.get("pageToken"))
        if start is None:
            return google_error(400, "invalidPageToken", "The page token is not valid.")
        size = self._max_results(request)
        chunk = found[start : start + size]
        body: dict[str, Any] = {
            "kind": "youtube#commentListResponse",
            "etag": "FAKEetag0009",
            "pageInfo": {"resultsPerPage": size},
            "items": [self._comment_json(ch, v, c) for ch, v, c in chunk],
        }
        if start + size < len(found):
            body["nextPageToken"] = _token(start + size)
        return Reply(body=body)

    def _insert(self, request: Request) -> Reply:
        body = request.json if isinstance(request.json, dict) else {}
        snippet = body.get("snippet") if isinstance(body.get("snippet"), dict) else {}
        parent_id = snippet.get("parentId")
        text = snippet.get("textOriginal")
        if not parent_id or not isinstance(text, str) or not text:
            return google_error(400, "missingRequiredParameter", "snippet.parentId/textOriginal")
        hit = self._find(parent_id)
        if hit is None or hit[2].deleted:
            return google_error(404, "commentNotFound", "The parent comment was not found.")
        channel, video, parent = hit
        if parent.parent_id is not None:
            return google_error(400, "operationNotSupported", "Only top-level comments.")
        self._next_id += 1
        latest = max(c.created_time for c in video.comments)
        new = FakeComment(
            id=f"{parent.id}.reply{self._next_id:06d}",
            text=text,
            created_time=max(datetime.now(UTC).replace(microsecond=0), latest),
            author_id=channel.id,
            author_name=channel.title,
            parent_id=parent.id,
        )
        video.comments.append(new)
        self.record_action("reply", parent.id, text)
        return Reply(body=self._comment_json(channel, video, new))

    def _moderate(self, request: Request) -> Reply:
        status = request.params.get("moderationStatus")
        if status not in ("heldForReview", "published", "rejected"):
            return google_error(400, "invalidModerationStatus", "Invalid moderation status.")
        if request.params.get("banAuthor") == "true" and status != "rejected":
            return google_error(400, "banWithoutReject", "banAuthor needs rejected.")
        ids = [i for i in request.params.get("id", "").split(",") if i]
        targets = []
        for comment_id in ids:
            hit = self._find(comment_id)
            if hit is None or hit[2].deleted:
                return google_error(404, "commentNotFound", "The comment was not found.")
            targets.append(hit[2])
        for comment in targets:
            if comment.moderation_status == "rejected" and status == "published":
                return google_error(400, "operationNotSupported", "Rejected stays rejected.")
        for comment in targets:
            comment.moderation_status = status
            comment.hidden = status != "published"
            self.record_action("setModerationStatus", comment.id, status)
        return Reply(status=204)

    def _delete(self, request: Request) -> Reply:
        comment_id = request.params.get("id", "")
        hit = self._find(comment_id)
        if hit is None or hit[2].deleted:
            return google_error(404, "commentNotFound", "The comment was not found.")
        channel, _video, comment = hit
        if comment.author_id != channel.id:
            return google_error(403, "forbidden", "Only the comment's author can delete it.")
        comment.deleted = True
        self.record_action("delete", comment_id)
        return Reply(status=204)
