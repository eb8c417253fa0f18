"""The real CLI on a demo page: add, list, sync twice (idempotent), remove."""

from __future__ import annotations

import json

from moderator.cli import main


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_sync_remove(tmp_path, capsys, page_document):
    ws = ["--workspace", str(tmp_path / "ws")]
    code, out, _ = _run(
        capsys,
        *ws,
        "pages",
        "add",
        "--platform",
        "demo",
        "--id",
        "demo-test",
        "--name",
        "Test Page",
        "--api-base",
        str(page_document),
    )
    assert code == 0 and "Connected demo page Test Page" in out

    code, out, _ = _run(capsys, *ws, "sync", "--no-flag", "--json")
    report = json.loads(out)
    assert code == 0 and report["pages"][0]["new"] == 5

    code, out, _ = _run(capsys, *ws, "sync", "--no-flag", "--json")
    assert json.loads(out)["pages"][0]["new"] == 0

    code, out, _ = _run(capsys, *ws, "pages", "list", "--json")
    pages = json.loads(out)
    assert pages[0]["stored_comments"] == 5 and pages[0]["platform_comment_count"] == 5

    code, out, _ = _run(capsys, *ws, "pages", "remove", "demo-test")
    assert code == 0
    code, out, _ = _run(capsys, *ws, "pages", "list", "--json")
    assert json.loads(out) == []


def test_unknown_page_is_a_one_line_error(tmp_path, capsys):
    code, out, err = _run(capsys, "--workspace", str(tmp_path / "ws"), "sync", "--page", "nope")
    assert code == 1 and out == ""
    assert err.startswith("moderator: No connected page") and err.count("\n") == 1


def test_sync_with_no_pages_says_what_to_do(tmp_path, capsys):
    code, _, err = _run(capsys, "--workspace", str(tmp_path / "ws"), "sync")
    assert code == 1 and "moderator pages add" in err


def test_non_demo_page_needs_a_token(tmp_path, capsys):
    code, _, err = _run(
        capsys,
        "--workspace",
        str(tmp_path / "ws"),
        "pages",
        "add",
        "--platform",
        "facebook",
        "--id",
        "1",
        "--name",
        "x",
    )
    assert code == 1 and "--token-stdin" in err
