"""A fake Graph API serving Facebook Pages and Instagram professional accounts.

Wire format follows reference/platform-apis.md §1–2: time-based paging on ``/posts``, cursor
paging elsewhere, ``paging.next`` URLs that carry ``access_token`` exactly as Meta echoes it,
``summary.total_count``, ``{"success": true}`` for moderation, Meta error bodies and usage
headers. Use it from a script as::

    with FakeGraphServer(pages={page.id: page}, token="EAAB-test") as srv:
        print(srv.base_url)
"""

from __future__ import annotations

import base64
import json
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from tests.fakes.models import FakeComment, FakePage, FakePost
from tests.fakes.server import FakeServer, Fault, Reply, Request

DEFAULT_TOKEN = "EAAB-FAKE-PAGE-TOKEN-0123456789"
GRAPH_TIME = "%Y-%m-%dT%H:%M:%S+0000"

_RATE_LIMIT_MESSAGES = {
    4: "(#4) Application request limit reached",
    17: "(#17) User request limit reached",
    32: "(#32) Page request limit reached",
    341: "(#341) Application limit reached",
    613: "(#613) Calls to this api have exceeded the rate limit.",
    80001: "(#80001) There have been too many calls to this Page account. Wait a bit and try "
    "again. For more info, please refer to "
    "https://developers.facebook.com/docs/graph-api/overview/rate-limiting.",
    80002: "(#80002) There have been too many calls to this Instagram account.",
}


def graph_time(value: datetime) -> str:
    """Meta's timestamp format: offset without a colon."""
    return value.astimezone(UTC).strftime(GRAPH_TIME)


def encode_cursor(value: str) -> str:
    """Opaque-looking cursor, like Meta's base64 ones."""
    return base64.urlsafe_b64encode(value.encode()).decode().rstrip("=")


def decode_cursor(value: str) -> str | None:
    """Inverse of ``encode_cursor``; None when it is not one of ours."""
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        return None


def graph_error(
    code: int, message: str, subcode: int | None = None, status: int = 400, **extra: Any
) -> Reply:
    """A Meta error body."""
    err: dict[str, Any] = {
        "message": message,
        "type": "OAuthException",
        "code": code,
        "fbtrace_id": "AbCdEfGhIjK",
    }
    if subcode is not None:
        err["error_subcode"] = subcode
    err.update(extra)
    return Reply(status=status, body={"error": err})


class FakeGraphServer(FakeServer):
    """Facebook + Instagram Graph API on 127.0.0.1.

    ``pages`` maps ids to ``FakePage`` (``kind`` says Facebook Page or IG account). Only
    ``token`` is accepted; ``expire_token()`` makes every later call fail with 190/463.
    ``usage`` (dict) is sent as ``X-App-Usage`` and ``buc_usage`` as
    ``X-Business-Use-Case-Usage`` on every successful answer.
    """

    def __init__(
        self,
        pages: dict[str, FakePage] | None = None,
        *,
        token: str = DEFAULT_TOKEN,
        version: str = "v25.0",
        inline_replies: int = 25,
    ) -> None:
        super().__init__()
        self.pages: dict[str, FakePage] = dict(pages or {})
        self.token = token
        self.version = version
        self.inline_replies = inline_replies
        self.token_expired = False
        self.usage: dict[str, Any] | None = None
        self.buc_usage: dict[str, Any] | None = None
        self._next_id = 900000000000000

    # -- state helpers used by tests -------------------------------------------------------

    def expire_token(self) -> None:
        """From now on every call answers 190/463 (session expired)."""
        with self.lock:
            self.token_expired = True

    def add_page(self, page: FakePage) -> None:
        """Serve another page or IG account."""
        with self.lock:
            self.pages[page.id] = page

    def comment(self, comment_id: str) -> FakeComment:
        """The stored comment (deleted ones included)."""
        found = self._find_comment(comment_id)
        if found is None:
            raise KeyError(comment_id)
        return found[1]

    def visible_comments(self, page_id: str) -> list[FakeComment]:
        """Every non-deleted comment (and reply) on the page, across posts."""
        return [c for p in self.pages[page_id].posts for c in p.comments if not c.deleted]

    # -- lookup ----------------------------------------------------------------------------

    def _find_post(self, object_id: str) -> tuple[FakePage, FakePost] | None:
        for page in self.pages.values():
            for post in page.posts:
                if post.id == object_id:
                    return page, post
        return None

    def _find_comment(self, object_id: str) -> tuple[FakePost, FakeComment, FakePage] | None:
        for page in self.pages.values():
            for post in page.posts:
                for comment in post.comments:
                    if comment.id == object_id:
                        return post, comment, page
        return None

    def _new_id(self) -> str:
        self._next_id += 1
        return str(self._next_id)

    # -- fault rendering -------------------------------------------------------------------

    def render_fault(self, fault: Fault, request: Request) -> Reply:
        """Render a Meta-style fault.

        Kinds: rate_limit (``code=613|4|17|32|80001|80002|341``, optional ``app_usage``,
        ``regain_minutes``, ``buc_call_count``), expired_token (``subcode``), permission
        (``code``), blocked (368), server_error, transient (code 2), wrong_types, bad_items,
        plus the generic html/truncated/not_object/huge/disconnect. The expired-token and
        permission messages deliberately echo the caller's token, so tests prove the client
        redacts what a platform sends back.
        """
        opts = fault.options
        if fault.kind == "rate_limit":
            code = int(opts.get("code", 613))
            reply = graph_error(code, _RATE_LIMIT_MESSAGES.get(code, f"(#{code}) Rate limited"))
            reply.headers.update(self._usage_headers(opts))
            return reply
        if fault.kind == "expired_token":
            return graph_error(
                190,
                "Error validating access token: Session has expired. "
                + request.params.get("access_token", ""),
                subcode=int(opts.get("subcode", 463)),
            )
        if fault.kind == "permission":
            code = int(opts.get("code", 200))
            return graph_error(
                code,
                f"(#{code}) Permissions error: {request.params.get('access_token', '')}",
                status=403,
            )
        if fault.kind == "blocked":
            return graph_error(368, "The action attempted has been deemed abusive.")
        if fault.kind == "server_error":
            return Reply(
                status=int(opts.get("status", 500)),
                body=b"Internal Server Error",
                content_type="text/plain",
            )
        if fault.kind == "transient":
            return graph_error(
                2,
                "An unexpected error has occurred. Please retry your request later.",
                is_transient=True,
                status=500,
            )
        if fault.kind == "wrong_types":
            return Reply(body={"data": "this should be a list", "paging": 17})
        if fault.kind == "bad_items":
            return Reply(
                body={"data": [{"id": 12345, "message": ["not", "text"], "created_time": 7}]}
            )
        raise ValueError(f"unknown fault kind {fault.kind!r}")

    def _usage_headers(self, opts: dict[str, Any]) -> dict[str, str]:
        headers: dict[str, str] = {}
        if "app_usage" in opts:
            headers["X-App-Usage"] = json.dumps(opts["app_usage"])
        if "regain_minutes" in opts or "buc_call_count" in opts:
            headers["X-Business-Use-Case-Usage"] = json.dumps(
                {
                    next(iter(self.pages), "0"): [
                        {
                            "type": "pages",
                            "call_count": int(opts.get("buc_call_count", 100)),
                            "total_cputime": 23,
                            "total_time": 23,
                            "estimated_time_to_regain_access": opts.get("regain_minutes", 0),
                        }
                    ]
                }
            )
        return headers

    # -- routing ---------------------------------------------------------------------------

    def route(self, request: Request) -> Reply:
        """Dispatch ``/{version}/{object}[/{edge}]``."""
        token = request.params.get("access_token")
        auth = request.headers.get("authorization", "")
        if not token and auth.split(" ", 1)[0] in ("Bearer", "OAuth"):
            token = auth.split(" ", 1)[1]
        if self.token_expired:
            return graph_error(
                190,
                "Error validating access token: Session has expired on Tuesday, 14-Nov-23 "
                "10:00:00 PST. The current time is Tuesday, 14-Nov-23 11:00:00 PST.",
                subcode=463,
            )
        if token != self.token:
            return graph_error(190, "Invalid OAuth access token - Cannot parse access token")
        match = re.fullmatch(r"/(v\d+\.\d+)/([^/]+)(?:/([a-z_]+))?/?", request.path)
        if not match:
            return graph_error(2500, "Unknown path components", status=400)
        object_id, edge = match.group(2), match.group(3)
        reply = self._route_object(request, object_id, edge)
        if reply.status < 400:
            if self.usage is not None:
                reply.headers["X-App-Usage"] = json.dumps(self.usage)
            if self.buc_usage is not None:
                reply.headers["X-Business-Use-Case-Usage"] = json.dumps(self.buc_usage)
        return reply

    def _route_object(self, request: Request, object_id: str, edge: str | None) -> Reply:
        method = request.method
        if object_id in self.pages:
            page = self.pages[object_id]
            if method == "GET" and edge is None:
                if page.kind == "instagram":
                    return Reply(body={"id": page.id, "username": page.name, "name": page.name})
                return Reply(body={"id": page.id, "name": page.name})
            if method == "GET" and page.kind == "facebook" and edge in ("posts", "feed"):
                return self._list_posts(request, page)
            if method == "GET" and page.kind == "instagram" and edge == "media":
                return self._list_media(request, page)
        found_post = self._find_post(object_id)
        if found_post is not None:
            page, post = found_post
            if method == "GET" and edge == "comments":
                if page.kind == "instagram":
                    return self._list_ig_comments(request, page, post, None)
                return self._list_fb_comments(request, post, None)
            if method == "POST" and edge == "comments":
                return self._create(request, post, None)
        found = self._find_comment(object_id)
        if found is not None:
            post, comment, page = found
            if comment.deleted:
                return graph_error(
                    100,
                    f"Unsupported get request. Object with ID '{object_id}' does not exist",
                    subcode=33,
                )
            if method == "GET" and edge is None:
                return Reply(body=self._comment_json(page, post, comment))
            if method == "GET" and edge in ("comments", "replies"):
                if page.kind == "instagram":
                    return self._list_ig_replies(request, page, post, comment)
                return self._list_fb_comments(request, post, comment)
            if method == "POST" and edge is None:
                return self._update(request, page, comment)
            if method == "POST" and edge in ("comments", "replies"):
                return self._create(request, post, comment)
            if method == "DELETE" and edge is None:
                comment.deleted = True
                self.record_action("delete", comment.id)
                return Reply(body={"success": True})
        return graph_error(
            100,
            f"Unsupported {method.lower()} request. Object with ID '{object_id}' does not exist, "
            "cannot be loaded due to missing permissions, or does not support this operation.",
            subcode=33,
        )

    # -- Facebook --------------------------------------------------------------------------

    def _next_url(self, request: Request, **changes: str) -> str:
        params = {k: v for k, v in request.params.items() if k not in ("after", "before")}
        params.pop("__paging_token", None)
        params.pop("until", None)
        params.update(changes)
        ordered = {"access_token": params.pop("access_token", "")}
        ordered.update(params)
        return f"{self.base_url}{request.path}?{urlencode(ordered)}"

    def _limit(self, request: Request, default: int = 25) -> int:
        try:
            return max(1, min(100, int(request.params.get("limit", default))))
        except ValueError:
            return default

    def _list_posts(self, request: Request, page: FakePage) -> Reply:
        """Time-based paging: ``until`` + ``__paging_token``, no ``cursors`` object."""
        limit = self._limit(request)
        posts = sorted(page.posts, key=lambda p: (p.created_time, p.id), reverse=True)
        since = request.params.get("since")
        if since:
            posts = [p for p in posts if p.created_time.timestamp() >= float(since)]
        start = 0
        token = request.params.get("__paging_token")
        if token:
            last_id = decode_cursor(token)
            ids = [p.id for p in posts]
            start = ids.index(last_id) + 1 if last_id in ids else len(posts)
        chunk = posts[start : start + limit]
        fields = request.params.get("fields", "")
        data = [self._post_json(p, fields) for p in chunk]
        paging: dict[str, Any] = {}
        if chunk:
            paging["previous"] = self._next_url(
                request,
                since=str(int(chunk[0].created_time.timestamp())),
                __paging_token=encode_cursor(chunk[0].id),
                __previous="1",
            )
        if start + limit < len(posts):
            paging["next"] = self._next_url(
                request,
                until=str(int(chunk[-1].created_time.timestamp())),
                __paging_token=encode_cursor(chunk[-1].id),
            )
        body: dict[str, Any] = {"data": data}
        if paging:
            body["paging"] = paging
        return Reply(body=body)

    def _post_json(self, post: FakePost, fields: str) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": post.id,
            "message": post.text,
            "created_time": graph_time(post.created_time),
        }
        live = [c for c in post.comments if not c.deleted]
        if live:
            out["updated_time"] = graph_time(max(c.created_time for c in live))
        else:
            out["updated_time"] = out["created_time"]
        if post.permalink:
            out["permalink_url"] = post.permalink
        if "comments" in fields and "summary(true)" in fields:
            stream = "filter(stream)" in fields
            total = len(live) if stream else len([c for c in live if c.parent_id is None])
            out["comments"] = {
                "data": [],
                "summary": {"order": "ranked", "total_count": total, "can_comment": True},
            }
        return out

    def _fb_comment_json(
        self, post: FakePost, comment: FakeComment, index: _PostIndex | None = None
    ) -> dict[str, Any]:
        index = index or _PostIndex(post)
        number = comment.id.rsplit("_", 1)[-1]
        post_number = post.id.rsplit("_", 1)[-1]
        page_id = post.id.split("_", 1)[0]
        permalink = f"https://www.facebook.com/{page_id}/posts/{post_number}/?comment_id={number}"
        out: dict[str, Any] = {
            "id": comment.id,
            "message": comment.text,
            "from": {"id": comment.author_id, "name": comment.author_name},
            "created_time": graph_time(comment.created_time),
            "is_hidden": comment.hidden,
            "can_hide": True,
            "can_remove": True,
            "comment_count": index.children.get(comment.id, 0),
            "like_count": 0,
            "permalink_url": permalink,
        }
        if comment.parent_id:
            parent = index.by_id[comment.parent_id]
            out["parent"] = {
                "id": parent.id,
                "created_time": graph_time(parent.created_time),
                "message": parent.text,
                "from": {"id": parent.author_id, "name": parent.author_name},
            }
            out["permalink_url"] = (
                f"https://www.facebook.com/{page_id}/posts/{post_number}/?comment_id="
                f"{parent.id.rsplit('_', 1)[-1]}&reply_comment_id={number}"
            )
        return out

    def _list_fb_comments(
        self, request: Request, post: FakePost, parent: FakeComment | None
    ) -> Reply:
        """Cursor paging over a post's comments (``filter=stream`` flattens replies)."""
        limit = self._limit(request)
        stream = request.params.get("filter") == "stream"
        if parent is not None:
            pool = [c for c in post.comments if c.parent_id == parent.id]
        elif stream:
            pool = list(post.comments)
        else:
            pool = [c for c in post.comments if c.parent_id is None]
        reverse = request.params.get("order") == "reverse_chronological"
        pool.sort(key=lambda c: (c.created_time, c.id), reverse=reverse)
        index = _PostIndex(post)
        try:
            data, next_cursor, first_cursor = self._cursor_page(request, pool, limit)
        except _BadCursor:
            return graph_error(100, "(#100) Invalid cursor")
        body: dict[str, Any] = {
            "data": [self._fb_comment_json(post, c, index) for c in data],
            "paging": {"cursors": {"before": first_cursor, "after": next_cursor or first_cursor}},
        }
        if next_cursor:
            body["paging"]["next"] = self._next_url(request, after=next_cursor)
        if request.params.get("summary") == "true":
            body["summary"] = {
                "order": "reverse_chronological" if reverse else "chronological",
                "total_count": len([c for c in pool if not c.deleted]),
                "can_comment": True,
            }
        return Reply(body=body)

    def _cursor_page(
        self, request: Request, pool: list[FakeComment], limit: int
    ) -> tuple[list[FakeComment], str | None, str]:
        """Walk ``pool`` (deleted included, so cursors survive deletes) after the cursor."""
        after = request.params.get("after")
        start = 0
        if after:
            last_id = decode_cursor(after)
            ids = [c.id for c in pool]
            if last_id not in ids:
                raise _BadCursor()
            start = ids.index(last_id) + 1
        data: list[FakeComment] = []
        index = start
        while index < len(pool) and len(data) < limit:
            if not pool[index].deleted:
                data.append(pool[index])
            index += 1
        more = any(not c.deleted for c in pool[index:])
        next_cursor = encode_cursor(data[-1].id) if data and more else None
        first = encode_cursor(data[0].id) if data else encode_cursor("start")
        return data, next_cursor, first

    def _update(self, request: Request, page: FakePage, comment: FakeComment) -> Reply:
        key = "hide" if page.kind == "instagram" else "is_hidden"
        if key in request.params:
            value = request.params[key].lower()
            if value not in ("true", "false"):
                return graph_error(100, f"(#100) Param {key} must be a boolean")
            comment.hidden = value == "true"
            self.record_action("hide" if comment.hidden else "unhide", comment.id)
            return Reply(body={"success": True})
        if "message" in request.params and page.kind == "facebook":
            comment.text = request.params["message"]
            self.record_action("edit", comment.id)
            return Reply(body={"success": True})
        return graph_error(100, "(#100) Nothing to update")

    def _create(self, request: Request, post: FakePost, parent: FakeComment | None) -> Reply:
        message = request.params.get("message", "")
        if not message:
            return graph_error(100, "(#100) The parameter message is required")
        page_found = self._find_post(post.id)
        page = page_found[0] if page_found else None
        is_ig = page is not None and page.kind == "instagram"
        if parent is not None and is_ig and parent.hidden:
            return graph_error(100, "(#100) Cannot reply to a hidden comment")
        if parent is not None and parent.parent_id is not None:
            # IG and FB both attach replies-to-replies to the top-level comment.
            parent = next(c for c in post.comments if c.id == parent.parent_id)
        number = self._new_id()
        new_id = number if is_ig else f"{post.id.rsplit('_', 1)[-1]}_{number}"
        latest = max((c.created_time for c in post.comments), default=post.created_time)
        created = max(datetime.now(UTC).replace(microsecond=0), latest)
        new = FakeComment(
            id=new_id,
            text=message,
            created_time=created,
            author_id=page.id if page else "0",
            author_name=page.name if page else "page",
            parent_id=parent.id if parent else None,
        )
        post.comments.append(new)
        self.record_action("reply", parent.id if parent else post.id, message)
        return Reply(body={"id": new_id})

    # -- Instagram -------------------------------------------------------------------------

    def _list_media(self, request: Request, page: FakePage) -> Reply:
        limit = self._limit(request)
        posts = sorted(page.posts, key=lambda p: (p.created_time, p.id), reverse=True)
        after = request.params.get("after")
        start = 0
        if after:
            ids = [p.id for p in posts]
            last_id = decode_cursor(after)
            if last_id not in ids:
                return graph_error(100, "(#100) Invalid cursor")
            start = ids.index(last_id) + 1
        chunk = posts[start : start + limit]
        data = []
        for post in chunk:
            data.append(
                {
                    "id": post.id,
                    "caption": post.text,
                    "comments_count": len([c for c in post.comments if not c.deleted]),
                    "like_count": 0,
                    "media_type": "IMAGE",
                    "permalink": post.permalink or f"https://www.instagram.com/p/{post.id}/",
                    "timestamp": graph_time(post.created_time),
                }
            )
        body: dict[str, Any] = {"data": data}
        if chunk:
            body["paging"] = {
                "cursors": {
                    "before": encode_cursor(chunk[0].id),
                    "after": encode_cursor(chunk[-1].id),
                }
            }
            if start + limit < len(posts):
                body["paging"]["next"] = self._next_url(request, after=encode_cursor(chunk[-1].id))
        return Reply(body=body)

    def _ig_comment_json(self, comment: FakeComment) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": comment.id,
            "text": comment.text,
            "username": comment.author_name,
            "timestamp": graph_time(comment.created_time),
            "hidden": comment.hidden,
            "like_count": 0,
            "from": {"id": comment.author_id, "username": comment.author_name},
        }
        if comment.parent_id:
            out["parent_id"] = comment.parent_id
        return out

    def _comment_json(self, page: FakePage, post: FakePost, comment: FakeComment) -> dict:
        if page.kind == "instagram":
            return self._ig_comment_json(comment)
        return self._fb_comment_json(post, comment)

    def _list_ig_comments(
        self, request: Request, page: FakePage, post: FakePost, parent: FakeComment | None
    ) -> Reply:
        """Top-level comments, newest first, with up to ``inline_replies`` replies inline."""
        limit = self._limit(request)
        pool = [c for c in post.comments if c.parent_id is None]
        pool.sort(key=lambda c: (c.created_time, c.id), reverse=True)
        try:
            data, next_cursor, first = self._cursor_page(request, pool, limit)
        except _BadCursor:
            return graph_error(100, "(#100) Invalid cursor")
        items = []
        want_replies = "replies" in request.params.get("fields", "")
        for comment in data:
            item = self._ig_comment_json(comment)
            if want_replies:
                replies = [c for c in post.comments if c.parent_id == comment.id and not c.deleted]
                replies.sort(key=lambda c: (c.created_time, c.id))
                if replies:
                    shown = replies[: self.inline_replies]
                    edge: dict[str, Any] = {"data": [self._ig_comment_json(r) for r in shown]}
                    if len(replies) > len(shown):
                        edge["paging"] = {
                            "cursors": {"after": encode_cursor(shown[-1].id)},
                            "next": f"{self.base_url}/{self.version}/{comment.id}/replies?"
                            + urlencode(
                                {
                                    "access_token": request.params.get("access_token", ""),
                                    "fields": "id,text,username,timestamp,hidden,from,parent_id",
                                    "limit": str(self.inline_replies),
                                    "after": encode_cursor(shown[-1].id),
                                }
                            ),
                        }
                    item["replies"] = edge
            items.append(item)
        body: dict[str, Any] = {
            "data": items,
            "paging": {"cursors": {"after": next_cursor or first}},
        }
        if next_cursor:
            body["paging"]["next"] = self._next_url(request, after=next_cursor)
        return Reply(body=body)

    def _list_ig_replies(
        self, request: Request, page: FakePage, post: FakePost, parent: FakeComment
    ) -> Reply:
        limit = self._limit(request)
        pool = [c for c in post.comments if c.parent_id == parent.id]
        pool.sort(key=lambda c: (c.created_time, c.id))
        try:
            data, next_cursor, first = self._cursor_page(request, pool, limit)
        except _BadCursor:
            return graph_error(100, "(#100) Invalid cursor")
        body: dict[str, Any] = {
            "data": [self._ig_comment_json(c) for c in data],
            "paging": {"cursors": {"after": next_cursor or first}},
        }
        if next_cursor:
            body["paging"]["next"] = self._next_url(request, after=next_cursor)
        return Reply(body=body)


class _PostIndex:
    """Per-request lookups over a post's comments (keeps big fake pages fast)."""

    def __init__(self, post: FakePost) -> None:
        self.by_id = {c.id: c for c in post.comments}
        self.children: dict[str, int] = {}
        for c in post.comments:
            if c.parent_id and not c.deleted:
                self.children[c.parent_id] = self.children.get(c.parent_id, 0) + 1


class _BadCursor(Exception):
    """The ``after`` cursor names nothing we hold."""
