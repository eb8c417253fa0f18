"""Render moderation-console.svg to PNG sizes (run after editing the SVG).

Usage: ``.venv/bin/python resources/icons/render_png.py``
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

HERE = Path(__file__).resolve().parent
SIZES = (256, 64)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(HERE / "moderation-console.svg"))
    if not renderer.isValid():
        print("moderation-console.svg is not a valid SVG", file=sys.stderr)
        return 1
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        suffix = "" if size == 256 else f"-{size}"
        image.save(str(HERE / f"moderation-console{suffix}.png"))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
