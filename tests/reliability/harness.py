"""Child processes and a fake Graph server that can kill them at a chosen request.

``KillingGraphServer`` counts the requests it serves; when the ``kill_at``-th one arrives it
SIGKILLs the registered child either before answering (the platform never acted) or after
(the platform acted but the child never heard back): the two moments that matter for
exactly-once. ``run_child`` starts ``tests/reliability/driver.py`` with a hard timeout.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.fakes import FakeGraphServer
from tests.fakes.server import Reply, Request

ROOT = Path(__file__).resolve().parents[2]
CHILD_TIMEOUT = 90.0  # seconds: no child may hang the suite


class KillingGraphServer(FakeGraphServer):
    """A FakeGraphServer that SIGKILLs ``victim`` when serving request number ``kill_at``."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003 - pass-through
        super().__init__(*args, **kwargs)
        self.victim: subprocess.Popen | None = None
        self.kill_at: int | None = None
        self.kill_after_route = False
        self.served = 0
        self.killed = False

    def arm(self, victim: subprocess.Popen, kill_at: int | None, after_route: bool) -> None:
        """Kill ``victim`` at the ``kill_at``-th request from now (None: never)."""
        with self.lock:
            self.victim, self.kill_at, self.kill_after_route = victim, kill_at, after_route
            self.served = 0
            self.killed = False

    def disarm(self) -> None:
        with self.lock:
            self.victim, self.kill_at = None, None

    def _kill(self) -> None:
        if self.victim is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.victim.pid, signal.SIGKILL)
            self.killed = True

    def handle(self, request: Request) -> Reply:
        with self.lock:
            self.served += 1
            due = self.kill_at is not None and self.served == self.kill_at
            if due and not self.kill_after_route:
                self._kill()
                return Reply(drop_connection=True)
        reply = super().handle(request)
        if due:
            with self.lock:
                self._kill()
        return reply


@dataclass
class ChildResult:
    """How a child ended: ``killed`` is True when SIGKILL ended it."""

    returncode: int
    stdout: str
    stderr: str

    @property
    def killed(self) -> bool:
        return self.returncode == -signal.SIGKILL


def child_env(token: str, pages: list[str], clock_offset: float = 0.0) -> dict[str, str]:
    """Environment for the driver: token, the pages it belongs to, the worker clock shift."""
    env = dict(os.environ)
    env["RELIABILITY_TOKEN"] = token
    env["RELIABILITY_PAGES"] = ",".join(pages)
    env["RELIABILITY_CLOCK_OFFSET"] = str(clock_offset)
    env["PYTHONPATH"] = str(ROOT)
    env.pop("PYTHONHASHSEED", None)
    return env


def start_child(argv: list[str], env: dict[str, str]) -> subprocess.Popen:
    """Start the driver with ``argv`` (commands separated by ``;;``)."""
    return subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.driver", *argv],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish_child(proc: subprocess.Popen, kill_after: float | None = None) -> ChildResult:
    """Wait for the child; SIGKILL it after ``kill_after`` seconds if still running.

    Never waits longer than ``CHILD_TIMEOUT`` in total: a hung child fails the test.
    """
    try:
        out, err = proc.communicate(timeout=kill_after if kill_after is not None else CHILD_TIMEOUT)
    except subprocess.TimeoutExpired:
        if kill_after is None:
            proc.kill()
            out, err = proc.communicate(timeout=10)
            raise AssertionError(f"child hung for {CHILD_TIMEOUT}s; stderr:\n{err}") from None
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate(timeout=CHILD_TIMEOUT)
    return ChildResult(proc.returncode, out, err)


def run_child(argv: list[str], env: dict[str, str]) -> ChildResult:
    """Run the driver to completion (bounded by ``CHILD_TIMEOUT``)."""
    return finish_child(start_child(argv, env))
