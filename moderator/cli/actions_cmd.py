"""``moderator hide|unhide|reply|escalate|dismiss`` and ``moderator outbox ...``.

A platform action (hide, unhide, reply) is queued in the outbox with its audit entry and
then applied at once by one worker pass for that action; the command prints the outcome.
A failure leaves the action visibly failed in ``moderator outbox`` (retry or cancel it
there); a retryable error leaves it pending with its next try time (exit code 75,
``EX_TEMPFAIL``), and ``moderator outbox run`` applies it later.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from moderator.actions import (
    OutboxWorker,
    cancel,
    confirm,
    dismiss,
    enqueue,
    escalate,
    find_comment,
    get_action,
    list_actions,
    retry,
)
from moderator.actions._common import ACTION_STATUSES
from moderator.cli import CliContext, CliError
from moderator.connectors import connector_for_stored_page
from moderator.connectors.base import Connector

EX_TEMPFAIL = 75
_DONE_TEXT = {"hide": "Hid", "unhide": "Unhid", "reply": "Replied to", "delete": "Deleted"}


def register(subparsers: argparse._SubParsersAction) -> None:
    for kind, help_text in (
        ("hide", "hide a comment on its platform"),
        ("unhide", "make a hidden comment public again"),
    ):
        parser = subparsers.add_parser(kind, help=help_text)
        parser.add_argument("id", help="the comment's platform id")
        parser.add_argument("--note", default=None, help="why (goes in the audit log)")
        parser.set_defaults(handler=_platform_action, kind=kind)

    reply = subparsers.add_parser("reply", help="reply publicly with an approved text")
    reply.add_argument("id", help="the comment's platform id")
    source = reply.add_mutually_exclusive_group(required=True)
    source.add_argument("--text", help="the reply text")
    source.add_argument("--template", help="an approved reply template's name")
    reply.add_argument("--note", default=None, help="why (goes in the audit log)")
    reply.set_defaults(handler=_platform_action, kind="reply")

    esc = subparsers.add_parser("escalate", help="escalate a comment to pharmacovigilance")
    esc.add_argument("id", help="the comment's platform id")
    esc.add_argument("--note", default=None)
    esc.set_defaults(handler=_escalate)

    dis = subparsers.add_parser("dismiss", help="dismiss a comment's flags (false positive)")
    dis.add_argument("id", help="the comment's platform id")
    dis.add_argument("--note", default=None)
    dis.set_defaults(handler=_dismiss)

    outbox = subparsers.add_parser("outbox", help="list, run, retry and cancel queued actions")
    outbox.add_argument("--status", choices=ACTION_STATUSES, action="append", default=None)
    outbox.set_defaults(handler=_outbox_list)
    sub = outbox.add_subparsers(dest="outbox_command", required=False, metavar="ACTION")
    show = sub.add_parser("list", help="list queued and past actions (the default)")
    show.add_argument("--status", choices=ACTION_STATUSES, action="append", default=None)
    show.set_defaults(handler=_outbox_list)
    run = sub.add_parser("run", help="apply pending actions now")
    run.add_argument(
        "--wait",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="keep retrying rate-limited actions for up to this long",
    )
    run.set_defaults(handler=_outbox_run)
    for name, handler, help_text in (
        ("retry", _outbox_retry, "send a failed or unknown action again"),
        ("cancel", _outbox_cancel, "give up on an action that was not applied"),
        ("confirm", _outbox_confirm, "record that an unknown action did reach the platform"),
    ):
        parser = sub.add_parser(name, help=help_text)
        parser.add_argument("action_id", type=int, help="the outbox action id")
        parser.add_argument("--note", default=None)
        parser.set_defaults(handler=handler)


# -- connectors --------------------------------------------------------------------------
def connector_factory(workspace_root: Path) -> Callable[[dict[str, Any]], Connector]:
    """Build connectors for stored pages; tokens come from the keyring (demo: none)."""
    return partial(connector_for_stored_page, state_dir=workspace_root)


def _worker(ctx: CliContext) -> OutboxWorker:
    return OutboxWorker()


# -- moderation commands -----------------------------------------------------------------
def _public(row: dict[str, Any], comment: dict[str, Any] | None = None) -> dict[str, Any]:
    payload = {
        "action_id": row["id"],
        "kind": row["kind"],
        "status": row["status"],
        "attempts": row["attempts"],
        "next_attempt_at": row["next_attempt_at"],
        "last_error": row["last_error"],
        "created_at": row["created_at"],
        "created_by": row["created_by"],
        "applied_at": row["applied_at"],
        "result": row["result"],
        "payload": row["payload"],
    }
    if comment is not None:
        payload["comment"] = comment["platform_id"]
    elif "comment_platform_id" in row:
        payload["comment"] = row["comment_platform_id"]
        payload["page"] = row["page_name"]
    return payload


def _report_action(ctx: CliContext, row: dict[str, Any], comment_ref: str) -> int:
    """Print an action's outcome; non-zero (via CliError) unless it was applied."""
    ctx.emit(_public(row) | {"comment": comment_ref}, _outcome_text(row, comment_ref))
    status = row["status"]
    if status == "done":
        return 0
    if status == "pending":
        raise CliError(
            f"{row['kind']} of {comment_ref} is not applied yet ({row['last_error'] or 'queued'}); "
            f"next try at {row['next_attempt_at'] or 'once the worker runs'} "
            f"(action {row['id']}; `moderator outbox run`).",
            exit_code=EX_TEMPFAIL,
        )
    if status == "in_progress":
        raise CliError(
            f"{row['kind']} of {comment_ref} is being applied by another worker "
            f"(action {row['id']}).",
            exit_code=EX_TEMPFAIL,
        )
    raise CliError(
        f"{row['kind']} of {comment_ref} {status}: {row['last_error']} (action {row['id']}; "
        f"`moderator outbox retry {row['id']}` or `moderator outbox cancel {row['id']}`)."
    )


def _outcome_text(row: dict[str, Any], comment_ref: str) -> str:
    if row["status"] != "done":
        return ""
    text = f"{_DONE_TEXT.get(row['kind'], row['kind'])} comment {comment_ref}"
    reply_id = (row["result"] or {}).get("reply_id")
    if reply_id:
        text += f" (reply {reply_id})"
    return text + f" [action {row['id']}]."


def _platform_action(args: argparse.Namespace, ctx: CliContext) -> int:
    db = ctx.db
    comment = find_comment(db, args.id)
    payload = None
    if args.kind == "reply":
        text = args.text
        if args.template:
            from moderator.templates import render_for_comment

            text = render_for_comment(db, args.template, comment["id"])
        payload = {"text": text}
        if args.template:
            payload["template"] = args.template
    action_id = enqueue(db, comment["id"], args.kind, ctx.actor, note=args.note, payload=payload)
    _worker(ctx).run_once(db, connector_factory(ctx.workspace.root), action_ids=[action_id])
    return _report_action(ctx, get_action(db, action_id), comment["platform_id"])


def _escalate(args: argparse.Namespace, ctx: CliContext) -> int:
    comment = find_comment(ctx.db, args.id)
    row = escalate(ctx.db, comment["id"], ctx.actor, note=args.note)
    payload = {
        key: row[key]
        for key in (
            "id",
            "kind",
            "status",
            "day_zero",
            "internal_due_at",
            "regulatory_due_at",
            "note",
        )
    } | {"comment": comment["platform_id"]}
    ctx.emit(
        payload,
        f"Escalated comment {comment['platform_id']} to PV as {row['id']}: internal deadline "
        f"{row['internal_due_at']}, regulatory deadline {row['regulatory_due_at']}.",
    )
    return 0


def _dismiss(args: argparse.Namespace, ctx: CliContext) -> int:
    comment = find_comment(ctx.db, args.id)
    after = dismiss(ctx.db, comment["id"], ctx.actor, note=args.note)
    ctx.emit(
        {"comment": comment["platform_id"], "status": after["status"]},
        f"Dismissed comment {comment['platform_id']}.",
    )
    return 0


# -- outbox ------------------------------------------------------------------------------
def _outbox_list(args: argparse.Namespace, ctx: CliContext) -> int:
    statuses = tuple(args.status) if args.status else None
    rows = list_actions(ctx.db, statuses)
    lines = [
        f"{row['id']:>5}  {row['kind']:<7} {row['status']:<11} {row['comment_platform_id']:<20} "
        f"{row['page_name']}  tries {row['attempts']}  by {row['created_by']}"
        + (
            f"  next {row['next_attempt_at']}"
            if row["status"] in ("pending", "in_progress") and row["next_attempt_at"]
            else ""
        )
        + (f"  error: {row['last_error']}" if row["last_error"] else "")
        for row in rows
    ]
    ctx.emit([_public(row) for row in rows], "\n".join(lines) or "The outbox is empty.")
    return 0


def _outbox_run(args: argparse.Namespace, ctx: CliContext) -> int:
    worker = _worker(ctx)
    factory = connector_factory(ctx.workspace.root)
    if args.wait > 0:
        results = worker.drain(ctx.db, factory, max_wait=args.wait)
    else:
        results = worker.run_once(ctx.db, factory)
    counts: dict[str, int] = {}
    for result in results:
        counts[result.status] = counts.get(result.status, 0) + 1
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    ctx.emit(
        {"results": [r.as_dict() for r in results], "counts": counts},
        f"Processed {len(results)} actions" + (f": {summary}." if summary else "."),
    )
    failed = [r for r in results if r.status in ("failed", "unknown")]
    if failed:
        first = failed[0]
        raise CliError(
            f"{len(failed)} actions need attention; action {first.action_id} ({first.kind}) "
            f"{first.status}: {first.error}"
        )
    return 0


def _outbox_change(ctx: CliContext, row: dict[str, Any], verb: str) -> int:
    ctx.emit(_public(row), f"Action {row['id']} ({row['kind']}) {verb}: now {row['status']}.")
    return 0


def _outbox_retry(args: argparse.Namespace, ctx: CliContext) -> int:
    retry(ctx.db, args.action_id, ctx.actor, note=args.note)
    _worker(ctx).run_once(
        ctx.db, connector_factory(ctx.workspace.root), action_ids=[args.action_id]
    )
    row = get_action(ctx.db, args.action_id)
    comment = ctx.db["comments"].get(row["comment_id"])
    return _report_action(ctx, row, comment["platform_id"])


def _outbox_cancel(args: argparse.Namespace, ctx: CliContext) -> int:
    return _outbox_change(
        ctx, cancel(ctx.db, args.action_id, ctx.actor, note=args.note), "cancelled"
    )


def _outbox_confirm(args: argparse.Namespace, ctx: CliContext) -> int:
    return _outbox_change(
        ctx, confirm(ctx.db, args.action_id, ctx.actor, note=args.note), "confirmed"
    )
