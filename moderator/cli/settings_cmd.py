"""``moderator settings show|set|import|export``: workspace settings, every change audited."""

from __future__ import annotations

import argparse
from pathlib import Path

from moderator import settings
from moderator.cli import CliContext


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("settings", help="show or change workspace settings")
    sub = parser.add_subparsers(dest="settings_command", required=True, metavar="ACTION")
    sub.add_parser("show", help="every setting with its value").set_defaults(handler=_show)
    change = sub.add_parser("set", help="change one setting (audited)")
    change.add_argument("key", choices=sorted(settings.DEFAULTS))
    change.add_argument("value")
    change.set_defaults(handler=_set)
    load = sub.add_parser("import", help="apply a TOML settings file (all or nothing)")
    load.add_argument("file", type=Path)
    load.set_defaults(handler=_import)
    save = sub.add_parser("export", help="write the settings as a TOML file")
    save.add_argument("file", type=Path)
    save.set_defaults(handler=_export)


def _show(args: argparse.Namespace, ctx: CliContext) -> int:
    values = settings.get_all(ctx.db)
    ctx.emit(values, "\n".join(f"{key} = {value!r}" for key, value in values.items()))
    return 0


def _set(args: argparse.Namespace, ctx: CliContext) -> int:
    settings.put(ctx.db, args.key, args.value, ctx.actor)
    value = settings.get(ctx.db, args.key)
    ctx.emit({args.key: value}, f"{args.key} = {value!r}")
    return 0


def _import(args: argparse.Namespace, ctx: CliContext) -> int:
    values = settings.import_file(ctx.db, args.file, ctx.actor)
    ctx.emit(values, f"Imported {len(values)} settings from {args.file}.")
    return 0


def _export(args: argparse.Namespace, ctx: CliContext) -> int:
    settings.export_file(ctx.db, args.file)
    ctx.emit({"file": str(args.file)}, f"Wrote the settings to {args.file}.")
    return 0
