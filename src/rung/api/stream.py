"""The live stream: server-sent events of new events, corrections and alerts, for a dashboard that
updates without a reload. Each connection polls the store (any process may have written to it) every
`poll_seconds`; messages are `event: events|correction|alert` with one JSON object as data."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

from fastapi import Request
from sqlalchemy import func, select

from rung.api import queries as Q
from rung.store import Store, schema


def _cursor(store: Store) -> tuple:
    with store.engine.connect() as conn:
        seen = conn.execute(select(func.max(schema.articles.c.ingested_at))).scalar()
        corrections = conn.execute(select(func.max(schema.corrections.c.id))).scalar() or 0
    return seen, corrections


def _alert_keys(store: Store, level: int, kb) -> dict[tuple[str, str], dict]:
    return {(a.source, a.target): a.model_dump(mode="json") for a in Q.alerts(store, level, kb=kb)}


def _new(store: Store, seen, corrections_seen: int) -> tuple[list[dict], list[dict], object, int]:
    a, c = schema.articles, schema.corrections
    with store.engine.connect() as conn:
        query = select(a.c.id, a.c.ingested_at)
        if seen is not None:
            query = query.where(a.c.ingested_at > seen)
        fresh = conn.execute(query).all()
        new_corrections = conn.execute(select(c).where(c.c.id > corrections_seen).order_by(c.c.id)).all()
    events: list[dict] = []
    for row in fresh:
        page = Q.events(store, Q.EventFilter(article_id=row.id, order="asc"), limit=500)
        events += [e.model_dump(mode="json", include={"id", "source", "source_name", "target", "target_name",
                                                      "plover", "modality", "rung", "date", "sentence",
                                                      "article", "links"}) for e in page.items]
        seen = row.ingested_at if seen is None or row.ingested_at > seen else seen
    corrections = [{"id": r.id, "kind": r.kind, "target_id": r.target_id, "field": r.field, "value": r.value,
                    "author": r.author} for r in new_corrections]
    if new_corrections:
        corrections_seen = new_corrections[-1].id
    return events, corrections, seen, corrections_seen


async def stream(request: Request, store: Store, kb, level: int, poll_seconds: float,
                 max_seconds: float | None = None) -> AsyncIterator[str]:
    seen, corrections_seen = await asyncio.to_thread(_cursor, store)
    alerts = await asyncio.to_thread(_alert_keys, store, level, kb)
    yield "retry: 3000\n: connected\n\n"
    loop = asyncio.get_running_loop()
    started = loop.time()
    while not await request.is_disconnected():
        if max_seconds is not None and loop.time() - started > max_seconds:
            return
        await asyncio.sleep(poll_seconds)
        events, corrections, seen, corrections_seen = await asyncio.to_thread(_new, store, seen, corrections_seen)
        for e in events:
            yield f"event: events\ndata: {json.dumps(e, ensure_ascii=False)}\n\n"
        for c in corrections:
            yield f"event: correction\ndata: {json.dumps(c, ensure_ascii=False)}\n\n"
        if events or corrections:
            now = await asyncio.to_thread(_alert_keys, store, level, kb)
            for key in now.keys() - alerts.keys():
                yield f"event: alert\ndata: {json.dumps(now[key], ensure_ascii=False)}\n\n"
            alerts = now
        yield ": ping\n\n"
