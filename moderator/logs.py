"""Logging to the workspace's log file, with every known secret redacted.

Connectors already keep tokens out of their messages; this filter is the second
line of defence: any token handed out by the keyring is registered here, and any log
record that would contain it has it replaced before it reaches a handler.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

REDACTED = "[redacted]"
_secrets: set[str] = set()
_lock = threading.Lock()
_installed: list[logging.Handler] = []


def register_secret(secret: str | None) -> None:
    """Never let ``secret`` appear in a log record (ignored when too short to be a token)."""
    if secret and len(secret) >= 8:
        with _lock:
            _secrets.add(secret)


def redact(text: str) -> str:
    """``text`` with every registered secret replaced by ``[redacted]``.

    Tokens the HTTP layer was told about (and ``access_token=`` parameters) are scrubbed
    too when that layer is loaded; it is not imported here, so logging stays light.
    """
    with _lock:
        secrets = sorted(_secrets, key=len, reverse=True)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, REDACTED)
    http = sys.modules.get("moderator.connectors.http")
    if http is not None:
        text = http.redact(text)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites a record's final message, traceback included, so no secret survives."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string must not break logging
            message = str(record.msg)
        if record.exc_info:
            # Formatters append the traceback after the filter ran: render it here instead.
            message += "\n" + "".join(traceback.format_exception(*record.exc_info)).rstrip()
            record.exc_info, record.exc_text = None, None
        if record.stack_info:
            message += "\n" + record.stack_info
            record.stack_info = None
        record.msg, record.args = redact(message), None
        return True


FILE_ONLY = {"file_only": True}  # ``log.exception(..., extra=FILE_ONLY)``: not on stderr


class _NotFileOnly(logging.Filter):
    """Keeps records marked ``file_only`` (tracebacks) off the terminal."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not getattr(record, "file_only", False)


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is at the time of the record.

    A plain StreamHandler keeps the stream it was created with; when that stream is
    replaced and closed (a test harness, a GUI redirecting stderr), every later record
    would fail with "I/O operation on closed file".
    """

    @property  # type: ignore[override]
    def stream(self):  # noqa: D102
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


def configure(log_dir: Path | None, verbose: bool = False) -> None:
    """Log warnings (or info, when verbose) to stderr and everything to the workspace log."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    while _installed:  # configuring twice (tests call main() repeatedly) must not double up
        handler = _installed.pop()
        root.removeHandler(handler)
        handler.close()
    stream = _StderrHandler()
    stream.setLevel(logging.INFO if verbose else logging.WARNING)
    if not verbose:
        stream.addFilter(_NotFileOnly())
    handlers: list[logging.Handler] = [stream]
    if log_dir is not None:
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            handlers.append(
                RotatingFileHandler(
                    log_dir / "moderator.log", maxBytes=5_000_000, backupCount=3, encoding="utf-8"
                )
            )
        except OSError:
            pass  # a read-only workspace still works; it just keeps no log file
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.addFilter(RedactingFilter())
        root.addHandler(handler)
        _installed.append(handler)
