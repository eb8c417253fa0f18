"""Tokens in the keyring: in-memory backend for the logic, the real Secret Service on demand."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import keyring
import pytest
from keyring.backends.fail import Keyring as NoBackend

from moderator import credentials
from moderator.credentials import (
    SERVICE,
    CredentialsUnavailableError,
    delete_token,
    get_token,
    store_token,
)
from tests.fakes.memory_keyring import LockedKeyring, MemoryKeyring

TOKEN = "EAAB-credential-test-token-XYZ"


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def backend_swap():
    previous = keyring.get_keyring()
    yield keyring.set_keyring
    keyring.set_keyring(previous)


def test_round_trip_uses_the_documented_service_and_user(memory_keyring):
    store_token("facebook", "100000000000001", TOKEN)
    assert memory_keyring.store == {(SERVICE, "facebook:100000000000001"): TOKEN}
    assert SERVICE == "moderation-console"
    assert get_token("facebook", "100000000000001") == TOKEN
    delete_token("facebook", "100000000000001")
    assert get_token("facebook", "100000000000001") is None


def test_pages_do_not_share_tokens(memory_keyring):
    store_token("facebook", "1", "token-one")
    store_token("instagram", "1", "token-two")
    assert get_token("facebook", "1") == "token-one"
    assert get_token("instagram", "1") == "token-two"
    assert get_token("youtube", "1") is None


def test_store_replaces(memory_keyring):
    store_token("youtube", "UC1", "old-token")
    store_token("youtube", "UC1", "new-token")
    assert get_token("youtube", "UC1") == "new-token"


def test_delete_missing_is_quiet(memory_keyring):
    delete_token("facebook", "never-stored")
    assert memory_keyring.store == {}


@pytest.mark.parametrize(
    ("platform", "page_id", "token"), [("", "1", "t"), ("facebook", "", "t"), ("facebook", "1", "")]
)
def test_empty_arguments_are_rejected(memory_keyring, platform, page_id, token):
    with pytest.raises(ValueError):
        store_token(platform, page_id, token)


@pytest.mark.parametrize("backend", [NoBackend, LockedKeyring], ids=["no-backend", "locked"])
@pytest.mark.parametrize(
    "call",
    [
        lambda: store_token("facebook", "1", TOKEN),
        lambda: get_token("facebook", "1"),
        lambda: delete_token("facebook", "1"),
    ],
    ids=["store", "get", "delete"],
)
def test_unavailable_keyring_is_one_clear_sentence(backend_swap, backend, call):
    backend_swap(backend())
    with pytest.raises(CredentialsUnavailableError) as info:
        call()
    message = str(info.value)
    assert message.startswith("The system keyring is locked or unavailable: ")
    assert message.endswith(".") and "\n" not in message
    assert TOKEN not in message  # LockedKeyring echoes the password it was given
    assert info.value.__cause__ is None and info.value.__suppress_context__


def test_unexpected_backend_errors_are_wrapped(backend_swap):
    class Broken(MemoryKeyring):
        def get_password(self, service, username):
            raise OSError("org.freedesktop.DBus.Error.ServiceUnknown")

    backend_swap(Broken())
    with pytest.raises(CredentialsUnavailableError, match="ServiceUnknown"):
        get_token("youtube", "UC1")


def test_module_has_no_token_cache(memory_keyring):
    store_token("facebook", "1", TOKEN)
    assert TOKEN not in repr(vars(credentials))


# -- the real Secret Service ----------------------------------------------------------------

ROUND_TRIP = textwrap.dedent(
    """
    import keyring
    from keyring.backends.SecretService import Keyring
    keyring.set_keyring(Keyring())
    from moderator import credentials
    credentials.store_token("facebook", "424242", "real-secret-service-token")
    assert credentials.get_token("facebook", "424242") == "real-secret-service-token"
    credentials.delete_token("facebook", "424242")
    assert credentials.get_token("facebook", "424242") is None
    credentials.delete_token("facebook", "424242")
    print("ROUND-TRIP-OK")
    """
)


@pytest.mark.secret_service
@pytest.mark.skipif(
    not (shutil.which("gnome-keyring-daemon") and shutil.which("dbus-run-session")),
    reason="needs gnome-keyring-daemon and dbus-run-session (Debian: gnome-keyring dbus)",
)
def test_real_secret_service_round_trip(tmp_path: Path):
    script = tmp_path / "round_trip.py"
    script.write_text(ROUND_TRIP, encoding="utf-8")
    shell = (
        "echo pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; "
        f'"{sys.executable}" "{script}"'
    )
    env = dict(os.environ)
    env["HOME"] = str(tmp_path)  # a throwaway login keyring, never the user's
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    env["XDG_RUNTIME_DIR"] = str(tmp_path / "run")
    (tmp_path / "run").mkdir(mode=0o700)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1])
    done = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", shell],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "ROUND-TRIP-OK" in done.stdout
