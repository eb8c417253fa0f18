"""Small dialogs: keyboard shortcuts, a note for an escalation, an approved reply.

They are opened with ``open()`` (window-modal, non-blocking), never ``exec()``, so the
event loop keeps running and headless tests can drive them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def _plain_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class ShortcutsDialog(QDialog):
    """Every keyboard shortcut of the window, in one table (the ``?`` key)."""

    def __init__(self, shortcuts: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.table = QTableWidget(len(shortcuts), 2, self)
        self.table.setHorizontalHeaderLabels(["Key", "Action"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (key, text) in enumerate(shortcuts):
            self.table.setItem(row, 0, QTableWidgetItem(key))
            self.table.setItem(row, 1, QTableWidgetItem(text))
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(420, 460)


class NoteDialog(QDialog):
    """Asks for an optional note (escalations), shown with what it applies to."""

    def __init__(self, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("Optional note for the audit trail and the case record")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(_plain_label(prompt))
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(460, 220)

    def text(self) -> str | None:
        return self.note.toPlainText().strip() or None


class ReplyDialog(QDialog):
    """Pick an approved reply template; the filled-in text is shown read-only.

    Public replies on a pharma page must use approved wording, so the text cannot be
    edited here. ``texts`` maps template name -> (title, rendered text or error).
    """

    def __init__(
        self,
        texts: Mapping[str, tuple[str, str, bool]],
        preferred: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Reply with an approved template")
        self._texts = dict(texts)
        self.combo = QComboBox()
        for name, (title, _text, _ok) in self._texts.items():
            self.combo.addItem(title, name)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Post reply")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(_plain_label("Template"))
        layout.addWidget(self.combo)
        layout.addWidget(self.preview)
        layout.addWidget(self.buttons)
        self.combo.currentIndexChanged.connect(self._show)
        if preferred is not None and self.combo.findData(preferred) >= 0:
            self.combo.setCurrentIndex(self.combo.findData(preferred))
        self._show()
        self.resize(520, 300)

    def _show(self) -> None:
        name = self.combo.currentData()
        _title, text, ok = self._texts.get(name, ("", "", False))
        self.preview.setPlainText(text)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def template_name(self) -> str | None:
        return self.combo.currentData()

    def reply_text(self) -> str:
        return self.preview.toPlainText()
