"""Workspace settings: catalogue file, spaCy model, deadlines, reply placeholders.

They live in the workspace database (table ``settings``; the workspace itself sits in
the platformdirs data folder) so that every change is audited in the same transaction
and travels with the workspace; window layout and other per-user preferences belong to
the UI (QSettings), not here. A settings file (TOML) can be imported and exported; its
errors name the file and the line.
"""

from __future__ import annotations

import json
import math
import re
import tomllib
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from moderator import audit

DEFAULTS: dict[str, Any] = {
    "moderator_name": "",
    "catalog_path": "",  # empty: the bundled catalogue
    "spacy_model": "en_core_web_sm",
    "receipt_country": "",  # ISO 3166 alpha-2 for E2B C.2.r.3 when the reporter gives none
    "internal_deadline_hours": 24,
    "company": "Northwind Health",
    "safety_phone": "1-800-555-0199",
    "safety_email": "drugsafety@northwind.example",
    "medinfo_phone": "1-800-555-0142",
    "quality_phone": "1-800-555-0175",
    "authority": "the FDA MedWatch program (1-800-FDA-1088) or your national medicines agency",
}


LIMITS: dict[str, tuple[float, float]] = {"internal_deadline_hours": (1, 24 * 30)}


class SettingsError(ValueError):
    """A setting has an unknown name or a value of the wrong kind; the message names it."""


def validate(key: str, value: Any) -> Any:
    """The value coerced to the setting's type, or :class:`SettingsError` naming the key."""
    if key not in DEFAULTS:
        raise SettingsError(f"Unknown setting {key!r}; known settings: {', '.join(DEFAULTS)}.")
    expected = type(DEFAULTS[key])
    if expected is int:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise SettingsError(f"Setting {key!r} must be a whole number, not {value!r}.")
        try:
            number = float(value)
        except ValueError:
            raise SettingsError(f"Setting {key!r} must be a whole number, not {value!r}.") from None
        # inf and nan parse as floats but are no whole number (int() would raise).
        if not math.isfinite(number) or number != int(number):
            raise SettingsError(f"Setting {key!r} must be a whole number, not {value!r}.")
        low, high = LIMITS.get(key, (float("-inf"), float("inf")))
        if not low <= number <= high:
            raise SettingsError(f"Setting {key!r} must be between {low:g} and {high:g}.")
        return int(number)
    if not isinstance(value, str):
        raise SettingsError(f"Setting {key!r} must be text, not {value!r}.")
    return value


def _decode(key: str, raw: str) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        raise SettingsError(
            f"Setting {key!r} in the workspace database is unreadable; set it again with "
            f"`moderator settings set {key} VALUE`."
        ) from None


def get(db: Database, key: str) -> Any:
    """A setting's value, or its default."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    if row is None:
        return DEFAULTS.get(key)
    return _decode(key, row[0])


def get_all(db: Database) -> dict[str, Any]:
    """Every setting, defaults filled in."""
    values = dict(DEFAULTS)
    for key, value in db.execute("SELECT key, value FROM settings"):
        values[key] = _decode(key, value)
    return values


def put(db: Database, key: str, value: Any, actor: str) -> None:
    """Change a setting (validated) and audit the change (before and after)."""
    value = validate(key, value)
    with db.atomic():
        before = get(db, key)
        if before == value:
            return
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, json.dumps(value)],
        )
        audit.append(
            db,
            actor=actor,
            action="settings.change",
            note=key,
            before={key: before},
            after={key: value},
        )


def _line_of(text: str, key: str) -> int | None:
    pattern = re.compile(rf"^[ \t]*{re.escape(key)}[ \t]*=", re.MULTILINE)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def import_file(db: Database, path: Path, actor: str) -> dict[str, Any]:
    """Apply every setting in a TOML file (all or nothing); errors name the file and line."""
    text = path.read_text(encoding="utf-8")
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"{path}: {error}") from None
    values: dict[str, Any] = {}
    for key, value in document.items():
        try:
            values[key] = validate(key, value)
        except SettingsError as error:
            line = _line_of(text, key)
            where = f"{path}, line {line}" if line else str(path)
            raise SettingsError(f"{where}: {error}") from None
    with db.atomic():
        for key, value in values.items():
            put(db, key, value, actor)
    return values


def export_file(db: Database, path: Path) -> None:
    """Write every setting as TOML (strings quoted, numbers bare)."""
    lines = ["# Moderation Console workspace settings"]
    for key, value in get_all(db).items():
        lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
