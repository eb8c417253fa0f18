"""Fixtures for escalation tests: a page with comments and hand-written detector verdicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest
from sqlite_utils import Database

from moderator.connectors.base import FetchBatch
from moderator.models import (
    AdverseEventDetails,
    Analysis,
    Evidence,
    Flag,
    RemoteComment,
    RemotePost,
)
from moderator.store.flags import save_analyses
from moderator.store.ingest import store_batch
from moderator.store.pages import add_page

POST_TEXT = "Ask your doctor whether Ozempic is right for you."
AE_TEXT = (
    "My mum (72) was hospitalised with pancreatitis after her Ozempic shots. "
    "Lot AB1234 I think. She is still in pain."
)
DAY_ZERO = "2026-03-07T14:00:00.000000+00:00"


def span_of(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def ev(text: str, phrase: str, label: str) -> Evidence:
    start, end = span_of(text, phrase)
    return Evidence(start, end, phrase, label)


def ae_analysis(cid: str, text: str = AE_TEXT) -> Analysis:
    """What the detector suite reports for AE_TEXT, written by hand (same shapes)."""
    p_start, p_end = span_of(text, "Ozempic")
    e_start, e_end = span_of(text, "pancreatitis")
    m_start, m_end = span_of(text, "My mum (72)")
    details = AdverseEventDetails(
        serious=True,
        seriousness=("hospitalisation", "other_medically_important"),
        patient={
            "who": "mother",
            "age": 72.0,
            "sex": "F",
            "evidence": {"start": m_start, "end": m_end, "text": "My mum (72)"},
        },
        reporter={"type": "consumer", "qualification": "consumer", "evidence": None},
        products=(
            {
                "as_reported": "Ozempic",
                "name": "Ozempic",
                "generic": "semaglutide",
                "in_catalog": True,
                "start": p_start,
                "end": p_end,
                "from_post": False,
            },
        ),
        events=({"text": "pancreatitis", "start": e_start, "end": e_end, "source": "lexicon"},),
        special_situations=("elderly",),
    )
    flags = (
        Flag(
            "adverse_event",
            0.95,
            (
                Evidence(e_start, e_end, "pancreatitis", "event"),
                ev(text, "hospitalised", "seriousness:hospitalisation"),
                ev(text, "pancreatitis", "seriousness:other_medically_important"),
                Evidence(p_start, p_end, "Ozempic", "product"),
            ),
            "1 event mention(s) with Ozempic",
        ),
        Flag(
            "product_complaint",
            0.7,
            (ev(text, "AB1234", "lot_number"),),
            "quality complaint: lot AB1234",
        ),
    )
    return Analysis(cid, flags, details, "rules-test+model-none")


@dataclass
class Store:
    """A page in an in-memory store, with helpers to add comments and verdicts."""

    db: Database
    page: dict
    ids: dict[str, int] = field(default_factory=dict)

    def add(
        self,
        cid: str,
        text: str,
        *,
        parent: str | None = None,
        author: str | None = "Jane Doe",
        analysis: Analysis | None = None,
        day_zero: str = DAY_ZERO,
        posted_at: datetime | None = None,
        post_text: str = POST_TEXT,
    ) -> int:
        post = RemotePost("post-1", post_text, datetime(2026, 3, 1, 9, tzinfo=UTC), "https://fb/p1")
        comment = RemoteComment(
            platform_id=cid,
            post_id="post-1",
            text=text,
            author_id=f"uid-{author}" if author else None,
            author_name=author,
            created_at=posted_at or datetime(2026, 3, 7, 13, 55, tzinfo=UTC),
            parent_id=parent,
            permalink=f"https://fb/p1?comment={cid}",
        )
        store_batch(self.db, self.page, FetchBatch(posts=[post], comments=[comment]))
        (local,) = self.db.execute(
            "SELECT id FROM comments WHERE platform_id = ?", [cid]
        ).fetchone()
        # Day zero is when the console first stored the comment; tests pin it.
        self.db.execute("UPDATE comments SET first_seen_at = ? WHERE id = ?", [day_zero, local])
        if analysis is not None:
            save_analyses(self.db, [(local, analysis)])
        self.ids[cid] = local
        return local


@pytest.fixture
def store(db) -> Store:
    page = add_page(
        db,
        platform="facebook",
        platform_id="pg-1",
        name="Northwind Diabetes",
        api_base=None,
        actor="tester",
    )
    return Store(db, page)


@pytest.fixture
def ae_comment(store: Store) -> int:
    return store.add("c-ae", AE_TEXT, analysis=ae_analysis("c-ae"))
