"""``moderator-console [--workspace DIR] [--demo]``: open the desktop console.

The window is shown first and filled when data arrives: syncing the demo page and
loading the detectors (spaCy takes seconds) run in the background, so the window is
on screen in a fraction of a second.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from moderator.workspace import Workspace
from ui.errors import describe_error
from ui.main_window import APPLICATION, ORGANIZATION, MainWindow

log = logging.getLogger("ui")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="moderator-console", description="Moderate comments on your social pages."
    )
    parser.add_argument(
        "--workspace",
        metavar="DIR",
        default=None,
        help="workspace folder (default: $MODERATOR_WORKSPACE or the user data folder)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="connect and sync the bundled demo page, then show its queue",
    )
    return parser


def icon_path() -> Path:
    from moderator.resources import resource_path

    return resource_path("icons", "moderation-console.svg")


def _message(text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, APPLICATION, text)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def install_excepthook(log_dir: Path | None) -> None:
    """An exception escaping a slot becomes one sentence in the status bar, not a traceback."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        error.__traceback__ = tb
        sentence = describe_error(error, "That step", log_dir)
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow):
                widget.show_error(sentence)
                return
        print(sentence, file=sys.stderr)

    sys.excepthook = hook


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    workspace = Workspace.at(args.workspace)
    try:
        from moderator import logs

        logs.configure(workspace.logs_dir)
    except Exception:  # noqa: BLE001 - a console without a log file still works
        pass
    app = QApplication.instance() or QApplication(
        [sys.argv[0] if sys.argv else "moderator-console"]
    )
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    app.setDesktopFileName("moderation-console")
    if icon_path().exists():
        app.setWindowIcon(QIcon(str(icon_path())))
    install_excepthook(workspace.logs_dir)
    try:
        window = MainWindow(workspace)
    except Exception as error:  # noqa: BLE001 - one sentence, then exit non-zero
        _message(describe_error(error, "Opening the workspace", workspace.logs_dir))
        return 1
    window.show()
    QTimer.singleShot(0, lambda: window.start(demo=args.demo))
    return app.exec()
