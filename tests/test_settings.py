"""Workspace settings: validated, audited, imported from TOML with file-and-line errors."""

from __future__ import annotations

import json

import pytest

from moderator import audit, settings
from moderator.cli import main


def test_put_validates_coerces_and_audits(db):
    settings.put(db, "internal_deadline_hours", "12", "alice")
    assert settings.get(db, "internal_deadline_hours") == 12
    entry = list(audit.iter_entries(db))[-1]
    assert entry["action"] == "settings.change" and entry["actor"] == "alice"
    assert json.loads(entry["before"]) == {"internal_deadline_hours": 24}


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("no_such_setting", "x", "Unknown setting 'no_such_setting'"),
        ("internal_deadline_hours", "soon", "whole number"),
        ("internal_deadline_hours", 0, "between 1 and 720"),
        ("internal_deadline_hours", 2.5, "whole number"),
        ("company", 5, "must be text"),
    ],
)
def test_bad_values_name_the_setting(db, key, value, message):
    with pytest.raises(settings.SettingsError, match=message):
        settings.put(db, key, value, "alice")
    assert list(audit.iter_entries(db)) == []


def test_corrupt_stored_value_names_the_key(db):
    db.execute("INSERT INTO settings (key, value) VALUES ('company', '{broken')")
    with pytest.raises(settings.SettingsError, match="'company'.*unreadable"):
        settings.get(db, "company")


def test_import_applies_all_or_nothing_and_names_file_and_line(db, tmp_path):
    good = tmp_path / "good.toml"
    good.write_text('company = "Acme"\ninternal_deadline_hours = 8\n', encoding="utf-8")
    assert settings.import_file(db, good, "alice") == {
        "company": "Acme",
        "internal_deadline_hours": 8,
    }
    bad = tmp_path / "bad.toml"
    bad.write_text('company = "Beta"\n\ninternal_deadline_hours = "never"\n', encoding="utf-8")
    with pytest.raises(settings.SettingsError, match=r"bad.toml, line 3: .*whole number"):
        settings.import_file(db, bad, "alice")
    assert settings.get(db, "company") == "Acme"  # nothing half-applied
    broken = tmp_path / "broken.toml"
    broken.write_text('company = "Gamma"\nsafety_phone = \n', encoding="utf-8")
    with pytest.raises(settings.SettingsError, match=r"broken.toml: .*line 2"):
        settings.import_file(db, broken, "alice")


def test_cli_set_show_export_round_trip(tmp_path, capsys):
    ws = ["--workspace", str(tmp_path / "ws")]
    assert main([*ws, "settings", "set", "company", "Acme Pharma"]) == 0
    assert main([*ws, "--json", "settings", "show"]) == 0
    out = capsys.readouterr().out.strip().splitlines()[-1]
    assert json.loads(out)["company"] == "Acme Pharma"
    target = tmp_path / "exported.toml"
    assert main([*ws, "settings", "export", str(target)]) == 0
    assert 'company = "Acme Pharma"' in target.read_text(encoding="utf-8")
    assert main([*ws, "settings", "set", "internal_deadline_hours", "nope"]) == 1
    assert "whole number" in capsys.readouterr().err
