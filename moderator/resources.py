"""Access to the bundled ``resources`` package (demo page, catalogue, templates, icons)."""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """A real filesystem path to a bundled resource.

    The package is installed as plain files (never zipped), so ``as_file`` returns the
    file itself rather than a temporary copy that would vanish.
    """
    traversable = files("resources").joinpath(*parts)
    with as_file(traversable) as path:
        return Path(path)


def read_text(*parts: str) -> str:
    """The text of a bundled resource, decoded as UTF-8."""
    return files("resources").joinpath(*parts).read_text(encoding="utf-8")
