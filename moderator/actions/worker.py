"""Sending queued actions to the platforms, exactly once, with retries.

How "exactly once" holds across crashes and retries:

* Before the platform is called, the row is claimed in its own transaction:
  ``status = 'in_progress'``, ``attempts + 1`` and a lease (``next_attempt_at`` = now +
  ``lease_seconds``). Only one worker can claim a row (the UPDATE checks the old
  state), and a finished row is never claimed again, so running the worker twice
  applies an action once.
* After the call, the outcome is stored with its audit entry in one transaction.
* A row still ``in_progress`` after its lease ran out was interrupted (crash, kill,
  power cut) and the platform call may or may not have happened:

  - ``hide``/``unhide`` are sent again: they are idempotent on every platform.
  - ``reply`` is not: sending it again could publish the same answer twice. The worker
    first looks in the store (as filled by the latest sync) for a reply under that
    comment by the page with the same text; if it is there the action is ``done``,
    otherwise it becomes ``unknown`` and the moderator checks the page and either
    confirms it (:func:`~moderator.actions.outbox.confirm`) or sends it again
    (:func:`~moderator.actions.outbox.retry`).
  - ``delete`` is treated like reply: deleting twice makes most platforms answer
    "no such comment", which cannot be told apart from a real refusal. If the store
    already shows the comment deleted the action is ``done``, else ``unknown``.

Retryable errors (rate limits, 5xx, network) put the row back to ``pending`` with an
exponential back-off plus jitter, never sooner than the platform's ``retry_after``,
for at most ``max_attempts`` attempts; then it is ``failed``. Permanent errors and
expired tokens fail at once with the platform's message in ``last_error``.

The worker never sleeps inside :meth:`OutboxWorker.run_once` (it only schedules);
:meth:`OutboxWorker.drain` sleeps through an injectable ``sleep`` for callers that
want to wait. The clock and the jitter source are injectable for tests.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from moderator import audit, logs
from moderator.actions._common import comment_state, get_comment
from moderator.actions.outbox import COMMENT_EFFECTS, get_action
from moderator.connectors.base import Connector, ConnectorError, RateLimitedError
from moderator.timeutil import parse, to_text, utc_now

log = logging.getLogger("moderator.actions")

ConnectorForPage = Callable[[dict[str, Any]], Connector]
WORKER_ACTOR = "outbox"
# Kinds whose platform call must not be repeated blindly after an interruption.
UNREPEATABLE_KINDS = frozenset({"reply", "delete"})
# How long a claimed row belongs to its worker. It must exceed the longest platform call
# (the HTTP layer's retries and rate-limit waits add up to about five minutes at worst),
# or a second worker could take over a call still running; after a crash, the row is
# resumed once the lease has run out.
LEASE_SECONDS = 600.0


@dataclass(frozen=True)
class ActionResult:
    """What one worker pass did with one action."""

    action_id: int
    comment_id: int
    kind: str
    status: str
    attempts: int
    error: str | None = None
    result: dict[str, Any] | None = None
    next_attempt_at: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class OutboxWorker:
    """Applies due outbox actions through the page's connector; no Qt, no threads."""

    def __init__(
        self,
        *,
        actor: str = WORKER_ACTOR,
        max_attempts: int = 8,
        base_delay: float = 5.0,
        max_delay: float = 3600.0,
        jitter: float = 0.25,
        lease_seconds: float = LEASE_SECONDS,
        clock: Callable[[], datetime] = utc_now,
        rand: Callable[[], float] = random.random,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.actor = actor
        self.max_attempts = max_attempts
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.jitter = jitter
        self.lease_seconds = lease_seconds
        self.clock = clock
        self.rand = rand
        self.sleep = sleep

    # -- scheduling ------------------------------------------------------------------
    def backoff(self, attempts: int, retry_after: float | None = None) -> float:
        """Seconds to wait after the ``attempts``-th failed attempt."""
        delay = min(self.max_delay, self.base_delay * 2 ** max(attempts - 1, 0))
        delay *= 1.0 + self.jitter * self.rand()
        if retry_after is not None:
            delay = max(delay, float(retry_after))
        return delay

    def due(
        self, db: Database, now: datetime, action_ids: Sequence[int] | None = None
    ) -> list[int]:
        """Pending actions whose time has come and in-progress ones whose lease ran out."""
        stamp = to_text(now)
        sql = """SELECT id FROM actions
                 WHERE ((status = 'pending'
                         AND (next_attempt_at IS NULL OR next_attempt_at <= ?))
                        OR (status = 'in_progress' AND next_attempt_at <= ?))"""
        params: list[Any] = [stamp, stamp]
        if action_ids is not None:
            if not action_ids:
                return []
            sql += f" AND id IN ({','.join('?' * len(action_ids))})"
            params.extend(action_ids)
        return [row[0] for row in db.execute(sql + " ORDER BY id", params)]

    def next_due_at(self, db: Database, action_ids: Sequence[int] | None = None) -> datetime | None:
        """When the earliest still-open action becomes due (None when nothing is open)."""
        sql = """SELECT min(coalesce(next_attempt_at, '')) FROM actions
                 WHERE status IN ('pending', 'in_progress')"""
        params: list[Any] = []
        if action_ids is not None:
            if not action_ids:
                return None
            sql += f" AND id IN ({','.join('?' * len(action_ids))})"
            params.extend(action_ids)
        row = db.execute(sql, params).fetchone()
        if row is None or row[0] is None:
            return None
        return parse(row[0]) if row[0] else self.clock()

    # -- running -----------------------------------------------------------------------
    def run_once(
        self,
        db: Database,
        connector_for_page: ConnectorForPage,
        now: datetime | None = None,
        action_ids: Sequence[int] | None = None,
    ) -> list[ActionResult]:
        """Process every due action once (optionally only ``action_ids``); oldest first."""
        fixed_now = now
        connectors: dict[int, Connector | ConnectorError] = {}
        results: list[ActionResult] = []
        for action_id in self.due(db, fixed_now or self.clock(), action_ids):
            result = self._process(db, action_id, fixed_now, connector_for_page, connectors)
            if result is not None:
                results.append(result)
        return results

    def drain(
        self,
        db: Database,
        connector_for_page: ConnectorForPage,
        action_ids: Sequence[int] | None = None,
        max_wait: float = 60.0,
    ) -> list[ActionResult]:
        """Run until the selected actions are finished or the next try is beyond ``max_wait``.

        Returns the last result of each action processed.
        """
        deadline = self.clock() + timedelta(seconds=max_wait)
        latest: dict[int, ActionResult] = {}
        while True:
            results = self.run_once(db, connector_for_page, action_ids=action_ids)
            for result in results:
                latest[result.action_id] = result
            upcoming = self.next_due_at(db, action_ids)
            if upcoming is None or upcoming > deadline:
                return list(latest.values())
            if not results and upcoming <= self.clock():
                return list(latest.values())  # due but held elsewhere: do not spin
            self.sleep(max((upcoming - self.clock()).total_seconds(), 0.0))

    def _now(self, fixed: datetime | None) -> datetime:
        return fixed or self.clock()

    def _claim(self, db: Database, action_id: int, now: datetime) -> dict[str, Any] | None:
        stamp = to_text(now)
        lease = to_text(now + timedelta(seconds=self.lease_seconds))
        seen = db.execute("SELECT status FROM actions WHERE id = ?", [action_id]).fetchone()
        if seen is None:
            return None
        with db.atomic():
            # Write first: in WAL mode a transaction that reads and then writes can fail at
            # once with SQLITE_BUSY when another connection wrote in between.
            cursor = db.execute(
                """UPDATE actions SET status = 'in_progress', attempts = attempts + 1,
                       next_attempt_at = ?
                   WHERE id = ? AND status = ? AND ((status = 'pending'
                         AND (next_attempt_at IS NULL OR next_attempt_at <= ?))
                        OR (status = 'in_progress' AND next_attempt_at <= ?))""",
                [lease, action_id, seen[0], stamp, stamp],
            )
            if cursor.rowcount != 1:
                return None  # another worker took it, or it was cancelled meanwhile
            row = get_action(db, action_id)
        # The UPDATE matched only if the status was still the one read above, so this
        # tells exactly whether we took over an interrupted attempt.
        row["interrupted"] = seen[0] == "in_progress"
        return row

    def _process(
        self,
        db: Database,
        action_id: int,
        fixed_now: datetime | None,
        connector_for_page: ConnectorForPage,
        connectors: dict[int, Connector | ConnectorError],
    ) -> ActionResult | None:
        row = self._claim(db, action_id, self._now(fixed_now))
        if row is None:
            return None
        comment = get_comment(db, row["comment_id"])
        if row["interrupted"] and row["kind"] in UNREPEATABLE_KINDS:
            return self._resolve_interrupted(db, row, comment, fixed_now)
        try:
            connector = connectors.get(comment["page_id"])
            if connector is None:
                page = db["pages"].get(comment["page_id"])
                try:
                    connector = connector_for_page(page)
                except ConnectorError as error:
                    connector = error
                connectors[comment["page_id"]] = connector
            if isinstance(connector, ConnectorError):
                raise connector
            result = self._call(connector, row, comment)
        except ConnectorError as error:
            return self._on_error(db, row, comment, error, fixed_now)
        except Exception as error:  # noqa: BLE001 - a connector bug must not wedge the row
            log.exception("outbox action %s crashed", action_id)
            failure = ConnectorError(f"Unexpected error: {type(error).__name__}: {error}")
            return self._on_error(db, row, comment, failure, fixed_now)
        return self._on_success(db, row, result, fixed_now)

    @staticmethod
    def _call(connector: Connector, row: dict[str, Any], comment: dict[str, Any]) -> dict:
        target = comment["platform_id"]
        kind = row["kind"]
        if kind == "hide":
            connector.hide(target)
        elif kind == "unhide":
            connector.unhide(target)
        elif kind == "delete":
            connector.delete(target)
        elif kind == "reply":
            return {"reply_id": connector.reply(target, row["payload"]["text"])}
        else:  # pragma: no cover - enqueue validates kinds
            raise ConnectorError(f"Unknown action kind {kind!r}.")
        return {}

    # -- outcomes ----------------------------------------------------------------------
    def _finish(
        self,
        db: Database,
        row: dict[str, Any],
        *,
        status: str,
        audit_action: str,
        now: datetime,
        result: dict[str, Any] | None = None,
        error: str | None = None,
        next_attempt_at: str | None = None,
        apply_effect: bool = False,
        extra: dict[str, Any] | None = None,
    ) -> ActionResult:
        stamp = to_text(now)
        with db.atomic():
            comment = get_comment(db, row["comment_id"])
            before = {**comment_state(comment), "action_status": "in_progress"}
            changes: dict[str, Any] = {
                "status": status,
                "last_error": error,
                "next_attempt_at": next_attempt_at,
            }
            if status == "done":
                changes["applied_at"] = stamp
                changes["result"] = json.dumps(result or {}, ensure_ascii=False)
            db["actions"].update(row["id"], changes)
            if apply_effect and COMMENT_EFFECTS[row["kind"]]:
                db["comments"].update(row["comment_id"], COMMENT_EFFECTS[row["kind"]])
            after = {**comment_state(get_comment(db, row["comment_id"])), "action_status": status}
            audit.append(
                db,
                actor=row["created_by"],
                action=audit_action,
                comment_id=row["comment_id"],
                page_id=comment["page_id"],
                before=before,
                after=after,
                details={
                    "action_id": row["id"],
                    "kind": row["kind"],
                    "attempt": row["attempts"],
                    "idempotency_key": row["idempotency_key"],
                    "worker": self.actor,
                    "result": result,
                    "error": error,
                    "next_attempt_at": next_attempt_at,
                    **(extra or {}),
                },
                at=stamp,
            )
        return ActionResult(
            action_id=row["id"],
            comment_id=row["comment_id"],
            kind=row["kind"],
            status=status,
            attempts=row["attempts"],
            error=error,
            result=result if status == "done" else None,
            next_attempt_at=next_attempt_at,
        )

    def _on_success(
        self, db: Database, row: dict[str, Any], result: dict, fixed_now: datetime | None
    ) -> ActionResult:
        return self._finish(
            db,
            row,
            status="done",
            audit_action="action.applied",
            now=self._now(fixed_now),
            result=result,
            apply_effect=True,
        )

    def _on_error(
        self,
        db: Database,
        row: dict[str, Any],
        comment: dict[str, Any],
        error: ConnectorError,
        fixed_now: datetime | None,
    ) -> ActionResult:
        now = self._now(fixed_now)
        # Stored in the outbox row and the audit log: a connector bug may quote a URL or a
        # platform answer that holds the token, and neither place may ever keep it.
        message = logs.redact(str(error)) or type(error).__name__
        if error.retryable and row["attempts"] < self.max_attempts:
            retry_after = error.retry_after if isinstance(error, RateLimitedError) else None
            delay = self.backoff(row["attempts"], retry_after)
            return self._finish(
                db,
                row,
                status="pending",
                audit_action="action.deferred",
                now=now,
                error=message,
                next_attempt_at=to_text(now + timedelta(seconds=delay)),
                extra={"error_type": type(error).__name__, "delay_seconds": round(delay, 3)},
            )
        if error.retryable:
            message = f"Gave up after {row['attempts']} attempts: {message}"
        return self._finish(
            db,
            row,
            status="failed",
            audit_action="action.failed",
            now=now,
            error=message,
            extra={"error_type": type(error).__name__},
        )

    def _resolve_interrupted(
        self,
        db: Database,
        row: dict[str, Any],
        comment: dict[str, Any],
        fixed_now: datetime | None,
    ) -> ActionResult:
        now = self._now(fixed_now)
        evidence: dict[str, Any] | None = None
        if row["kind"] == "reply":
            page = db["pages"].get(comment["page_id"])
            found = db.execute(
                """SELECT platform_id FROM comments
                   WHERE platform = ? AND parent_platform_id = ? AND author_id = ? AND text = ?
                   ORDER BY id LIMIT 1""",
                [
                    comment["platform"],
                    comment["platform_id"],
                    page["platform_id"],
                    row["payload"]["text"],
                ],
            ).fetchone()
            if found:
                evidence = {"reply_id": found[0], "recovered": True}
        elif row["kind"] == "delete" and comment["deleted_on_platform"]:
            evidence = {"recovered": True}
        if evidence is not None:
            return self._finish(
                db,
                row,
                status="done",
                audit_action="action.applied",
                now=now,
                result=evidence,
                apply_effect=True,
                extra={"interrupted": True},
            )
        message = (
            f"Interrupted while sending this {row['kind']}; check the comment on the platform, "
            "then confirm it or retry it."
        )
        return self._finish(
            db,
            row,
            status="unknown",
            audit_action="action.unknown",
            now=now,
            error=message,
            extra={"interrupted": True},
        )
