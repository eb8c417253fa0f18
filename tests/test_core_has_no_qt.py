"""The core never imports Qt: every ``moderator`` module loads in a fresh interpreter
without PySide6 appearing in ``sys.modules`` (Anki's anki/aqt split)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import moderator


def _all_modules() -> list[str]:
    return sorted(
        info.name
        for info in pkgutil.walk_packages(moderator.__path__, prefix="moderator.")
        if not info.name.endswith("__main__")
    )


def test_there_are_modules_to_check():
    modules = _all_modules()
    assert "moderator.store.database" in modules and "moderator.sync" in modules


def test_importing_every_core_module_does_not_load_pyside6():
    modules = _all_modules()
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(qt))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"Qt loaded by core modules: {result.stdout}"
