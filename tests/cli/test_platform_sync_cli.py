"""Three fake platforms sync completely and idempotently through the real CLI, and the
page token never reaches the database, its WAL, the logs or an export."""

from __future__ import annotations

import io
import json
import sys

import pytest

from moderator.cli import main
from tests.fakes import (
    FakeGraphServer,
    FakeYouTubeServer,
    make_facebook_page,
    make_instagram_account,
    make_youtube_channel,
)

FB_TOKEN = "EAAGfakeFacebookPageToken0123456789secret"
YT_TOKEN = "ya29.fakeYouTubeOAuthToken0123456789secret"


def _run(capsys, monkeypatch, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def platforms():
    facebook = make_facebook_page(300, n_posts=4)
    instagram = make_instagram_account(120, n_media=3)
    youtube = make_youtube_channel(150, n_videos=3)
    with (
        FakeGraphServer({facebook.id: facebook, instagram.id: instagram}, token=FB_TOKEN) as graph,
        FakeYouTubeServer({youtube.id: youtube}, token=YT_TOKEN) as yt,
    ):
        yield {
            "facebook": (graph, facebook.id, FB_TOKEN, 300),
            "instagram": (graph, instagram.id, FB_TOKEN, 120),
            "youtube": (yt, youtube.id, YT_TOKEN, 150),
        }


def _connect_all(capsys, monkeypatch, ws, platforms) -> None:
    for platform, (server, page_id, token, _count) in platforms.items():
        code, _, err = _run(
            capsys,
            monkeypatch,
            *ws,
            "pages",
            "add",
            "--platform",
            platform,
            "--id",
            page_id,
            "--name",
            f"{platform} page",
            "--api-base",
            server.base_url,
            "--token-stdin",
            stdin=token + "\n",
        )
        assert code == 0, err


def test_three_platforms_sync_completely_and_idempotently(tmp_path, capsys, monkeypatch, platforms):
    ws = ["--workspace", str(tmp_path / "ws")]
    _connect_all(capsys, monkeypatch, ws, platforms)

    code, out, err = _run(capsys, monkeypatch, *ws, "sync", "--no-flag", "--json")
    assert code == 0, err
    by_page = {p["page"]: p for p in json.loads(out)["pages"]}
    for platform, (*_, count) in platforms.items():
        assert by_page[f"{platform} page"]["status"] == "ok"
        assert by_page[f"{platform} page"]["new"] == count

    code, out, _ = _run(capsys, monkeypatch, *ws, "sync", "--no-flag", "--json")
    assert code == 0
    assert all(p["new"] == 0 for p in json.loads(out)["pages"])

    code, out, _ = _run(capsys, monkeypatch, *ws, "pages", "list", "--json")
    stored = {p["platform"]: p["stored_comments"] for p in json.loads(out)}
    assert stored == {platform: count for platform, (*_, count) in platforms.items()}


def test_a_wrong_token_is_refused_and_not_stored(tmp_path, capsys, monkeypatch, platforms):
    server, page_id, _token, _ = platforms["facebook"]
    code, _, err = _run(
        capsys,
        monkeypatch,
        "--workspace",
        str(tmp_path / "ws"),
        "pages",
        "add",
        "--platform",
        "facebook",
        "--id",
        page_id,
        "--name",
        "x",
        "--api-base",
        server.base_url,
        "--token-stdin",
        stdin="not-the-right-token-123456\n",
    )
    assert code == 1 and "not accepted" in err
    assert "not-the-right-token-123456" not in err
    from moderator import credentials

    assert credentials.get_token("facebook", page_id) is None


def test_token_never_reaches_database_wal_logs_or_exports(tmp_path, capsys, monkeypatch, platforms):
    root = tmp_path / "ws"
    ws = ["--workspace", str(root)]
    _connect_all(capsys, monkeypatch, ws, platforms)
    graph = platforms["facebook"][0]
    graph.expire_token()  # the failure path must not leak either
    outputs = []
    for args in (["sync", "--no-flag", "-v"], ["pages", "list", "--json"]):
        outputs.append(_run(capsys, monkeypatch, *ws, *args))
    exports = root / "exports"
    exports.mkdir(parents=True, exist_ok=True)
    for fmt in ("csv", "jsonl"):
        outputs.append(
            _run(
                capsys,
                monkeypatch,
                *ws,
                "audit",
                "export",
                "--format",
                fmt,
                "--out",
                str(exports / f"audit.{fmt}"),
            )
        )
    files = [p for p in root.rglob("*") if p.is_file()]
    assert any(p.name.endswith(".db") for p in files)
    assert any(p.suffix == ".log" for p in files), "the CLI keeps a log in the workspace"
    for token in (FB_TOKEN, YT_TOKEN):
        for path in files:
            assert token.encode() not in path.read_bytes(), f"token found in {path}"
        for _code, out, err in outputs:
            assert token not in out and token not in err
