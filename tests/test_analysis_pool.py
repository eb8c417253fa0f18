"""A two-worker AnalysisPool gives the same analyses, in the same order, as in-process.

Both sides run without the spaCy model (patterns only): each spawned worker builds its own
suite, and loading spaCy three times would make this the slowest test for no extra cover.
"""

from __future__ import annotations

import pytest

from moderator.analysis_pool import AnalysisPool
from moderator.detection import load_suite
from moderator.models import AnalysisInput

TEXTS = [
    ("I started Ozempic last month and was hospitalised with pancreatitis", None),
    ("Can Xarelto cause nosebleeds?", None),
    ("Call me on 555-0100, my daughter Anna has epilepsy", None),
    ("The pen was broken when it arrived", "Our new Ozempic pen"),
    ("Great post!", None),
    ("My son is 12, can he take it?", "Ozempic for adults with type 2 diabetes"),
    ("no side effects at all, love it", None),
    ("I took two doses by mistake and threw up all night", "Xarelto safety information"),
] * 3  # 24 items over chunks of 5: several chunks per worker, order must survive


def _items() -> list[AnalysisInput]:
    return [AnalysisInput(id=str(i), text=t, post_text=p) for i, (t, p) in enumerate(TEXTS)]


@pytest.mark.timeout(60)
def test_two_workers_match_in_process() -> None:
    items = _items()
    expected = load_suite(spacy_model=None).analyze_batch(items)
    with AnalysisPool(2, spacy_model=None, chunk=5) as analyze:
        got = analyze(items)
    assert [a.id for a in got] == [item.id for item in items]
    assert got == expected
    assert any(a.flags for a in got)  # the sample does exercise the detectors


def test_one_worker_runs_in_process() -> None:
    with AnalysisPool(1) as analyze:
        got = analyze(_items()[:4])
    assert analyze._executor is None
    assert [a.id for a in got] == ["0", "1", "2", "3"]


def test_pool_must_be_entered() -> None:
    with pytest.raises(RuntimeError, match="entered"):
        AnalysisPool(2)(_items()[:1])


class _Ctx:
    """The progress/cancel surface of a task context."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def progress(self, message: str, done: int, total: int | None = None) -> None:
        self.messages.append(message)

    def cancelled(self) -> bool:
        return False


def _workspace_with_comments(tmp_path, n: int):
    from moderator.connectors import make_connector
    from moderator.store.pages import add_page
    from moderator.sync import sync_page
    from moderator.workspace import Workspace
    from tests.conftest import make_comment, write_page_document

    tmp_path.mkdir(parents=True, exist_ok=True)
    texts = [text for text, _post in TEXTS]
    comments = [make_comment(i + 1, texts[i % len(texts)]) for i in range(n)]
    document = write_page_document(tmp_path / "page.json", comments)
    workspace = Workspace.at(tmp_path / "ws")
    db = workspace.open()
    page = add_page(
        db, platform="demo", platform_id="p", name="P", api_base=str(document), actor="t"
    )
    sync_page(db, page, make_connector(page, None, state_dir=tmp_path))
    db.close()
    return workspace


@pytest.mark.parametrize(
    ("poolable", "min_pending", "pooled"),
    [(False, 0, False), (True, 10_000, False), (True, 0, True)],
)
def test_console_uses_a_pool_only_for_a_big_backlog_of_the_real_suite(
    tmp_path, monkeypatch, poolable, min_pending, pooled
) -> None:
    from ui import jobs

    workspace = _workspace_with_comments(tmp_path, 10)
    monkeypatch.setattr(jobs, "POOL_MIN_PENDING", min_pending)
    detectors = jobs.Detectors(load_suite(spacy_model=None).analyze_batch, poolable=poolable)
    db = workspace.open()
    try:
        pool = jobs._pool_for(db, detectors)
    finally:
        db.close()
    assert isinstance(pool, AnalysisPool) is pooled
    if pooled:
        assert pool.workers == jobs.POOL_WORKERS and pool._executor is None  # not started


@pytest.mark.timeout(90)
def test_console_flagging_through_the_pool_matches_in_process(tmp_path, monkeypatch) -> None:
    from ui import jobs

    suite = load_suite(spacy_model=None)
    spaces = []
    for name in ("in_process", "pooled"):
        workspace = _workspace_with_comments(tmp_path / name, 30)
        ctx = _Ctx()
        detectors = jobs.Detectors(suite.analyze_batch, poolable=name == "pooled")
        monkeypatch.setattr(jobs, "POOL_MIN_PENDING", 0)
        monkeypatch.setattr(
            jobs,
            "_pool_for",
            lambda _db, d: AnalysisPool(2, spacy_model=None, chunk=4) if d.poolable else None,
        )
        flagged = jobs.flag_comments(workspace, detectors, ctx)
        db = workspace.open()
        rows = db.execute(
            "SELECT c.platform_id, f.kind FROM flags f JOIN comments c ON c.id = f.comment_id "
            "ORDER BY 1, 2"
        ).fetchall()
        pending = db.execute("SELECT count(*) FROM comments WHERE analysed_at IS NULL").fetchone()
        db.close()
        spaces.append((flagged, rows, pending[0], "Starting detector workers" in ctx.messages))
    (n1, rows1, left1, started1), (n2, rows2, left2, started2) = spaces
    assert (n1, rows1, left1) == (n2, rows2, left2) and n1 > 0 and left1 == 0
    assert (started1, started2) == (False, True)
