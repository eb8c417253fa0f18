"""Render an HTML report to PDF with Qt's text engine (QTextDocument + QPdfWriter).

Used by the core's exports through a lazy import, so only a PDF export loads Qt. Works
without a window system: when no Qt application exists yet and no display is set, it
starts a ``QGuiApplication`` on the offscreen platform (fonts and layout need one).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QFont, QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

RESOLUTION_DPI = 300
_app: QGuiApplication | None = None  # kept alive for the process when we created it


def ensure_gui_application() -> QGuiApplication:
    """The running Qt application, or a headless one created for rendering."""
    global _app
    existing = QGuiApplication.instance()
    if existing is not None:
        return existing  # type: ignore[return-value]
    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if no_display and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _app = QGuiApplication(["moderator-report"])
    return _app


def render_html_to_pdf(
    html: str, out_path: Path | str, *, title: str = "", landscape: bool = True
) -> int:
    """Write ``html`` as an A4 PDF at ``out_path``; returns the number of pages.

    QTextDocument paginates the document and numbers the pages itself.
    """
    ensure_gui_application()
    writer = QPdfWriter(str(out_path))
    writer.setResolution(RESOLUTION_DPI)
    writer.setTitle(title)
    writer.setCreator("Moderation Console")
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            orientation,
            QMarginsF(12, 12, 12, 12),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = QTextDocument()
    font = QFont()
    font.setPointSizeF(8.0)
    document.setDefaultFont(font)
    document.setHtml(html)
    document.print_(writer)
    pages = document.pageCount()
    del writer  # flushes and closes the file
    return pages
