"""Workspace settings: catalogue file, spaCy model, deadlines, reply placeholders.

They live in the workspace database (table ``settings``) so that every change is
audited in the same transaction and travels with the workspace; window layout and
other per-user preferences belong to the UI (QSettings), not here.
"""

from __future__ import annotations

import json
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


def get(db: Database, key: str) -> Any:
    """A setting's value, or its default."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    if row is None:
        return DEFAULTS.get(key)
    return json.loads(row[0])


def get_all(db: Database) -> dict[str, Any]:
    """Every setting, defaults filled in."""
    values = dict(DEFAULTS)
    for key, value in db.execute("SELECT key, value FROM settings"):
        values[key] = json.loads(value)
    return values


def put(db: Database, key: str, value: Any, actor: str) -> None:
    """Change a setting and audit the change (before and after)."""
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
