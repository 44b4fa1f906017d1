"""Near-duplicate detection measured on copies of real reporting (benchmarks/dedup_pairs.py makes them).

    python -m benchmarks.dedup                 # the development passages (the measure)
    python -m benchmarks.dedup --split train   # the training passages (where the thresholds were chosen)

The articles arrive in a shuffled order, one by one, as `rung ingest` sees them: each is checked against the
LSH index of those before it and joins a report or starts one. Printed:

- pairwise precision and recall over every pair of articles: a pair is positive when both were made from
  one passage, and predicted positive when both ended in one report;
- the same on the labelled pairs (positives by kind of copy, and the hard negatives: the most similar other
  passages, and copies of different passages in one portal's frame or under one wire service's dateline);
- time to check an article, and to rebuild the index from stored signatures (what `rung ingest` does at start),
  here and for 50,000 signatures (`--scale N`).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from dataclasses import dataclass

from benchmarks.dedup_pairs import SEED, Copy, build
from rung.dedup import DedupSettings, ReportIndex
from rung.model import Article, ReportLink


@dataclass(slots=True)
class Scores:
    precision: float
    recall: float
    tp: int
    fp: int
    fn: int


def _scores(tp: int, fp: int, fn: int) -> Scores:
    return Scores(precision=tp / (tp + fp) if tp + fp else 1.0, recall=tp / (tp + fn) if tp + fn else 1.0,
                  tp=tp, fp=fp, fn=fn)


def as_article(copy: Copy) -> Article:
    return Article(id=copy.id, title=copy.title, body=copy.text, lang=copy.lang)


def assign(articles: list[Copy], settings: DedupSettings | None = None) -> tuple[dict[str, str], list[ReportLink], float]:
    """article id -> report id, taking the articles in order; the links; seconds spent checking."""
    index = ReportIndex(settings)
    links = []
    start = time.perf_counter()
    for copy in articles:
        links.append(index.check_and_add(as_article(copy)))
    elapsed = time.perf_counter() - start
    return {link.article_id: link.report_id for link in links}, links, elapsed


def pairwise(articles: list[Copy], report: dict[str, str]) -> Scores:
    """Precision and recall over every pair of articles (same passage vs same report)."""
    by_origin = Counter(a.origin for a in articles)
    by_report = Counter(report[a.id] for a in articles)
    both = Counter((a.origin, report[a.id]) for a in articles)
    tp = sum(n * (n - 1) // 2 for n in both.values())
    predicted = sum(n * (n - 1) // 2 for n in by_report.values())
    actual = sum(n * (n - 1) // 2 for n in by_origin.values())
    return _scores(tp, predicted - tp, actual - tp)


def labelled(pairs: list[dict], report: dict[str, str]) -> tuple[Scores, dict[str, tuple[int, int]]]:
    """Precision and recall on the labelled pairs; per kind (correct, total)."""
    tp = fp = fn = 0
    kinds: dict[str, list[int]] = {}
    for p in pairs:
        same = report[p["a"]] == report[p["b"]]
        tp += same and p["label"] == 1
        fp += same and p["label"] == 0
        fn += (not same) and p["label"] == 1
        counts = kinds.setdefault(p["kind"], [0, 0])
        counts[0] += same == bool(p["label"])
        counts[1] += 1
    return _scores(tp, fp, fn), {k: (v[0], v[1]) for k, v in sorted(kinds.items())}


def evaluate(split: str = "dev", seed: int = SEED, limit: int | None = None,
             settings: DedupSettings | None = None) -> dict:
    articles, pairs = build(split, seed, limit)
    report, links, elapsed = assign(articles, settings)
    start = time.perf_counter()
    rebuilt = ReportIndex(settings)
    rebuilt.add_all(links)
    reload = time.perf_counter() - start
    return {"articles": len(articles), "reports": len(set(report.values())),
            "passages": len({a.origin for a in articles}), "pairwise": pairwise(articles, report),
            "labelled": labelled(pairs, report), "check_ms": 1000 * elapsed / max(1, len(articles)),
            "reload_ms": 1000 * reload / max(1, len(articles))}


def rebuild_at_scale(n: int = 50_000, seed: int = 5) -> tuple[float, float]:
    """Seconds and MB (resident, added) to rebuild the index from n stored signatures, as `rung ingest` does at
    start on a store of n articles (random signatures: the LSH buckets then hold one article each, the most
    memory they can take)."""
    import resource

    import numpy as np

    rng = np.random.default_rng(seed)
    links = [ReportLink(article_id=f"a{i}", report_id=f"a{i}", shingles=100,
                        signature=rng.integers(0, 2**32 - 1, size=128, dtype=np.uint32).astype("<u4").tobytes())
             for i in range(n)]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    index = ReportIndex()
    index.add_all(links)
    seconds = time.perf_counter() - start
    added = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before
    assert len(index) == n
    return seconds, added


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--containment", type=float, default=None, help="try another containment threshold")
    parser.add_argument("--scale", type=int, default=50_000,
                        help="also time rebuilding the index from this many stored signatures (0: skip)")
    args = parser.parse_args()
    settings = DedupSettings.load(**({"containment": args.containment} if args.containment is not None else {}))
    result = evaluate(args.split, args.seed, settings=settings)
    print(f"split {args.split} (seed {args.seed}): {result['articles']} articles made from {result['passages']} "
          f"passages -> {result['reports']} reports; containment threshold {settings.containment}")
    for name in ("pairwise",):
        s = result[name]
        print(f"{name:>9}: precision {s.precision:.3f}  recall {s.recall:.3f}  (tp {s.tp}, fp {s.fp}, fn {s.fn})")
    s, kinds = result["labelled"]
    print(f"{'labelled':>9}: precision {s.precision:.3f}  recall {s.recall:.3f}  (tp {s.tp}, fp {s.fp}, fn {s.fn})")
    for kind, (right, total) in kinds.items():
        print(f"    {kind:<28} {right}/{total} right")
    print(f"check: {result['check_ms']:.2f} ms per article; index rebuilt from stored signatures: "
          f"{result['reload_ms']:.3f} ms per article")
    if args.scale:
        seconds, mb = rebuild_at_scale(args.scale)
        print(f"index rebuilt from {args.scale:,} stored signatures: {seconds:.1f} s, {mb:.0f} MB more resident memory")


if __name__ == "__main__":
    main()
