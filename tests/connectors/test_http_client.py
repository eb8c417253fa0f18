"""The shared HTTP layer: retries, rate limits, error mapping, size cap, token redaction."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

import httpx
import pytest

from moderator.connectors.base import (
    MalformedResponseError,
    PermanentError,
    RateLimitedError,
    TokenExpiredError,
    TransientError,
)
from moderator.connectors.http import (
    HttpClient,
    RetryPolicy,
    parse_usage_headers,
    redact,
    register_secret,
    strip_token,
)
from moderator.connectors.wire import parse_time
from tests.connectors.conftest import SleepRecorder

TOKEN = "EAAB-unit-test-token-SECRET-42"
URL = "https://graph.example.test/v25.0/123/comments"
YT_URL = "https://yt.example.test/youtube/v3/commentThreads"

Responder = Callable[[httpx.Request], httpx.Response]


def scripted(*responses: httpx.Response | Exception) -> tuple[Responder, list[httpx.Request]]:
    """A transport handler that answers with ``responses`` in order (the last one repeats)."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        item = responses[min(len(seen), len(responses)) - 1]
        if isinstance(item, Exception):
            raise item
        return item

    return handler, seen


def client_for(handler: Responder, sleeps: SleepRecorder, **policy: float) -> HttpClient:
    register_secret(TOKEN)
    return HttpClient(
        transport=httpx.MockTransport(handler),
        policy=RetryPolicy(**policy),
        sleep=sleeps,
        rng=lambda: 0.0,
    )


def graph_error(code: int, subcode: int | None = None, status: int = 400, **headers: str):
    err = {"message": f"(#{code}) something {TOKEN}", "type": "OAuthException", "code": code}
    if subcode:
        err["error_subcode"] = subcode
    return httpx.Response(status, json={"error": err}, headers=headers)


def google_error(status: int, reason: str) -> httpx.Response:
    message = f"reason {reason}"
    return httpx.Response(
        status,
        json={"error": {"code": status, "message": message, "errors": [{"reason": reason}]}},
    )


OK = httpx.Response(200, json={"data": []})


def get(client: HttpClient, dialect: str = "graph", **kwargs):
    url = URL if dialect == "graph" else YT_URL
    params = {"access_token": TOKEN} if dialect == "graph" else None
    return client.request("GET", url, dialect=dialect, params=params, **kwargs)


# -- retries ------------------------------------------------------------------------------


def test_5xx_is_retried_with_growing_backoff_then_succeeds(sleeps):
    handler, seen = scripted(httpx.Response(502, text="Bad gateway"), httpx.Response(503), OK)
    result = get(client_for(handler, sleeps, backoff_base=1.0, jitter=0.0))
    assert result.body == {"data": []}
    assert len(seen) == 3
    assert sleeps.calls == [1.0, 2.0]


def test_5xx_gives_up_after_max_attempts(sleeps):
    handler, seen = scripted(httpx.Response(500, text="oops"))
    with pytest.raises(TransientError) as info:
        get(client_for(handler, sleeps, max_attempts=3))
    assert len(seen) == 3
    assert info.value.retryable


def test_network_fault_is_retried(sleeps):
    handler, seen = scripted(httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), OK)
    assert get(client_for(handler, sleeps)).status == 200
    assert len(seen) == 3


def test_jitter_spreads_delays(sleeps):
    handler, _ = scripted(httpx.Response(500), OK)
    client = HttpClient(
        transport=httpx.MockTransport(handler),
        policy=RetryPolicy(backoff_base=2.0, jitter=0.5),
        sleep=sleeps,
        rng=lambda: 1.0,
    )
    get(client)
    assert sleeps.calls == [3.0]


@pytest.mark.parametrize(
    ("fault", "expected_tries"),
    [
        (httpx.Response(500), 1),  # may have been processed: never post a reply twice
        (httpx.ReadTimeout("slow"), 1),
        (httpx.ConnectError("refused"), 3),  # never reached the server: safe to retry
    ],
)
def test_non_idempotent_requests_retry_only_when_not_sent(sleeps, fault, expected_tries):
    handler, seen = scripted(fault, fault, OK)
    client = client_for(handler, sleeps)
    if expected_tries == 1:
        with pytest.raises(TransientError):
            client.request("POST", URL, dialect="graph", data={"message": "hi"}, idempotent=False)
    else:
        client.request("POST", URL, dialect="graph", data={"message": "hi"}, idempotent=False)
    assert len(seen) == expected_tries


def test_graph_transient_code_is_retried(sleeps):
    handler, seen = scripted(graph_error(2, status=500), OK)
    assert get(client_for(handler, sleeps)).status == 200
    assert len(seen) == 2


# -- rate limits --------------------------------------------------------------------------


@pytest.mark.parametrize("code", [4, 17, 32, 341, 613, 80001, 80002])
def test_graph_rate_limit_codes_wait_then_retry(sleeps, code):
    handler, seen = scripted(graph_error(code), OK)
    assert get(client_for(handler, sleeps, rate_limit_wait=7.0)).status == 200
    assert len(seen) == 2
    assert sleeps.calls == [7.0]


def test_graph_rate_limit_honours_estimated_time_to_regain_access(sleeps):
    buc = {"123": [{"type": "pages", "call_count": 100, "estimated_time_to_regain_access": 2}]}
    limited = graph_error(80001, **{"X-Business-Use-Case-Usage": json.dumps(buc)})
    handler, _ = scripted(limited, OK)
    get(client_for(handler, sleeps))
    assert sleeps.calls == [120.0]


def test_graph_rate_limit_too_long_raises_at_once_with_retry_after(sleeps):
    buc = {"123": [{"type": "pages", "call_count": 100, "estimated_time_to_regain_access": 60}]}
    limited = graph_error(80001, **{"X-Business-Use-Case-Usage": json.dumps(buc)})
    handler, seen = scripted(limited)
    with pytest.raises(RateLimitedError) as info:
        get(client_for(handler, sleeps, max_rate_limit_wait=600.0))
    assert info.value.retry_after == 3600.0
    assert len(seen) == 1
    assert sleeps.calls == []


def test_graph_rate_limit_persisting_raises_after_bounded_retries(sleeps):
    handler, seen = scripted(graph_error(613))
    with pytest.raises(RateLimitedError) as info:
        get(client_for(handler, sleeps, rate_limit_retries=2, rate_limit_wait=1.0))
    assert len(seen) == 3
    assert sleeps.calls == [1.0, 2.0]
    assert info.value.retryable
    assert TOKEN not in str(info.value)


def test_high_usage_header_slows_down_the_next_call(sleeps):
    busy = httpx.Response(200, json={"data": []}, headers={"X-App-Usage": '{"call_count": 96}'})
    handler, _ = scripted(busy, OK)
    client = client_for(handler, sleeps, slow_down_delay=4.0)
    get(client)
    assert sleeps.calls == []
    get(client)
    assert sleeps.calls == [4.0]


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({}, (0.0, None)),
        ({"x-app-usage": '{"call_count":28,"total_time":25,"total_cputime":25}'}, (28.0, None)),
        ({"x-page-usage": '{"call_count":91,"total_cputime":15,"total_time":12}'}, (91.0, None)),
        (
            {
                "x-business-use-case-usage": '{"1":[{"type":"pages","call_count":97,'
                '"total_cputime":23,"total_time":23,"estimated_time_to_regain_access":3}]}'
            },
            (97.0, 180.0),
        ),
        ({"x-app-usage": "not json"}, (0.0, None)),
        ({"x-business-use-case-usage": '{"1": "nonsense"}'}, (0.0, None)),
    ],
)
def test_parse_usage_headers(headers, expected):
    assert parse_usage_headers(httpx.Headers(headers)) == expected


def test_youtube_quota_exceeded_is_not_retried(sleeps):
    handler, seen = scripted(google_error(403, "quotaExceeded"), OK)
    client = client_for(handler, sleeps)
    with pytest.raises(RateLimitedError) as info:
        get(client, "youtube", quota_cost=1)
    assert len(seen) == 1
    assert sleeps.calls == []
    assert 0 < info.value.retry_after <= 25 * 3600
    assert "midnight Pacific" in str(info.value)


@pytest.mark.parametrize("status", [403, 429])
def test_youtube_rate_limit_exceeded_backs_off_and_retries(sleeps, status):
    handler, seen = scripted(google_error(status, "rateLimitExceeded"), OK)
    assert get(client_for(handler, sleeps), "youtube").status == 200
    assert len(seen) == 2
    assert len(sleeps.calls) == 1


def test_youtube_quota_counts_every_attempt(sleeps):
    handler, _ = scripted(httpx.Response(503), OK, httpx.Response(204))
    client = client_for(handler, sleeps)
    get(client, "youtube", quota_cost=1)
    client.request("POST", YT_URL, dialect="youtube", quota_cost=50)
    assert client.quota_used == 1 + 1 + 50


# -- error mapping ------------------------------------------------------------------------


@pytest.mark.parametrize(("code", "subcode"), [(190, 463), (190, 460), (190, None), (102, None)])
def test_graph_token_errors_are_never_retried(sleeps, code, subcode):
    handler, seen = scripted(graph_error(code, subcode))
    with pytest.raises(TokenExpiredError) as info:
        get(client_for(handler, sleeps))
    assert len(seen) == 1
    assert "reconnect" in str(info.value)
    assert TOKEN not in str(info.value)


@pytest.mark.parametrize("code", [10, 100, 200, 230, 299, 368, 506])
def test_graph_refusals_are_permanent_and_quote_the_platform(sleeps, code):
    handler, seen = scripted(graph_error(code, status=403))
    with pytest.raises(PermanentError) as info:
        get(client_for(handler, sleeps))
    assert len(seen) == 1
    assert f"(#{code}) something" in str(info.value)
    assert TOKEN not in str(info.value)


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        (google_error(401, "authError"), TokenExpiredError),
        (google_error(403, "forbidden"), PermanentError),
        (google_error(403, "commentsDisabled"), PermanentError),
        (google_error(404, "commentNotFound"), PermanentError),
        (google_error(400, "invalidPageToken"), PermanentError),
    ],
)
def test_youtube_errors(sleeps, response, expected):
    handler, seen = scripted(response)
    with pytest.raises(expected) as info:
        get(client_for(handler, sleeps), "youtube")
    assert type(info.value) is expected
    assert len(seen) == 1


def test_youtube_forbidden_carries_the_reason(sleeps):
    handler, _ = scripted(google_error(403, "forbidden"))
    with pytest.raises(PermanentError) as info:
        get(client_for(handler, sleeps), "youtube")
    assert info.value.platform_code == "forbidden"


# -- malformed bodies ---------------------------------------------------------------------


def _chunks(size: int):
    chunk = b"x" * 65536
    sent = 0
    while sent < size:
        yield chunk
        sent += len(chunk)


@pytest.mark.parametrize(
    "response",
    [
        httpx.Response(200, text="<html><body>Sorry</body></html>"),
        httpx.Response(200, text='{"data": [{"id": "1", "mess'),
        httpx.Response(200, json=["not", "an", "object"]),
        httpx.Response(404, text="<html>not found</html>"),
        httpx.Response(400, json={"no_error_key": True}),
        httpx.Response(200, content=b"x" * 2048),  # over a 1 KB cap, with Content-Length
        httpx.Response(200, content=_chunks(4096)),  # over the cap, streamed, no length
    ],
    ids=["html", "truncated", "list", "html-404", "error-without-error", "big", "big-stream"],
)
def test_malformed_bodies(sleeps, response):
    handler, seen = scripted(response)
    client = client_for(handler, sleeps)
    client.max_body_bytes = 1024
    with pytest.raises(MalformedResponseError):
        get(client)
    assert len(seen) == 1


def test_ten_megabyte_cap_is_the_default():
    assert HttpClient().max_body_bytes == 10 * 1024 * 1024


def test_empty_204_is_none(sleeps):
    handler, _ = scripted(httpx.Response(204))
    assert get(client_for(handler, sleeps), "youtube").body is None


# -- redaction ----------------------------------------------------------------------------


def test_redact_strips_registered_tokens_and_token_params():
    register_secret(TOKEN)
    text = (
        f"GET https://x/v25.0/1?access_token={TOKEN}&after=abc "
        "access_token=someOtherToken Authorization: Bearer ya29.abc-def"
    )
    out = redact(text)
    assert TOKEN not in out
    assert "someOtherToken" not in out
    assert "ya29.abc-def" not in out
    assert "after=abc" in out


def test_strip_token_keeps_other_parameters():
    url = f"https://g.test/v25.0/1/comments?access_token={TOKEN}&limit=3&after=QVFI"
    stripped = strip_token(url)
    assert "access_token" not in stripped
    assert "limit=3" in stripped and "after=QVFI" in stripped


def test_token_never_in_logs_or_errors_even_when_the_platform_echoes_it(sleeps, caplog):
    caplog.set_level(logging.DEBUG)
    echo = httpx.Response(400, json={"error": {"message": f"bad {TOKEN}", "code": 100}})
    handler, _ = scripted(httpx.Response(500), graph_error(613), echo)
    client = client_for(handler, sleeps)
    with pytest.raises(PermanentError) as info:
        get(client)
    text = caplog.text + str(info.value) + repr(info.value) + repr(client)
    assert caplog.records, "expected the retries to be logged"
    assert TOKEN not in text
    chained = info.value.__cause__ or (
        None if info.value.__suppress_context__ else info.value.__context__
    )
    assert chained is None or TOKEN not in str(chained)


@pytest.mark.parametrize(
    "value", [9_223_372_036_854_775_808, 67_768_036_191_676_800, -62_135_596_801, "0000-01-01"]
)
def test_out_of_range_times_are_malformed_not_crashes(value):
    with pytest.raises(MalformedResponseError, match="a comment time"):
        parse_time(value, "a comment time")
