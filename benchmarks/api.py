"""The REST API under load: requests per second and latency of the main read endpoints on a store of
100k synthetic events, on SQLite and (with --pg URL) PostgreSQL, and 50 concurrent clients for a
minute with no error.

Run from the repository root:  python -m benchmarks.api [--events 100000] [--clients 50] [--seconds 60]
                                                        [--pg postgresql://user@localhost:5432/db]

Builds the store through `open_store` (the real schema, indexes and migrations) and bulk inserts
articles, sentences, actors, mentions, events and claims with SQLAlchemy Core; starts `rung serve` in
its own process on a free loopback port; then

1. per endpoint, one client in a loop for `--per-endpoint` seconds: requests per second, p50 and p99;
2. `--clients` clients at once, each cycling through every endpoint for `--seconds`: total requests per
   second, p99 over all requests, and the number of errors (any status other than 200, any exception).

Traffic goes to 127.0.0.1 only, and every loop is bounded in time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

STATES = {"Q159": "Russia", "Q212": "Ukraine", "Q30": "United States", "Q145": "United Kingdom",
          "Q142": "France", "Q183": "Germany", "Q36": "Poland", "Q148": "China", "Q423": "North Korea",
          "Q17": "Japan", "Q884": "South Korea", "Q801": "Israel"}
PLOVER = {"PROTEST": ("14", 1), "ACCUSE": ("11", 2), "THREATEN": ("13", 3), "SANCTION": ("16", 4),
          "MOBILIZE": ("15", 6), "COERCE": ("17", 7), "ASSAULT": ("18", 8), "AID": ("07", 6)}
MODALITIES = ["occurred", "reported", "possible", "recommended", "conditional", "hypothetical"]
STATUSES = ["asserted", "unconfirmed", "confirmed", "denied"]
ENDPOINTS = [
    ("events", "/api/events?limit=50"),
    ("events by dyad", "/api/events?dyad=Q159>Q212&limit=50"),
    ("events filtered", "/api/events?plover=ASSAULT&min_rung=8&since=2023-01-01&until=2023-06-30&limit=50"),
    ("event", None),  # one event by id, filled in after the build
    ("claims", "/api/claims?status=confirmed&limit=50"),
    ("articles", "/api/articles?lang=en&limit=50"),
    ("actors", "/api/actors?linked_only=true&limit=50"),
    ("dyads", "/api/dyads?since=2023-01-01"),
    ("ladder", "/api/ladder?dyad=Q159>Q212&since=2023-01-01&until=2023-03-31"),
    ("alerts", "/api/alerts?level=8&since=2023-06-01"),
]


def build(url: str, n_events: int, per_article: int = 10, seed: int = 1) -> str:
    """Fill the store at `url`; returns one event id."""
    from rung.store import open_store, schema

    store = open_store(url)
    rng = random.Random(seed)
    start = dt.date(2022, 2, 24)
    now = dt.datetime.now(dt.UTC)
    states = list(STATES)
    with store.engine.begin() as conn:
        conn.execute(schema.actors.insert(), [{"id": q, "name": n, "type": "state", "country": None}
                                              for q, n in STATES.items()])
    n_articles = max(1, n_events // per_article)
    first_event = None
    batch = 500
    for lo in range(0, n_articles, batch):
        arts, sents, ments, evs, cls, links = [], [], [], [], [], []
        for a in range(lo, min(n_articles, lo + batch)):
            aid = f"a{a:07d}"
            day = start + dt.timedelta(days=rng.randrange(700))
            lang = rng.choice(["en", "ja"])
            body_parts = []
            for i in range(per_article):
                src, tgt = rng.sample(states, 2)
                plover = rng.choice(list(PLOVER))
                cameo, rung = PLOVER[plover]
                text = f"{STATES[src]} {plover.lower()} {STATES[tgt]} in report {a} item {i}."
                offset = sum(len(p) + 1 for p in body_parts)
                body_parts.append(text)
                sents.append({"article_id": aid, "idx": i, "start": offset, "end": offset + len(text), "text": text})
                ments.append({"article_id": aid, "sentence_idx": i, "start": offset, "end": offset + len(STATES[src]),
                              "text": STATES[src], "actor_id": src, "label": "state", "rule": "alias"})
                eid = f"{aid}-e{i}"
                first_event = first_event or eid
                modality = rng.choice(MODALITIES)
                evs.append({"id": eid, "article_id": aid, "source": src, "target": tgt, "source_country": src,
                            "target_country": tgt, "plover": plover, "cameo": cameo, "modality": modality,
                            "negated": rng.random() < 0.05, "date": day if rng.random() < 0.7 else None,
                            "date_qualifier": None, "instrument": None, "sentence_index": i, "sentence": text,
                            "span_start": offset, "span_end": offset + len(text),
                            "evidence": {"predicate": plover.lower(), "cues": [], "rules": ["bench"]},
                            "goldstein": -5.0, "rung": min(14, rung + rng.randrange(3)),
                            "weight": round(rng.random(), 3)})
                if i % 3 == 0:
                    cid = f"{aid}-c{i}"
                    cls.append({"id": cid, "article_id": aid, "text": text, "sentence_index": i,
                                "span_start": offset, "span_end": offset + len(text), "attributed_to": src,
                                "cites": None, "status": rng.choice(STATUSES), "stance": None, "admiralty": None,
                                "evidence": {"predicate": None, "cues": [], "rules": []}})
                    links.append({"claim_id": cid, "event_id": eid})
            arts.append({"id": aid, "title": f"Report {a}", "date": day, "lang": lang, "url": None,
                         "outlet": rng.choice(["Wire", "Desk", "Daily"]), "translator": None, "source": "bench",
                         "encoding": "utf-8", "body": " ".join(body_parts), "ingested_at": now})
        with store.engine.begin() as conn:
            conn.execute(schema.articles.insert(), arts)
            conn.execute(schema.sentences.insert(), sents)
            conn.execute(schema.mentions.insert(), ments)
            conn.execute(schema.events.insert(), evs)
            conn.execute(schema.claims.insert(), cls)
            conn.execute(schema.claim_events.insert(), links)
    store.engine.dispose()
    return first_event or ""


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def one_endpoint(base: str, path: str, seconds: float) -> dict:
    times, errors = [], 0
    with httpx.Client(base_url=base, timeout=60) as client:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            t = time.perf_counter()
            try:
                ok = client.get(path).status_code == 200
            except httpx.HTTPError:
                ok = False
            times.append(time.perf_counter() - t)
            errors += not ok
    return {"requests": len(times), "rps": round(len(times) / seconds, 1),
            "p50_ms": round(1000 * statistics.median(times), 1), "p99_ms": round(1000 * _percentile(times, 0.99), 1),
            "errors": errors}


def concurrent(base: str, paths: list[str], clients: int, seconds: float) -> dict:
    times: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    end = time.monotonic() + seconds

    def run(k: int) -> None:
        mine, bad = [], []
        with httpx.Client(base_url=base, timeout=120) as client:
            i = k
            while time.monotonic() < end:
                path = paths[i % len(paths)]
                i += 1
                t = time.perf_counter()
                try:
                    status = client.get(path).status_code
                    if status != 200:
                        bad.append(f"{path}: {status}")
                except httpx.HTTPError as error:
                    bad.append(f"{path}: {type(error).__name__}")
                mine.append(time.perf_counter() - t)
        with lock:
            times.extend(mine)
            errors.extend(bad)

    threads = [threading.Thread(target=run, args=(k,)) for k in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.monotonic() - started
    return {"clients": clients, "seconds": round(took, 1), "requests": len(times),
            "rps": round(len(times) / took, 1), "p50_ms": round(1000 * statistics.median(times), 1),
            "p99_ms": round(1000 * _percentile(times, 0.99), 1), "errors": len(errors),
            "first_errors": errors[:5]}


def bench(url: str, label: str, args) -> dict:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from api.server import running_server  # the tests' helper: `rung serve` in its own process

    t = time.perf_counter()
    event_id = build(url, args.events)
    built = time.perf_counter() - t
    paths = [(name, path or f"/api/events/{event_id}") for name, path in ENDPOINTS]
    out = {"backend": label, "events": args.events, "build_s": round(built, 1), "endpoints": {}}
    with running_server(url) as base:
        for name, path in paths:
            httpx.get(base + path, timeout=120)  # warm
            out["endpoints"][name] = one_endpoint(base, path, args.per_endpoint)
            print(label, name, out["endpoints"][name], flush=True)
        out["concurrent"] = concurrent(base, [p for _, p in paths], args.clients, args.seconds)
        print(label, "concurrent", out["concurrent"], flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--per-endpoint", type=float, default=5)
    parser.add_argument("--pg", default=os.environ.get("RUNG_BENCH_PG_URL"),
                        help="an empty PostgreSQL database to fill (also $RUNG_BENCH_PG_URL)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="rung-bench-api-") as tmp:
        results.append(bench(f"sqlite:///{Path(tmp) / 'bench.sqlite'}", "sqlite", args))
    if args.pg:
        results.append(bench(args.pg, "postgresql", args))
    print("\n| backend | endpoint | req/s (1 client) | p50 ms | p99 ms |")
    print("|---|---|---:|---:|---:|")
    for r in results:
        for name, e in r["endpoints"].items():
            print(f"| {r['backend']} | {name} | {e['rps']} | {e['p50_ms']} | {e['p99_ms']} |")
    print("\n| backend | clients | seconds | requests | req/s | p50 ms | p99 ms | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        c = r["concurrent"]
        print(f"| {r['backend']} | {c['clients']} | {c['seconds']} | {c['requests']} | {c['rps']} | {c['p50_ms']} | "
              f"{c['p99_ms']} | {c['errors']} |")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
