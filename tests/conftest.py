"""Shared fixtures: heavy things (GiNZA, the knowledge base) load once per session."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "src" / "rung" / "examples" / "escalation-2024-11-25.ja.txt"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def analyzer():
    from rung.pipeline import Analyzer
    from rung.settings import Settings

    return Analyzer(Settings.load())


@pytest.fixture(scope="session")
def seed_record(analyzer):
    from rung.ingest import read_file

    return analyzer.analyze(read_file(SEED)[0])


def _postgres_database() -> Iterator[str]:
    import psycopg

    base = os.environ["RUNG_TEST_PG_URL"]
    name = f"rung_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    head, _, _ = base.rpartition("/")
    try:
        yield f"{head}/{name}"
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


BACKENDS = [
    "sqlite",
    pytest.param("postgresql", marks=[
        pytest.mark.postgres,
        pytest.mark.skipif(not os.environ.get("RUNG_TEST_PG_URL"), reason="RUNG_TEST_PG_URL not set"),
    ]),
]


@pytest.fixture(params=BACKENDS)
def store_url(request, tmp_path) -> Iterator[str]:
    """A fresh, empty database URL on each backend: a SQLite file, and a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'rung.sqlite'}"
    else:
        yield from _postgres_database()


@pytest.fixture
def fresh_store(store_url):
    from rung.store import open_store

    store = open_store(store_url)
    yield store
    store.engine.dispose()
