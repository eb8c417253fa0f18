"""The Qt desktop console (PySide6 Widgets); the core it drives lives in ``moderator``."""
