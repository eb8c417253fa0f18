"""Where a workspace lives on disk and how to open its database.

A workspace is one folder: the SQLite store, automatic backups, logs and exports.
Tokens are never in it (they live in the OS keyring).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path
from sqlite_utils import Database

from moderator.store.database import open_database

APP_NAME = "moderation-console"
WORKSPACE_ENV = "MODERATOR_WORKSPACE"


def default_root() -> Path:
    """``$MODERATOR_WORKSPACE`` if set, else the platform's per-user data folder."""
    override = os.environ.get(WORKSPACE_ENV)
    if override:
        return Path(override).expanduser()
    return user_data_path(APP_NAME, appauthor=False)


@dataclass(frozen=True)
class Workspace:
    """Paths of one workspace folder."""

    root: Path

    @classmethod
    def at(cls, root: Path | str | None) -> Workspace:
        """The workspace at ``root``, or the default one when ``root`` is None."""
        return cls(Path(root).expanduser() if root else default_root())

    @property
    def db_path(self) -> Path:
        return self.root / "moderator.db"

    @property
    def backups_dir(self) -> Path:
        return self.root / "backups"

    @property
    def logs_dir(self) -> Path:
        return self.root / "logs"

    @property
    def exports_dir(self) -> Path:
        return self.root / "exports"

    @property
    def settings_path(self) -> Path:
        return self.root / "settings.toml"

    def open(self) -> Database:
        """Create the folder if needed and open (migrating) the database."""
        self.root.mkdir(parents=True, exist_ok=True)
        return open_database(self.db_path, self.backups_dir)
