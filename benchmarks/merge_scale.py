"""How `rung merge` grows with the store: synthetic stores of 5k, 10k, 20k and 50k articles' events.

    python -m benchmarks.merge_scale                      # 5k, 10k, 20k, 50k articles (several minutes)
    python -m benchmarks.merge_scale --sizes 5000 10000   # fewer

For each size, in fresh processes (so each peak resident memory is its own):

1. a SQLite store is filled with N synthetic articles of three events each (bulk inserts, not measured);
2. `update(full=True)` merges the whole store: time and peak memory;
3. 1,000 new articles arrive and `update()` merges only them: time and peak memory;
4. on a copy of that store, a full merge: are its merged events the incremental ones ("same as --full")?

The events are synthetic but shaped like the real ones: each real-world event ("story") has a PLOVER type,
a dyad among eight states and a day; one to seven articles report it within three days of it, in English
or Japanese; 70% of reports give the day, the rest only their article's date, and 1% are open ('after' a
day); the store covers one day per hundred articles, so it grows in time as a real store does.

The encoder is the cheap part here on purpose, and this is what the numbers do not include: a synthetic
sentence names its story, and `StoryEncoder` returns the story's fixed random 384-dimensional direction
plus a little noise for each report (cosine ~0.95 within a story, ~0 across) — no model runs. With the real
encoder (e5, ~50 sentences/s on one core) encoding new events dominates: 1,000 articles' 3,000 sentences take
about a minute; a full rebuild reuses the vectors stored with earlier merges.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from sqlalchemy import select

from rung.events.merge import update
from rung.model import Event, Evidence, Span
from rung.store import open_store, schema
from rung.store.store import _event_row

STATES = ["Q159", "Q212", "Q30", "Q148", "Q423", "Q17", "Q884", "Q184"]
PLOVERS = [("ASSAULT", "19"), ("COERCE", "17"), ("THREATEN", "13"), ("AID", "07"), ("CONSULT", "04"),
           ("ACCUSE", "11")]
START = dt.date(2024, 1, 1)
EVENTS_PER_ARTICLE = 3
NEW_ARTICLES = 1000


class StoryEncoder:
    """A sentence 'story K report R ...' -> story K's random direction plus noise (no model: see the docstring)."""

    name = "story"
    thresholds = (0.89, 0.85)  # e5's

    def encode(self, texts):
        out = np.empty((len(texts), 384), dtype=np.float32)
        for i, text in enumerate(texts):
            parts = text.split()
            base = np.random.default_rng(int(parts[1])).normal(size=384)
            noise = np.random.default_rng([int(parts[1]), int(parts[3])]).normal(size=384)
            v = base / np.linalg.norm(base) + 0.3 * noise / np.linalg.norm(noise)
            out[i] = v / np.linalg.norm(v)
        return out


def _articles(size: int, extra: int, keep: range, seed: int) -> tuple[list[dict], list[dict]]:
    """The store of `size` articles followed by `extra` new ones (one random stream, so both phases agree);
    rows only for the articles numbered in `keep`."""
    rng = random.Random(seed)
    days = max(30, size // 100)
    articles, events = [], []
    now = dt.datetime.now(dt.UTC)
    story = 0
    pending: list[tuple[int, int]] = []  # (story, day) still to be reported: later articles report them again
    for n in range(size + extra):
        # the new articles come after the store's last day (and report some of its last stories late)
        day = rng.randrange(days) if n < size else days - 1 + rng.randrange(max(2, extra // 100))
        if n == size:
            pending = [(s, d) for s, d in pending if d >= days - 4]
        aid = f"a{n:07d}"
        lang = "ja" if n % 3 == 0 else "en"
        built = n in keep
        if built:
            articles.append({"id": aid, "title": f"article {n}", "date": START + dt.timedelta(days=day), "lang": lang,
                             "url": None, "outlet": f"outlet {n % 40}", "translator": None, "source": "synthetic",
                             "encoding": None, "body": f"article {n}",
                             "ingested_at": now + dt.timedelta(microseconds=n)})
        for k in range(EVENTS_PER_ARTICLE):
            if pending and rng.random() < 0.7:
                s, sday = pending.pop(rng.randrange(len(pending)))
            else:
                story += 1
                s, sday = story, day - rng.randrange(3)
                pending.extend((s, sday) for _ in range(rng.randrange(7)))
                pending = pending[-2000:]
            kind = rng.random()
            if not built:
                continue
            r = random.Random(s)
            plover, cameo = r.choice(PLOVERS)
            source, target = r.sample(STATES, 2)
            date, qualifier = (START + dt.timedelta(days=sday), "on") if kind < 0.7 else (None, None)
            if kind > 0.99:
                date, qualifier = START + dt.timedelta(days=sday - 5), "after"
            sentence = f"story {s} report {n * 10 + k} in {lang}"
            events.append(_event_row(Event(
                id=f"{aid}-e{k}", article_id=aid, source=source, target=target, source_country=source,
                target_country=target, plover=plover, cameo=cameo, modality="reported", date=date,
                date_qualifier=qualifier, sentence_index=k, sentence=sentence, span=Span(start=0, end=len(sentence)),
                evidence=Evidence())))
    return articles, events


def _fill(db: str, size: int, keep: range) -> None:
    store = open_store(db)
    articles, events = _articles(size, NEW_ARTICLES, keep, seed=size)
    with store.engine.begin() as conn:
        for start in range(0, len(articles), 5000):
            conn.execute(schema.articles.insert(), articles[start:start + 5000])
        for start in range(0, len(events), 5000):
            conn.execute(schema.events.insert(), events[start:start + 5000])
    store.engine.dispose()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _groups(db: str) -> set[frozenset[str]]:
    store = open_store(db, create=False)
    mm = schema.merged_event_members
    groups: dict[str, set[str]] = {}
    with store.engine.connect() as conn:
        for merged_id, event_id in conn.execute(select(mm.c.merged_event_id, mm.c.event_id)):
            groups.setdefault(merged_id, set()).add(event_id)
    store.engine.dispose()
    return {frozenset(g) for g in groups.values()}


def check(db: str) -> dict:
    """Whether the incremental result is what a full merge of the same store gives (on a copy of it)."""
    copy = db + ".full"
    shutil.copy(db, copy)
    store = open_store(copy, create=False)
    update(store, StoryEncoder(), full=True)
    store.engine.dispose()
    incremental, full = _groups(db), _groups(copy)
    return {"phase": "check", "same": incremental == full, "differing": len(incremental ^ full)}


def run_one(db: str, size: int, phase: str) -> dict:
    """One measured phase in this process: 'full' (fill, merge all) or 'new' (add 1k articles, merge them)."""
    if phase == "check":
        return check(db)
    _fill(db, size, range(size) if phase == "full" else range(size, size + NEW_ARTICLES))
    store = open_store(db, create=False)
    before = _peak_mb()
    start = time.perf_counter()
    run = update(store, StoryEncoder(), full=phase == "full")
    seconds = time.perf_counter() - start
    return {"size": size, "phase": phase, "mode": run.mode, "seconds": round(seconds, 2),
            "peak_mb": round(_peak_mb(), 1), "peak_before_mb": round(before, 1), "new_events": run.new_events,
            "written": run.written, "merged_events": run.total}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 10000, 20000, 50000])
    parser.add_argument("--one", nargs=3, metavar=("DB", "SIZE", "PHASE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one[0], int(args.one[1]), args.one[2])))
        return
    print("synthetic events, StoryEncoder (no model; see the module docstring); each phase in its own process")
    print(f"{'articles':>9} {'events':>8} | {'full merge s':>12} {'peak MB':>8} | "
          f"{'+1k incremental s':>17} {'peak MB':>8} {'rewritten':>9} | merged events | same as --full")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            db = str(Path(tmp) / "scale.sqlite")
            rows = []
            for phase in ("full", "new", "check"):
                out = subprocess.run([sys.executable, "-m", "benchmarks.merge_scale", "--one", db, str(size), phase],
                                     capture_output=True, text=True, check=False)
                if out.returncode != 0:
                    sys.exit(f"size {size}, {phase}: {out.stderr.strip().splitlines()[-1]}")
                rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
            full, new, same = rows
            print(f"{size:>9} {size * EVENTS_PER_ARTICLE:>8} | {full['seconds']:>12} {full['peak_mb']:>8} | "
                  f"{new['seconds']:>17} {new['peak_mb']:>8} {new['written']:>9} | {new['merged_events']:>13} | "
                  + ("yes" if same["same"] else f"no ({same['differing']} groups differ)")
                  + ("" if new["mode"] == "incremental" else f" (mode {new['mode']}!)"), flush=True)


if __name__ == "__main__":
    main()
