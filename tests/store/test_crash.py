"""Crash harness (issue 13): kill -9 at random points of schema creation and migration, ingest and merge.

After every kill the store must open, hold whole articles only, and be at one schema revision or none.
`RUNG_CRASH_KILLS` sets the kills per kind (default 18: 54 in all); `RUNG_CRASH_SEED` the random seed.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select, text

from rung.store import open_store, schema

TESTS = str(Path(__file__).resolve().parents[1])
KILLS = int(os.environ.get("RUNG_CRASH_KILLS", "18"))
SEED = int(os.environ.get("RUNG_CRASH_SEED", "13"))

PRELUDE = """
import sys, itertools
sys.path.insert(0, {tests!r})
import numpy as np
from store.records import RUSSIA, UK, make_record
from rung.store import open_store
from rung.store.store import _alembic_config, _sqlite_engine
from alembic import command
from pathlib import Path


class HashEncoder:
    name = "hash"
    thresholds = (0.5, 0.5)

    def encode(self, texts):
        out = np.zeros((len(texts), 4), dtype=np.float32)
        for i, t in enumerate(texts):
            out[i, len(t) % 4] = 1.0
        return out

print("ready", flush=True)
"""

LOOPS = {
    # first runs and migrations: new stores created one after another; every other one starts at 0001
    "migration": """
for i in itertools.count():
    path = Path({dir!r}) / f"s{{i}}.sqlite"
    if i % 2:
        engine = _sqlite_engine(f"sqlite:///{{path}}", path, False)
        config = _alembic_config()
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0001")
        engine.dispose()
    open_store(str(path)).engine.dispose()
""",
    "ingest": """
store = open_store({db!r})
for i in itertools.count():
    store.add_record(make_record(f"Russia warned Britain, report {{i}} {{id(store)}}.", n_mentions=400), [RUSSIA, UK])
""",
    "merge": """
from rung.events.merge import rebuild
store = open_store({db!r})
for i in itertools.count():
    store.add_record(make_record(f"Russia warned Britain, merge report {{i}} {{id(store)}}."), [RUSSIA, UK])
    rebuild(store, HashEncoder())
""",
}


def _head() -> str:
    from rung.store.store import _alembic_config, _known_revisions

    return _known_revisions(_alembic_config())[1]


def _check_store(path: Path, head: str) -> None:
    """No store or a whole one at a known revision; whole articles only; and the next run proceeds."""
    import sqlite3

    with sqlite3.connect(path) as raw:
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        row = raw.execute("SELECT version_num FROM alembic_version").fetchone() if "alembic_version" in tables else None
        revision = row[0] if row else None
    if revision is None:
        assert not tables, f"{path}: tables without a schema revision: {tables}"
    elif revision == "0001":
        assert "articles" in tables and "merged_events" not in tables
    else:
        assert revision == head and {"articles", "merged_events"} <= tables
    store = open_store(str(path))
    try:
        with store.engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) >= set(schema.metadata.tables)
            articles = conn.execute(select(func.count()).select_from(schema.articles)).scalar_one()
            with_events = conn.execute(select(func.count(func.distinct(schema.events.c.article_id)))).scalar_one()
            with_sentences = conn.execute(
                select(func.count(func.distinct(schema.sentences.c.article_id)))).scalar_one()
            assert articles == with_events == with_sentences
            mentions = conn.execute(select(schema.mentions.c.article_id, func.count())
                                    .group_by(schema.mentions.c.article_id)).all()
            assert len({n for _, n in mentions}) <= 1, "an article kept only part of its mentions"
            orphans = conn.execute(text(
                "SELECT count(*) FROM merged_event_members m LEFT JOIN merged_events e ON e.id = m.merged_event_id "
                "WHERE e.id IS NULL")).scalar_one()
            assert orphans == 0
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    finally:
        store.engine.dispose()


@pytest.mark.parametrize("kind", list(LOOPS))
def test_random_kills_leave_a_readable_consistent_store(tmp_path: Path, kind: str):
    rng = random.Random(f"{SEED}-{kind}")
    head = _head()
    db = tmp_path / "crash.sqlite"
    for n in range(KILLS):
        work = tmp_path / f"run{n}"
        work.mkdir()
        script = PRELUDE.format(tests=TESTS) + LOOPS[kind].format(dir=str(work), db=str(db))
        proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
        time.sleep(rng.uniform(0.0, 0.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert proc.returncode == -signal.SIGKILL, proc.stderr.read()  # it was still working when killed
        stores = sorted(work.glob("*.sqlite")) if kind == "migration" else [db]
        for path in stores:
            _check_store(path, head)
