"""Exporting the audit log for auditors and inspectors: CSV, JSON Lines, PDF.

* JSONL keeps every stored field verbatim, hashes included, one entry per line, so the
  chain can be re-verified outside the console with :func:`moderator.audit.entry_hash`.
* CSV adds the comment's platform id and the page name for reading in a spreadsheet and
  neutralises formula injection (a comment text starting with ``=`` must not run in
  Excel).
* PDF is a readable report whose header states the workspace, period, filters, count,
  chain head hash and whether the chain verified; it is rendered by ``ui.report_pdf``
  (Qt), imported only when a PDF is asked for, so the core never loads Qt.

Every export is itself audited (``audit.export``) once the file is written.
"""

from __future__ import annotations

import csv
import html
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from moderator import audit
from moderator.spreadsheet import neutralise
from moderator.store.like import like_escape
from moderator.timeutil import now_text, parse, to_text

FORMATS: tuple[str, ...] = ("csv", "jsonl", "pdf")
# Every hashed field, then the chain links, so an export can be re-verified line by line.
ENTRY_FIELDS: tuple[str, ...] = (*audit.CHAINED_FIELDS, "prev_hash", "hash")
CSV_COLUMNS: tuple[str, ...] = (*ENTRY_FIELDS[:6], "comment", "page", *ENTRY_FIELDS[6:])
TABLE_CHUNK = 200  # rows per table in the PDF report


@dataclass(frozen=True)
class ExportFilters:
    """Which entries to export; every filter is optional and they combine with AND.

    ``since``/``until`` are canonical UTC stamps; ``until`` is exclusive when it came from a
    date (the whole day is included) and inclusive when it came from a time.
    """

    since: str | None = None
    until: str | None = None
    until_inclusive: bool = True
    actions: tuple[str, ...] = ()
    actor: str | None = None
    comment: str | int | None = None

    def describe(self) -> dict[str, Any]:
        """The filters as they go in the audit entry and the report header."""
        return {
            "since": self.since,
            "until": self.until,
            "actions": list(self.actions) or None,
            "actor": self.actor,
            "comment": self.comment,
        }


@dataclass
class ExportSummary:
    """What an export wrote."""

    path: Path
    fmt: str
    rows: int
    head_hash: str
    chain_ok: bool
    chain_problem: str = ""
    filters: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "format": self.fmt,
            "rows": self.rows,
            "head_hash": self.head_hash,
            "chain_ok": self.chain_ok,
            "chain_problem": self.chain_problem or None,
            "filters": self.filters,
        }


def parse_bound(
    value: str | date | datetime | None, *, end: bool = False
) -> tuple[str | None, bool]:
    """A ``--since``/``--until`` value as a canonical stamp and whether it is inclusive.

    A bare date means the start of that day (UTC) for ``since`` and the whole day for
    ``until`` (exclusive bound at the next midnight).
    """
    if value is None or value == "":
        return None, True
    if isinstance(value, datetime):
        return to_text(value), True
    if isinstance(value, date):
        day = value
    else:
        text = str(value).strip()
        try:
            day = date.fromisoformat(text) if len(text) == 10 else None
        except ValueError:
            day = None
        if day is None:
            try:
                return to_text(parse(text)), True
            except ValueError as error:
                raise ValueError(
                    f"{text!r} is not a date (YYYY-MM-DD) or an ISO 8601 time."
                ) from error
    start = datetime.combine(day, time.min)
    if end:
        return to_text(start + timedelta(days=1)), False
    return to_text(start), True


def make_filters(
    since: str | date | datetime | None = None,
    until: str | date | datetime | None = None,
    actions: Sequence[str] | str | None = None,
    actor: str | None = None,
    comment: str | int | None = None,
) -> ExportFilters:
    """Normalise user-given filter values."""
    since_text, _ = parse_bound(since)
    until_text, inclusive = parse_bound(until, end=True)
    if isinstance(actions, str):
        actions = [actions]
    return ExportFilters(
        since=since_text,
        until=until_text,
        until_inclusive=inclusive,
        actions=tuple(a for a in (actions or ()) if a),
        actor=actor or None,
        comment=comment,
    )


def select_entries(db: Database, filters: ExportFilters) -> list[dict[str, Any]]:
    """Entries matching ``filters`` in chain order, with the comment's platform id and page.

    An action filter matches the exact action name or, given a prefix such as ``action``,
    every ``action.*`` entry.
    """
    clauses: list[str] = []
    params: list[Any] = []
    if filters.since:
        clauses.append("a.at >= ?")
        params.append(filters.since)
    if filters.until:
        clauses.append("a.at <= ?" if filters.until_inclusive else "a.at < ?")
        params.append(filters.until)
    if filters.actions:
        ors = []
        for name in filters.actions:
            ors.append("(a.action = ? OR a.action LIKE ? ESCAPE '\\')")
            params += [name, like_escape(name.rstrip(".*")) + ".%"]
        clauses.append("(" + " OR ".join(ors) + ")")
    if filters.actor:
        clauses.append("a.actor = ?")
        params.append(filters.actor)
    if filters.comment is not None:
        if isinstance(filters.comment, int):
            clauses.append("a.comment_id = ?")
        else:
            clauses.append("c.platform_id = ?")
        params.append(filters.comment)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    sql = f"""
        SELECT a.*, c.platform_id AS comment, p.name AS page
        FROM audit_log a
        LEFT JOIN comments c ON c.id = a.comment_id
        LEFT JOIN pages p ON p.id = coalesce(a.page_id, c.page_id)
        {where} ORDER BY a.seq
    """
    return list(db.query(sql, params))


def _write_csv(handle: Any, entries: Iterable[dict[str, Any]]) -> None:
    writer = csv.writer(handle)
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        writer.writerow([neutralise(entry.get(column)) for column in CSV_COLUMNS])


def _write_jsonl(handle: Any, entries: Iterable[dict[str, Any]]) -> None:
    for entry in entries:
        record = {name: entry.get(name) for name in ENTRY_FIELDS}
        handle.write(json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n")


def workspace_of(db: Database) -> str:
    """The folder of the database file (``in memory`` for a test database)."""
    for _seq, name, filename in db.execute("PRAGMA database_list"):
        if name == "main":
            return str(Path(filename).parent) if filename else "(in memory)"
    return "(unknown)"


def _short(value: str | None, limit: int = 160) -> str:
    if not value:
        return ""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def report_html(
    entries: Sequence[dict[str, Any]],
    *,
    workspace: str,
    filters: ExportFilters,
    result: audit.VerifyResult,
    head: str,
    generated_at: str,
    generated_by: str,
) -> str:
    """The PDF report as HTML (QTextDocument's subset): header block, then the entries."""
    e = html.escape
    period = f"{filters.since or 'first entry'} to {filters.until or 'last entry'}"
    if filters.until and not filters.until_inclusive:
        period += " (exclusive)"
    active = {k: v for k, v in filters.describe().items() if v and k not in ("since", "until")}
    filter_text = ", ".join(f"{k}: {v}" for k, v in active.items()) or "none"
    status = (
        f"intact ({result.entries} entries)"
        if result.ok
        else f"BROKEN at entry {result.first_bad_seq}: {result.problem}"
    )
    header_rows = [
        ("Workspace", workspace),
        ("Period", period),
        ("Filters", filter_text),
        ("Entries in this report", str(len(entries))),
        ("Chain head hash", head),
        ("Chain verification", status),
        ("Generated", f"{generated_at} by {generated_by}"),
    ]
    head = "".join(
        f"<tr><td><b>{e(k)}</b></td><td><tt>{e(v)}</tt></td></tr>"
        if k == "Chain head hash"
        else f"<tr><td><b>{e(k)}</b></td><td>{e(v)}</td></tr>"
        for k, v in header_rows
    )
    columns = (
        "Seq",
        "Time (UTC)",
        "Actor",
        "Action",
        "Comment",
        "Page",
        "Note",
        "Before",
        "After",
        "Hash",
    )
    body = []
    for entry in entries:
        cells = (
            str(entry["seq"]),
            entry["at"].replace("T", " ")[:19],
            entry["actor"],
            entry["action"],
            entry.get("comment") or (str(entry["comment_id"]) if entry["comment_id"] else ""),
            entry.get("page") or "",
            _short(entry["note"]),
            _short(entry["before"]),
            _short(entry["after"]),
            entry["hash"][:16],
        )
        body.append("<tr>" + "".join(f"<td>{e(c)}</td>" for c in cells) + "</tr>")
    header_cells = "".join(f"<th align='left'>{c}</th>" for c in columns)
    body = body or ['<tr><td colspan="10">No entries match these filters.</td></tr>']
    # Several tables of TABLE_CHUNK rows, not one: Qt lays a huge table out in
    # more than linear time (20k rows: 160 s as one table).
    tables = "\n".join(
        '<table border="1" cellspacing="0" cellpadding="2" width="100%">'
        f"<thead><tr>{header_cells}</tr></thead>{''.join(body[start : start + TABLE_CHUNK])}"
        "</table>"
        for start in range(0, len(body), TABLE_CHUNK)
    )
    return f"""<html><head><meta charset="utf-8"><title>Audit log report</title></head>
<body style="font-family: sans-serif; font-size: 8pt;">
<h2>Moderation Console: audit log report</h2>
<table cellspacing="0" cellpadding="2">{head}</table>
<p></p>
{tables}
</body></html>"""


def _atomic_write(out_path: Path, write: Any, *, text: bool = True) -> None:
    """Write through a temporary file in the same folder, then rename over ``out_path``.

    A failed export never leaves a half-written file that looks complete.
    """
    out_path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{out_path.name}.", dir=out_path.parent)
    os.close(fd)
    try:
        if text:
            newline = "" if out_path.suffix.lower() == ".csv" else None
            with open(temporary, "w", encoding="utf-8", newline=newline) as handle:
                write(handle)
        else:
            write(Path(temporary))
        os.replace(temporary, out_path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def export(
    db: Database,
    fmt: str,
    out_path: Path | str,
    since: str | date | datetime | None = None,
    until: str | date | datetime | None = None,
    actions: Sequence[str] | str | None = None,
    actor: str | None = None,
    comment: str | int | None = None,
    *,
    exported_by: str = "unknown",
    workspace: str | None = None,
) -> ExportSummary:
    """Write the matching audit entries to ``out_path`` as csv, jsonl or pdf and audit it.

    ``actor`` filters entries by who acted; ``exported_by`` is who runs the export.
    """
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    out = Path(out_path)
    filters = make_filters(since, until, actions, actor, comment)
    entries = select_entries(db, filters)
    result = audit.verify(db)
    head = audit.head_hash(db)
    if fmt == "csv":
        _atomic_write(out, lambda handle: _write_csv(handle, entries))
    elif fmt == "jsonl":
        _atomic_write(out, lambda handle: _write_jsonl(handle, entries))
    else:
        document = report_html(
            entries,
            workspace=workspace or workspace_of(db),
            filters=filters,
            result=result,
            head=head,
            generated_at=now_text(),
            generated_by=exported_by,
        )
        from ui.report_pdf import render_html_to_pdf  # Qt only when a PDF is asked for

        _atomic_write(
            out,
            lambda path: render_html_to_pdf(document, path, title="Audit log report"),
            text=False,
        )
    with db.atomic():
        audit.append(
            db,
            actor=exported_by,
            action="audit.export",
            details={
                "format": fmt,
                "filters": filters.describe(),
                "rows": len(entries),
                "file": out.name,
                "chain_ok": result.ok,
                "chain_head": head,
            },
        )
    return ExportSummary(
        path=out,
        fmt=fmt,
        rows=len(entries),
        head_hash=head,
        chain_ok=result.ok,
        chain_problem=result.problem,
        filters=filters.describe(),
    )
