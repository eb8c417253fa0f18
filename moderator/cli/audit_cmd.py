"""``moderator audit export|verify``: hand the audit log to an auditor, prove it is intact."""

from __future__ import annotations

import argparse

from moderator import audit
from moderator.audit_export import FORMATS, export
from moderator.cli import CliContext, CliError


def register(subparsers: argparse._SubParsersAction) -> None:
    group = subparsers.add_parser("audit", help="export and verify the audit log")
    sub = group.add_subparsers(dest="audit_command", required=True, metavar="ACTION")

    exp = sub.add_parser("export", help="write the audit log as csv, jsonl or pdf")
    exp.add_argument("--format", required=True, choices=FORMATS, dest="fmt")
    exp.add_argument("--out", required=True, help="output file")
    exp.add_argument("--since", default=None, help="from this date/time (UTC; YYYY-MM-DD)")
    exp.add_argument("--until", default=None, help="up to this date (inclusive) or time")
    exp.add_argument(
        "--action",
        action="append",
        default=None,
        help="only this action (or prefix, e.g. 'action'); repeatable",
    )
    exp.add_argument(
        "--actor", dest="actor_filter", default=None, help="only entries by this person"
    )
    exp.add_argument("--comment", default=None, help="only entries about this comment id")
    exp.set_defaults(handler=_export)

    ver = sub.add_parser("verify", help="check the hash chain; exit 1 at the first bad entry")
    ver.set_defaults(handler=_verify)


def _export(args: argparse.Namespace, ctx: CliContext) -> int:
    summary = export(
        ctx.db,
        args.fmt,
        args.out,
        since=args.since,
        until=args.until,
        actions=args.action,
        actor=args.actor_filter,
        comment=args.comment,
        exported_by=ctx.actor,
        workspace=str(ctx.workspace.root),
    )
    text = f"Wrote {summary.rows} audit entries to {summary.path} ({summary.fmt})."
    if not summary.chain_ok:
        text += f" Warning: the audit chain is broken: {summary.chain_problem}"
    ctx.emit(summary.as_dict(), text)
    return 0


def _verify(args: argparse.Namespace, ctx: CliContext) -> int:
    result = audit.verify(ctx.db)
    payload = {
        "ok": result.ok,
        "entries": result.entries,
        "head": result.head_hash if result.ok else audit.head_hash(ctx.db),
        "first_bad_seq": result.first_bad_seq,
        "problem": result.problem or None,
    }
    if result.ok:
        ctx.emit(payload, f"Audit chain intact: {result.entries} entries, head {result.head_hash}")
        return 0
    if ctx.json:
        ctx.emit(payload, "")
    raise CliError(f"Audit chain broken at entry {result.first_bad_seq}: {result.problem}")
