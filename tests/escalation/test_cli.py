"""``moderator escalations ...`` end to end on a workspace on disk."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from moderator import audit
from moderator.cli import main
from moderator.cli.escalations_cmd import parse_assignment
from moderator.escalation import cases
from moderator.store.pages import add_page
from moderator.workspace import Workspace

from .conftest import AE_TEXT, Store, ae_analysis


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def workspace(tmp_path):
    ws = Workspace.at(tmp_path / "ws")
    db = ws.open()
    page = add_page(
        db, platform="facebook", platform_id="pg-1", name="Northwind", api_base=None, actor="t"
    )
    store = Store(db, page)
    ae = store.add("c-ae", AE_TEXT, analysis=ae_analysis("c-ae"))
    old = store.add("c-old", "Ozempic made me dizzy", day_zero="2026-01-01T00:00:00+00:00")
    store.add("c-q", "Can I take Ozempic for my knee?")
    ids = {
        "ae": cases.open_case(db, ae, "alice"),
        "old": cases.open_case(db, old, "alice"),
    }
    db.close()
    return ["--workspace", str(tmp_path / "ws")], ids, ws


def test_list_json_and_text_overdue_first(workspace, capsys):
    ws, ids, _ = workspace
    code, out, _ = _run(capsys, *ws, "escalations", "list", "--json")
    listed = json.loads(out)
    assert code == 0 and [c["id"] for c in listed][0] == ids["old"]
    assert listed[0]["clock"]["overdue"] is True
    first = next(c for c in listed if c["id"] == ids["ae"])
    assert first["serious"] is True and first["comment_id"] == "c-ae"
    code, out, _ = _run(capsys, *ws, "escalations", "list", "--tz", "Europe/London")
    lines = out.splitlines()
    assert lines[0].startswith(f"! {ids['old'][:8]}") and "overdue by" in lines[0]
    assert "SERIOUS facebook:c-ae" in out and "regulatory:" in out
    code, _, err = _run(capsys, *ws, "escalations", "list", "--tz", "Mars/Olympus")
    assert code == 1 and "time zone" in err


def test_show_ack_edit_export(workspace, capsys, tmp_path):
    ws, ids, root = workspace
    prefix = ids["ae"][:8]
    code, out, _ = _run(capsys, *ws, "escalations", "show", prefix, "--json")
    shown = json.loads(out)
    assert code == 0 and shown["escalation"]["id"] == ids["ae"]
    assert shown["record"]["verbatim"]["text"] == AE_TEXT
    code, out, _ = _run(capsys, *ws, "escalations", "show", prefix)
    assert "yes identifiable patient" in out and "narrative:" in out

    code, out, _ = _run(
        capsys, *ws, "--as", "pv-officer", "escalations", "edit", prefix,
        "--set", "reporter.country=US", "--set", "patient.age=73",
    )  # fmt: skip
    assert code == 0 and "Updated reporter.country, patient.age" in out
    code, out, _ = _run(capsys, *ws, "--as", "pv-officer", "escalations", "ack", prefix)
    assert code == 0 and "Acknowledged" in out
    code, _, err = _run(capsys, *ws, "escalations", "ack", prefix)
    assert code == 1 and "only open cases" in err

    target = tmp_path / "case.xml"
    code, out, _ = _run(
        capsys, *ws, "escalations", "export", prefix, "--format", "e2b", "--out", str(target)
    )
    assert code == 0 and target.exists()
    ET.fromstring(target.read_bytes())

    code, out, _ = _run(
        capsys, *ws, "escalations", "export-open", "--format", "json", "--out", str(tmp_path / "o")
    )
    assert code == 0 and json.loads(
        _run(capsys, *ws, "--json", "escalations", "export-open", "--format", "csv",
             "--out", str(tmp_path / "c"))[1]
    )["paths"][0].endswith("open-escalations.csv")  # fmt: skip
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == [f"pv-{ids['old']}.json"]

    db = root.open()
    try:
        actions = [(e["actor"], e["action"]) for e in audit.iter_entries(db)]
        assert ("pv-officer", "escalation.edit") in actions
        assert ("pv-officer", "escalation.acknowledge") in actions
        assert sum(1 for _, a in actions if a == "escalation.export") == 3
        case = cases.get_case(db, ids["ae"])
        assert case["record"]["patient"]["age"] == 73
        assert audit.verify(db).ok
    finally:
        db.close()


def test_open_close_and_errors(workspace, capsys):
    ws, ids, _ = workspace
    code, out, _ = _run(capsys, *ws, "--json", "escalations", "open", "c-q", "--kind", "medinfo")
    opened = json.loads(out)
    assert code == 0 and opened["kind"] == "medinfo" and opened["regulatory_due_at"] is None
    code, _, err = _run(capsys, *ws, "escalations", "open", "c-ae")
    assert code == 1 and "already has an active pv case" in err
    code, _, err = _run(capsys, *ws, "escalations", "open", "nope")
    assert code == 1 and "No stored comment" in err
    code, out, _ = _run(capsys, *ws, "escalations", "close", ids["old"], "--note", "dup")
    assert code == 0 and "Closed" in out
    code, _, err = _run(capsys, *ws, "escalations", "show", "ffff")
    assert code == 1 and err.startswith("moderator: No escalation") and err.count("\n") == 1
    code, _, err = _run(capsys, *ws, "escalations", "edit", ids["ae"], "--set", "verbatim.text=x")
    assert code == 1 and "cannot change" in err
    code, _, err = _run(capsys, *ws, "escalations", "edit", ids["ae"], "--set", "novalue")
    assert code == 1 and "FIELD=VALUE" in err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("reporter.country=US", ("reporter.country", "US")),
        ("patient.age=54", ("patient.age", 54)),
        ("serious=false", ("serious", False)),
        ("products.0.lot=null", ("products.0.lot", None)),
        ('note="a=b"', ("note", "a=b")),
        ("note=called back, no answer", ("note", "called back, no answer")),
    ],
)
def test_parse_assignment(text, expected):
    assert parse_assignment(text) == expected
