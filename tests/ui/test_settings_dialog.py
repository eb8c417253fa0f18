"""The settings dialog: audited workspace settings, catalogue check, theme preference."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from moderator import audit, settings
from ui.settings_dialog import THEME_KEY, apply_theme

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
    pytest.mark.timeout(60),
]
GOOD_CATALOG = """
[[product]]
name = "Xarelto"
generic = "rivaroxaban"
indications = ["atrial fibrillation"]
populations = ["adults"]
"""


@pytest.fixture(autouse=True)
def _system_theme():
    yield
    apply_theme("System")


def _open(window):
    return window.extensions["ui.settings_dialog"].show()


def _changes(db) -> list[tuple[str, str]]:
    return [
        (e["note"], e["actor"]) for e in audit.iter_entries(db) if e["action"] == "settings.change"
    ]


def test_menu_command(window):
    controller = window.extensions["ui.settings_dialog"]
    assert "Settings…" in [a.text() for a in window.menus["File"].actions()]
    assert controller.action.shortcut().toString() == "Ctrl+,"


def test_form_shows_the_current_settings(window):
    dialog = _open(window)
    assert dialog.edits["company"].text() == settings.DEFAULTS["company"]
    assert dialog.deadline_spin.value() == 24
    assert dialog.theme_combo.currentText() == "System"
    assert dialog.catalog_label.text().startswith("The bundled catalogue: ")


def test_save_writes_changed_settings_and_audits_them(window):
    dialog = _open(window)
    dialog.edits["company"].setText("Contoso Pharma")
    dialog.edits["safety_phone"].setText("1-800-555-0100")
    dialog.deadline_spin.setValue(12)
    dialog.save_button.click()
    assert settings.get(window.db, "company") == "Contoso Pharma"
    assert settings.get(window.db, "safety_phone") == "1-800-555-0100"
    assert settings.get(window.db, "internal_deadline_hours") == 12
    assert sorted(_changes(window.db)) == [
        ("company", "alice"),
        ("internal_deadline_hours", "alice"),
        ("safety_phone", "alice"),
    ]
    assert dialog.result() == dialog.DialogCode.Accepted
    assert "Saved 3 setting(s)." in window.statusBar().currentMessage()


def test_saving_unchanged_settings_writes_nothing(window):
    dialog = _open(window)
    dialog.save_button.click()
    assert _changes(window.db) == []
    assert dialog.message.text() == "Nothing changed."


def test_moderator_name_becomes_the_actor(window):
    dialog = _open(window)
    dialog.edits["moderator_name"].setText("Bob Moderator")
    dialog.save_button.click()
    assert settings.get(window.db, "moderator_name") == "Bob Moderator"
    assert window.actor == "Bob Moderator"


def test_a_good_catalogue_is_accepted_and_says_detectors_reload(window, tmp_path: Path):
    path = tmp_path / "catalog.toml"
    path.write_text(GOOD_CATALOG, encoding="utf-8")
    dialog = _open(window)
    dialog.choose_catalog_file = lambda: str(path)
    dialog.browse_button.click()
    assert dialog.catalog_label.text() == "catalog.toml: 1 product"
    dialog.save_button.click()
    assert settings.get(window.db, "catalog_path") == str(path)
    assert "detectors reload" in dialog.message.text()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "catalogue file not found."),
        ("[[product]\nname =", "invalid TOML"),
        ("[[product]]\nname = 'X'\n", "X"),
    ],
)
def test_a_broken_catalogue_shows_its_error_and_blocks_saving(
    window, tmp_path: Path, content, expected
):
    path = tmp_path / "broken.toml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    dialog = _open(window)
    dialog.edits["catalog_path"].setText(str(path))
    dialog.save_button.click()
    assert expected in dialog.catalog_label.text()
    assert dialog.catalog_label.text().startswith(str(path))
    assert "Fix the catalogue" in dialog.message.text()
    assert settings.get(window.db, "catalog_path") == ""
    assert _changes(window.db) == []


def _looks_dark() -> bool:
    """Whether the application now draws dark (by colour scheme or by palette)."""
    if QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark:
        return True
    return QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


@pytest.mark.parametrize(("theme", "dark"), [("Dark", True), ("Light", False), ("System", False)])
def test_theme_is_a_user_preference_and_applied(window, theme, dark):
    dialog = _open(window)
    dialog.theme_combo.setCurrentText(theme)
    dialog.save_button.click()
    assert window.settings.value(THEME_KEY) == theme
    assert _looks_dark() is dark  # the offscreen platform follows no OS theme: light
    assert _changes(window.db) == []  # not a workspace setting


def test_saved_theme_is_applied_at_start_up(make_window, workspace, qsettings):
    qsettings.setValue(THEME_KEY, "Dark")
    make_window(workspace)
    assert _looks_dark()
    apply_theme("System")
    assert not _looks_dark()
