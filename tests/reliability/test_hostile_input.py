"""Malformed platform answers and hostile comment text: clear errors, exact storage, safe
exports, bounded detector time."""

from __future__ import annotations

import csv
import io
import json
import time

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moderator.cli import main
from moderator.connectors.base import FetchBatch
from moderator.connectors.facebook import FacebookConnector
from moderator.connectors.http import HttpClient
from moderator.models import RemoteComment, RemotePost
from moderator.spreadsheet import neutralise
from moderator.store.database import open_database
from moderator.store.ingest import store_batch
from moderator.store.pages import add_page
from moderator.sync import sync_page
from moderator.timeutil import utc_now
from tests.fakes import make_facebook_page
from tests.reliability import stats
from tests.reliability.harness import KillingGraphServer

BASE = "http://graph.test"
GOOD_COMMENTS = {
    "data": [
        {"id": f"c{i}", "message": f"hello {i}", "created_time": "2024-01-01T00:00:00+0000"}
        for i in range(3)
    ]
}
POSTS = {"data": [{"id": "p1", "message": "post", "created_time": "2024-01-01T00:00:00+0000"}]}
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


def _mutations() -> st.SearchStrategy[bytes]:
    def replace(path_value):
        body = json.loads(json.dumps(GOOD_COMMENTS))
        key, value = path_value
        body["data"][1][key] = value
        return json.dumps(body).encode()

    def drop(key):
        body = json.loads(json.dumps(GOOD_COMMENTS))
        del body["data"][1][key]
        return json.dumps(body).encode()

    whole = json.dumps(GOOD_COMMENTS).encode()
    return st.one_of(
        st.tuples(
            st.sampled_from(["id", "message", "created_time", "from", "parent", "is_hidden"]), JSON
        ).map(replace),
        st.sampled_from(["id", "created_time"]).map(drop),
        st.integers(1, len(whole) - 1).map(lambda n: whole[:n]),
        JSON.map(lambda v: json.dumps({"data": v}).encode()),
        JSON.map(lambda v: json.dumps({**GOOD_COMMENTS, "paging": v}).encode()),
        st.just(b"<!DOCTYPE html><html><body>Oops</body></html>"),
        st.binary(max_size=40),
    )


def _served_ids(body: bytes) -> set[str]:
    """The string ids the mutated page itself carries (a replaced id is still an id)."""
    try:
        items = json.loads(body).get("data")
    except (ValueError, AttributeError):
        return set()
    if not isinstance(items, list):
        return set()
    return {i["id"] for i in items if isinstance(i, dict) and isinstance(i.get("id"), str)}


def _sync_with(comments_body: bytes):
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/posts"):
            return httpx.Response(200, json=POSTS)
        return httpx.Response(200, content=comments_body)

    http = HttpClient(transport=httpx.MockTransport(handler), sleep=lambda s: None)
    connector = FacebookConnector("pg", "EAAGtoken-malformed-123", BASE, http=http)
    db = open_database(None)
    page = add_page(db, platform="facebook", platform_id="pg", name="P", api_base=BASE, actor="t")
    report = sync_page(db, page, connector)
    stored = {r[0] for r in db.execute("SELECT platform_id FROM comments")}
    db.close()
    return report, stored


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=_mutations())
def test_malformed_payloads_fail_the_page_cleanly_and_store_nothing_half(body):
    report, stored = _sync_with(body)
    stats.record("malformed payloads")
    if report.status == "failed":
        assert report.error and "\n" not in report.error
        assert stored == set()  # the broken batch is all or nothing
    else:
        assert report.status == "ok"
        # A replaced id that is itself a valid id (a non-empty string) names a real comment.
        valid_ids = {"c0", "c1", "c2"} | _served_ids(body)
        assert stored <= valid_ids and len(stored) <= 3


def test_paging_loops_and_runaway_paging_stop_with_an_error():
    for mode in ("same", "endless"):
        calls = {"n": 0}

        def handler(request: httpx.Request, mode=mode, calls=calls) -> httpx.Response:
            if request.url.path.endswith("/posts"):
                return httpx.Response(200, json=POSTS)
            calls["n"] += 1
            nxt = f"{BASE}/v25.0/p1/comments?after={'x' if mode == 'same' else calls['n']}"
            return httpx.Response(200, json={**GOOD_COMMENTS, "paging": {"next": nxt}})

        http = HttpClient(transport=httpx.MockTransport(handler), sleep=lambda s: None)
        connector = FacebookConnector("pg", "EAAGtok12345", BASE, http=http, max_pages=200)
        db = open_database(None)
        page = add_page(
            db, platform="facebook", platform_id="pg", name="P", api_base=BASE, actor="t"
        )
        report = sync_page(db, page, connector)
        db.close()
        assert report.status == "failed" and ("twice" in report.error or "paging" in report.error)
        assert calls["n"] <= 201
        stats.record("paging loops")


def test_one_broken_page_fails_alone_through_the_cli(tmp_path, monkeypatch, capsys):
    good = make_facebook_page(150, n_posts=2, page_id="111")
    bad = make_facebook_page(50, n_posts=1, page_id="222", name="Broken Page")
    token = "EAAGtwoPagesToken0123456789"
    ws = ["--workspace", str(tmp_path / "ws")]
    with KillingGraphServer({good.id: good, bad.id: bad}, token=token) as srv:
        for p in (good, bad):
            monkeypatch.setattr("sys.stdin", io.StringIO(token + "\n"))
            args = ["pages", "add", "--platform", "facebook", "--id", p.id, "--name", p.name]
            assert main([*ws, *args, "--api-base", srv.base_url, "--token-stdin"]) == 0
        capsys.readouterr()
        srv.inject("huge", match="/222_", times=100, size=11 * 1024 * 1024)
        code = main([*ws, "sync", "--no-flag", "--json"])
    out, err = capsys.readouterr()
    stats.record("malformed payloads")
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Broken Page" in lines[0], err
    by_page = {p["page"]: p for p in json.loads(out)["pages"]}
    assert by_page["Example Pharma"]["status"] == "ok" and by_page["Example Pharma"]["new"] == 150


HOSTILE = [
    "x" * 1_000_000,
    "<script>alert(1)</script><img src=x onerror=alert(2)>",
    "\u202eevil\u202c text \u2066iso\u2069",
    "zero\u200bwidth\u200d\ufeff joiner",
    "ctrl \x01\x02\x1b[31mred\x1b[0m \r\n\t",
    "nul\x00byte\x00",
    "👩‍👩‍👧‍👦 🏳️‍🌈 family",
    "Ozempic оземпик オゼンピック أوزمبيك",
    '=HYPERLINK("http://evil")',
    "+1-800",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "\udcff lone surrogate".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
]


def test_hostile_text_is_stored_byte_exact():
    db = open_database(None)
    page = add_page(db, platform="demo", platform_id="d", name="D", api_base=None, actor="t")
    now = utc_now()
    comments = [
        RemoteComment(
            platform_id=f"h{i}",
            post_id="p",
            text=t,
            author_id="a",
            author_name=t[:50],
            created_at=now,
        )
        for i, t in enumerate(HOSTILE)
    ]
    store_batch(
        db,
        page,
        FetchBatch(
            posts=[RemotePost(platform_id="p", text="p", created_at=now)], comments=comments
        ),
    )
    back = dict(db.execute("SELECT platform_id, text FROM comments"))
    db.close()
    assert back == {f"h{i}": t for i, t in enumerate(HOSTILE)}
    stats.record("hostile texts", len(HOSTILE))


def test_csv_cells_are_neutralised():
    csv.field_size_limit(1 << 30)
    for text in HOSTILE:
        cell = neutralise(text)
        buffer = io.StringIO()
        csv.writer(buffer).writerow([cell])
        parsed = next(csv.reader(io.StringIO(buffer.getvalue())))[0]
        assert not parsed.startswith(("=", "+", "-", "@", "\t", "\r")), repr(parsed[:20])


def test_escalation_csv_cells_are_neutralised():
    from moderator.escalation.export import _cell

    for text in HOSTILE:
        assert not str(_cell(text)).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_detectors_finish_in_bounded_time_on_hostile_text():
    from moderator.detect.privacy import PrivacyDetector
    from moderator.detect.suite import DetectorSuite
    from moderator.models import AnalysisInput

    suite = DetectorSuite(privacy=PrivacyDetector())
    suite.analyze_batch([AnalysisInput(id="w", text="warm up", post_text=None)])
    slow = []
    for text in [*HOSTILE, "I took Ozempic and " * 50_000, "a" * 500_000 + "!"]:
        started = time.perf_counter()
        suite.analyze_batch([AnalysisInput(id="x", text=text, post_text=None)])
        spent = time.perf_counter() - started
        if spent > 20.0:  # generous: guards against catastrophic backtracking, not speed
            slow.append((text[:30], len(text), round(spent, 1)))
    stats.record("detector runs on hostile text", len(HOSTILE) + 2)
    assert not slow, slow
