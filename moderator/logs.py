"""Logging to the workspace's log file, with every known secret redacted.

Connectors already keep tokens out of their messages; this filter is the second
line of defence: any token handed out by the keyring is registered here, and any log
record that would contain it has it replaced before it reaches a handler.
"""

from __future__ import annotations

import logging
import threading
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
    """``text`` with every registered secret replaced by ``[redacted]``."""
    with _lock:
        secrets = list(_secrets)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, REDACTED)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites a record's final message so no registered secret survives."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def configure(log_dir: Path | None, verbose: bool = False) -> None:
    """Log warnings (or info, when verbose) to stderr and everything to the workspace log."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    while _installed:  # configuring twice (tests call main() repeatedly) must not double up
        handler = _installed.pop()
        root.removeHandler(handler)
        handler.close()
    stream = logging.StreamHandler()
    stream.setLevel(logging.INFO if verbose else logging.WARNING)
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
