"""Build a realistic workspace of N comments quickly, for benchmarks and manual testing.

    .venv/bin/python benchmarks/make_workspace.py 1000000 --out /tmp/ws-1m
    .venv/bin/moderator-console --workspace /tmp/ws-1m

Texts are recombined from real-looking material: the demo page's comments, PsyTAR drug-review
sentences (``/work/shared/data/psytar/train.tsv``), synthetic PII sentences and short generic
replies, from a few words to ten sentences. Only the few thousand *unique source texts* go
through the real detector suite (with the post each sits under); every comment built from a
source reuses its flags, evidence spans and adverse-event details, so flag rates and evidence
are what the detectors really produce without analysing a million comments. A comment may
carry a short neutral tail after the source text, which keeps evidence offsets valid.

Four pages on different platforms, posts written like the demo page's, reply threads, a few
thousand authors. Comments go in through :mod:`moderator.store.bulk`; flags, analyses and the
hash-chained ``flags.raised`` audit entries are written in bulk the way ``save_analyses``
would write them; some comments are then reviewed, dismissed and escalated through the real
actions so their audit trail and case records are genuine.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import pickle
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlite_utils import Database  # noqa: E402

from moderator import audit  # noqa: E402
from moderator.models import Analysis, AnalysisInput  # noqa: E402
from moderator.risk import risk_of, top_kind  # noqa: E402
from moderator.store.bulk import COMMENT_COLUMNS, fast_load_pragmas, insert_comment_rows  # noqa: E402
from moderator.store.flags import DETECTOR_ACTOR, evidence_json  # noqa: E402
from moderator.workspace import Workspace  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = Path("/work/shared/data")
DEMO_PAGE = ROOT / "resources" / "demo" / "page.json"
START = datetime(2026, 8, 1, tzinfo=UTC)
SPAN = timedelta(days=110)  # comments spread from START over this span
BUILDER = "make_workspace"
CACHE_DIR = Path(tempfile.gettempdir()) / "moderator-bench-cache"

GENERIC = (
    "Love this, thanks for sharing",
    "Great post!",
    "Thank you 🙏",
    "Where can I buy this near me?",
    "Is this available in Canada?",
    "Following",
    "Interesting, will ask my doctor about it",
    "Who else is watching this in 2026?",
    "So helpful, sharing with my mum",
    "❤️❤️❤️",
    "This changed my life honestly",
    "Any coupons or savings cards?",
    "Tagging my sister, she needs to see this",
    "How much does it cost without insurance?",
    "Nice video",
)
TAILS = ("", "", "", " 🙏", " Thanks.", "!!", " #health", " 😊", " Just my experience.", " ...")
FIRST = [
    "Maria",
    "Ana",
    "James",
    "Olivia",
    "Liam",
    "Noah",
    "Emma",
    "Sofia",
    "Yusuf",
    "Aisha",
    "Chen",
    "Wei",
    "Priya",
    "Raj",
    "Lucas",
    "Mia",
    "Fatima",
    "Omar",
    "Elena",
    "Ivan",
    "Grace",
    "Daniel",
    "Chloe",
    "Mateo",
    "Hannah",
    "Kenji",
    "Zara",
    "Leo",
    "Amara",
    "Tom",
]
LAST = [
    "Garcia",
    "Smith",
    "Nguyen",
    "Okafor",
    "Rossi",
    "Kowalski",
    "Haddad",
    "Patel",
    "Kim",
    "Silva",
    "Dubois",
    "Novak",
    "Jensen",
    "Hughes",
    "Moreno",
    "Ali",
    "Cohen",
    "Brown",
    "Tanaka",
    "Müller",
    "Rahman",
    "Costa",
    "Walsh",
    "Lopez",
    "Ivanova",
    "Mensah",
]
PAGES = (  # platform, platform id, name, share of comments
    ("facebook", "100000000000777", "Northwind Health", 0.45),
    ("instagram", "17841400000000777", "northwind.care", 0.25),
    ("youtube", "UCnorthwind000000000000", "Northwind TV", 0.20),
    ("facebook", "100000000000888", "Northwind Oncology", 0.10),
)


def _psytar_sentences() -> list[str]:
    with (DATA / "psytar" / "train.tsv").open(encoding="utf-8") as f:
        return [row["sentences"].strip() for row in csv.DictReader(f, delimiter="\t")]


def _synth_sentences() -> list[str]:
    path = DATA / "presidio-synth" / "synth_dataset_v2.json"
    return [r["full_text"] for r in json.loads(path.read_text(encoding="utf-8"))]


@dataclass
class TextPool:
    """A few thousand unique source texts of varied length, and authors; deterministic."""

    sources: list[str]
    post_of_source: list[int]  # index into the demo posts: the post a source sits under
    demo_posts: list[str]

    @classmethod
    def load(cls, size: int = 3000, seed: int = 7) -> TextPool:
        rng = random.Random(seed)
        demo = json.loads(DEMO_PAGE.read_text(encoding="utf-8"))
        demo_comments = [c["text"] for c in demo["comments"]]
        demo_posts = [p["text"] for p in demo["posts"]]
        reviews = [s for s in _psytar_sentences() if s]
        synth = _synth_sentences()
        seen: set[str] = set()
        sources: list[str] = []
        while len(sources) < size:
            roll = rng.random()
            if roll < 0.25:
                text = rng.choice(demo_comments)
            elif roll < 0.65:
                text = rng.choice(GENERIC)
            elif roll < 0.80:
                text = rng.choice(reviews)
            elif roll < 0.89:
                text = " ".join(rng.sample(reviews, rng.randint(2, 3)))
            elif roll < 0.94:
                text = " ".join(rng.sample(reviews, rng.randint(5, 10)))
            else:
                text = rng.choice(synth)
            if text in seen and roll >= 0.65:
                continue  # generic and demo texts may repeat (they are common), the rest not
            seen.add(text)
            sources.append(text)
        posts = [rng.randrange(len(demo_posts)) for _ in sources]
        return cls(sources=sources, post_of_source=posts, demo_posts=demo_posts)

    def source_index(self, k: int) -> int:
        """Which source comment ``k`` reuses (a fixed scatter, not a cycle)."""
        return (k * 2654435761 + 12345) % len(self.sources)

    def text(self, k: int) -> str:
        """Comment ``k``'s text: its source plus a short neutral tail (offsets stay valid)."""
        return self.sources[self.source_index(k)] + TAILS[(k * 31) % len(TAILS)]

    @staticmethod
    def author(i: int) -> str:
        return f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}"


def _cache_path(items: Sequence[AnalysisInput]) -> Path:
    """Cache file for these inputs and this detector code (its files' contents)."""
    digest = hashlib.sha256()
    for item in items:
        digest.update(f"{item.text}\0{item.post_text}\0".encode())
    for source in sorted((ROOT / "moderator" / "detect").rglob("*")):
        if source.is_file() and source.suffix in (".py", ".toml", ".json", ".txt", ".pkl"):
            digest.update(source.read_bytes())
    return CACHE_DIR / f"source-analyses-{digest.hexdigest()[:20]}.pickle"


def analyse_sources(pool: TextPool, workers: int) -> list[Analysis]:
    """Run the real detector suite once over every unique source text (with its post).

    The result is cached under the system temp folder, keyed on the texts and the detector
    code, so rebuilding a workspace of another size skips the detectors.
    """
    from moderator.analysis_pool import AnalysisPool

    items = [
        AnalysisInput(id=str(i), text=text, post_text=pool.demo_posts[pool.post_of_source[i]])
        for i, text in enumerate(pool.sources)
    ]
    cache = _cache_path(items)
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    with AnalysisPool(workers) as analyze:
        analyses = analyze(items)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps(analyses))
    return analyses


@dataclass(frozen=True)
class Verdict:
    """A source text's analysis in the shape the store keeps it."""

    flags: list[tuple[str, float, str, str]]  # kind, score, evidence json, explanation
    adverse_event: str | None
    serious: int
    risk: int
    top_kind: str | None
    kinds: list[str]


def verdicts(analyses: Sequence[Analysis]) -> list[Verdict]:
    out = []
    for a in analyses:
        kinds = [f.kind for f in a.flags]
        serious = bool(a.adverse_event and a.adverse_event.serious)
        out.append(
            Verdict(
                flags=[(f.kind, float(f.score), evidence_json(f), f.explanation) for f in a.flags],
                adverse_event=(
                    json.dumps(asdict(a.adverse_event), ensure_ascii=False)
                    if a.adverse_event
                    else None
                ),
                serious=int(serious),
                risk=risk_of(kinds, serious),
                top_kind=top_kind(kinds),
                kinds=sorted(kinds),
            )
        )
    return out


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


def _add_pages(db: Database, n: int, pool: TextPool) -> list[tuple[dict, list[tuple[int, int]]]]:
    """Pages and their posts; returns per page (row, [(post row id, demo post index)])."""
    from moderator.store.pages import add_page

    result = []
    for platform, platform_id, name, share in PAGES:
        page = add_page(
            db, platform=platform, platform_id=platform_id, name=name, api_base=None, actor=BUILDER
        )
        n_posts = max(len(pool.demo_posts), int(n * share) // 1500)
        posts = []
        for j in range(n_posts):
            demo_index = j % len(pool.demo_posts)
            created = START + SPAN * (j / n_posts) - timedelta(hours=6)
            row_id = (
                db["posts"]
                .insert(
                    {
                        "page_id": page["id"],
                        "platform": platform,
                        "platform_id": f"{platform_id}_post{j:05d}",
                        "text": pool.demo_posts[demo_index],
                        "created_at": _stamp(created),
                        "permalink": f"https://example.invalid/{platform_id}/posts/{j}",
                        "first_seen_at": _stamp(created),
                    }
                )
                .last_pk
            )
            posts.append((row_id, demo_index))
        result.append((page, posts))
    return result


EXTRA_COLUMNS = ("risk", "top_kind", "analysed_at")


def comment_rows(
    n: int,
    pool: TextPool,
    pages: list[tuple[dict, list[tuple[int, int]]]],
    verdict_of: Sequence[Verdict],
    seen: str,
) -> Iterator[tuple]:
    """Comment ``k`` = row id ``k + 1`` in a fresh workspace: rows in insertion order."""
    shares = [share for *_rest, share in PAGES]
    bounds, acc = [], 0.0
    for share in shares:
        acc += share
        bounds.append(acc)
    # Posts of each page grouped by the demo post they copy, so a comment lands under a post
    # with the text its flags were computed against.
    by_demo: list[dict[int, list[tuple[int, str]]]] = []
    for page, posts in pages:
        groups: dict[int, list[tuple[int, str]]] = {}
        for j, (row_id, demo_index) in enumerate(posts):
            groups.setdefault(demo_index, []).append((row_id, f"{page['platform_id']}_post{j:05d}"))
        by_demo.append(groups)
    last_top: dict[int, str] = {}
    step = SPAN / max(n, 1)
    for k in range(n):
        fraction = ((k * 40503) % 1000) / 1000
        p = next(i for i, bound in enumerate(bounds) if fraction < bound or i == len(bounds) - 1)
        page = pages[p][0]
        s = pool.source_index(k)
        group = by_demo[p].get(pool.post_of_source[s]) or next(iter(by_demo[p].values()))
        # Later comments go under later posts, as on a real page.
        post_row, post_pid = group[min(len(group) - 1, int(len(group) * k / max(n, 1)))]
        platform_id = f"{page['platform_id']}_c{k:08d}"
        parent = last_top.get(post_row) if k % 4 == 3 else None
        if parent is None:
            last_top[post_row] = platform_id
        author = (k * 7919 + k // 13) % 6000
        verdict = verdict_of[s]
        created = _stamp(START + step * k)
        yield (
            page["id"],
            post_row,
            page["platform"],
            platform_id,
            post_pid,
            parent,
            f"{page['platform']}-u{author}",
            pool.author(author),
            pool.text(k),
            created,
            None,
            f"https://example.invalid/{platform_id}",
            0,
            seen,
            seen,
            verdict.risk,
            verdict.top_kind,
            seen,
        )


def _audit_rows(
    head: tuple[int, str], n: int, pool: TextPool, verdict_of: Sequence[Verdict], seen: str
) -> Iterator[tuple]:
    """``flags.raised`` entries for every flagged comment, chained from ``head`` (seq, hash)."""
    seq, prev = head
    version = json.dumps({"detector_version": DETECTOR_VERSION[0]}, sort_keys=True)
    for k in range(n):
        verdict = verdict_of[pool.source_index(k)]
        if not verdict.kinds:
            continue
        seq += 1
        after = audit._canonical_json({"kinds": verdict.kinds, "serious": bool(verdict.serious)})
        entry = {
            "seq": seq,
            "at": seen,
            "actor": DETECTOR_ACTOR,
            "action": "flags.raised",
            "comment_id": k + 1,
            "page_id": None,
            "note": None,
            "before": None,
            "after": after,
            "details": audit._canonical_json(json.loads(version)),
        }
        digest = audit.entry_hash(prev, entry)
        yield (*entry.values(), prev, digest)
        prev = digest


DETECTOR_VERSION = [""]


def _write_analyses(
    db: Database, n: int, pool: TextPool, verdict_of: Sequence[Verdict], seen: str
) -> int:
    version = DETECTOR_VERSION[0]
    flag_rows = (
        (k + 1, kind, score, evidence, explanation, version, seen)
        for k in range(n)
        for kind, score, evidence, explanation in verdict_of[pool.source_index(k)].flags
    )
    with db.atomic():
        row = db.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        head = (row[0], row[1]) if row else (0, audit.GENESIS_HASH)
        db.conn.executemany(
            "INSERT INTO flags (comment_id, kind, score, evidence, explanation, detector_version, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            flag_rows,
        )
        db.conn.executemany(
            "INSERT INTO analyses (comment_id, adverse_event, serious, detector_version, "
            "analysed_at) VALUES (?, ?, ?, ?, ?)",
            (
                (k + 1, v.adverse_event, v.serious, version, seen)
                for k in range(n)
                for v in (verdict_of[pool.source_index(k)],)
            ),
        )
        db.conn.executemany(
            "INSERT INTO audit_log (seq, at, actor, action, comment_id, page_id, note, before, "
            "after, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _audit_rows(head, n, pool, verdict_of, seen),
        )
        # The chain's end is anchored apart from the rows (migration 0002_audit_head).
        last = db.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        if last and "audit_head" in db.table_names():
            db.execute(
                "INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
                list(last),
            )
    return db.execute("SELECT count(DISTINCT comment_id) FROM flags").fetchone()[0]


def _moderate(db: Database, n: int, rng: random.Random) -> dict[str, int]:
    """Review, dismiss and escalate a realistic few through the real actions."""
    from moderator.actions.escalate import escalate
    from moderator.actions.review import dismiss, mark_reviewed

    done = {"reviewed": 0, "dismissed": 0, "escalated": 0}
    flagged = [
        (row_id, risk)
        for row_id, risk in db.execute(
            "SELECT id, risk FROM comments WHERE risk > 0 ORDER BY created_at DESC LIMIT 20000"
        )
    ]
    rng.shuffle(flagged)
    target = {
        "reviewed": min(1500, max(3, n // 500)),
        "dismissed": min(600, max(2, n // 1500)),
        "escalated": min(60, max(2, n // 10000)),
    }
    moderators = ("alex.moderator", "sam.moderator", "jo.moderator")
    for i, (row_id, risk) in enumerate(flagged):
        actor = moderators[i % len(moderators)]
        if risk >= 500 and done["escalated"] < target["escalated"]:
            escalate(db, row_id, actor, note="Potential AE, please assess")
            done["escalated"] += 1
        elif done["reviewed"] < target["reviewed"]:
            mark_reviewed(db, row_id, actor)
            done["reviewed"] += 1
        elif done["dismissed"] < target["dismissed"]:
            dismiss(db, row_id, actor, note="Not about our product")
            done["dismissed"] += 1
        else:
            break
    return done


def build(out: Path, n: int, *, workers: int = 2, sources: int = 3000, seed: int = 7) -> dict:
    """Build the workspace at ``out`` (must not exist yet); returns timings and counts."""
    times: dict[str, float] = {}
    t0 = time.perf_counter()
    pool = TextPool.load(size=min(sources, max(50, n)), seed=seed)
    analyses = analyse_sources(pool, workers)
    DETECTOR_VERSION[0] = analyses[0].detector_version if analyses else ""
    verdict_of = verdicts(analyses)
    times["detect_sources"] = time.perf_counter() - t0

    workspace = Workspace.at(out)
    db = workspace.open()
    fast_load_pragmas(db)
    seen = _stamp(datetime.now(UTC))
    pages = _add_pages(db, n, pool)
    t1 = time.perf_counter()
    with db.atomic():
        if db.execute("SELECT count(*) FROM comments").fetchone()[0]:
            raise SystemExit(f"{out} already holds comments; choose an empty folder")
        inserted = insert_comment_rows(
            db, comment_rows(n, pool, pages, verdict_of, seen), (*COMMENT_COLUMNS, *EXTRA_COLUMNS)
        )
        for page, _posts in pages:
            audit.append(db, actor="sync", action="sync.start", page_id=page["id"], at=seen)
            db["pages"].update(
                page["id"], {"last_sync_at": seen, "last_sync_status": "ok", "sync_since": seen}
            )
            audit.append(db, actor="sync", action="sync.ok", page_id=page["id"], at=seen)
    times["comments"] = time.perf_counter() - t1
    t2 = time.perf_counter()
    flagged = _write_analyses(db, n, pool, verdict_of, seen)
    times["flags_analyses_audit"] = time.perf_counter() - t2
    t3 = time.perf_counter()
    moderated = _moderate(db, n, random.Random(seed))
    times["moderation"] = time.perf_counter() - t3
    t4 = time.perf_counter()
    db.execute("ANALYZE")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    times["analyze_checkpoint"] = time.perf_counter() - t4
    times["total"] = time.perf_counter() - t0
    kinds = dict(db.execute("SELECT kind, count(*) FROM flags GROUP BY kind").fetchall())
    db.close()
    return {
        "workspace": str(out),
        "comments": inserted,
        "flagged": flagged,
        "flags_by_kind": kinds,
        "unique_sources": len(pool.sources),
        "moderated": moderated,
        "seconds": {k: round(v, 2) for k, v in times.items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of comments")
    parser.add_argument("--out", type=Path, default=None, help="folder (default /tmp/ws-N)")
    parser.add_argument("--workers", type=int, default=2, help="detector processes")
    parser.add_argument("--sources", type=int, default=3000, help="unique source texts")
    parser.add_argument("--force", action="store_true", help="replace an existing folder")
    args = parser.parse_args(argv)
    out = args.out or Path(f"/tmp/ws-{args.n}")
    if out.exists():
        if not args.force:
            print(f"make_workspace: {out} exists (use --force to replace it)", file=sys.stderr)
            return 1
        shutil.rmtree(out)
    summary = build(out, args.n, workers=args.workers, sources=args.sources)
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
