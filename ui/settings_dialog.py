"""Settings (File → Settings…, Ctrl+,): workspace settings and the per-user theme.

Workspace settings (moderator name, catalogue, reply placeholders, deadline, spaCy
model) live in the workspace database and every change is audited through
:func:`moderator.settings.put`. The theme is a preference of the person at this
computer, so it goes to the window's ``QSettings`` instead. A catalogue is checked by
loading it before it can be saved: a broken catalogue would silently switch off
off-label detection.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.errors import describe_error

THEME_KEY = "ui/theme"
THEMES = ("System", "Light", "Dark")
PLACEHOLDERS: dict[str, str] = {
    "company": "Company",
    "safety_phone": "Drug safety phone",
    "safety_email": "Drug safety email",
    "medinfo_phone": "Medical information phone",
    "quality_phone": "Product quality phone",
    "authority": "Reporting authority",
}
TEXT_KEYS = ("moderator_name", "catalog_path", "spacy_model", *PLACEHOLDERS)
DETECTOR_KEYS = ("catalog_path", "spacy_model")
MAX_DEADLINE_HOURS = 24 * 15  # regulators' 15-day clock is the outer limit
ERROR_STYLE = "color: #c62828;"
OK_STYLE = "color: #2e7d32;"


def dark_palette() -> QPalette:
    """A dark palette for platforms that cannot switch their colour scheme."""
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1e1e",
        QPalette.ColorRole.AlternateBase: "#262626",
        QPalette.ColorRole.ToolTipBase: "#3a3a3a",
        QPalette.ColorRole.ToolTipText: "#f0f0f0",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.PlaceholderText: "#8c8c8c",
        QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.BrightText: "#ff6e6e",
        QPalette.ColorRole.Highlight: "#2f65ca",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#6ea8fe",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return palette


def apply_theme(theme: str) -> str:
    """Use the light or dark colour scheme, or follow the OS ("System").

    Qt 6.8+ asks the platform through ``QStyleHints.setColorScheme``; where the platform
    ignores the request (offscreen, bare X11 without a desktop theme) a palette does the
    job instead. Returns ``"scheme"`` or ``"palette"``: how the theme was applied.
    """
    app = QApplication.instance()
    hints = QGuiApplication.styleHints()
    wanted = {"Dark": Qt.ColorScheme.Dark, "Light": Qt.ColorScheme.Light}.get(theme)
    if hasattr(hints, "setColorScheme"):
        if wanted is None:
            hints.unsetColorScheme()
        else:
            hints.setColorScheme(wanted)
    if wanted is None or hints.colorScheme() == wanted:
        if isinstance(app, QApplication):
            app.setPalette(app.style().standardPalette())
        return "scheme"
    if isinstance(app, QApplication):
        light = app.style().standardPalette()
        app.setPalette(dark_palette() if wanted == Qt.ColorScheme.Dark else light)
    return "palette"


def check_catalog(path: str) -> str:
    """A one-line verdict on a catalogue file (empty path: the bundled catalogue).

    Raises ``CatalogError``/``OSError`` with the loader's sentence when it is unusable.
    """
    from moderator.detect.catalog import load_catalog

    catalog = load_catalog(Path(path) if path else None)
    count = len(catalog)
    where = "The bundled catalogue" if not path else Path(path).name
    return f"{where}: {count} product{'' if count == 1 else 's'}"


class SettingsDialog(QDialog):
    """A form over the workspace settings and the theme; Save writes only what changed."""

    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_ = window
        self.setWindowTitle("Settings")
        self.setObjectName("settingsDialog")
        # Tests replace this to skip the file picker; returns None when the user cancels.
        self.choose_catalog_file = self._ask_catalog_file
        self.edits: dict[str, QLineEdit] = {key: QLineEdit() for key in TEXT_KEYS}
        self.edits["moderator_name"].setPlaceholderText("Your name in the audit log")
        self.edits["catalog_path"].setPlaceholderText("Empty: the bundled product catalogue")
        self.edits["spacy_model"].setPlaceholderText("e.g. en_core_web_sm")
        self.edits["spacy_model"].setToolTip(
            "spaCy model for name detection; empty: patterns only (no model)"
        )
        self.edits["catalog_path"].editingFinished.connect(self.check_catalog)
        self.browse_button = QPushButton("Browse…")
        self.browse_button.setToolTip("Choose a product catalogue (TOML)")
        self.browse_button.clicked.connect(self.browse_catalog)
        self.catalog_label = QLabel()
        self.catalog_label.setObjectName("catalogResult")
        self.catalog_label.setTextFormat(Qt.TextFormat.PlainText)
        self.catalog_label.setWordWrap(True)
        self.deadline_spin = QSpinBox()
        self.deadline_spin.setRange(1, MAX_DEADLINE_HOURS)
        self.deadline_spin.setSuffix(" h")
        self.deadline_spin.setToolTip("Hours from day zero (ingestion) to report an escalation")
        self.theme_combo = QComboBox()
        self.theme_combo.addItems(list(THEMES))
        self.theme_combo.setToolTip("System follows the operating system's light or dark mode")
        self.message = QLabel()
        self.message.setObjectName("settingsMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)

        catalog_row = QHBoxLayout()
        catalog_row.addWidget(self.edits["catalog_path"], 1)
        catalog_row.addWidget(self.browse_button)
        general = QFormLayout()
        general.addRow("Moderator name", self.edits["moderator_name"])
        general.addRow("Product catalogue", catalog_row)
        general.addRow("", self.catalog_label)
        general.addRow("spaCy model", self.edits["spacy_model"])
        general.addRow("Internal deadline", self.deadline_spin)
        general.addRow("Theme", self.theme_combo)
        replies = QGroupBox("Reply template placeholders")
        reply_form = QFormLayout(replies)
        for key, label in PLACEHOLDERS.items():
            reply_form.addRow(label, self.edits[key])
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(general)
        layout.addWidget(replies)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.catalog_ok = True
        self.changed: list[str] = []  # keys the last save wrote
        self.load()
        self.resize(620, 520)

    # -- values ----------------------------------------------------------------------------------
    def load(self) -> None:
        from moderator import settings

        values = settings.get_all(self.window_.db)
        for key, edit in self.edits.items():
            edit.setText(str(values.get(key) or ""))
        self.deadline_spin.setValue(int(values.get("internal_deadline_hours") or 24))
        theme = str(self.window_.settings.value(THEME_KEY, "System"))
        self.theme_combo.setCurrentText(theme if theme in THEMES else "System")
        self.message.clear()
        self.check_catalog()

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {key: edit.text().strip() for key, edit in self.edits.items()}
        values["internal_deadline_hours"] = self.deadline_spin.value()
        return values

    # -- catalogue -------------------------------------------------------------------------------
    def _ask_catalog_file(self) -> str | None:
        start = self.edits["catalog_path"].text() or str(Path.home())
        name, _ = QFileDialog.getOpenFileName(
            self, "Product catalogue", start, "Catalogue (*.toml);;All files (*)"
        )
        return name or None

    def browse_catalog(self) -> None:
        name = self.choose_catalog_file()
        if name:
            self.edits["catalog_path"].setText(str(name))
            self.check_catalog()

    def check_catalog(self) -> bool:
        path = self.edits["catalog_path"].text().strip()
        try:
            verdict = check_catalog(path)
        except Exception as error:  # noqa: BLE001 - the loader's sentence is the message
            self.catalog_ok = False
            self.catalog_label.setStyleSheet(ERROR_STYLE)
            message = str(error) if str(error) else describe_error(error, "Loading the catalogue")
            line = message.strip().splitlines()[0]
            self.catalog_label.setText(line if line.endswith((".", "!", "?")) else line + ".")
            return False
        self.catalog_ok = True
        self.catalog_label.setStyleSheet(OK_STYLE)
        self.catalog_label.setText(verdict)
        return True

    # -- saving ----------------------------------------------------------------------------------
    def save(self) -> None:
        """Write what changed (each change audited), apply the theme, say what reloads."""
        from moderator import settings

        if not self.check_catalog():
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText("Fix the catalogue before saving: " + self.catalog_label.text())
            return
        window = self.window_
        before = settings.get_all(window.db)
        changed = [key for key, value in self.values().items() if before.get(key) != value]
        try:
            for key in changed:
                settings.put(window.db, key, self.values()[key], window.actor)
        except Exception as error:  # noqa: BLE001 - shown as one sentence
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(describe_error(error, "Saving the settings"))
            return
        theme = self.theme_combo.currentText()
        window.settings.setValue(THEME_KEY, theme)
        window.settings.sync()
        apply_theme(theme)
        if "moderator_name" in changed and self.values()["moderator_name"]:
            window.actor = self.values()["moderator_name"]
        if "internal_deadline_hours" in changed:
            window.events.queue_changed.emit()  # overdue marks depend on the deadline
        self.changed = changed
        notes = []
        if any(key in changed for key in DETECTOR_KEYS):
            notes.append("The detectors reload to use the new catalogue or model.")
            window.reload_detectors()
        self.message.setStyleSheet("")
        saved = f"Saved {len(changed)} setting(s)." if changed else "Nothing changed."
        self.message.setText(" ".join([saved, *notes]))
        window.statusBar().showMessage(self.message.text(), 8000)
        self.accept()


class SettingsController:
    """Opens the settings dialog and applies the saved theme at start-up."""

    def __init__(self, window: Any) -> None:
        self.window = window
        self.dialog: SettingsDialog | None = None
        theme = str(window.settings.value(THEME_KEY, "System"))
        if theme in ("Light", "Dark"):
            apply_theme(theme)
        self.action = window.add_command(
            "File", "Settings…", "Ctrl+,", self.show, "Workspace settings and theme"
        )

    def show(self) -> SettingsDialog:
        if self.dialog is None:
            self.dialog = SettingsDialog(self.window, self.window)
        else:
            self.dialog.load()
        self.dialog.open()
        return self.dialog


def install(window: Any) -> SettingsController:
    """Add File → Settings… to ``window``."""
    return SettingsController(window)
