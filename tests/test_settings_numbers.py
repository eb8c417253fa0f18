"""Number settings refuse infinities and NaN with the settings error, like any bad value."""

from __future__ import annotations

import pytest

from moderator import settings


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", float("inf"), float("nan"), "1e999"])
def test_non_finite_numbers_are_a_settings_error(value):
    with pytest.raises(settings.SettingsError, match="internal_deadline_hours"):
        settings.validate("internal_deadline_hours", value)


def test_a_whole_number_string_is_accepted():
    assert settings.validate("internal_deadline_hours", "48") == 48
