"""Page access tokens live in the system keyring, nowhere else.

Service ``moderation-console``, user ``<platform>:<page id>`` (the CLI contract in
DESIGN.md). A missing or locked keyring becomes one ``CredentialsUnavailableError`` with a
sentence the moderator can act on; the token itself never appears in any message, because a
backend's exception text is scrubbed before it is quoted.
"""

from __future__ import annotations

import keyring
from keyring.errors import PasswordDeleteError

SERVICE = "moderation-console"


class CredentialsUnavailableError(Exception):
    """The keyring cannot be used right now (no backend, locked, D-Bus gone)."""


def _user(platform: str, page_id: str) -> str:
    if not platform or not page_id:
        raise ValueError("platform and page_id must be non-empty")
    return f"{platform}:{page_id}"


def _unavailable(exc: BaseException, secret: str | None = None) -> CredentialsUnavailableError:
    """Build the one-sentence error, quoting the backend's reason without any secret."""
    reason = str(exc).strip() or type(exc).__name__
    if secret:
        reason = reason.replace(secret, "REDACTED")
    reason = reason.splitlines()[0].rstrip(".")
    return CredentialsUnavailableError(
        f"The system keyring is locked or unavailable: {reason} ({type(exc).__name__})."
    )


def store_token(platform: str, page_id: str, token: str) -> None:
    """Save (or replace) the token for a page."""
    user = _user(platform, page_id)
    if not token:
        raise ValueError("token must be non-empty")
    try:
        keyring.set_password(SERVICE, user, token)
    except Exception as exc:  # noqa: BLE001 - D-Bus/secretstorage errors are not KeyringErrors
        raise _unavailable(exc, token) from None


def get_token(platform: str, page_id: str) -> str | None:
    """Return the stored token, or None when the page has none."""
    user = _user(platform, page_id)
    try:
        return keyring.get_password(SERVICE, user)
    except Exception as exc:  # noqa: BLE001 - see store_token
        raise _unavailable(exc) from None


def delete_token(platform: str, page_id: str) -> None:
    """Forget a page's token; deleting a token that is not there is not an error."""
    user = _user(platform, page_id)
    try:
        keyring.delete_password(SERVICE, user)
    except PasswordDeleteError:
        return
    except Exception as exc:  # noqa: BLE001 - see store_token
        raise _unavailable(exc) from None
