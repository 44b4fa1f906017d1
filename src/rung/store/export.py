"""Export the store: one table per record kind (CSV or Parquet), or every record as JSON Lines."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from sqlalchemy import select

from rung.errors import StoreError
from rung.store import schema
from rung.store.store import Store

TABLES = ("articles", "sentences", "actors", "mentions", "events", "claims", "claim_events")
FORMATS = ("csv", "parquet", "json", "claimreview", "gold")


def _table(store: Store, name: str) -> pa.Table:
    table = schema.metadata.tables[name]
    with store.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(table))]
    columns = {c.name: [r[c.name] for r in rows] for c in table.columns}
    for key, values in columns.items():
        if any(isinstance(v, (dict, list)) for v in values):
            columns[key] = [json.dumps(v, ensure_ascii=False) if v is not None else None for v in values]
    if not rows:
        return pa.table({c.name: pa.array([], type=pa.string()) for c in table.columns})
    return pa.table(columns)


def export(store: Store, fmt: str, out: Path) -> list[Path]:
    """Write the export into directory `out` (created); returns the files written."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"{out}: cannot create output directory ({error.strerror})") from error
    written: list[Path] = []
    if fmt == "gold":  # corrected articles as annotation-guide gold cases (rung.api.gold)
        from rung.api.gold import export_gold

        return [export_gold(store, out)]
    if fmt == "claimreview":
        from rung.actors import load_knowledge_base
        from rung.claims.claimreview import claim_review

        kb = load_knowledge_base()
        reviews = [claim_review(c, r.article, kb) for r in store.records() for c in r.claims]
        path = out / "claimreview.jsonld"
        path.write_text(json.dumps(reviews, ensure_ascii=False, indent=2), encoding="utf-8")
        return [path]
    if fmt == "json":
        path = out / "records.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for record in store.records():
                handle.write(record.model_dump_json() + "\n")
        return [path]
    for name in TABLES:
        table = _table(store, name)
        path = out / f"{name}.{fmt}"
        if fmt == "csv":
            pacsv.write_csv(table, path)
        else:
            pq.write_table(table, path)
        written.append(path)
    return written
