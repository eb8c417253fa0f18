"""Train the comment-level AE scorer (``moderator/detect/comment_model.py``), measured honestly.

Data: every open comment-style labelled set (labelled, heldout ... heldout5, the
detector dev set, the demo page), each one a *group*; plus PsyTAR train sentences (ADR, WD or
INF = lack of effect, an AE by our domain rules) as comments under a post naming the drug, with a
lower weight.
Features: TF-IDF of word 1-2-grams and in-word char 3-5-grams plus the rule detectors' signals
(``comment_model.signals``). Hyper-parameters and the two thresholds are chosen by
leave-one-set-out cross-validation (train on the other sets, score the held-out one): the honest
estimate of how the rules+model decision does on a set nobody has seen. Reproducible: fixed seed,
deterministic solver, sorted inputs.

    .venv/bin/python benchmarks/train_comment_model.py [--no-write] [--quick]
        [--grid-c 1 2] [--grid-w 0.15]

Round 5 also tried C 4, PsyTAR weight 0.3 and text-only features: no better under the same CV.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import itertools
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from scipy.sparse import csr_matrix, hstack  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from moderator.detect.comment_model import (  # noqa: E402
    COMMENT_MODEL_PATH,
    SIGNAL_NAMES,
    has_cue,
    text_features,
    vetoed,
)
from moderator.detect.suite import DetectorSuite  # noqa: E402
from moderator.models import AnalysisInput  # noqa: E402

SEED = 13
PSYTAR = ROOT.parent / "shared" / "data" / "psytar" / "train.tsv"
DRUGS = ("Zoloft", "Lexapro", "Cymbalta", "Effexor XR")


def _heldout_number(path: Path) -> int:
    digits = path.name.removeprefix("heldout")
    return int(digits) if digits else 1


def comment_sets(exclude: set[str] = frozenset()) -> dict[str, Path]:
    """Every labelled comment set by group name: the labelled set, each ``heldout*/`` folder
    in order, and the detector dev set (with the demo page). ``exclude`` names blind sets.

    Discovered from the folders, so a new held-out set joins training once it is opened.
    """
    sets = {"labelled": ROOT / "tests/data/labelled_comments.jsonl"}
    for folder in sorted((ROOT / "tests/data").glob("heldout*/"), key=_heldout_number):
        files = sorted(folder.glob("*.jsonl"))
        if files and folder.name not in exclude:
            sets[folder.name] = files[0]
    sets["dev+demo"] = ROOT / "tests/detect/dev_comments.jsonl"
    return {name: path for name, path in sets.items() if name not in exclude}


SETS = comment_sets()
# Rule conclusions are near-perfect on the sets they were tuned on, so a model that sees them
# learns "trust the rules" and nothing about the rules' misses: leave them out of the features.
RULE_CONCLUSIONS = frozenset(
    ["rule_ae", "rule_lexicon", "rule_pattern", "rule_lack_of_effect", "rule_model", "rule_serious"]
)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def read_demo() -> list[dict]:
    page = json.loads((ROOT / "resources/demo/page.json").read_text(encoding="utf-8"))
    expected = json.loads((ROOT / "resources/demo/expected_flags.json").read_text("utf-8"))
    posts = {p["id"]: p["text"] for p in page["posts"]}
    return [
        {
            "id": c["id"],
            "text": c["text"],
            "post_text": posts.get(c.get("post_id"), ""),
            "labels": expected.get(c["id"], []),
        }
        for c in page["comments"]
    ]


def load_comments(sets: dict[str, Path]) -> list[tuple[str, dict]]:
    rows: list[tuple[str, dict]] = []
    seen: set[str] = set()
    for group, path in sets.items():
        data = read_jsonl(path) + (read_demo() if group == "dev+demo" else [])
        for d in data:
            key = d["text"].strip().lower()
            if key in seen:
                continue  # one comment, one group: duplicates would leak across folds
            seen.add(key)
            rows.append((group, d))
    return rows


def load_psytar() -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    with PSYTAR.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            y = row["ADR"] == "1" or row["WD"] == "1" or row["INF"] == "1"
            out.append((row["sentences"], int(y)))
    return out


def prf(gold: np.ndarray, pred: np.ndarray) -> tuple[float, float, float]:
    tp = float(np.sum(gold & pred))
    p = tp / max(1.0, float(np.sum(pred)))
    r = tp / max(1.0, float(np.sum(gold)))
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


class Data:
    """Featurised comments (rules-only pass) and PsyTAR sentences."""

    def __init__(self, quick: bool, sets: dict[str, Path]) -> None:
        suite = DetectorSuite(comment_model=None)
        suite.warm()
        rows = load_comments(sets)
        psy = load_psytar()
        if quick:
            psy = psy[::4]
        t0 = time.perf_counter()
        self.groups: list[str] = []
        self.terms: list[list[str]] = []
        self.sig: list[list[float]] = []
        self.y: list[int] = []
        self.rule_ae: list[bool] = []
        self.rule_complaint: list[bool] = []
        self.y_complaint: list[int] = []
        self.texts: list[str] = []
        items = [(g, AnalysisInput(str(d["id"]), d["text"], d.get("post_text"))) for g, d in rows]
        labels = [d["labels"] for _, d in rows]
        items += [
            ("psytar", AnalysisInput(f"p{i}", t, f"Share your experience with {DRUGS[i % 4]}"))
            for i, (t, _) in enumerate(psy)
        ]
        labels += [["adverse_event"] if y else [] for _, y in psy]
        for (group, item), labs in zip(items, labels, strict=True):
            prep, sig, rule_ae, rule_complaint = suite.rules_view(item)
            self.groups.append(group)
            self.terms.append(text_features(prep))
            self.sig.append(sig)
            self.y.append(int("adverse_event" in labs))
            self.y_complaint.append(int("product_complaint" in labs))
            self.rule_ae.append(rule_ae)
            self.rule_complaint.append(rule_complaint)
            self.texts.append(item.text)
        print(f"featurised {len(items)} items in {time.perf_counter() - t0:.1f}s")
        self.g = np.array(self.groups)
        self.yv = np.array(self.y, dtype=bool)
        self.rv = np.array(self.rule_ae, dtype=bool)
        self.sv = np.array(self.sig, dtype=float)
        self.veto = np.array([vetoed(s) for s in self.sig], dtype=bool)
        self.cue = np.array([has_cue(s) for s in self.sig], dtype=bool)


def fit(data: Data, idx: np.ndarray, c: float, w_psy: float, sig_mask: np.ndarray):
    vec = TfidfVectorizer(analyzer=lambda terms: terms, sublinear_tf=True, min_df=2, norm="l2")
    x_text = vec.fit_transform([data.terms[i] for i in idx])
    x = hstack([x_text, csr_matrix(data.sv[idx] * sig_mask)]).tocsr()
    weights = np.where(data.g[idx] == "psytar", w_psy, 1.0)
    clf = LogisticRegression(C=c, max_iter=5000, solver="liblinear", random_state=SEED)
    clf.fit(x, data.yv[idx], sample_weight=weights)
    return vec, clf


def predict(data: Data, vec, clf, idx: np.ndarray, sig_mask: np.ndarray) -> np.ndarray:
    x_text = vec.transform([data.terms[i] for i in idx])
    x = hstack([x_text, csr_matrix(data.sv[idx] * sig_mask)]).tocsr()
    return clf.predict_proba(x)[:, 1]


def combined(data: Data, idx: np.ndarray, scores: np.ndarray, t_high: float, t_low: float):
    """Rules OR the model's gated decision (``comment_model.decide``, vectorised)."""
    model = ~data.veto[idx] & ((scores >= t_high) | ((scores >= t_low) & data.cue[idx]))
    return data.rv[idx] | model


NO_RULE_CONCLUSIONS = np.array([n not in RULE_CONCLUSIONS for n in SIGNAL_NAMES], float)


def validate(data: Data, held: str, grid_c: list[float], grid_w: list[float]) -> int:
    """Rules vs rules+model on one set the rules never saw, for every threshold pair.

    Leave-one-set-out on sets the rules were tuned on says little about a new writer (the
    rules are near-perfect there, so the model learns to add nothing). A fresh set scored
    with the rules as they were before its round is the honest place to pick thresholds.
    """
    if held not in set(data.groups):
        raise SystemExit(f"unknown set {held!r}")
    train = np.where(data.g != held)[0]
    test = np.where(data.g == held)[0]
    gold = data.yv[test]
    rp = prf(gold, data.rv[test])
    print(f"{held}: {len(test)} comments, rules alone P={rp[0]:.3f} R={rp[1]:.3f} F1={rp[2]:.3f}")
    thresholds = [round(t, 2) for t in np.arange(0.20, 0.99, 0.02)]
    for c, w_psy in itertools.product(grid_c, grid_w):
        vec, clf = fit(data, train, c, w_psy, NO_RULE_CONCLUSIONS)
        scores = predict(data, vec, clf, test, NO_RULE_CONCLUSIONS)
        for floor in (0.78, 0.80, 0.82, 0.85):
            best = None
            for t_high in thresholds:
                for t_low in [t for t in thresholds if t <= t_high]:
                    p, r, f = prf(gold, combined(data, test, scores, t_high, t_low))
                    if p >= floor and (best is None or (r, p) > (best[1], best[0])):
                        best = (p, r, f, t_high, t_low)
            if best:
                print(
                    f"  C={c} w={w_psy} P>={floor}: t_high={best[3]} t_low={best[4]}"
                    f" P={best[0]:.3f} R={best[1]:.3f} F1={best[2]:.3f}"
                )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--quick", action="store_true", help="a quarter of PsyTAR, fewer settings")
    parser.add_argument("--out", type=Path, default=COMMENT_MODEL_PATH)
    parser.add_argument("--grid-c", type=float, nargs="+", default=[1.0, 2.0])
    parser.add_argument("--grid-w", type=float, nargs="+", default=[0.15], help="PsyTAR weights")
    parser.add_argument("--exclude", nargs="+", default=[], help="blind sets: never read")
    parser.add_argument(
        "--validate",
        help="a set the rules were NOT tuned on: train on the others, report rules vs rules+model"
        " on it for each threshold pair, write nothing",
    )
    parser.add_argument(
        "--thresholds",
        type=float,
        nargs=2,
        metavar=("T_HIGH", "T_LOW"),
        help="use these thresholds (chosen by --validate) instead of the leave-one-set-out ones",
    )
    args = parser.parse_args(argv)
    sets = comment_sets(set(args.exclude))
    data = Data(args.quick, sets)
    if args.validate:
        return validate(data, args.validate, args.grid_c, args.grid_w)
    folds = [g for g in sets]
    comment_idx = np.where(data.g != "psytar")[0]
    grid_c, grid_w = args.grid_c, args.grid_w
    grid_sig = {
        "no-rule-conclusions": NO_RULE_CONCLUSIONS,
        "all-signals": np.ones(len(SIGNAL_NAMES)),
    }
    thresholds = [round(t, 2) for t in np.arange(0.30, 0.99, 0.02)]
    best = None
    for c, w_psy, sig_name in itertools.product(grid_c, grid_w, grid_sig):
        mask = grid_sig[sig_name]
        oof = np.zeros(len(data.y))
        for fold in folds:
            train = np.where(data.g != fold)[0]
            test = np.where(data.g == fold)[0]
            vec, clf = fit(data, train, c, w_psy, mask)
            oof[test] = predict(data, vec, clf, test, mask)
        # Thresholds: the most recall whose pooled precision is >= 0.85 and whose worst
        # held-out fold keeps precision >= 0.80 (margin over the 0.82 target).
        choice = None
        for t_high in thresholds:
            for t_low in [t for t in thresholds if t <= t_high]:
                pred = combined(data, comment_idx, oof[comment_idx], t_high, t_low)
                gold = data.yv[comment_idx]
                p, r, f = prf(gold, pred)
                if p < 0.85:
                    continue
                fold_p = [
                    prf(gold[data.g[comment_idx] == fo], pred[data.g[comment_idx] == fo])[0]
                    for fo in folds
                ]
                if min(fold_p) < 0.80:
                    continue
                key = (round(r, 3), p)
                if choice is None or key > choice[0]:
                    choice = (key, t_high, t_low, p, r, f)
        if choice is None:
            continue
        print(
            f"C={c} w_psytar={w_psy} signals={sig_name}: t_high={choice[1]} t_low={choice[2]}"
            f" pooled P={choice[3]:.3f} R={choice[4]:.3f} F1={choice[5]:.3f}",
            flush=True,
        )
        if best is None or (choice[0], choice[5]) > (best[0][0], best[0][5]):
            best = (choice, c, w_psy, sig_name, oof.copy())
    assert best is not None, "no setting met the precision floor"
    choice, c, w_psy, sig_name, oof = best
    t_high, t_low = args.thresholds if args.thresholds else (choice[1], choice[2])
    print(f"\nchosen: C={c} w_psytar={w_psy} signals={sig_name} t_high={t_high} t_low={t_low}")
    print("\nleave-one-set-out (adverse_event, each row = a set the model never saw)")
    print(f"  {'held-out set':<10} {'n':>4} {'rules only P/R/F1':>22} {'rules+model P/R/F1':>22}")
    for fold in [*folds, "pooled"]:
        idx = comment_idx if fold == "pooled" else np.where(data.g == fold)[0]
        gold = data.yv[idx]
        rp = prf(gold, data.rv[idx])
        cp = prf(gold, combined(data, idx, oof[idx], t_high, t_low))
        print(
            f"  {fold:<10} {len(idx):>4} {rp[0]:>8.3f}/{rp[1]:.3f}/{rp[2]:.3f}"
            f" {cp[0]:>8.3f}/{cp[1]:.3f}/{cp[2]:.3f}"
        )
    if args.no_write:
        return 0
    mask = grid_sig[sig_name]
    all_idx = np.arange(len(data.y))
    vec, clf = fit(data, all_idx, c, w_psy, mask)
    names = vec.get_feature_names_out()
    n_text = len(names)
    coef = clf.coef_[0]
    table = {
        str(name): [round(float(idf), 4), round(float(w), 4)]
        for name, idf, w in zip(names, vec.idf_, coef[:n_text], strict=True)
        if round(float(w), 4) != 0.0
    }
    sig_w = {
        name: round(float(w * m), 5)
        for name, w, m in zip(SIGNAL_NAMES, coef[n_text:], mask, strict=True)
    }
    meta = {
        "version": f"comments-tfidf-sig-lr-C{c}-w{w_psy}-s{SEED}",
        "t_high": t_high,
        "t_low": t_low,
        "signals": sig_name,
        "threshold_source": "--thresholds (validation set)" if args.thresholds else "LOSO",
        "trained_on": ", ".join(sets) + f" comments + PsyTAR train (weight {w_psy}; ADR|WD|INF)",
        "loso_pooled": {"P": round(choice[3], 4), "R": round(choice[4], 4)},
    }
    payload = {
        "features": table,
        "signals": sig_w,
        "intercept": float(clf.intercept_[0]),
        "meta": meta,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(args.out, "wb", mtime=0) as raw:
        raw.write(json.dumps(payload, sort_keys=True, separators=(",", ":")).encode("utf-8"))
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB, {len(table)} text features)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
