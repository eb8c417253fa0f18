"""Suite-wide fixtures: an in-memory store, a tiny demo page document, isolation."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hypothesis import settings as hypothesis_settings  # noqa: E402

# These machines are noisy: no per-example deadline. On CI the examples are derived from
# the test itself (derandomize), so a run is repeatable and a red build can be replayed.
hypothesis_settings.register_profile("dev", deadline=None)
hypothesis_settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    """No test touches the real user's workspace or settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("MODERATOR_WORKSPACE", str(home / "workspace"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))


@pytest.fixture(autouse=True)
def _memory_keyring(request):
    """Unit tests use an in-memory keyring; ``secret_service`` tests use the real one."""
    if request.node.get_closest_marker("secret_service"):
        yield None
        return
    import keyring

    from tests.fakes.memory_keyring import MemoryKeyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def db():
    """A migrated in-memory store."""
    from moderator.store.database import open_database

    database = open_database(None)
    yield database
    database.close()


def write_page_document(path: Path, comments: list[dict], posts: list[dict] | None = None) -> Path:
    """Write a demo-platform page document (the DemoConnector's wire format)."""
    posts = posts or [
        {
            "id": "post-1",
            "text": "Talk to your doctor about Xarelto.",
            "created_at": "2026-11-20T09:00:00+00:00",
        }
    ]
    document = {
        "page": {"id": "demo-test", "name": "Test Page", "platform": "demo"},
        "posts": posts,
        "comments": comments,
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def make_comment(n: int, text: str, **extra) -> dict:
    """One raw demo comment with sensible defaults."""
    comment = {
        "id": f"c-{n:04d}",
        "post_id": "post-1",
        "parent_id": None,
        "author_id": f"u-{n % 7}",
        "author_name": f"Person {n % 7}",
        "text": text,
        "created_at": f"2026-11-21T{(n // 60) % 24:02d}:{n % 60:02d}:00+00:00",
        "hidden": False,
    }
    comment.update(extra)
    return comment


@pytest.fixture
def page_document(tmp_path: Path) -> Path:
    """A small demo page: a few flagged-looking and benign comments, one reply."""
    comments = [
        make_comment(1, "This gave me hives after two doses"),
        make_comment(2, "Thanks for the info!"),
        make_comment(3, "My pen was leaking, lot AB1234"),
        make_comment(4, "<b>bold</b><script>alert(1)</script>"),
        make_comment(5, "same here", parent_id="c-0001"),
    ]
    return write_page_document(tmp_path / "page.json", comments)
