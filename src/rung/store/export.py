"""Export the store: one table per record kind (CSV or Parquet), or every record as JSON Lines."""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from sqlalchemy import func, or_, select

from rung.errors import StoreError
from rung.store import schema
from rung.store.store import Store

TABLES = ("articles", "sentences", "actors", "mentions", "events", "claims", "claim_events")
FORMATS = ("csv", "parquet", "json", "claimreview", "gold")


@dataclass(frozen=True)
class EventFilter:
    """Which events an export keeps: a party (an actor or its state), a dyad of states, a modality."""

    actor: str | None = None
    dyad: tuple[str, str] | None = None
    modality: str | None = None

    def keeps(self, event) -> bool:
        parties = {event.source, event.target, event.source_country, event.target_country}
        return ((self.actor is None or self.actor in parties)
                and (self.dyad is None or (event.source_country or event.source,
                                           event.target_country or event.target) == self.dyad)
                and (self.modality is None or event.modality.value == self.modality))

    def conditions(self, table) -> list:
        out = []
        if self.actor is not None:
            out.append(or_(*(table.c[k] == self.actor for k in ("source", "target", "source_country",
                                                               "target_country"))))
        if self.dyad is not None:
            out.append(func.coalesce(table.c.source_country, table.c.source) == self.dyad[0])
            out.append(func.coalesce(table.c.target_country, table.c.target) == self.dyad[1])
        if self.modality is not None:
            out.append(table.c.modality == self.modality)
        return out


def _articles_in(since: dt.date | None, until: dt.date | None):
    """A subquery of the ids of articles published in [since, until], or None for every article."""
    if since is None and until is None:
        return None
    a = schema.articles
    query = select(a.c.id)
    if since is not None:
        query = query.where(a.c.date >= since)
    if until is not None:
        query = query.where(a.c.date <= until)
    return query


def _table(store: Store, name: str, since: dt.date | None = None, until: dt.date | None = None,
           min_confidence: float = 0.0, only: EventFilter | None = None) -> pa.Table:
    table = schema.metadata.tables[name]
    query = select(table)
    if only is not None and name == "events":
        for condition in only.conditions(table):
            query = query.where(condition)
    if min_confidence and name in ("events", "claims"):
        query = query.where(or_(table.c.confidence.is_(None), table.c.confidence >= min_confidence))
    if (chosen := _articles_in(since, until)) is not None:
        if name == "articles":
            query = query.where(table.c.id.in_(chosen))
        elif "article_id" in table.c:
            query = query.where(table.c.article_id.in_(chosen))
        elif name == "claim_events":
            c = schema.claims
            query = query.where(table.c.claim_id.in_(select(c.c.id).where(c.c.article_id.in_(chosen))))
    with store.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query)]
    columns = {c.name: [r[c.name] for r in rows] for c in table.columns}
    for key, values in columns.items():
        if any(isinstance(v, (dict, list)) for v in values):
            columns[key] = [json.dumps(v, ensure_ascii=False) if v is not None else None for v in values]
    if not rows:
        return pa.table({c.name: pa.array([], type=pa.string()) for c in table.columns})
    return pa.table(columns)


def export(store: Store, fmt: str, out: Path, since: dt.date | None = None,
           until: dt.date | None = None, min_confidence: float = 0.0, only: EventFilter | None = None) -> list[Path]:
    """Write the export into directory `out` (created); returns the files written. `since`/`until` keep
    the articles published in that window and what was derived from them (every actor is kept).

    Each file is written under a temporary name and renamed into place, so a failed export leaves
    no partial file behind (and an earlier export's file stays whole).
    """
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if out.exists() and not out.is_dir():
        raise StoreError(f"{out}: exists and is not a directory")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"{out}: cannot create output directory ({error.strerror or error})") from error
    if fmt == "gold":  # corrected articles as annotation-guide gold cases (rung.api.gold)
        from rung.api.gold import export_gold

        return [export_gold(store, out)]
    if fmt == "claimreview":
        from rung.actors import load_knowledge_base
        from rung.claims.claimreview import claim_review

        kb = load_knowledge_base()
        reviews = [claim_review(c, r.article, kb) for r in _records(store, since, until, min_confidence, only) for c in r.claims]
        path = out / "claimreview.jsonld"
        _atomic(path, lambda tmp: tmp.write_text(json.dumps(reviews, ensure_ascii=False, indent=2), encoding="utf-8"))
        return [path]
    if fmt == "json":
        def write_records(tmp: Path) -> None:
            with tmp.open("w", encoding="utf-8") as handle:
                for record in _records(store, since, until, min_confidence, only):
                    handle.write(record.model_dump_json() + "\n")

        path = out / "records.jsonl"
        _atomic(path, write_records)
        return [path]
    written: list[Path] = []
    for name in TABLES:
        table = _table(store, name, since, until, min_confidence, only)
        path = out / f"{name}.{fmt}"
        if fmt == "csv":
            _atomic(path, lambda tmp, table=table: pacsv.write_csv(table, str(tmp)))
        else:
            _atomic(path, lambda tmp, table=table: pq.write_table(table, str(tmp)))
        written.append(path)
    return written


def _records(store: Store, since: dt.date | None, until: dt.date | None, min_confidence: float = 0.0,
             only: EventFilter | None = None):
    for record in store.records():
        day = record.article.date
        if (since is None and until is None) or (day is not None and (since is None or day >= since)
                                                 and (until is None or day <= until)):
            if min_confidence:
                record = record.model_copy(update={
                    "events": [e for e in record.events if e.confidence >= min_confidence],
                    "claims": [c for c in record.claims if c.confidence >= min_confidence]})
            if only is not None:
                record = record.model_copy(update={"events": [e for e in record.events if only.keeps(e)]})
            yield record


def _atomic(path: Path, write: Callable[[Path], object]) -> None:
    """Write through `write(tmp)` to a temporary file next to `path`, then rename it into place."""
    tmp: Path | None = None
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        tmp = Path(name)
        write(tmp)
        os.replace(tmp, path)
    except (OSError, pa.ArrowException) as error:
        reason = getattr(error, "strerror", None) or (str(error).splitlines() or [type(error).__name__])[0]
        raise StoreError(f"{path}: cannot write ({reason})") from error
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
