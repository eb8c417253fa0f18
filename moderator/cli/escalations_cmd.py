"""``moderator escalations list|show|open|ack|close|edit|export|export-open``.

Case ids are uuids; any unique prefix works (``moderator escalations ack 3f2a``), as with git.
Lists show overdue cases first with both clocks: the internal hand-over deadline and the
regulatory one (15 / 90 calendar days from day zero).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from moderator.cli import CliContext, CliError
from moderator.escalation import cases as esc
from moderator.escalation import clock
from moderator.escalation.export import FORMATS, case_document, export_case, export_open_cases
from moderator.timeutil import parse


def register(subparsers: argparse._SubParsersAction) -> None:
    group = subparsers.add_parser("escalations", help="PV, quality and medical-information cases")
    sub = group.add_subparsers(dest="escalations_command", required=True, metavar="ACTION")

    show_list = sub.add_parser("list", help="cases with their countdowns, overdue first")
    show_list.add_argument("--status", choices=esc.STATUSES)
    show_list.add_argument("--kind", choices=esc.KINDS)
    show_list.add_argument("--tz", help="time zone for due times (default: this computer's)")
    show_list.set_defaults(handler=_list)

    show = sub.add_parser("show", help="one case record")
    show.add_argument("case_id")
    show.add_argument("--tz", help="time zone for due times (default: this computer's)")
    show.set_defaults(handler=_show)

    opening = sub.add_parser("open", help="escalate a comment as a pv, quality or medinfo case")
    opening.add_argument("comment_id", help="the comment's platform id")
    opening.add_argument("--kind", choices=esc.KINDS, default="pv")
    opening.add_argument("--note")
    opening.set_defaults(handler=_open)

    ack = sub.add_parser("ack", help="acknowledge receipt (stops the internal clock)")
    ack.add_argument("case_id")
    ack.set_defaults(handler=_ack)

    close = sub.add_parser("close", help="close a case")
    close.add_argument("case_id")
    close.add_argument("--note")
    close.set_defaults(handler=_close)

    edit = sub.add_parser("edit", help="change record fields before sending (audited)")
    edit.add_argument("case_id")
    edit.add_argument(
        "--set",
        dest="assignments",
        action="append",
        required=True,
        metavar="FIELD=VALUE",
        help="dotted field path and a value (JSON, or plain text): reporter.country=US",
    )
    edit.set_defaults(handler=_edit)

    export = sub.add_parser("export", help="export one case")
    export.add_argument("case_id")
    export.add_argument("--format", required=True, choices=FORMATS)
    export.add_argument("--out", required=True)
    export.set_defaults(handler=_export)

    export_open = sub.add_parser("export-open", help="export every open case into a folder")
    export_open.add_argument("--format", required=True, choices=FORMATS)
    export_open.add_argument("--out", required=True, help="output folder")
    export_open.set_defaults(handler=_export_open)


def _summary(case: dict[str, Any]) -> dict[str, Any]:
    record = case["record"]
    pv = record.get("provenance", {})
    return {
        "id": case["id"],
        "kind": case["kind"],
        "status": case["status"],
        "platform": pv.get("platform"),
        "page": pv.get("page", {}).get("name"),
        "comment_id": pv.get("comment", {}).get("id"),
        "serious": bool(record.get("serious")),
        "day_zero": case["day_zero"],
        "internal_due_at": case["internal_due_at"],
        "regulatory_due_at": case["regulatory_due_at"],
        "acknowledged_at": case["acknowledged_at"],
        "acknowledged_by": case["acknowledged_by"],
        "created_by": case["created_by"],
        "missing_criteria": (record.get("criteria") or {}).get("missing", []),
        "clock": case.get("clock") or esc.clock_state(case),
    }


def _line(case: dict[str, Any], zone: str | None) -> str:
    state = case["clock"]
    internal = state["internal"]["text"]
    regulatory = ""
    if state["regulatory"]:
        due = clock.format_local(parse(state["regulatory"]["due_at"]), zone)
        regulatory = f"  regulatory: {state['regulatory']['text']} (due {due})"
    pv = case["record"].get("provenance", {})
    flag = "SERIOUS " if case["record"].get("serious") else ""
    mark = "!" if state["overdue"] else " "
    return (
        f"{mark} {case['id'][:8]}  {case['kind']:<7} {case['status']:<12} {flag}"
        f"{pv.get('platform', '')}:{pv.get('comment', {}).get('id', '')}"
        f"  internal: {internal}{regulatory}"
    )


def _zone(args: argparse.Namespace) -> str | None:
    if not args.tz:
        return None
    try:
        clock.local_zone(args.tz)
    except (KeyError, ValueError) as error:
        raise CliError(f"Unknown time zone {args.tz!r}.") from error
    return args.tz


def _list(args: argparse.Namespace, ctx: CliContext) -> int:
    zone = _zone(args)
    found = esc.list_cases(ctx.db, status=args.status, kind=args.kind)
    text = "\n".join(_line(c, zone) for c in found) or "No escalations."
    ctx.emit([_summary(c) for c in found], text)
    return 0


def _show(args: argparse.Namespace, ctx: CliContext) -> int:
    zone = _zone(args)
    case = esc.get_case(ctx.db, args.case_id)
    case["clock"] = esc.clock_state(case)
    record = case["record"]
    lines = [_line(case, zone), f"  day zero: {clock.format_local(parse(case['day_zero']), zone)}"]
    criteria = record.get("criteria") or {}
    for name in (
        "identifiable_reporter",
        "identifiable_patient",
        "suspect_product",
        "adverse_event",
    ):
        if name in criteria:
            item = criteria[name]
            lines.append(
                f"  {'yes' if item['present'] else 'NO ':<3} {name.replace('_', ' ')}: "
                f"{json.dumps(item['value'], ensure_ascii=False)}"
            )
    if record.get("narrative"):
        lines.append(f"  narrative: {record['narrative']}")
    elif record.get("verbatim"):
        lines.append(f"  verbatim: {record['verbatim']['text']}")
    payload = case_document(case) | {"clock": case["clock"]}
    ctx.emit(payload, "\n".join(lines))
    return 0


def _find_comment_id(ctx: CliContext, platform_id: str) -> int:
    rows = ctx.db.execute("SELECT id FROM comments WHERE platform_id = ?", [platform_id]).fetchall()
    if not rows:
        raise CliError(f"No stored comment with id {platform_id!r}; run `moderator sync` first.")
    if len(rows) > 1:
        raise CliError(f"Comment id {platform_id!r} exists on several platforms.")
    return int(rows[0][0])


def _open(args: argparse.Namespace, ctx: CliContext) -> int:
    comment_id = _find_comment_id(ctx, args.comment_id)
    case_id = esc.open_case(ctx.db, comment_id, ctx.actor, note=args.note, kind=args.kind)
    case = esc.get_case(ctx.db, case_id)
    ctx.emit(_summary(case), f"Opened {args.kind} case {case_id} (due {case['internal_due_at']}).")
    return 0


def _ack(args: argparse.Namespace, ctx: CliContext) -> int:
    case = esc.acknowledge(ctx.db, args.case_id, ctx.actor)
    case["clock"] = esc.clock_state(case)
    ctx.emit(_summary(case), f"Acknowledged {case['id']}: {case['clock']['internal']['text']}.")
    return 0


def _close(args: argparse.Namespace, ctx: CliContext) -> int:
    case = esc.close_case(ctx.db, args.case_id, ctx.actor, note=args.note)
    ctx.emit(_summary(case), f"Closed {case['id']}.")
    return 0


def parse_assignment(text: str) -> tuple[str, Any]:
    """``field=value``: the value is JSON when it parses (54, true, null, "x"), else text."""
    field, sep, raw = text.partition("=")
    if not sep or not field.strip():
        raise CliError(f"Expected FIELD=VALUE, got {text!r}.")
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        value = raw
    return field.strip(), value


def _edit(args: argparse.Namespace, ctx: CliContext) -> int:
    changes = dict(parse_assignment(a) for a in args.assignments)
    case = esc.edit_case(ctx.db, args.case_id, changes, ctx.actor)
    fields = ", ".join(changes)
    ctx.emit(_summary(case), f"Updated {fields} on {case['id']}.")
    return 0


def _export(args: argparse.Namespace, ctx: CliContext) -> int:
    path = export_case(ctx.db, args.case_id, args.format, args.out, actor=ctx.actor)
    ctx.emit({"path": str(path), "format": args.format}, f"Wrote {path}.")
    return 0


def _export_open(args: argparse.Namespace, ctx: CliContext) -> int:
    paths = export_open_cases(ctx.db, args.format, args.out, actor=ctx.actor)
    ctx.emit(
        {"paths": [str(p) for p in paths], "format": args.format},
        f"Wrote {len(paths)} file(s) to {args.out}.",
    )
    return 0
