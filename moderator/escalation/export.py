"""Exporting escalations: JSON, CSV, E2B(R3) XML and a CIOMS-I-style PDF; every export audited.

Why audited: an export is the moment case data leaves the console (to a PV system, an e-mail, a
regulator), and inspectors ask who sent what, when. The audit entry holds the file's SHA-256 so
the exported file can later be matched to the entry. The PDF is drawn by ``ui.case_pdf`` (Qt),
imported only inside :func:`_write_pdf` so the core never loads Qt at import time.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from moderator import audit, settings
from moderator.escalation import e2b
from moderator.escalation.cases import EscalationError, clock_state, get_case, list_cases
from moderator.escalation.provenance import record_sha256
from moderator.spreadsheet import neutralise
from moderator.timeutil import utc_now

FORMATS: tuple[str, ...] = ("json", "e2b", "pdf", "csv")
EXTENSIONS: dict[str, str] = {"json": "json", "e2b": "xml", "pdf": "pdf", "csv": "csv"}
CASE_COLUMNS: tuple[str, ...] = (
    "id",
    "kind",
    "status",
    "comment_id",
    "created_at",
    "created_by",
    "day_zero",
    "internal_due_at",
    "regulatory_due_at",
    "acknowledged_at",
    "acknowledged_by",
    "note",
)
SUMMARY_COLUMNS: tuple[str, ...] = (
    *CASE_COLUMNS,
    "platform",
    "page",
    "platform_comment_id",
    "permalink",
    "author_handle",
    "serious",
    "products",
    "events",
    "missing_criteria",
    "internal_clock",
    "regulatory_clock",
    "verbatim",
    "verbatim_sha256",
)


def case_document(case: dict[str, Any]) -> dict[str, Any]:
    """The JSON export: the escalation's row (deadlines, status) and its full record."""
    return {"escalation": {k: case.get(k) for k in CASE_COLUMNS}, "record": case["record"]}


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Nested dicts/lists as ``{"a.b.0.c": leaf}``; the shape of the edit paths too."""
    out: dict[str, Any] = {}
    if isinstance(value, dict):
        for key, item in value.items():
            out.update(flatten(item, f"{prefix}{key}."))
    elif isinstance(value, list) and value:
        for index, item in enumerate(value):
            out.update(flatten(item, f"{prefix}{index}."))
    else:
        out[prefix.rstrip(".")] = value
    return out


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return neutralise(json.dumps(value, ensure_ascii=False))
    return neutralise(str(value))


def case_csv(case: dict[str, Any]) -> str:
    """One case as ``field,value`` rows (escalation columns, then every record field)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["field", "value"])
    for key, value in flatten(case_document(case)).items():
        writer.writerow([key, _cell(value)])
    return buffer.getvalue()


def summary_row(case: dict[str, Any]) -> dict[str, str]:
    """One line per case for a spreadsheet of many cases (CSV batch export)."""
    record = case["record"]
    pv = record.get("provenance", {})
    comment = pv.get("comment", {})
    products = record.get("products") or []
    if not products and record.get("complaint", {}).get("product"):
        products = [record["complaint"]["product"]]
    clocks = case.get("clock") or clock_state(case)
    row = {k: _cell(case.get(k)) for k in CASE_COLUMNS}
    row.update(
        {
            "platform": _cell(pv.get("platform")),
            "page": _cell(pv.get("page", {}).get("name")),
            "platform_comment_id": _cell(comment.get("id")),
            "permalink": _cell(comment.get("permalink")),
            "author_handle": _cell(comment.get("author_handle")),
            "serious": _cell(record.get("serious")),
            "products": "; ".join(
                str(p.get("matched_product") or p.get("name_as_reported") or "")
                for p in products
                if p
            ),
            "events": "; ".join(e.get("text_verbatim") or "" for e in record.get("events") or []),
            "missing_criteria": "; ".join((record.get("criteria") or {}).get("missing") or []),
            "internal_clock": clocks["internal"]["text"],
            "regulatory_clock": clocks["regulatory"]["text"] if clocks["regulatory"] else "",
            "verbatim": _cell(record.get("verbatim", {}).get("text")),
            "verbatim_sha256": _cell(record.get("verbatim", {}).get("sha256")),
        }
    )
    return row


def cases_csv(cases: Iterable[dict[str, Any]]) -> str:
    """Many cases, one summary row each."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(SUMMARY_COLUMNS))
    writer.writeheader()
    for case in cases:
        writer.writerow(summary_row(case))
    return buffer.getvalue()


def _write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _write_pdf(db: Database, case: dict[str, Any], path: Path) -> None:
    from ui.case_pdf import render_case_pdf  # Qt only here: the core must not import it

    path.parent.mkdir(parents=True, exist_ok=True)
    render_case_pdf(case, path, company=str(settings.get(db, "company") or ""))


def _write(db: Database, case: dict[str, Any], fmt: str, path: Path) -> None:
    if fmt == "json":
        text = json.dumps(case_document(case), ensure_ascii=False, indent=2, sort_keys=True)
        _write_atomic(path, (text + "\n").encode("utf-8"))
    elif fmt == "csv":
        _write_atomic(path, case_csv(case).encode("utf-8"))
    elif fmt == "e2b":
        if case["kind"] != "pv":
            raise EscalationError(
                f"Escalation {case['id'][:8]} is a {case['kind']} record, not an ICSR: "
                "export it as json, csv or pdf."
            )
        sender = str(settings.get(db, "company") or "MODERATION-CONSOLE")
        _write_atomic(path, e2b.build_e2b(case, sender=sender))
    elif fmt == "pdf":
        _write_pdf(db, case, path)
    else:
        raise EscalationError(f"Unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}.")


def _audit_export(db: Database, actor: str, case: dict[str, Any], fmt: str, path: Path) -> None:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with db.atomic():
        audit.append(
            db,
            actor=actor,
            action="escalation.export",
            comment_id=case["comment_id"],
            note=f"{fmt} {path.name}",
            details={
                "escalation_id": case["id"],
                "format": fmt,
                "file": str(path),
                "file_sha256": digest,
                "record_sha256": record_sha256(case["record"]),
            },
        )


def export_case(
    db: Database, case_id: str, fmt: str, out_path: str | Path, actor: str = "console"
) -> Path:
    """Write one case as json | csv | e2b | pdf to ``out_path`` and audit the export."""
    if fmt not in FORMATS:
        raise EscalationError(f"Unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    case = get_case(db, case_id)
    case["clock"] = clock_state(case, utc_now())
    path = Path(out_path)
    _write(db, case, fmt, path)
    _audit_export(db, actor, case, fmt, path)
    return path


def export_open_cases(
    db: Database, fmt: str, out_dir: str | Path, actor: str = "console"
) -> list[Path]:
    """Export every case with status ``open`` (overdue first) into ``out_dir``.

    ``csv`` writes one summary file (``open-escalations.csv``) and one audit entry per case
    in it; the other formats write ``<kind>-<id>.<ext>`` per case. E2B skips non-PV cases,
    which are not ICSRs.
    """
    if fmt not in FORMATS:
        raise EscalationError(f"Unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    cases = list_cases(db, status="open")
    if fmt == "csv":
        path = folder / "open-escalations.csv"
        _write_atomic(path, cases_csv(cases).encode("utf-8"))
        for case in cases:
            _audit_export(db, actor, case, fmt, path)
        return [path]
    written = []
    for case in cases:
        if fmt == "e2b" and case["kind"] != "pv":
            continue
        path = folder / f"{case['kind']}-{case['id']}.{EXTENSIONS[fmt]}"
        _write(db, case, fmt, path)
        _audit_export(db, actor, case, fmt, path)
        written.append(path)
    return written
