"""A mistyped command fails like every other failure: non-zero and one line on stderr."""

from __future__ import annotations

import pytest

from moderator.cli import main


@pytest.mark.parametrize(
    "argv",
    [
        ["hide"],
        ["pages", "add", "--platform", "myspace", "--id", "1", "--name", "x"],
        ["no-such-command"],
        ["audit", "export", "--format", "docx", "--out", "x"],
    ],
)
def test_usage_error_is_one_line_on_stderr(tmp_path, capsys, argv):
    with pytest.raises(SystemExit) as stopped:
        main(["--workspace", str(tmp_path), *argv])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("moderator")
    assert "error" in lines[0] or "invalid" in lines[0] or "required" in lines[0]


def test_help_still_prints_usage(tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--help"])
    assert stopped.value.code == 0
    assert "usage:" in capsys.readouterr().out
