"""Analyst corrections, kept beside the machine's output.

A correction marks an event or claim wrong, or fixes one field, with a note, who (the token's name) and
when. The corrected value goes into the event's or claim's own row, so every reader of the store (the
API, the CLI, exports, the ladder, merging) uses it; the machine's values of every column a correction
changed are kept in the correction (`machine`), so the machine's output is never lost and each read
can say what was corrected. Derived columns follow a fix: a new source or target brings its state, a
new PLOVER type its CAMEO root, and the rung, weight and Goldstein score are placed again. An event
marked wrong keeps its row (claims and sentences still point at it) but loses its rung, so the ladder,
alerts and the risk index leave it out.

Re-analysing an article (`reanalyse`) writes the machine's new output and carries each correction over
to the event or claim of the same id; those whose target is gone are kept with state 'orphaned' and
listed.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import BaseModel, ConfigDict
from sqlalchemy import delete, select, update

from rung.errors import InputError, RungError
from rung.model import ClaimStatus, Modality, Plover
from rung.store import Store, schema

if TYPE_CHECKING:
    from rung.actors.kb import KnowledgeBase
    from rung.pipeline import Analyzer

EVENT_FIELDS = ("wrong", "source", "target", "plover", "modality", "negated", "date")
CLAIM_FIELDS = ("wrong", "speaker", "status")
# the API's field name -> the store's column
COLUMN = {"speaker": "attributed_to"}
ACTIVE, SUPERSEDED, ORPHANED = "active", "superseded", "orphaned"
_EVENT_DERIVED = ("source_country", "target_country", "cameo", "rung", "weight", "goldstein")


class NotFound(RungError):
    """No event or claim with that id."""

    exit_code = 2


class CorrectionView(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: int
    kind: str
    target_id: str
    article_id: str
    field: str
    value: Any = None
    machine: dict[str, Any]
    note: str | None = None
    author: str
    created_at: dt.datetime
    state: str


@dataclass(slots=True)
class Carried:
    """What re-analysing an article did to its corrections."""

    article_id: str
    carried: list[int]
    orphaned: list[int]


@functools.lru_cache(maxsize=1)
def _plover_cameo() -> dict[str, str]:
    data = yaml.safe_load((resources.files("rung.events") / "data" / "plover_cameo.yaml").read_text(encoding="utf-8"))
    return {str(k): str(v).zfill(2) for k, v in data.items()}


def _table(kind: str):
    return schema.events if kind == "event" else schema.claims


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _column_value(column: str, value: Any) -> Any:
    if column == "date" and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def validate(kind: str, field: str, value: Any, known_actor) -> Any:
    """The value to store for `field`, or InputError naming the field and what it accepts."""
    fields = EVENT_FIELDS if kind == "event" else CLAIM_FIELDS
    if isinstance(value, str) and "\x00" in value:
        raise InputError("value: must not contain NUL characters")
    if field not in fields:
        raise InputError(f"field: {field!r} cannot be corrected on a {kind} (one of {', '.join(fields)})")
    if field in ("wrong", "negated"):
        if not isinstance(value, bool):
            raise InputError(f"value: {field} takes true or false")
        return value
    if field == "plover":
        try:
            return Plover(value).value
        except ValueError:
            raise InputError(f"value: {value!r} is not a PLOVER type ({', '.join(p.value for p in Plover)})") from None
    if field == "modality":
        try:
            return Modality(value).value
        except ValueError:
            raise InputError(f"value: {value!r} is not a modality ({', '.join(m.value for m in Modality)})") from None
    if field == "status":
        try:
            return ClaimStatus(value).value
        except ValueError:
            raise InputError(f"value: {value!r} is not a claim status "
                             f"({', '.join(s.value for s in ClaimStatus)})") from None
    if field == "date":
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise InputError(f"value: {value!r} is not a date (YYYY-MM-DD) or null") from None
    # source, target, speaker: an actor id, or null for none
    if value is None:
        return None
    if not isinstance(value, str) or not known_actor(value):
        raise InputError(f"value: {value!r} is not the id of a known actor (e.g. Q159), or null")
    return value


def _active(conn, kind: str, target_id: str) -> list:
    c = schema.corrections
    return conn.execute(select(c).where(c.c.kind == kind, c.c.target_id == target_id, c.c.state == ACTIVE)
                        .order_by(c.c.id)).all()


def _machine_row(row: dict, active: list) -> dict:
    """The machine's own values: the row with the latest correction's kept machine values put back."""
    machine = dict(row)
    if active:
        for column, value in (active[-1].machine or {}).items():
            machine[column] = _column_value(column, value)
    return machine


def _is_wrong(active: Iterable) -> bool:
    wrong = [c.value for c in active if c.field == "wrong"]
    return bool(wrong and wrong[-1])


def _corrected_event(conn, machine: dict, active: list, kb: KnowledgeBase | None) -> dict:
    from rung.ladder.place import place_events
    from rung.store.store import _claim_from_row, _event_from_row

    row = dict(machine)
    changed = set()
    for c in active:
        if c.field != "wrong":
            column = COLUMN.get(c.field, c.field)
            row[column] = _column_value(column, c.value)
            changed.add(column)
    if "source" in changed:
        row["source_country"] = kb.country_of(row["source"]) if kb else None
    if "target" in changed:
        row["target_country"] = kb.country_of(row["target"]) if kb else None
    if "plover" in changed:
        row["cameo"] = _plover_cameo().get(row["plover"], row["cameo"])
    if changed:
        cl, ce = schema.claims, schema.claim_events
        claims = [_claim_from_row(r, [row["id"]]) for r in conn.execute(
            select(cl).join(ce, ce.c.claim_id == cl.c.id).where(ce.c.event_id == row["id"]))]
        [placed] = place_events([_event_from_row(_Row(row))], claims, kb)
        row.update(rung=placed.rung, weight=placed.weight, goldstein=placed.goldstein)
    if _is_wrong(active):
        row.update(rung=None, weight=0.0)
    return row


class _Row:
    """A dict dressed as a SQLAlchemy row, for the store's row readers."""

    def __init__(self, data: dict) -> None:
        self._mapping = data


def _apply(conn, kind: str, target_id: str, row: dict, machine: dict, active: list,
           kb: KnowledgeBase | None) -> dict:
    """Write the corrected row and keep the machine's values of every changed column; returns the diff."""
    if kind == "event":
        corrected = _corrected_event(conn, machine, active, kb)
    else:
        corrected = dict(machine)
        for c in active:
            if c.field != "wrong":
                corrected[COLUMN.get(c.field, c.field)] = c.value
    diff = {k: _json_value(machine[k]) for k in corrected if corrected[k] != machine[k]}
    table = _table(kind)
    changes = {k: v for k, v in corrected.items() if v != row.get(k)}
    if changes:
        conn.execute(update(table).where(table.c.id == target_id).values(**changes))
    if active:
        conn.execute(update(schema.corrections).where(schema.corrections.c.id == active[-1].id).values(machine=diff))
    return diff


def correct(store: Store, kind: str, target_id: str, field: str, value: Any, author: str,
            note: str | None = None, kb: KnowledgeBase | None = None) -> CorrectionView:
    """Record one correction and apply it; NotFound or InputError (naming the field) otherwise."""
    if kind not in ("event", "claim"):
        raise InputError(f"kind: {kind!r} is not 'event' or 'claim'")
    table, c = _table(kind), schema.corrections
    with store.engine.begin() as conn:
        found = conn.execute(select(table).where(table.c.id == target_id)).first()
        if found is None:
            raise NotFound(f"no {kind} with id {target_id!r}")

        def known_actor(actor_id: str) -> bool:
            if kb is not None and kb.get(actor_id) is not None:
                return True
            return conn.execute(select(schema.actors.c.id).where(schema.actors.c.id == actor_id)).first() is not None

        value = validate(kind, field, value, known_actor)
        row = dict(found._mapping)
        active = _active(conn, kind, target_id)
        machine = _machine_row(row, active)
        same_field = [x.id for x in active if x.field == field]
        if same_field:
            conn.execute(update(c).where(c.c.id.in_(same_field)).values(state=SUPERSEDED))
        now = dt.datetime.now(dt.UTC)
        new_id = conn.execute(c.insert().values(kind=kind, target_id=target_id, article_id=row["article_id"],
                                                field=field, value=value, machine={}, note=note, author=author,
                                                created_at=now, state=ACTIVE)).inserted_primary_key[0]
        active = _active(conn, kind, target_id)
        _apply(conn, kind, target_id, row, machine, active, kb)
        saved = conn.execute(select(c).where(c.c.id == new_id)).one()
    return _view(saved)


def _view(r) -> CorrectionView:
    data = dict(r._mapping)
    return CorrectionView(**data)


def corrections_for(store: Store, kind: str | None = None, target_ids: Iterable[str] | None = None,
                    states: Iterable[str] = (ACTIVE,), conn=None) -> list[CorrectionView]:
    c = schema.corrections
    query = select(c).where(c.c.state.in_(list(states))).order_by(c.c.id)
    if kind is not None:
        query = query.where(c.c.kind == kind)
    if target_ids is not None:
        query = query.where(c.c.target_id.in_(list(target_ids)))
    if conn is not None:
        return [_view(r) for r in conn.execute(query)]
    with store.engine.connect() as own:
        return [_view(r) for r in own.execute(query)]


def reanalyse(store: Store, analyzer: Analyzer, article_id: str) -> Carried:
    """Analyse a stored article again, replace the machine's output and carry its corrections over."""
    from rung.model import Article

    a = schema.articles
    with store.engine.connect() as conn:
        found = conn.execute(select(a).where(a.c.id == article_id)).first()
    if found is None:
        raise NotFound(f"no article with id {article_id!r}")
    article = Article(**{k: v for k, v in found._mapping.items() if k != "ingested_at"})
    record = analyzer.analyze(article)
    with store.engine.begin() as conn:
        conn.execute(delete(a).where(a.c.id == article_id))
        store._write(conn, record, analyzer.actors_of(record))
    return carry_over(store, article_id, analyzer.kb)


def carry_over(store: Store, article_id: str, kb: KnowledgeBase | None = None) -> Carried:
    """Apply an article's active corrections to its freshly written machine output."""
    c = schema.corrections
    carried: list[int] = []
    orphaned: list[int] = []
    with store.engine.begin() as conn:
        rows = conn.execute(select(c).where(c.c.article_id == article_id, c.c.state == ACTIVE)).all()
        targets = sorted({(r.kind, r.target_id) for r in rows})
        for kind, target_id in targets:
            table = _table(kind)
            found = conn.execute(select(table).where(table.c.id == target_id)).first()
            ids = [r.id for r in rows if r.kind == kind and r.target_id == target_id]
            if found is None:
                conn.execute(update(c).where(c.c.id.in_(ids)).values(state=ORPHANED))
                orphaned.extend(ids)
                continue
            row = dict(found._mapping)
            _apply(conn, kind, target_id, row, row, _active(conn, kind, target_id), kb)
            carried.extend(ids)
    return Carried(article_id=article_id, carried=sorted(carried), orphaned=sorted(orphaned))
