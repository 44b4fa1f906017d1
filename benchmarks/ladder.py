"""The daily dyad escalation index over a million synthetic events, against a plain SQL GROUP BY.

Run from the repository root:  python -m benchmarks.ladder [--events 1000000] [--repeat 3]

Builds a fresh SQLite store (through `open_store`, so the schema and indexes are the real ones), bulk
inserts synthetic articles and events with sqlite3's executemany, then times, in one run:

- rung's `daily_index` (one SQL aggregation per dyad and day: highest factual rung, weighted sum,
  count; undated events take their article's date; negated events left out), and
- the baseline: SELECT source_country, target_country, date, MAX(rung), SUM(rung * weight)
  FROM events GROUP BY source_country, target_country, date.

Both fetch every row. Prints the best of `--repeat` runs for each and the ratio (target: within 2x).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sqlite3
import tempfile
import time
from pathlib import Path

STATES = ["Q159", "Q212", "Q30", "Q145", "Q142", "Q183", "Q36", "Q148", "Q423", "Q668", "Q843", "Q801"]
PLOVER = ["PROTEST", "ACCUSE", "THREATEN", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "AID"]
MODALITY_WEIGHT = {"occurred": 1.0, "reported": 1.0, "possible": 0.5, "recommended": 0.4, "conditional": 0.3,
                   "hypothetical": 0.2}
BASELINE_SQL = ("SELECT source_country, target_country, date, MAX(rung), SUM(rung * weight) FROM events "
                "GROUP BY source_country, target_country, date")


def build(path: Path, n_events: int, n_articles: int, seed: int = 1) -> None:
    from rung.store import open_store

    open_store(f"sqlite:///{path}").engine.dispose()  # creates the schema via the migrations
    rng = random.Random(seed)
    start = dt.date(2022, 2, 24)
    now = dt.datetime.now(dt.UTC).isoformat()
    article_days = [start + dt.timedelta(days=rng.randrange(1000)) for _ in range(n_articles)]
    modalities = list(MODALITY_WEIGHT)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    with conn:
        conn.executemany(
            "INSERT INTO articles (id, title, date, lang, body, ingested_at) VALUES (?, ?, ?, 'en', 'b', ?)",
            ((f"a{i}", f"t{i}", article_days[i].isoformat(), now) for i in range(n_articles)))

        def rows():
            for i in range(n_events):
                article = rng.randrange(n_articles)
                source, target = rng.sample(STATES, 2)
                modality = modalities[rng.randrange(len(modalities))]
                own_date = None if rng.random() < 0.1 else (
                    article_days[article] - dt.timedelta(days=rng.randrange(3))).isoformat()
                rung = rng.randrange(15)
                yield (f"e{i}", f"a{article}", source, target, source, target, PLOVER[rng.randrange(len(PLOVER))],
                       "18", modality, int(rng.random() < 0.03), own_date, 0, "s", 0, 1, "{}", -9.0, rung,
                       MODALITY_WEIGHT[modality])

        conn.executemany(
            "INSERT INTO events (id, article_id, source, target, source_country, target_country, plover, cameo, "
            "modality, negated, date, sentence_index, sentence, span_start, span_end, evidence, goldstein, rung, "
            "weight) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows())
    conn.execute("ANALYZE")
    conn.close()


def best_of(repeat: int, fn) -> tuple[float, int]:
    times, n = [], 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        n = len(fn())
        times.append(time.perf_counter() - t0)
    return min(times), n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    from sqlalchemy import text

    from rung.ladder.index import daily_index
    from rung.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite"
        t0 = time.perf_counter()
        build(path, args.events, args.articles)
        load = time.perf_counter() - t0
        store = open_store(f"sqlite:///{path}")

        def baseline() -> list:
            with store.engine.connect() as conn:
                return conn.execute(text(BASELINE_SQL)).all()

        baseline()  # warm the page cache for both
        ours, n_ours = best_of(args.repeat, lambda: daily_index(store))
        base, n_base = best_of(args.repeat, baseline)
        store.engine.dispose()
    figures = {"events": args.events, "articles": args.articles, "insert_s": round(load, 2),
               "daily_index_s": round(ours, 3), "daily_index_rows": n_ours, "group_by_s": round(base, 3),
               "group_by_rows": n_base, "ratio": round(ours / base, 2)}
    if args.json:
        print(json.dumps(figures))
    else:
        print(f"{args.events:,} events, {args.articles:,} articles (insert {load:.1f} s)")
        print(f"rung daily_index      {ours:7.3f} s  {n_ours:,} dyad-days")
        print(f"plain SQL GROUP BY    {base:7.3f} s  {n_base:,} groups")
        print(f"ratio                 {ours / base:7.2f}x  (target: within 2x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
