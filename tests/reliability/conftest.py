"""Reliability suite: shared helpers and the end-of-run summary of what was tried."""

from __future__ import annotations

import pytest

from tests.reliability import stats


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print one line: the seed and how many kill points / hostile inputs were exercised."""
    line = stats.summary()
    if line:
        terminalreporter.write_sep("-", "reliability summary")
        terminalreporter.write_line(line)
