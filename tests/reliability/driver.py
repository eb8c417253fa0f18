"""Run the ``moderator`` CLI in a child process the reliability tests can kill.

The child gets its page token from ``RELIABILITY_TOKEN`` through an in-memory keyring (the
test process cannot share its keyring with a child), then runs each ``;;``-separated
command line in ``sys.argv[1:]`` through :func:`moderator.cli.main`. ``RELIABILITY_CLOCK_OFFSET``
shifts the outbox worker's clock by that many seconds, so a run after a kill sees the
killed run's leases as expired (the real worker waits ``lease_seconds`` for that).
"""

from __future__ import annotations

import os
import sys
from datetime import timedelta


def _install_keyring() -> None:
    import keyring

    from tests.fakes.memory_keyring import MemoryKeyring

    backend = MemoryKeyring()
    token = os.environ.get("RELIABILITY_TOKEN")
    page_ids = os.environ.get("RELIABILITY_PAGES", "")
    for entry in filter(None, page_ids.split(",")):
        platform, page_id = entry.split(":", 1)
        backend.set_password("moderation-console", f"{platform}:{page_id}", token or "")
    keyring.set_keyring(backend)


def _shift_worker_clock() -> None:
    offset = float(os.environ.get("RELIABILITY_CLOCK_OFFSET", "0") or 0)
    if not offset:
        return
    from moderator.actions.worker import OutboxWorker
    from moderator.cli import actions_cmd
    from moderator.timeutil import utc_now

    def clock():  # noqa: ANN202 - tiny closure
        return utc_now() + timedelta(seconds=offset)

    actions_cmd._worker = lambda ctx: OutboxWorker(clock=clock)


def _crash_in_send() -> None:
    """``RELIABILITY_CRASH_IN_SEND``: an unexpected exception quoting the request URL."""
    if not os.environ.get("RELIABILITY_CRASH_IN_SEND"):
        return
    import httpx

    def send(self, request, **kwargs):  # noqa: ANN001, ANN003, ANN202, ARG001
        raise RuntimeError(f"library bug while sending {request.url}")

    httpx.Client.send = send


def main(argv: list[str]) -> int:
    """Run each command; the exit code is the last non-zero one (0 when all succeed)."""
    _install_keyring()
    _crash_in_send()
    _shift_worker_clock()
    from moderator.cli import main as cli_main

    commands: list[list[str]] = [[]]
    for arg in argv:
        if arg == ";;":
            commands.append([])
        else:
            commands[-1].append(arg)
    code = 0
    for command in filter(None, commands):
        result = cli_main(command)
        code = result or code
        print(f"driver: {' '.join(command[2:4])} -> {result}", file=sys.stderr, flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
