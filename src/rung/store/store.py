"""The store: SQLite by default, PostgreSQL by URL. One article is written whole or not at all."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError, SQLAlchemyError

from rung.errors import StoreError
from rung.model import (
    Actor,
    ActorSummary,
    Article,
    Claim,
    DocumentRecord,
    Event,
    Evidence,
    Mention,
    Sentence,
    Span,
)
from rung.store import schema

DEFAULT_DB = "rung.sqlite"


def database_url(db: str | None) -> str:
    """A SQLAlchemy URL from a path or URL; `RUNG_DB` when none is given, `rung.sqlite` after that."""
    db = db or os.environ.get("RUNG_DB") or DEFAULT_DB
    if db.startswith("postgresql://"):
        return "postgresql+psycopg://" + db.removeprefix("postgresql://")
    if "://" in db:
        return db
    return f"sqlite:///{db}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _describe(db: str, error: Exception) -> str:
    message = str(getattr(error, "orig", error) or error).strip().splitlines()[0]
    return f"{db}: {message}"


@dataclass(slots=True)
class ActorCount:
    id: str | None
    name: str
    type: str
    country: str | None
    mentions: int
    articles: int
    article_titles: list[str]


class Store:
    """Articles and everything rung derived from them, behind one SQLAlchemy engine."""

    def __init__(self, engine: Engine, label: str) -> None:
        self.engine = engine
        self.label = label

    # -- writing -------------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            found = conn.execute(select(schema.articles.c.id).where(schema.articles.c.id == article_id)).first()
        return found is not None

    def add_record(self, record: DocumentRecord, actors: Iterable[Actor] = ()) -> bool:
        """Store one analysed article in one transaction; False if it was already stored."""
        if self.has_article(record.article.id):
            return False
        try:
            with self.engine.begin() as conn:
                self._write(conn, record, list(actors))
        except SQLAlchemyError as error:
            raise StoreError(_describe(self.label, error)) from error
        return True

    def _write(self, conn, record: DocumentRecord, actors: list[Actor]) -> None:
        a = record.article
        conn.execute(
            schema.articles.insert(),
            {
                **a.model_dump(include={"id", "title", "date", "lang", "url", "outlet", "translator", "source",
                                        "encoding", "body"}),
                "ingested_at": dt.datetime.now(dt.UTC),
            },
        )
        if record.sentences:
            conn.execute(schema.sentences.insert(), [
                {"article_id": a.id, "idx": s.index, "start": s.start, "end": s.end, "text": s.text}
                for s in record.sentences
            ])
        known = set(conn.execute(select(schema.actors.c.id)).scalars())
        new_actors = [x for x in actors if x.id not in known]
        if new_actors:
            conn.execute(schema.actors.insert(), [
                {"id": x.id, "name": x.name, "type": x.type.value, "country": x.country} for x in new_actors
            ])
        if record.mentions:
            conn.execute(schema.mentions.insert(), [
                {"article_id": a.id, "sentence_idx": m.sentence, "start": m.start, "end": m.end, "text": m.text,
                 "actor_id": m.actor_id, "label": m.label, "rule": m.rule}
                for m in record.mentions
            ])
        if record.events:
            conn.execute(schema.events.insert(), [_event_row(e) for e in record.events])
        if record.claims:
            conn.execute(schema.claims.insert(), [_claim_row(c) for c in record.claims])
            links = [{"claim_id": c.id, "event_id": e} for c in record.claims for e in c.event_ids]
            if links:
                conn.execute(schema.claim_events.insert(), links)

    # -- reading -------------------------------------------------------------------------------
    def article_count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(schema.articles)).scalar_one()

    def articles(self) -> list[Article]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(schema.articles).order_by(schema.articles.c.date, schema.articles.c.id))
            return [Article(**{k: v for k, v in row._mapping.items() if k != "ingested_at"}) for row in rows]

    def records(self) -> Iterator[DocumentRecord]:
        """Every stored article as the same record `rung analyze --json` prints."""
        with self.engine.connect() as conn:
            for article in self.articles():
                yield self._record(conn, article)

    def _record(self, conn, article: Article) -> DocumentRecord:
        sents = [Sentence(index=r.idx, start=r.start, end=r.end, text=r.text) for r in conn.execute(
            select(schema.sentences).where(schema.sentences.c.article_id == article.id).order_by(schema.sentences.c.idx))]
        mentions = [Mention(sentence=r.sentence_idx, start=r.start, end=r.end, text=r.text, actor_id=r.actor_id,
                            label=r.label, rule=r.rule) for r in conn.execute(
            select(schema.mentions).where(schema.mentions.c.article_id == article.id).order_by(schema.mentions.c.start))]
        counts: dict[str, int] = {}
        for m in mentions:
            if m.actor_id:
                counts[m.actor_id] = counts.get(m.actor_id, 0) + 1
        actor_rows = {r.id: r for r in conn.execute(select(schema.actors).where(schema.actors.c.id.in_(list(counts))))}
        summaries = [ActorSummary(id=i, name=actor_rows[i].name, type=actor_rows[i].type, country=actor_rows[i].country,
                                  mentions=n) for i, n in sorted(counts.items(), key=lambda kv: -kv[1]) if i in actor_rows]
        events = self.events(article_id=article.id, _conn=conn)
        claims = self.claims(article_id=article.id, _conn=conn)
        return DocumentRecord(article=article, sentences=sents, actors=summaries, mentions=mentions,
                              events=events, claims=claims)

    def events(self, since: dt.date | None = None, until: dt.date | None = None, article_id: str | None = None,
               _conn=None) -> list[Event]:
        """Stored events, dated by their own date or, when they have none, their article's."""
        e, a = schema.events, schema.articles
        when = func.coalesce(e.c.date, a.c.date)
        query = select(e).join(a, a.c.id == e.c.article_id).order_by(when, e.c.article_id, e.c.sentence_index)
        if since:
            query = query.where(when >= since)
        if until:
            query = query.where(when <= until)
        if article_id:
            query = query.where(e.c.article_id == article_id)
        if _conn is not None:
            return [_event_from_row(r) for r in _conn.execute(query)]
        with self.engine.connect() as conn:
            return [_event_from_row(r) for r in conn.execute(query)]

    def claims(self, article_id: str | None = None, _conn=None) -> list[Claim]:
        c, ce = schema.claims, schema.claim_events
        query = select(c).order_by(c.c.article_id, c.c.sentence_index)
        link_query = select(ce)
        if article_id:
            query = query.where(c.c.article_id == article_id)
            # only this article's links: records() calls this once per article
            link_query = link_query.join(c, c.c.id == ce.c.claim_id).where(c.c.article_id == article_id)

        def read(conn) -> list[Claim]:
            links: dict[str, list[str]] = {}
            for r in conn.execute(link_query):
                links.setdefault(r.claim_id, []).append(r.event_id)
            return [_claim_from_row(r, sorted(links.get(r.id, []))) for r in conn.execute(query)]

        if _conn is not None:
            return read(_conn)
        with self.engine.connect() as conn:
            return read(conn)

    def actor_counts(self) -> list[ActorCount]:
        """Who is mentioned, how often, in how many articles: linked actors first, then unlinked text."""
        m, act, art = schema.mentions, schema.actors, schema.articles
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(m.c.actor_id, act.c.name, act.c.type, act.c.country, m.c.text, m.c.label, m.c.article_id,
                       art.c.title)
                .join(art, art.c.id == m.c.article_id)
                .outerjoin(act, act.c.id == m.c.actor_id)
            ).all()
        grouped: dict[tuple, ActorCount] = {}
        seen_articles: dict[tuple, set[str]] = {}
        for r in rows:
            key = ("id", r.actor_id) if r.actor_id else ("text", r.text, r.label)
            if key not in grouped:
                grouped[key] = ActorCount(id=r.actor_id, name=r.name if r.actor_id else r.text,
                                          type=r.type if r.actor_id else f"unlinked:{r.label}",
                                          country=r.country, mentions=0, articles=0, article_titles=[])
                seen_articles[key] = set()
            entry = grouped[key]
            entry.mentions += 1
            if r.article_id not in seen_articles[key]:
                seen_articles[key].add(r.article_id)
                entry.articles += 1
                entry.article_titles.append(r.title or r.article_id[:12])
        return sorted(grouped.values(), key=lambda c: (c.id is None, -c.mentions, c.name))


def _event_row(e: Event) -> dict:
    row = e.model_dump(exclude={"span", "evidence"})
    row["plover"] = e.plover.value
    row["modality"] = e.modality.value
    row["span_start"], row["span_end"] = e.span.start, e.span.end
    row["evidence"] = e.evidence.model_dump()
    return row


def _event_from_row(r) -> Event:
    data = dict(r._mapping)
    data["span"] = Span(start=data.pop("span_start"), end=data.pop("span_end"))
    data["evidence"] = Evidence(**data["evidence"])
    return Event(**data)


def _claim_row(c: Claim) -> dict:
    row = c.model_dump(exclude={"span", "evidence", "event_ids"})
    row["status"] = c.status.value
    row["span_start"], row["span_end"] = c.span.start, c.span.end
    row["evidence"] = c.evidence.model_dump()
    return row


def _claim_from_row(r, event_ids: list[str]) -> Claim:
    data = dict(r._mapping)
    data["span"] = Span(start=data.pop("span_start"), end=data.pop("span_end"))
    data["evidence"] = Evidence(**data["evidence"])
    return Claim(event_ids=event_ids, **data)


def _migrate(engine: Engine) -> None:
    config = Config()
    config.set_main_option("script_location", str(resources.files("rung.store") / "migrations"))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def open_store(db: str | None = None, *, create: bool = True) -> Store:
    """Open (and migrate) the store at a path or URL. Raises StoreError with the path and the problem."""
    url = database_url(db)
    label = db or url
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise StoreError(f"{label}: not a database path or URL") from error
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        path = Path(parsed.database)
        if not create and not path.exists():
            raise StoreError(f"{label}: no such database (run `rung ingest` first)")
        if path.is_dir():
            raise StoreError(f"{label}: is a directory, not a database file")
        if path.parent and not path.parent.exists():
            raise StoreError(f"{label}: directory {path.parent} does not exist")
    try:
        engine = create_engine(url)
    except (ArgumentError, ImportError) as error:
        raise StoreError(f"{label}: cannot open ({error})") from error
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        _migrate(engine)
    except (OperationalError, DBAPIError) as error:
        raise StoreError(_describe(label, error)) from error
    return Store(engine, label)
