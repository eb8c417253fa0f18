"""``moderator comments`` lists the stored queue with flags, filtered like the console."""

from __future__ import annotations

import json

from moderator.cli import main
from moderator.models import Analysis, Evidence, Flag
from moderator.store.flags import save_analyses
from moderator.workspace import Workspace


def _workspace(tmp_path, page_document, capsys):
    ws = ["--workspace", str(tmp_path / "ws")]
    assert (
        main(
            [
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
            ]
        )
        == 0
    )
    assert main([*ws, "sync", "--no-flag"]) == 0
    db = Workspace.at(tmp_path / "ws").open()
    ids = dict(db.execute("SELECT platform_id, id FROM comments").fetchall())
    hives = Flag("adverse_event", 0.9, (Evidence(13, 18, "hives", "event"),))
    pen = Flag("product_complaint", 0.8, (Evidence(3, 6, "pen", "device"),))
    save_analyses(
        db,
        [
            (ids["c-0001"], Analysis("c-0001", (hives,))),
            (ids["c-0003"], Analysis("c-0003", (pen,))),
        ],
    )
    db.close()
    capsys.readouterr()
    return ws


def _listed(capsys, *args) -> list[dict]:
    assert main(list(args)) == 0
    return json.loads(capsys.readouterr().out)


def test_comments_lists_flagged_first_with_filters(tmp_path, page_document, capsys):
    ws = _workspace(tmp_path, page_document, capsys)
    flagged = _listed(capsys, *ws, "--json", "comments")
    assert [c["id"] for c in flagged] == ["c-0001", "c-0003"]  # AE before the complaint
    first = flagged[0]
    assert first["page"] == "Test Page" and first["status"] == "new"
    assert first["text"] == "This gave me hives after two doses"
    assert first["flags"][0]["kind"] == "adverse_event"
    assert first["flags"][0]["evidence"][0]["text"] == "hives"
    kind = _listed(capsys, *ws, "--json", "comments", "--kind", "product_complaint")
    assert [c["id"] for c in kind] == ["c-0003"]
    found = _listed(capsys, *ws, "--json", "comments", "--all", "--search", "script")
    assert [c["id"] for c in found] == ["c-0004"]  # HTML text is searchable as words
    assert len(_listed(capsys, *ws, "--json", "comments", "--all")) == 5
    assert _listed(capsys, *ws, "--json", "comments", "--status", "dismissed") == []
