"""The background-task helper: work off the GUI thread, results and errors back on it, cancel."""

from __future__ import annotations

import threading
import time

import pytest

from ui.tasks import TaskRunner

pytestmark = pytest.mark.qt_log_level_fail("WARNING")


@pytest.fixture
def runner(qtbot):
    runner = TaskRunner()
    yield runner
    runner.shutdown(5000)


def test_result_is_delivered_on_the_gui_thread(qtbot, runner):
    gui = threading.get_ident()
    seen: dict = {}

    def work(ctx):
        seen["worker"] = threading.get_ident()
        ctx.progress("working", 1, 2)
        return 42

    def done(result):
        seen["result"] = result
        seen["callback"] = threading.get_ident()

    task = runner.run(work, on_success=done)
    assert task in runner.active()
    qtbot.waitUntil(lambda: "result" in seen, timeout=10_000)
    assert seen["result"] == 42
    assert seen["worker"] != gui and seen["callback"] == gui
    assert task.outcome == "ok" and runner.active() == []


def test_progress_reaches_the_gui_thread(qtbot, runner):
    progress = []
    finished = threading.Event()

    def work(ctx):
        for done in range(1, 4):
            ctx.progress("step", done, 3)
        ctx.progress("unknown total", 7)
        finished.set()

    task = runner.run(work, on_progress=lambda *args: progress.append(args))
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    assert progress[-1] == ("unknown total", 7, -1)
    assert ("step", 3, 3) in progress


def test_error_is_delivered_as_the_exception(qtbot, runner):
    errors = []

    def work(ctx):
        raise ValueError("The page document is broken; fix it.")

    runner.run(work, on_failure=errors.append, on_success=lambda r: pytest.fail("no success"))
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert isinstance(errors[0], ValueError)


def test_cancel_stops_a_running_task(qtbot, runner):
    started = threading.Event()
    outcome = []

    def work(ctx):
        started.set()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            ctx.check_cancelled()
            time.sleep(0.01)
        return "ran to the end"

    task = runner.run(
        work, on_cancelled=lambda: outcome.append("cancelled"), on_success=outcome.append
    )
    assert started.wait(5)
    task.cancel()
    qtbot.waitUntil(lambda: bool(outcome), timeout=10_000)
    assert outcome == ["cancelled"] and task.outcome == "cancelled"


def test_cancel_flag_reaches_core_style_callbacks(qtbot, runner):
    """Core functions take ``cancelled()``; a task that returns after it is a success."""
    started = threading.Event()
    results = []

    def work(ctx):
        started.set()
        while not ctx.cancelled():
            time.sleep(0.01)
        return "stopped at a safe point"

    task = runner.run(work, on_success=results.append)
    assert started.wait(5)
    runner.cancel_all()
    qtbot.waitUntil(lambda: bool(results), timeout=10_000)
    assert results == ["stopped at a safe point"] and task.was_cancelled


def test_shutdown_waits_for_workers(qtbot):
    runner = TaskRunner()
    started = threading.Event()
    ended = threading.Event()

    def work(ctx):
        started.set()
        while not ctx.cancelled():
            time.sleep(0.01)
        ended.set()

    runner.run(work)
    assert started.wait(5)
    assert runner.shutdown(5000)
    assert ended.is_set()
