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
from alembic.script import ScriptDirectory
from alembic.util import CommandError as AlembicError
from sqlalchemy import Engine, create_engine, event, func, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

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
    ReportLink,
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


BUSY_TIMEOUT_MS = 60_000  # a concurrent writer waits up to a minute for the write lock


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
    office: str | None = None


class Store:
    """Articles and everything rung derived from them, behind one SQLAlchemy engine."""

    def __init__(self, engine: Engine, label: str, read_only: bool = False) -> None:
        self.engine = engine
        self.label = label
        self.read_only = read_only

    # -- writing -------------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            found = conn.execute(select(schema.articles.c.id).where(schema.articles.c.id == article_id)).first()
        return found is not None

    def add_record(self, record: DocumentRecord, actors: Iterable[Actor] = (), report: ReportLink | None = None) -> bool:
        """Store one analysed article in one transaction; False if it was already stored.

        `report` (rung.dedup) says which report the article is a version of; it is written with the article.

        Safe to run from several processes at once: an article another writer stored first is skipped
        (INSERT ... ON CONFLICT DO NOTHING on both back-ends), never an error.
        """
        if self.read_only:
            raise StoreError(f"{self.label}: the store is read-only (no write permission)")
        if self.has_article(record.article.id):
            return False
        try:
            with self.engine.begin() as conn:
                if not self._write(conn, record, list(actors)):
                    conn.rollback()
                    return False
                if report is not None:
                    conn.execute(schema.article_reports.insert(), [_report_row(report)])
        except SQLAlchemyError as error:
            raise StoreError(_describe(self.label, error)) from error
        return True

    def _write(self, conn, record: DocumentRecord, actors: list[Actor]) -> bool:
        a = record.article
        row = clean_text({
            **a.model_dump(include={"id", "title", "date", "lang", "url", "outlet", "translator", "source",
                                    "encoding", "body"}),
            "ingested_at": dt.datetime.now(dt.UTC),
        })
        inserted = conn.execute(_insert_ignore(conn, schema.articles).values(**row)
                                .returning(schema.articles.c.id)).first()
        if inserted is None:  # another process stored this article since has_article() looked
            return False
        if record.sentences:
            conn.execute(schema.sentences.insert(), clean_text([
                {"article_id": a.id, "idx": s.index, "start": s.start, "end": s.end, "text": s.text}
                for s in record.sentences
            ]))
        if actors:
            conn.execute(_insert_ignore(conn, schema.actors), clean_text([
                {"id": x.id, "name": x.name, "type": x.type.value, "country": x.country, "office": x.office,
                 "lat": x.lat, "lon": x.lon}
                for x in {x.id: x for x in actors}.values()
            ]))
        if record.mentions:
            conn.execute(schema.mentions.insert(), clean_text([
                {"article_id": a.id, "sentence_idx": m.sentence, "start": m.start, "end": m.end, "text": m.text,
                 "actor_id": m.actor_id, "label": m.label, "rule": m.rule}
                for m in record.mentions
            ]))
        if record.events:
            conn.execute(schema.events.insert(), clean_text([_event_row(e) for e in record.events]))
        if record.claims:
            conn.execute(schema.claims.insert(), clean_text([_claim_row(c) for c in record.claims]))
            links = [{"claim_id": c.id, "event_id": e} for c in record.claims for e in c.event_ids]
            if links:
                conn.execute(schema.claim_events.insert(), links)
        return True

    def save_report_links(self, links: Iterable[ReportLink], replace: bool = False) -> int:
        """Write which report articles belong to (rung dedup); `replace` first forgets every earlier answer."""
        if self.read_only:
            raise StoreError(f"{self.label}: the store is read-only (no write permission)")
        rows = [_report_row(link) for link in links]
        try:
            with self.engine.begin() as conn:
                if replace:
                    conn.execute(schema.article_reports.delete())
                for start in range(0, len(rows), 2000):
                    conn.execute(_insert_ignore(conn, schema.article_reports), rows[start:start + 2000])
        except SQLAlchemyError as error:
            raise StoreError(_describe(self.label, error)) from error
        return len(rows)

    # -- reading -------------------------------------------------------------------------------
    def report_links(self, since: dt.datetime | None = None) -> Iterator[tuple[ReportLink, dt.datetime]]:
        """Every article's report as stored (with when the article was stored), in the order the articles
        were stored; `since`: only articles stored then or later."""
        r, a = schema.article_reports, schema.articles
        query = select(r, a.c.ingested_at).join(a, a.c.id == r.c.article_id).order_by(a.c.ingested_at, a.c.id)
        if since is not None:
            query = query.where(a.c.ingested_at >= since)
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                data = dict(row._mapping)
                when = data.pop("ingested_at")
                yield ReportLink(**data), when

    def articles_without_report(self) -> Iterator[Article]:
        """Articles no near-duplicate check has seen yet (stored before it existed, or through the API), in the
        order they were stored."""
        r, a = schema.article_reports, schema.articles
        query = (select(a).outerjoin(r, r.c.article_id == a.c.id).where(r.c.article_id.is_(None))
                 .order_by(a.c.ingested_at, a.c.id))
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                yield Article(**{k: v for k, v in row._mapping.items() if k != "ingested_at"})

    def articles_in_order(self) -> Iterator[Article]:
        """Every article in the order it was stored."""
        a = schema.articles
        with self.engine.connect() as conn:
            for row in conn.execute(select(a).order_by(a.c.ingested_at, a.c.id)):
                yield Article(**{k: v for k, v in row._mapping.items() if k != "ingested_at"})

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
                                  office=actor_rows[i].office, lat=actor_rows[i].lat, lon=actor_rows[i].lon,
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

    def actor_counts(self, since: dt.date | None = None, until: dt.date | None = None,
                     article_ids=None) -> list[ActorCount]:
        """Who is mentioned, how often, in how many articles: linked actors first, then unlinked text.
        `since`/`until` keep articles published in that window (undated articles are then left out);
        `article_ids` (a select of ids) keeps only those articles."""
        m, act, art = schema.mentions, schema.actors, schema.articles
        query = (select(m.c.actor_id, act.c.name, act.c.type, act.c.country, act.c.office, m.c.text, m.c.label,
                        m.c.article_id, art.c.title)
                 .join(art, art.c.id == m.c.article_id)
                 .outerjoin(act, act.c.id == m.c.actor_id))
        if since is not None:
            query = query.where(art.c.date >= since)
        if until is not None:
            query = query.where(art.c.date <= until)
        if article_ids is not None:
            query = query.where(art.c.id.in_(article_ids))
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        grouped: dict[tuple, ActorCount] = {}
        seen_articles: dict[tuple, set[str]] = {}
        for r in rows:
            key = ("id", r.actor_id) if r.actor_id else ("text", r.text, r.label)
            if key not in grouped:
                grouped[key] = ActorCount(id=r.actor_id, name=r.name if r.actor_id else r.text,
                                          type=r.type if r.actor_id else f"unlinked:{r.label}",
                                          country=r.country, mentions=0, articles=0, article_titles=[],
                                          office=r.office if r.actor_id else None)
                seen_articles[key] = set()
            entry = grouped[key]
            entry.mentions += 1
            if r.article_id not in seen_articles[key]:
                seen_articles[key].add(r.article_id)
                entry.articles += 1
                entry.article_titles.append(r.title or r.article_id[:12])
        return sorted(grouped.values(), key=lambda c: (c.id is None, -c.mentions, c.name))


def clean_text(value):
    """The value with every NUL character replaced by U+FFFD, in strings nested at any depth.

    PostgreSQL refuses NUL in text and JSON; SQLite would keep it. Both back-ends store the same text,
    and the replacement has the same length, so character offsets stay true.
    """
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd") if "\x00" in value else value
    if isinstance(value, dict):
        return {k: clean_text(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_text(v) for v in value]
    return value


def _insert_ignore(conn, table):
    """INSERT ... ON CONFLICT DO NOTHING for the connection's back-end."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table).on_conflict_do_nothing()


def _report_row(link: ReportLink) -> dict:
    return link.model_dump()


def _event_row(e: Event) -> dict:
    row = e.model_dump(exclude={"span", "evidence"})
    row["plover"] = e.plover.value
    row["modality"] = e.modality.value
    row["span_start"], row["span_end"] = e.span.start, e.span.end
    row["evidence"] = e.evidence.model_dump()
    return row


def _event_from_row(r) -> Event:
    data = dict(r._mapping)
    if data.get("confidence") is None:
        data.pop("confidence", None)  # stored before migration 0004
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
    if data.get("confidence") is None:
        data.pop("confidence", None)  # stored before migration 0004
    data["span"] = Span(start=data.pop("span_start"), end=data.pop("span_end"))
    data["evidence"] = Evidence(**data["evidence"])
    return Claim(event_ids=event_ids, **data)


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("rung.store") / "migrations"))
    return config


def _known_revisions(config: Config) -> tuple[set[str], str]:
    scripts = ScriptDirectory.from_config(config)
    return {r.revision for r in scripts.walk_revisions()}, scripts.get_current_head() or ""


def _stored_revision(conn) -> str | None:
    """The schema revision a store records, or None when it holds no rung schema at all."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _check_revision(label: str, revision: str | None, known: set[str]) -> None:
    if revision is not None and revision not in known:
        raise StoreError(f"{label}: this store was written by a newer rung (schema {revision}); upgrade rung")


def _migrate(engine: Engine, label: str, create: bool) -> None:
    """Bring the schema to head in one transaction: an interrupted run leaves the old schema or the new.

    PostgreSQL: an advisory lock serialises concurrent first runs; SQLite: BEGIN IMMEDIATE does.
    """
    config = _alembic_config()
    known, head = _known_revisions(config)
    with engine.connect() as conn:  # a read first: an up-to-date (or read-only) store is never written
        current = _stored_revision(conn)
    _check_revision(label, current, known)
    if current is None and not create:
        raise StoreError(f"{label}: not a rung store (no rung tables; run `rung ingest` to make one)")
    if current == head:
        return
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(7247190)"))
        current = _stored_revision(conn)  # another process may have migrated while we waited
        _check_revision(label, current, known)
        if current == head:
            return
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def _sqlite_engine(url: str, path: Path | None, read_only: bool) -> Engine:
    if read_only and path is not None:
        # a store the user cannot write: open it read-only (WAL files cannot be made, so none are asked for)
        engine = create_engine(f"sqlite:///file:{path.resolve()}?mode=ro&uri=true")
    else:
        engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself: DDL becomes transactional
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        if not read_only:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        # IMMEDIATE takes the write lock up front, so a second writer waits (busy timeout) instead of
        # failing when it upgrades a read lock; a read-only store only ever reads
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def open_store(db: str | None = None, *, create: bool = True) -> Store:
    """Open (and migrate) the store at a path or URL. Raises StoreError with the path and the problem.

    `create=False` (every reading command) refuses a store that does not exist instead of making an
    empty one; only `rung ingest` and `rung watch` create stores.
    """
    url = database_url(db)
    label = db or url
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise StoreError(f"{label}: not a database path or URL") from error
    backend = parsed.get_backend_name()
    path: Path | None = None
    read_only = False
    if backend == "sqlite" and parsed.database not in (None, "", ":memory:"):
        path = Path(parsed.database)
        if path.is_dir():
            raise StoreError(f"{label}: is a directory, not a database file")
        if not create and not path.exists():
            raise StoreError(f"{label}: no such database (check the path; only `rung ingest` and `rung watch` create one)")
        if path.parent and not path.parent.exists():
            raise StoreError(f"{label}: directory {path.parent} does not exist")
        if path.exists() and not create:
            read_only = not _writable(path)
    try:
        engine = _sqlite_engine(url, path, read_only) if backend == "sqlite" else create_engine(url)
    except (ArgumentError, ImportError) as error:
        raise StoreError(f"{label}: cannot open ({error})") from error
    try:
        _migrate(engine, label, create)
    except StoreError:
        engine.dispose()
        raise
    except (SQLAlchemyError, DBAPIError) as error:
        engine.dispose()
        raise StoreError(_describe(label, error)) from error
    except AlembicError as error:
        engine.dispose()
        raise StoreError(f"{label}: cannot migrate the schema ({str(error).splitlines()[0]})") from error
    return Store(engine, label, read_only=read_only)


def _writable(path: Path) -> bool:
    """Whether SQLite can write this file and make its journal files next to it."""
    if not os.access(path, os.W_OK) or not os.access(path.parent if str(path.parent) else Path("."), os.W_OK):
        return False
    try:  # root passes os.access; a read-only file system does not
        with path.open("r+b"):
            return True
    except OSError:
        return False
