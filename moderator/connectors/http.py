"""The one HTTP layer every platform connector talks through.

Connectors only describe *what* to ask for; this module decides how hard to try. It owns
timeouts, retries with exponential backoff and jitter, platform rate limits, the mapping of
Meta and Google error bodies onto the connector error classes, the response size cap and,
above all, keeping access tokens out of exception messages and log records: Meta echoes the
token back inside ``paging.next`` URLs, and httpx logs every URL it requests.
"""

from __future__ import annotations

import functools
import json
import logging
import random
import re
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from zoneinfo import ZoneInfo

import httpx

from moderator.connectors.base import (
    ConnectorError,
    MalformedResponseError,
    PermanentError,
    RateLimitedError,
    TokenExpiredError,
    TransientError,
)

logger = logging.getLogger("moderator.http")

Dialect = Literal["graph", "youtube"]

MAX_BODY_BYTES = 10 * 1024 * 1024
REDACTED = "REDACTED"

# Meta error codes, from the Graph API error-handling and rate-limiting guides.
GRAPH_RATE_LIMIT_CODES = frozenset({4, 17, 32, 341, 613, 80001, 80002})
GRAPH_TOKEN_CODES = frozenset({102, 190})
GRAPH_TRANSIENT_CODES = frozenset({1, 2})
GRAPH_PERMISSION_CODES = frozenset({10, 100, 368, *range(200, 300)})

# YouTube Data API unit costs (developers.google.com/youtube/v3/determine_quota_cost).
YOUTUBE_COSTS: dict[str, int] = {
    "list": 1,
    "insert": 50,
    "update": 50,
    "setModerationStatus": 50,
    "delete": 50,
}

# Every token any client was told about; the logging filter scrubs them from any record.
_SECRETS: set[str] = set()
_SECRETS_LOCK = threading.Lock()
_TOKEN_PARAM = re.compile(
    r"((?:access_token|input_token|fb_exchange_token|client_secret|appsecret_proof|key)"
    r"(?:=|%3D))[^&\s\"'#<>]+",
    re.IGNORECASE,
)
_BEARER = re.compile(r"((?:Bearer|OAuth)\s+)[A-Za-z0-9._~+/=-]+", re.IGNORECASE)


def register_secret(secret: str) -> None:
    """Remember a token so ``redact`` and the log filter scrub it wherever it turns up."""
    if secret and len(secret) >= 4:
        with _SECRETS_LOCK:
            _SECRETS.add(secret)


def redact(text: object) -> str:
    """Return ``text`` as a string with every known token and token-bearing parameter removed."""
    out = str(text)
    with _SECRETS_LOCK:
        secrets = sorted(_SECRETS, key=len, reverse=True)
    for secret in secrets:
        if secret in out:
            out = out.replace(secret, REDACTED)
    out = _TOKEN_PARAM.sub(rf"\g<1>{REDACTED}", out)
    return _BEARER.sub(rf"\g<1>{REDACTED}", out)


def strip_token(url: str) -> str:
    """Drop ``access_token`` from a URL so it can be stored (cursor) or shown safely."""
    parts = urlsplit(url)
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "access_token"
    ]
    return urlunsplit(parts._replace(query=urlencode(query)))


class RedactingFilter(logging.Filter):
    """Scrub tokens from records before any handler sees them (our logger, httpx, httpcore)."""

    def filter(self, record: logging.LogRecord) -> bool:  # noqa: A003 - logging API name
        """Render the message once, redact it and drop the args so nothing leaks later."""
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string must not break logging
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        return True


_FILTER = RedactingFilter()
for _name in (
    "moderator.http",
    "httpx",
    "httpcore",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
):
    _log = logging.getLogger(_name)
    if not any(isinstance(f, RedactingFilter) for f in _log.filters):
        _log.addFilter(_FILTER)


@dataclass
class HttpResult:
    """A successful response: parsed JSON body (None for 204/empty) plus headers."""

    status: int
    body: Any
    headers: Mapping[str, str]


@dataclass
class RetryPolicy:
    """How hard to try; every wait goes through ``HttpClient.sleep`` (tests record them).

    Rate-limit waits are capped so a sync never blocks for long: past
    ``max_rate_limit_wait`` the caller gets ``RateLimitedError.retry_after`` instead.
    """

    max_attempts: int = 4  # total tries for 5xx / network faults / transient codes
    backoff_base: float = 0.5  # seconds; doubles per attempt
    backoff_max: float = 30.0
    rate_limit_retries: int = 3  # extra tries after a rate-limit answer
    rate_limit_wait: float = 30.0  # first wait when the platform gives no estimate; doubles
    max_rate_limit_wait: float = 120.0  # longer than this: give up now, tell the caller
    slow_down_at: float = 95.0  # usage percentage that makes us pause before the next call
    slow_down_delay: float = 5.0
    jitter: float = 0.25  # fraction of the delay added at random


@dataclass
class _ApiError:
    """A platform error body reduced to what dispatch needs."""

    status: int
    code: int | None = None
    subcode: int | None = None
    reason: str | None = None
    message: str = ""
    transient: bool = False
    headers: Mapping[str, str] = field(default_factory=dict)


def _seconds_until_pacific_midnight(now: datetime | None = None) -> float:
    """YouTube quota resets at midnight Pacific Time; tell the caller how long that is."""
    tz = ZoneInfo("America/Los_Angeles")
    local = (now or datetime.now(tz)).astimezone(tz)
    midnight = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return max(0.0, (midnight - local).total_seconds())


def parse_usage_headers(headers: Mapping[str, str]) -> tuple[float, float | None]:
    """Return (highest usage percentage, seconds to regain access) from Meta usage headers.

    ``X-App-Usage`` / ``X-Page-Usage`` hold one object; ``X-Business-Use-Case-Usage`` maps
    business ids to lists of objects with ``estimated_time_to_regain_access`` in minutes.
    Unparseable headers count as absent: their absence means nothing, per Meta.
    """
    highest = 0.0
    regain: float | None = None
    samples: list[Mapping[str, Any]] = []
    for name in ("x-app-usage", "x-page-usage", "x-ad-account-usage"):
        raw = headers.get(name)
        if raw:
            try:
                value = json.loads(raw)
            except ValueError:
                continue
            if isinstance(value, dict):
                samples.append(value)
    raw = headers.get("x-business-use-case-usage")
    if raw:
        try:
            buc = json.loads(raw)
        except ValueError:
            buc = None
        if isinstance(buc, dict):
            for entries in buc.values():
                if isinstance(entries, list):
                    samples.extend(e for e in entries if isinstance(e, dict))
    for sample in samples:
        for key in ("call_count", "total_cputime", "total_time"):
            value = sample.get(key)
            if isinstance(value, int | float) and not isinstance(value, bool):
                highest = max(highest, float(value))
        minutes = sample.get("estimated_time_to_regain_access")
        if isinstance(minutes, int | float) and not isinstance(minutes, bool) and minutes > 0:
            regain = max(regain or 0.0, float(minutes) * 60.0)
    return highest, regain


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """Build httpx's verifying context once (loading the CA bundle takes ~0.1 s per client).

    ``httpx.create_ssl_context`` honours ``SSL_CERT_FILE``/``SSL_CERT_DIR``, which corporate
    networks with TLS-inspecting proxies rely on.
    """
    return httpx.create_ssl_context(trust_env=True)


class HttpClient:
    """A synchronous JSON client with the platforms' retry and error rules built in.

    One instance can serve several connectors; it is not meant to be shared between threads
    while requests are in flight (httpx.Client is, but ``quota_used`` bookkeeping is simple).
    """

    def __init__(
        self,
        *,
        timeout: float = 20.0,
        policy: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rng: Callable[[], float] = random.random,
        max_body_bytes: int = MAX_BODY_BYTES,
        transport: httpx.BaseTransport | None = None,
        user_agent: str = "moderation-console/1.0",
    ) -> None:
        self.policy = policy or RetryPolicy()
        self.sleep = sleep
        self.rng = rng
        self.max_body_bytes = max_body_bytes
        self.quota_used = 0  # YouTube units spent by this client
        self.requests_sent = 0
        self._pending_delay = 0.0
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            transport=transport,
            verify=_ssl_context(),
            headers={"User-Agent": user_agent},
            follow_redirects=False,
        )

    # -- lifecycle -----------------------------------------------------------------------

    def close(self) -> None:
        """Close pooled connections."""
        self._client.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"HttpClient(requests_sent={self.requests_sent}, quota_used={self.quota_used})"

    @staticmethod
    def register_secret(secret: str) -> None:
        """Connectors call this with their token before the first request."""
        register_secret(secret)

    # -- the one entry point ---------------------------------------------------------------

    def request(
        self,
        method: str,
        url: str,
        *,
        dialect: Dialect,
        params: Iterable[tuple[str, str]] | Mapping[str, str] | None = None,
        data: Mapping[str, str] | None = None,
        json_body: Any = None,
        headers: Mapping[str, str] | None = None,
        idempotent: bool = True,
        quota_cost: int = 0,
    ) -> HttpResult:
        """Send one logical request, retrying as the platform's rules allow.

        ``idempotent=False`` (replies) limits retries to faults where the request cannot
        have reached the platform, so a reply is never posted twice by a retry.
        """
        attempt = 0
        rate_limit_tries = 0
        while True:
            attempt += 1
            if self._pending_delay > 0:
                delay, self._pending_delay = self._pending_delay, 0.0
                logger.info("usage near the platform limit; pausing %.1fs", delay)
                self.sleep(delay)
            try:
                result = self._send_once(
                    method, url, dialect, params, data, json_body, headers, quota_cost
                )
            except _Retryable as fault:
                may_retry = idempotent or fault.not_sent
                if may_retry and attempt < self.policy.max_attempts:
                    delay = self._backoff(attempt)
                    logger.warning(
                        "%s %s failed (%s); retry %d/%d in %.2fs",
                        method,
                        url,
                        fault.summary,
                        attempt,
                        self.policy.max_attempts - 1,
                        delay,
                    )
                    self.sleep(delay)
                    continue
                raise TransientError(
                    f"The platform did not answer properly ({fault.summary}) after "
                    f"{attempt} attempt(s); try again later."
                ) from None
            except _RateLimited as limited:
                rate_limit_tries += 1
                wait = limited.wait
                if wait is None and limited.short:
                    wait = self._backoff(rate_limit_tries)
                elif wait is None:
                    # Meta: calls made while limited extend the block, so wait in earnest.
                    wait = self.policy.rate_limit_wait * (2 ** (rate_limit_tries - 1))
                if (
                    limited.final
                    or rate_limit_tries > self.policy.rate_limit_retries
                    or wait > self.policy.max_rate_limit_wait
                ):
                    raise RateLimitedError(limited.message, retry_after=wait) from None
                logger.warning(
                    "%s %s rate limited (%s); waiting %.1fs (%d/%d)",
                    method,
                    url,
                    limited.message,
                    wait,
                    rate_limit_tries,
                    self.policy.rate_limit_retries,
                )
                self.sleep(wait)
                attempt -= 1  # rate-limit waits have their own budget
                continue
            return result

    # -- internals -------------------------------------------------------------------------

    def _backoff(self, attempt: int) -> float:
        """Exponential backoff with jitter, so many clients do not retry in lockstep."""
        base = min(self.policy.backoff_max, self.policy.backoff_base * (2 ** (attempt - 1)))
        return base * (1.0 + self.policy.jitter * self.rng())

    def _send_once(
        self,
        method: str,
        url: str,
        dialect: Dialect,
        params: Any,
        data: Mapping[str, str] | None,
        json_body: Any,
        headers: Mapping[str, str] | None,
        quota_cost: int,
    ) -> HttpResult:
        started = time.perf_counter()
        if dialect == "youtube":
            # "All API requests, including invalid requests, incur a quota cost."
            self.quota_used += max(1, quota_cost)
        self.requests_sent += 1
        try:
            # httpx replaces a URL's query with ``params``; paging URLs need them merged.
            target = f"{url}{'&' if '?' in url else '?'}{urlencode(params)}" if params else url
            request = self._client.build_request(
                method, target, data=data, json=json_body, headers=headers
            )
            response = self._client.send(request, stream=True)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            raise _Retryable(f"connection failed: {type(exc).__name__}", not_sent=True) from None
        except httpx.TransportError as exc:
            raise _Retryable(f"network error: {type(exc).__name__}", not_sent=False) from None
        except httpx.InvalidURL:
            raise PermanentError("The request address is not valid.") from None
        try:
            raw = self._read_capped(response)
        except httpx.TransportError as exc:
            raise _Retryable(f"network error: {type(exc).__name__}", not_sent=False) from None
        finally:
            response.close()
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "%s %s -> %d (%d bytes, %.0f ms)",
                method,
                request.url,
                response.status_code,
                len(raw),
                (time.perf_counter() - started) * 1000,
            )
        if dialect == "graph" and response.status_code < 400:
            self._note_usage(response.headers)
        body = self._decode(raw, response)
        if response.status_code >= 400 or (
            dialect == "graph" and isinstance(body, dict) and "error" in body
        ):
            self._raise_for_error(dialect, response, body)
        return HttpResult(response.status_code, body, response.headers)

    def _read_capped(self, response: httpx.Response) -> bytes:
        """Read the body but never more than ``max_body_bytes``: a runaway page is an error."""
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_body_bytes:
            raise MalformedResponseError(
                f"The platform sent a {int(declared)}-byte response, over the "
                f"{self.max_body_bytes}-byte limit."
            )
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_body_bytes:
                raise MalformedResponseError(
                    f"The platform response exceeded the {self.max_body_bytes}-byte limit."
                )
            chunks.append(chunk)
        return b"".join(chunks)

    def _decode(self, raw: bytes, response: httpx.Response) -> Any:
        """Parse JSON; 5xx pages that are not JSON are retryable, anything else malformed."""
        status = response.status_code
        if not raw.strip():
            if status >= 500:
                raise _Retryable(f"HTTP {status}")
            if status >= 400:
                return None
            return None
        try:
            body = json.loads(raw)
        except ValueError:
            if status >= 500:
                raise _Retryable(f"HTTP {status} with a non-JSON page") from None
            kind = "an HTML page" if raw.lstrip()[:1] == b"<" else "a body that is not JSON"
            raise MalformedResponseError(
                f"The platform answered HTTP {status} with {kind} instead of JSON."
            ) from None
        if not isinstance(body, dict):
            raise MalformedResponseError(
                f"The platform answered with a JSON {type(body).__name__} instead of an object."
            )
        return body

    def _note_usage(self, headers: Mapping[str, str]) -> None:
        """Meta warns before it throttles; pause before the next call when usage is high."""
        highest, regain = parse_usage_headers(headers)
        if highest >= self.policy.slow_down_at:
            self._pending_delay = max(self._pending_delay, regain or self.policy.slow_down_delay)

    def _raise_for_error(self, dialect: Dialect, response: httpx.Response, body: Any) -> None:
        error = (
            _graph_error(response, body) if dialect == "graph" else _google_error(response, body)
        )
        if dialect == "graph":
            _dispatch_graph(error)
        else:
            _dispatch_youtube(error)


class _Retryable(Exception):
    """Internal: a fault worth another attempt (5xx, network, transient platform code)."""

    def __init__(self, summary: str, not_sent: bool = False) -> None:
        super().__init__(summary)
        self.summary = summary
        self.not_sent = not_sent


class _RateLimited(Exception):
    """Internal: the platform throttled us; ``final`` means waiting will not help today."""

    def __init__(
        self, message: str, wait: float | None, final: bool = False, short: bool = False
    ) -> None:
        super().__init__(message)
        self.message = message
        self.wait = wait
        self.final = final
        self.short = short  # short-term throttling: ordinary backoff is enough


def _int_or_none(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _graph_error(response: httpx.Response, body: Any) -> _ApiError:
    status = response.status_code
    err = body.get("error") if isinstance(body, dict) else None
    if not isinstance(err, dict):
        if status >= 500:
            raise _Retryable(f"HTTP {status}")
        raise MalformedResponseError(
            f"The platform answered HTTP {status} without a readable error description."
        )
    message = err.get("error_user_msg") or err.get("message") or ""
    return _ApiError(
        status=status,
        code=_int_or_none(err.get("code")),
        subcode=_int_or_none(err.get("error_subcode")),
        message=redact(message) if isinstance(message, str) else "",
        transient=err.get("is_transient") is True,
        headers=response.headers,
    )


def _google_error(response: httpx.Response, body: Any) -> _ApiError:
    status = response.status_code
    err = body.get("error") if isinstance(body, dict) else None
    reason = None
    message = ""
    if isinstance(err, dict):
        errors = err.get("errors")
        if isinstance(errors, list) and errors and isinstance(errors[0], dict):
            reason = errors[0].get("reason")
        message = err.get("message") if isinstance(err.get("message"), str) else ""
    elif status < 500 and status not in (401, 403, 404, 429):
        raise MalformedResponseError(
            f"The platform answered HTTP {status} without a readable error description."
        )
    return _ApiError(
        status=status,
        reason=reason if isinstance(reason, str) else None,
        message=redact(message),
        headers=response.headers,
    )


def _describe(error: _ApiError) -> str:
    text = error.message.strip().rstrip(".") or f"HTTP {error.status}"
    return text


def _dispatch_graph(error: _ApiError) -> None:
    code = error.code
    if code in GRAPH_TOKEN_CODES:
        raise TokenExpiredError(
            "The page's access token is invalid or has expired "
            f"(code {code}{f'/{error.subcode}' if error.subcode else ''}); reconnect this page."
        )
    if code in GRAPH_RATE_LIMIT_CODES:
        _, regain = parse_usage_headers(error.headers)
        retry_after = _retry_after_header(error.headers)
        raise _RateLimited(
            f"The platform is rate limiting this page (code {code}): {_describe(error)}.",
            wait=regain if regain is not None else retry_after,
        )
    if code in GRAPH_TRANSIENT_CODES or error.transient or error.status >= 500:
        raise _Retryable(f"platform error {code or error.status}")
    if code == 368:
        raise _tagged(
            PermanentError(
                "The platform has temporarily blocked this page for policy reasons: "
                f"{_describe(error)}."
            ),
            str(code),
        )
    if code in GRAPH_PERMISSION_CODES:
        raise _tagged(
            PermanentError(
                f"The platform refused the request (code {code}): {_describe(error)}. "
                "Check the page's permissions and reconnect it if needed."
            ),
            str(code),
        )
    raise _tagged(
        PermanentError(f"The platform refused the request (code {code}): {_describe(error)}."),
        str(code),
    )


def _retry_after_header(headers: Mapping[str, str]) -> float | None:
    raw = headers.get("retry-after")
    if raw and raw.strip().isdigit():
        return float(raw.strip())
    return None


def _dispatch_youtube(error: _ApiError) -> None:
    reason = error.reason
    if error.status == 401 or reason in ("authError", "unauthorized"):
        raise TokenExpiredError(
            "The channel's access token is invalid or has expired; reconnect this page."
        )
    if reason in ("quotaExceeded", "dailyLimitExceeded"):
        raise _RateLimited(
            "The YouTube daily quota is used up; it resets at midnight Pacific Time.",
            wait=_seconds_until_pacific_midnight(),
            final=True,
        )
    if reason in ("rateLimitExceeded", "userRateLimitExceeded") or error.status == 429:
        raise _RateLimited(
            f"YouTube is rate limiting requests: {_describe(error)}.",
            wait=_retry_after_header(error.headers),
            short=True,
        )
    if error.status >= 500 or reason in ("backendError", "internalError"):
        raise _Retryable(f"HTTP {error.status}")
    raise _tagged(
        PermanentError(
            f"YouTube refused the request ({reason or error.status}): {_describe(error)}."
        ),
        reason or str(error.status),
    )


def _tagged(exc: ConnectorError, code: str) -> ConnectorError:
    """Attach the platform's code/reason so a connector can react (e.g. delete -> reject)."""
    exc.platform_code = code  # type: ignore[attr-defined]
    return exc


__all__ = [
    "ConnectorError",
    "HttpClient",
    "HttpResult",
    "MAX_BODY_BYTES",
    "RetryPolicy",
    "YOUTUBE_COSTS",
    "parse_usage_headers",
    "redact",
    "register_secret",
    "strip_token",
]
