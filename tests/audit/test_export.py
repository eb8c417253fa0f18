"""Audit exports read back: CSV (formula injection neutralised), JSONL, PDF; filters; audited."""

from __future__ import annotations

import csv
import json
import unicodedata

import pytest

from moderator import audit
from moderator.actions import dismiss, enqueue, escalate, mark_reviewed
from moderator.audit_export import export, make_filters, select_entries
from moderator.cli import main
from moderator.spreadsheet import neutralise
from moderator.workspace import Workspace
from tests.actions.helpers import seed

DANGEROUS_NOTES = ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


@pytest.fixture
def history(db):
    data = seed(db, texts=("a", "b", "c"))
    ids = [row["id"] for row in data["comments"].values()]
    for note in DANGEROUS_NOTES:
        with db.atomic():
            audit.append(db, actor="eve", action="note.test", comment_id=ids[0], note=note)
    mark_reviewed(db, ids[0], "alice", note="looked")
    dismiss(db, ids[0], "alice", note="fp")
    enqueue(db, ids[1], "hide", "bob")
    escalate(db, ids[2], "carol", "AE")
    return db


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+x", "'+x"),
        ("-x", "'-x"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        (5, 5),
        (None, None),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_csv_parses_back_with_formulas_neutralised(history, tmp_path):
    out = tmp_path / "audit.csv"
    summary = export(history, "csv", out, exported_by="auditor")
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == summary.rows == len(DANGEROUS_NOTES) + 5
    notes = [row["note"] for row in rows if row["action"] == "note.test"]
    assert notes == ["'" + note for note in DANGEROUS_NOTES]
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))
    escalated = next(row for row in rows if row["action"] == "escalation.open")
    assert escalated["comment"] == "c-3" and escalated["page"] == "Test Page"
    assert rows[-1]["hash"] == summary.head_hash


def test_jsonl_has_every_field_and_re_verifies_offline(history, tmp_path):
    out = tmp_path / "audit.jsonl"
    export(history, "jsonl", out, exported_by="auditor")
    entries = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(entries) == len(DANGEROUS_NOTES) + 5
    prev = audit.GENESIS_HASH
    for entry in entries:
        assert set(entry) >= {"seq", "at", "actor", "action", "prev_hash", "hash", "before"}
        assert entry["prev_hash"] == prev
        assert audit.entry_hash(prev, entry) == entry["hash"]
        prev = entry["hash"]


def test_each_export_is_itself_audited(history, tmp_path):
    summary = export(
        history,
        "jsonl",
        tmp_path / "x.jsonl",
        actions=["comment"],
        actor="alice",
        exported_by="auditor",
    )
    last = list(audit.iter_entries(history))[-1]
    assert (last["action"], last["actor"]) == ("audit.export", "auditor")
    details = json.loads(last["details"])
    assert details["format"] == "jsonl" and details["file"] == "x.jsonl"
    assert details["rows"] == summary.rows == 2
    assert details["filters"]["actions"] == ["comment"] and details["filters"]["actor"] == "alice"
    assert audit.verify(history).ok


@pytest.mark.parametrize(
    ("filters", "expected_actions"),
    [
        ({"actions": ["action.requested"]}, ["action.requested"]),
        ({"actions": ["comment"]}, ["comment.reviewed", "comment.dismissed"]),
        ({"actions": ["escalation"]}, ["escalation.open"]),
        ({"actor": "bob"}, ["action.requested"]),
        ({"comment": "c-1", "actions": "comment.dismissed"}, ["comment.dismissed"]),
        ({"since": "2100-01-01"}, []),
        ({"until": "2000-01-01"}, []),
    ],
)
def test_filters(history, filters, expected_actions):
    entries = select_entries(history, make_filters(**filters))
    assert [e["action"] for e in entries] == expected_actions


def test_until_date_includes_the_whole_day(history):
    day = list(audit.iter_entries(history))[-1]["at"][:10]
    assert len(select_entries(history, make_filters(since=day, until=day))) == len(
        list(audit.iter_entries(history))
    )


def test_bad_format_and_bad_date_are_clear_errors(history, tmp_path):
    with pytest.raises(ValueError, match="Unknown export format 'xml'"):
        export(history, "xml", tmp_path / "x")
    with pytest.raises(ValueError, match="not a date"):
        export(history, "csv", tmp_path / "x.csv", since="last tuesday")
    assert not (tmp_path / "x.csv").exists()


def test_pdf_report_reads_back_with_header_and_head_hash(history, tmp_path, monkeypatch, qapp):
    pypdf = pytest.importorskip("pypdf")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    out = tmp_path / "audit.pdf"
    summary = export(
        history,
        "pdf",
        out,
        since="2000-01-01",
        actor=None,
        exported_by="auditor",
        workspace="/srv/ws",
    )
    reader = pypdf.PdfReader(str(out))
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = unicodedata.normalize("NFKC", "".join(text.split()))  # undo the "fi" ligature
    assert summary.head_hash in flat
    assert "Chainverification" in flat and "intact" in flat
    assert "/srv/ws" in flat and "2000-01-01" in flat
    assert "escalation.open" in flat and "carol" in flat
    assert reader.metadata.title == "Audit log report"


def test_cli_export_all_formats(tmp_path, capsys, qapp, monkeypatch):
    pypdf = pytest.importorskip("pypdf")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    db = Workspace.at(tmp_path / "ws").open()
    seed(db)
    db.close()
    base = ["--workspace", str(tmp_path / "ws"), "--as", "auditor", "audit", "export"]
    for fmt in ("csv", "jsonl", "pdf"):
        out = tmp_path / f"out.{fmt}"
        assert main([*base, "--format", fmt, "--out", str(out), "--actor", "setup"]) == 0
        assert f"Wrote 1 audit entries to {out}" in capsys.readouterr().out  # only page.add
        assert out.stat().st_size > 0
    assert "page.add" in "".join(
        pypdf.PdfReader(str(tmp_path / "out.pdf")).pages[0].extract_text().split()
    )
    assert (
        main(
            [
                *base,
                "--format",
                "jsonl",
                "--out",
                str(tmp_path / "a.jsonl"),
                "--action",
                "audit.export",
                "--json",
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["rows"] == 3
    exporters = {row["actor"] for row in map(json.loads, (tmp_path / "a.jsonl").open())}
    assert exporters == {"auditor"}  # --actor filters; it does not change who exports
    with pytest.raises(SystemExit) as refused:
        main([*base, "--format", "xml", "--out", "x"])
    assert refused.value.code == 2
