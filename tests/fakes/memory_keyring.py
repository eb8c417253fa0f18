"""An in-memory keyring backend, plus one that behaves like a locked keyring.

``keyring.set_keyring(MemoryKeyring())`` makes ``moderator.credentials`` testable without a
Secret Service; ``LockedKeyring`` raises what a locked or missing backend raises.
"""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """Stores passwords in a dict; never chosen automatically (priority 0 is not viable)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        """Return the stored password or None."""
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        """Store (or replace) a password."""
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        """Remove a password; keyring's contract says missing ones raise."""
        try:
            del self.store[(service, username)]
        except KeyError:
            raise PasswordDeleteError("Password not found") from None


class LockedKeyring(KeyringBackend):
    """Every call fails the way a locked Secret Service collection does."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        """Always locked."""
        raise KeyringLocked("Failed to unlock the collection!")

    def set_password(self, service: str, username: str, password: str) -> None:
        """Always locked; the message deliberately echoes the password to test redaction."""
        raise KeyringLocked(f"Failed to unlock the collection while storing {password}")

    def delete_password(self, service: str, username: str) -> None:
        """Always locked."""
        raise KeyringLocked("Failed to unlock the collection!")
