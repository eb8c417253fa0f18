"""Platform connectors and the factory that builds the right one for a connected page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from moderator.connectors.base import Connector, ConnectorError, TransientError


def make_connector(
    page: dict[str, Any], token: str | None, state_dir: Path | None = None
) -> Connector:
    """Build the connector for a stored page row (``platform``, ``platform_id``, ``api_base``).

    Imports are local so that a CLI call that only touches the demo page never loads
    httpx, and so each platform module stays independent.
    """
    platform = page["platform"]
    page_id = page["platform_id"]
    api_base = page.get("api_base")
    if platform == "demo":
        from moderator.connectors.demo import DemoConnector

        state = state_dir / f"demo-{page_id}.json" if state_dir else None
        return DemoConnector(page_id, token, api_base, state_path=state)
    if not token:
        raise ConnectorError(
            f"No token is stored for {platform} page {page_id}; reconnect this page."
        )
    if platform == "facebook":
        from moderator.connectors.facebook import FacebookConnector

        return FacebookConnector(page_id, token, api_base)
    if platform == "instagram":
        from moderator.connectors.instagram import InstagramConnector

        return InstagramConnector(page_id, token, api_base)
    if platform == "youtube":
        from moderator.connectors.youtube import YouTubeConnector

        return YouTubeConnector(page_id, token, api_base)
    raise ConnectorError(f"Unknown platform {platform!r}.")


def connector_for_stored_page(page: dict[str, Any], state_dir: Path | None = None) -> Connector:
    """The connector for a connected page, with its token read from the OS keyring.

    A locked or missing keyring becomes a retryable :class:`TransientError`: the sync of
    that page (or the outbox action) fails for now and is tried again later, while the
    other pages carry on. The demo page needs no token.
    """
    token = None
    if page["platform"] != "demo":
        from moderator import credentials

        try:
            token = credentials.get_token(page["platform"], page["platform_id"])
        except credentials.CredentialsUnavailableError as error:
            raise TransientError(str(error)) from None
    return make_connector(page, token, state_dir=state_dir)
