"""Issue 13, store: nothing lost, nothing half-made; a store that is not there is never read as empty."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from rung.errors import StoreError
from rung.store import open_store, schema
from rung.store.export import export

from .records import RUSSIA, UK, make_record

TESTS = str(Path(__file__).resolve().parents[1])
RUNG = shutil.which("rung", path=str(Path(sys.executable).parent)) or "rung"


def _count(store, table) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_reading_an_empty_database_refuses_it(store_url: str):
    # an empty SQLite file or a new PostgreSQL database holds no rung store: reading it is an error
    if store_url.startswith("sqlite"):
        Path(store_url.removeprefix("sqlite:///")).write_bytes(b"")
    with pytest.raises(StoreError, match="not a rung store"):
        open_store(store_url, create=False)


def test_a_newer_schema_is_named(fresh_store, store_url: str):
    with fresh_store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    fresh_store.engine.dispose()
    for create in (True, False):
        with pytest.raises(StoreError, match=r"written by a newer rung \(schema 0099\); upgrade rung"):
            open_store(store_url, create=create)


def test_nul_characters_are_stored_the_same_on_both_backends(fresh_store):
    record = make_record("Russia\x00 warned Britain.")
    assert "\x00" in record.article.body
    assert fresh_store.add_record(record, [RUSSIA, UK])
    [back] = list(fresh_store.records())
    assert back.article.body == record.article.body.replace("\x00", "\ufffd")
    assert len(back.article.body) == len(record.article.body)  # offsets stay true
    assert "\x00" not in back.events[0].sentence


def test_adding_a_record_another_writer_stored_first_is_a_skip(store_url: str):
    first, second = open_store(store_url), open_store(store_url)
    try:
        record = make_record("Russia warned Britain.")
        assert first.add_record(record, [RUSSIA])
        # the second store's has_article() check is bypassed: the insert itself must not fail
        second.has_article = lambda _id: False  # type: ignore[method-assign]
        assert second.add_record(record, [RUSSIA]) is False
        assert _count(first, schema.articles) == 1
    finally:
        first.engine.dispose()
        second.engine.dispose()


CONCURRENT = """
import sys
sys.path.insert(0, {tests!r})
from store.records import RUSSIA, UK, make_record
from rung.store import open_store
store = open_store({url!r})
for i in range(12):
    store.add_record(make_record(f"Russia warned Britain, report {{i}}."), [RUSSIA, UK])
print("ok")
"""


def test_concurrent_first_runs_and_ingests_never_fail(store_url: str):
    """Four processes create the same new store and write the same twelve articles at once."""
    script = CONCURRENT.format(tests=TESTS, url=store_url)
    procs = [subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(4)]
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0 and out.strip() == "ok", err
    store = open_store(store_url, create=False)
    try:
        assert _count(store, schema.articles) == 12 and _count(store, schema.events) == 12
        assert _count(store, schema.actors) == 2
    finally:
        store.engine.dispose()


@pytest.fixture
def immutable(tmp_path: Path):
    """Make a file unwritable even for root (chattr +i); skipped where the file system cannot."""
    made: list[Path] = []

    def make(path: Path) -> Path:
        if subprocess.run(["chattr", "+i", str(path)], check=False, capture_output=True).returncode != 0:
            pytest.skip("chattr +i not available here")
        made.append(path)
        return path

    yield make
    for path in made:
        subprocess.run(["chattr", "-i", str(path)], check=False, capture_output=True)


@pytest.mark.parametrize("command", [["actors"], ["ladder"], ["events"], ["export", "--format", "csv"]])
def test_a_read_only_store_can_be_read(tmp_path: Path, immutable, command: list[str]):
    db = tmp_path / "ro.sqlite"
    store = open_store(str(db))
    store.add_record(make_record("Russia warned Britain."), [RUSSIA, UK])
    store.engine.dispose()
    immutable(db)
    args = [*command, "--db", str(db)] + (["--out", str(tmp_path / "out")] if command[0] == "export" else [])
    result = subprocess.run([RUNG, *args], check=False, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    ro = open_store(str(db), create=False)
    assert ro.read_only and ro.article_count() == 1
    with pytest.raises(StoreError, match="read-only"):
        ro.add_record(make_record("Russia warned Britain again."), [RUSSIA])


def test_reading_commands_never_create_a_store(tmp_path: Path):
    for args in (["ladder", "--alert", "8"], ["events"], ["show", "m-0"], ["actors"],
                 ["export", "--out", "x"], ["plot", "ladder", "--out", "l.png"]):
        result = subprocess.run([RUNG, *args, "--db", "TYPO.sqlite"], check=False, capture_output=True, text=True, timeout=300,
                                cwd=tmp_path)
        assert result.returncode == 1, (args, result.stderr)
        assert result.stderr.strip().count("\n") == 0 and "TYPO.sqlite: no such database" in result.stderr, args
        assert not (tmp_path / "TYPO.sqlite").exists(), args


def test_scenario_score_refuses_a_missing_store(tmp_path: Path):
    scenario = Path(TESTS).parent / "examples" / "scenarios" / "seed-russia-response.yaml"
    result = subprocess.run([RUNG, "scenario", "score", str(scenario), "--db", "TYPO.sqlite"], check=False, capture_output=True,
                            text=True, timeout=300, cwd=tmp_path)
    assert result.returncode == 1 and "TYPO.sqlite: no such database" in result.stderr
    assert not (tmp_path / "TYPO.sqlite").exists()


def test_a_directory_is_refused(tmp_path: Path):
    with pytest.raises(StoreError, match="is a directory"):
        open_store(str(tmp_path))


def test_the_exit_status_of_store_errors_is_one(tmp_path: Path):
    assert StoreError.exit_code == 1


def test_sqlite_store_is_in_wal_mode_with_a_busy_timeout(tmp_path: Path):
    store = open_store(str(tmp_path / "w.sqlite"))
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 10_000
    store.engine.dispose()


def test_a_failed_export_leaves_no_partial_file(fresh_store, tmp_path: Path, monkeypatch):
    import pyarrow.csv as pacsv

    fresh_store.add_record(make_record("Russia warned Britain."), [RUSSIA, UK])
    out = tmp_path / "out"
    real = pacsv.write_csv
    written: list[str] = []

    def fail_on_events(table, where, *args, **kwargs):
        real(table, where, *args, **kwargs)  # the file is really written, then the disk "fills up"
        written.append(where)
        if len(written) == 5:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(pacsv, "write_csv", fail_on_events)
    with pytest.raises(StoreError, match=r"events\.csv: cannot write \(No space left on device\)"):
        export(fresh_store, "csv", out)
    assert sorted(p.name for p in out.iterdir()) == ["actors.csv", "articles.csv", "mentions.csv", "sentences.csv"]


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_export_into_a_file_or_unwritable_place_is_one_line(fresh_store, tmp_path: Path, immutable, fmt: str):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="exists and is not a directory"):
        export(fresh_store, fmt, blocker)
    locked = tmp_path / "locked"
    locked.mkdir()
    immutable(locked)
    with pytest.raises(StoreError, match="cannot write"):
        export(fresh_store, fmt, locked)
    assert list(locked.iterdir()) == []


def test_actor_counts_by_publication_window(fresh_store):
    import datetime as dt

    fresh_store.add_record(make_record("Russia warned Britain.", date=dt.date(2024, 11, 1)), [RUSSIA])
    fresh_store.add_record(make_record("Russia warned Britain again.", date=dt.date(2024, 11, 20)), [RUSSIA])
    counts = {c.id: c for c in fresh_store.actor_counts(since=dt.date(2024, 11, 10)) if c.id}
    assert counts["Q159"].articles == 1
    assert {c.id for c in fresh_store.actor_counts(until=dt.date(2024, 10, 1))} == set()


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_by_publication_window(fresh_store, tmp_path: Path, fmt: str):
    import datetime as dt
    import json

    import pyarrow.csv as pacsv

    old = make_record("Russia warned Britain.", date=dt.date(2024, 11, 1))
    new = make_record("Russia warned Britain again.", date=dt.date(2024, 11, 20))
    for record in (old, new):
        fresh_store.add_record(record, [RUSSIA, UK])
    files = {p.stem: p for p in export(fresh_store, fmt, tmp_path / "o", since=dt.date(2024, 11, 10))}
    if fmt == "json":
        [line] = files["records"].read_text(encoding="utf-8").splitlines()
        assert json.loads(line)["article"]["id"] == new.article.id
        return
    for name in ("articles", "sentences", "mentions", "events", "claims", "claim_events"):
        rows = pacsv.read_csv(files[name]).to_pylist()
        assert rows, name
        ids = {r.get("article_id", r.get("id")) for r in rows} if name != "claim_events" else {
            r["claim_id"].rsplit("-", 1)[0] for r in rows}
        assert ids == {new.article.id}, name
    assert pacsv.read_csv(files["actors"]).num_rows == 2


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_by_dyad_modality_and_confidence(fresh_store, tmp_path: Path, fmt: str):
    """Issue 13 (filters on export) and issue 11 (--min-confidence in exports)."""
    import json

    import pyarrow.csv as pacsv

    from rung.store.export import EventFilter

    record = make_record("Russia warned Britain.")
    fresh_store.add_record(record, [RUSSIA, UK])
    kept = {}
    for label, only, floor in (("dyad", EventFilter(dyad=("Q159", "Q145")), 0.0),
                               ("other-dyad", EventFilter(dyad=("Q145", "Q159")), 0.0),
                               ("modality", EventFilter(modality="occurred"), 0.0),
                               ("confident", None, 0.9)):
        files = {p.stem: p for p in export(fresh_store, fmt, tmp_path / label, only=only, min_confidence=floor)}
        if fmt == "json":
            kept[label] = len(json.loads(files["records"].read_text(encoding="utf-8").splitlines()[0])["events"])
        else:
            kept[label] = pacsv.read_csv(files["events"]).num_rows if files["events"].stat().st_size > 0 else 0
    # the record's one event is Russia>Britain, recommended, with the default confidence 0.5
    assert kept == {"dyad": 1, "other-dyad": 0, "modality": 0, "confident": 0}


def test_actor_counts_of_the_articles_with_chosen_events(fresh_store):
    """Issue 13: `rung actors --dyad/--modality/--actor` count the articles that hold such an event."""
    from sqlalchemy import select

    from rung.store import schema
    from rung.store.export import EventFilter

    fresh_store.add_record(make_record("Russia warned Britain."), [RUSSIA, UK])
    fresh_store.add_record(make_record("Britain answered Russia.", n_mentions=4), [RUSSIA, UK])
    events = schema.events

    def articles(only: EventFilter):
        return select(events.c.article_id).where(*only.conditions(events))

    both = {c.id: c.articles for c in fresh_store.actor_counts(article_ids=articles(EventFilter(dyad=("Q159", "Q145"))))}
    assert both["Q159"] == 2  # both records hold a Russia>Britain event
    assert fresh_store.actor_counts(article_ids=articles(EventFilter(dyad=("Q145", "Q159")))) == []
    assert fresh_store.actor_counts(article_ids=articles(EventFilter(modality="occurred"))) == []
    assert {c.id for c in fresh_store.actor_counts(article_ids=articles(EventFilter(actor="Q145"))) if c.id} == {"Q159"}
