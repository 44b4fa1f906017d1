"""Analysts' corrections as the store's readers see them (written by rung.api.corrections): which events and
claims were corrected, in which fields, and which events are marked wrong."""

from __future__ import annotations

from sqlalchemy import select

from rung.store import schema

ACTIVE = "active"


def corrected_fields(conn, kind: str = "event") -> dict[str, list[str]]:
    """target id -> the fields an active correction changed ('wrong' included), in the order they were made."""
    c = schema.corrections
    out: dict[str, list[str]] = {}
    query = select(c.c.target_id, c.c.field).where(c.c.kind == kind, c.c.state == ACTIVE).order_by(c.c.id)
    for target_id, field in conn.execute(query):
        fields = out.setdefault(target_id, [])
        if field not in fields:
            fields.append(field)
    return out


def wrong_ids(conn, kind: str = "event") -> set[str]:
    """Ids an analyst marked wrong (the latest active 'wrong' correction says true)."""
    c = schema.corrections
    latest: dict[str, object] = {}
    query = select(c.c.target_id, c.c.value).where(c.c.kind == kind, c.c.field == "wrong", c.c.state == ACTIVE)
    for target_id, value in conn.execute(query.order_by(c.c.id)):
        latest[target_id] = value
    return {t for t, v in latest.items() if v in (True, "true", 1)}


def correction_mark(conn) -> str:
    """A token that changes whenever a correction is made, for knowing when merged events are stale."""
    c = schema.corrections
    return ",".join(str(i) for i in conn.execute(select(c.c.id).where(c.c.state == ACTIVE).order_by(c.c.id)).scalars())
