from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from rung.errors import StoreError
from rung.store import open_store, schema
from rung.store.export import export

from .records import RUSSIA, UK, make_record


def _counts(store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for name, table in schema.metadata.tables.items() if name != "alembic_version"}


def test_round_trip_keeps_every_field(fresh_store):
    record = make_record("Russia should expel British diplomats.")
    assert fresh_store.add_record(record, [RUSSIA, UK])
    [back] = list(fresh_store.records())
    assert back.article == record.article
    assert back.events == record.events
    assert back.claims == record.claims
    assert back.mentions == record.mentions
    assert back.sentences == record.sentences


def test_ingesting_twice_stores_once(fresh_store):
    first = make_record("Russia warned Britain.")
    assert fresh_store.add_record(first, [RUSSIA])
    before = _counts(fresh_store)
    # the same text with different whitespace is the same article
    again = make_record("Russia  warned\nBritain.")
    assert again.article.id == first.article.id
    assert not fresh_store.add_record(again, [RUSSIA])
    assert _counts(fresh_store) == before


def test_a_failing_article_leaves_nothing_behind(fresh_store):
    good = make_record("Russia warned Britain.")
    fresh_store.add_record(good, [RUSSIA])
    before = _counts(fresh_store)
    bad = make_record("Russia threatened Britain.")
    # the same event id twice violates the primary key halfway through the write
    bad = bad.model_copy(update={"events": bad.events + bad.events})
    with pytest.raises(StoreError):
        fresh_store.add_record(bad, [RUSSIA])
    assert _counts(fresh_store) == before
    assert not fresh_store.has_article(bad.article.id)


def test_actor_counts_include_unlinked_mentions(fresh_store):
    fresh_store.add_record(make_record("Russia warned Britain.", n_mentions=4), [RUSSIA])
    fresh_store.add_record(make_record("Russia warned Britain again.", n_mentions=2), [RUSSIA])
    counts = {c.id or c.name: c for c in fresh_store.actor_counts()}
    assert counts["Q159"].mentions == 3 and counts["Q159"].articles == 2
    unlinked = [c for c in counts.values() if c.id is None]
    assert unlinked and all(c.type.startswith("unlinked:") for c in unlinked)


@pytest.mark.parametrize("fmt", ["csv", "parquet", "json"])
def test_export_formats(fresh_store, tmp_path: Path, fmt: str):
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    fresh_store.add_record(make_record("Russia warned Britain."), [RUSSIA])
    files = export(fresh_store, fmt, tmp_path / "out")
    if fmt == "json":
        import json

        [line] = files[0].read_text(encoding="utf-8").splitlines()
        assert json.loads(line)["events"][0]["plover"] == "SANCTION"
        return
    by_name = {f.stem: f for f in files}
    read = pacsv.read_csv if fmt == "csv" else pq.read_table
    events = read(by_name["events"]).to_pylist()
    assert events[0]["plover"] == "SANCTION" and events[0]["target_country"] == "Q145"
    assert read(by_name["mentions"]).num_rows == 2


def test_corrupt_database_is_one_line_error(tmp_path: Path):
    path = tmp_path / "corrupt.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError) as caught:
        open_store(str(path))
    assert str(path) in str(caught.value) and "not a database" in str(caught.value)


def test_missing_database_for_reading(tmp_path: Path):
    with pytest.raises(StoreError, match="no such database"):
        open_store(str(tmp_path / "none.sqlite"), create=False)


WRITER = """
import sys, time
sys.path.insert(0, {tests!r})
from store.records import RUSSIA, make_record
from rung.store import open_store
store = open_store({url!r})
i = 0
while True:
    store.add_record(make_record(f"Russia warned Britain, report {{i}}.", n_mentions=3000), [RUSSIA])
    i += 1
    if i == 1:
        print("first", flush=True)
"""


def test_killed_writer_leaves_only_whole_articles(store_url: str):
    tests_dir = str(Path(__file__).resolve().parents[1])
    proc = subprocess.Popen([sys.executable, "-c", WRITER.format(tests=tests_dir, url=store_url)],
                            stdout=subprocess.PIPE, text=True, env={**os.environ})
    assert proc.stdout.readline().strip() == "first"
    time.sleep(0.7)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    store = open_store(store_url)
    try:
        assert store.article_count() >= 1
        with store.engine.connect() as conn:
            per_article = conn.execute(select(schema.mentions.c.article_id, func.count()).group_by(
                schema.mentions.c.article_id)).all()
            events = conn.execute(select(func.count()).select_from(schema.events)).scalar_one()
        assert len(per_article) == store.article_count() == events
        assert {n for _, n in per_article} == {3000}
    finally:
        store.engine.dispose()


def test_the_store_keeps_a_persons_office_and_a_places_coordinates(fresh_store):
    """A minted person's office and a place's coordinates survive the store: the record read back and
    `actor_counts` (what `rung actors` shows) carry them."""
    from rung.model import Actor, Mention

    record = make_record("Russia warned Britain again.")
    person = Actor(id="rung:person:maria-lind", name="Maria Lind", type="person", country="Q145",
                   office="Deputy Spokesperson")
    place = Actor(id="rung:place:odesa", name="Odesa", type="place", country="Q212", lat=46.4857, lon=30.7438)
    mentions = [*record.mentions,
                Mention(sentence=0, start=7, end=13, text="warned", actor_id=person.id, label="person", rule="t"),
                Mention(sentence=0, start=14, end=21, text="Britain", actor_id=place.id, label="place", rule="t")]
    record = record.model_copy(update={"mentions": mentions})
    assert fresh_store.add_record(record, [RUSSIA, UK, person, place])
    (stored,) = list(fresh_store.records())
    by_id = {a.id: a for a in stored.actors}
    assert by_id[person.id].office == "Deputy Spokesperson"
    assert (by_id[place.id].lat, by_id[place.id].lon) == (46.4857, 30.7438)
    counts = {c.id: c for c in fresh_store.actor_counts()}
    assert counts[person.id].office == "Deputy Spokesperson" and counts[person.id].country == "Q145"
