"""The ``moderator`` command line (also ``python -m moderator``).

Each command group lives in its own module exposing ``register(subparsers)``; the
handlers receive a :class:`CliContext` and return an exit code. Failures print one
line on stderr and exit non-zero; ``--json`` prints machine-readable output on stdout.
"""

from __future__ import annotations

import argparse
import getpass
import importlib
import json
import logging
import sqlite3
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NoReturn

from sqlite_utils import Database

from moderator import logs
from moderator.workspace import Workspace

COMMAND_MODULES = (
    "moderator.cli.analyze_cmd",
    "moderator.cli.pages_cmd",
    "moderator.cli.sync_cmd",
    "moderator.cli.comments_cmd",
    "moderator.cli.actions_cmd",
    "moderator.cli.audit_cmd",
    "moderator.cli.escalations_cmd",
    "moderator.cli.settings_cmd",
)


class CliError(Exception):
    """A failure to report as one line on stderr (exit code 1 unless given)."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass
class CliContext:
    """What every command handler gets: the workspace, who is acting, output mode."""

    workspace: Workspace
    actor: str
    json: bool
    _db: Database | None = field(default=None, repr=False)

    @property
    def db(self) -> Database:
        """The workspace database, opened (and migrated) on first use."""
        if self._db is None:
            self._db = self.workspace.open()
        return self._db

    def emit(self, payload: Any, text: str) -> None:
        """Print ``payload`` as JSON with ``--json``, else the human-readable ``text``."""
        if self.json:
            print(json.dumps(payload, ensure_ascii=False, default=str))
        elif text:
            print(text)


def default_actor() -> str:
    """The OS user name: who acts when ``--as`` is not given."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


class _Parser(argparse.ArgumentParser):
    """argparse with the CLI contract's failure shape: one line on stderr, then exit 2.

    argparse's own ``error`` prints the usage block too; ``--help`` still shows it.
    Subcommand parsers are built from this class as well (argparse reuses the class).
    """

    def error(self, message: str) -> NoReturn:
        text = " ".join(message.split())
        self.exit(2, f"{self.prog}: error: {text} (see `{self.prog} --help`)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="moderator",
        description="Moderate comments on pharma and healthcare social pages.",
    )
    parser.add_argument(
        "--workspace",
        help="workspace folder (default: $MODERATOR_WORKSPACE or the per-user data folder)",
    )
    parser.add_argument("--as", dest="actor", default=None, help="moderator name for the audit log")
    parser.add_argument("--json", action="store_true", help="machine-readable output on stdout")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress on stderr")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name == name:
                continue  # a command group not built yet
            raise
        module.register(subparsers)
    return parser


def _move_global_options(argv: list[str]) -> list[str]:
    """Accept ``--json``/``--as``/``--workspace`` after the subcommand too.

    ``moderator pages list --json`` is how people type it; argparse only knows
    global options before the subcommand, so they are moved to the front.
    """
    front: list[str] = []
    rest: list[str] = []
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg in ("--json", "-v", "--verbose"):
            front.append(arg)
        elif arg in ("--as", "--workspace") and index + 1 < len(argv):
            front += [arg, argv[index + 1]]
            index += 1
        elif arg.startswith(("--as=", "--workspace=")):
            front.append(arg)
        else:
            rest.append(arg)
        index += 1
    return front + rest


def _fail(error: object) -> None:
    """Print one redacted line on stderr: no token may reach a terminal or a CI log."""
    text = " ".join(logs.redact(str(error)).split()) or type(error).__name__
    print(f"moderator: {text}", file=sys.stderr)


def _is_keyring_error(error: Exception) -> bool:
    """A locked or missing keyring (checked without importing keyring for every command)."""
    credentials = sys.modules.get("moderator.credentials")
    return credentials is not None and isinstance(error, credentials.CredentialsUnavailableError)


def main(argv: Sequence[str] | None = None) -> int:
    from moderator.store.errors import StoreError, translate

    args_list = _move_global_options(list(sys.argv[1:] if argv is None else argv))
    parser = build_parser()
    args = parser.parse_args(args_list)
    context = CliContext(
        workspace=Workspace.at(args.workspace),
        actor=args.actor or default_actor(),
        json=args.json,
    )
    logs.configure(
        context.workspace.logs_dir if context.workspace.root.exists() else None, args.verbose
    )
    try:
        return int(args.handler(args, context) or 0)
    except CliError as error:
        _fail(error)
        return error.exit_code
    except sqlite3.Error as error:
        workspace = context.workspace
        _fail(translate(error, workspace.db_path, workspace.backups_dir) or error)
        return 1
    except (StoreError, LookupError, ValueError, OSError) as error:
        _fail(error)
        return 1
    except KeyboardInterrupt:
        print("moderator: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 - last resort: one redacted line, no traceback
        if _is_keyring_error(error):
            _fail(error)
            return 1
        # A traceback can quote URLs and platform answers that hold a token; the log file
        # gets it (redacted by the logging filter), the terminal gets one sentence.
        logging.getLogger("moderator.cli").exception("unexpected error", extra=logs.FILE_ONLY)
        _fail(f"unexpected error ({type(error).__name__}): {error}; see the log for details")
        return 1
    finally:
        if context._db is not None:
            context._db.close()
