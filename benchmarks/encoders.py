"""Sentence encoders for event merging, side by side on the gold pairs (tests/gold/merge_pairs.jsonl).

Run from the repository root:  python -m benchmarks.encoders [--repeat 5]

Each encoder runs in its own process (so its memory is its own) and reports: ROC AUC over all pairs
and per language pair, the best-threshold F1 and that threshold, load time, sentences/s and the
resident memory the model added. The parent prints the figures side by side.
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

GOLD = Path(__file__).resolve().parents[1] / "tests" / "gold" / "merge_pairs.jsonl"
CONTENDERS = ("use", "e5")


def load_pairs(path: Path = GOLD) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def roc_auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """Probability that a random same-event pair scores above a random different-event pair (ties: 1/2)."""
    pos, neg = scores[labels], scores[~labels]
    if not len(pos) or not len(neg):
        return float("nan")
    greater = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(greater / (len(pos) * len(neg)))


def best_f1(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """(F1, threshold): the threshold halfway between the two scores where F1 peaks (link if score > t)."""
    best = (0.0, 1.0)
    ordered = np.unique(scores)
    cuts = [(a + b) / 2 for a, b in itertools.pairwise(ordered)] + [ordered[0] - 1e-6]
    for t in cuts:
        predicted = scores > t
        tp = int((predicted & labels).sum())
        fp = int((predicted & ~labels).sum())
        fn = int((~predicted & labels).sum())
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best[0] or (f1 == best[0] and t > best[1]):
            best = (f1, float(t))
    return best


def _f1(predicted: np.ndarray, labels: np.ndarray) -> float:
    tp = int((predicted & labels).sum())
    return 2 * tp / (2 * tp + int((predicted & ~labels).sum()) + int((~predicted & labels).sum())) if tp else 0.0


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    import os

    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def run_one(name: str, repeat: int) -> dict:
    from rung.events.encoders import load_encoder

    pairs = load_pairs()
    rss0 = _rss_mb()
    start = time.perf_counter()
    encoder = load_encoder(name)
    encoder.encode(["warm-up"])  # lazy backends load their weights on first use
    load_s = time.perf_counter() - start
    texts = sorted({p["a"] for p in pairs} | {p["b"] for p in pairs})
    start = time.perf_counter()
    for _ in range(repeat):
        vectors = encoder.encode(texts)
    per_s = repeat * len(texts) / (time.perf_counter() - start)
    rss = _rss_mb() - rss0
    index = {t: i for i, t in enumerate(texts)}
    scores = np.array([float(vectors[index[p["a"]]] @ vectors[index[p["b"]]]) for p in pairs])
    labels = np.array([bool(p["same"]) for p in pairs])
    hard = np.array(["hard negative" in p.get("note", "") for p in pairs])
    f1, threshold = best_f1(scores, labels)
    cross = np.array([p["langs"].split("-")[0] != p["langs"].split("-")[1] for p in pairs])
    _, t_same = best_f1(scores[~cross], labels[~cross])
    _, t_cross = best_f1(scores[cross], labels[cross])
    split = np.where(cross, scores > t_cross, scores > t_same)
    shipped = np.where(cross, scores > encoder.thresholds[1], scores > encoder.thresholds[0])
    by_lang = {}
    for langs in sorted({p["langs"] for p in pairs}):
        mask = np.array([p["langs"] == langs for p in pairs])
        by_lang[langs] = roc_auc(scores[mask], labels[mask])
    return {"encoder": name, "pairs": len(pairs), "auc": roc_auc(scores, labels), "auc_by_langs": by_lang,
            "best_f1": f1, "best_threshold": threshold, "best_same": t_same, "best_cross": t_cross,
            "split_f1": _f1(split, labels), "shipped": "/".join(f"{t:.2f}" for t in encoder.thresholds),
            "f1_at_shipped": _f1(shipped, labels), "hard_neg_mean": float(scores[hard].mean()), "load_s": load_s, "sentences_per_s": per_s, "rss_mb": rss,
            "pos_mean": float(scores[labels].mean()), "neg_mean": float(scores[~labels].mean())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes over the gold sentences for the speed figure")
    parser.add_argument("--one", choices=CONTENDERS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.repeat)))
        return
    results = []
    for name in CONTENDERS:
        out = subprocess.run([sys.executable, "-m", "benchmarks.encoders", "--one", name, "--repeat", str(args.repeat)],
                             capture_output=True, text=True, check=True)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    rows = [("pairs", "pairs", "{}"), ("ROC AUC", "auc", "{:.3f}"), ("best F1", "best_f1", "{:.3f}"),
            ("best threshold", "best_threshold", "{:.3f}"),
            ("best t same-lang", "best_same", "{:.3f}"), ("best t cross-lang", "best_cross", "{:.3f}"),
            ("F1, split t", "split_f1", "{:.3f}"), ("shipped same/cross", "shipped", "{}"),
            ("F1 at shipped", "f1_at_shipped", "{:.3f}"), ("mean cos same", "pos_mean", "{:.3f}"),
            ("mean cos diff", "neg_mean", "{:.3f}"), ("mean cos hard neg", "hard_neg_mean", "{:.3f}"), ("load s", "load_s", "{:.2f}"),
            ("sentences/s", "sentences_per_s", "{:.0f}"), ("RSS added MB", "rss_mb", "{:.0f}")]
    langs = sorted(results[0]["auc_by_langs"])
    width = 20
    print("".ljust(width) + "".join(r["encoder"].rjust(12) for r in results))
    for label, key, fmt in rows:
        print(label.ljust(width) + "".join(fmt.format(r[key]).rjust(12) for r in results))
    for lang in langs:
        print(f"AUC {lang}".ljust(width) + "".join(f"{r['auc_by_langs'][lang]:.3f}".rjust(12) for r in results))


if __name__ == "__main__":
    main()
