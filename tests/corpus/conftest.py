"""A real two-worker Dask LocalCluster, started once for the module's tests, and a store dump to compare."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

# Short articles in both languages (the English model loads in a second; GiNZA takes longer, so few ja).
TEXTS = [
    ("en", "Russia fired missiles at Kyiv on Tuesday."),
    ("en", "Britain sanctioned three Russian banks on Monday."),
    ("en", "Ukraine struck an airfield in Kursk with ATACMS missiles."),
    ("en", "France warned Russia against further escalation."),
    ("en", "The United States approved new weapons for Ukraine."),
    ("en", "Russia expelled two British diplomats on Tuesday."),
    ("ja", "ロシア軍は火曜日、キーウにミサイルを発射した。"),
    ("ja", "英国政府はロシアの銀行三行に制裁を科した。"),
]


@pytest.fixture(scope="module")
def cluster() -> Iterator:
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=logging.ERROR) as local:
        yield local


def dump(store) -> dict[str, list[tuple]]:
    """Every row the pipeline derived (ingest times left out), sorted: two stores with the same records
    give the same dump whatever order the articles were written in."""
    from sqlalchemy import select

    from rung.store import schema

    tables = {"articles": schema.articles, "sentences": schema.sentences, "actors": schema.actors,
              "mentions": schema.mentions, "events": schema.events, "claims": schema.claims,
              "claim_events": schema.claim_events}
    out = {}
    with store.engine.connect() as conn:
        for name, table in tables.items():
            # a mention's id is an autoincrement number: the order of writing, not a result
            columns = [c for c in table.c if c.name != "ingested_at" and not (name == "mentions" and c.name == "id")]
            rows = conn.execute(select(*columns)).all()
            out[name] = sorted(tuple(str(v) for v in row) for row in rows)
    return out
