"""Tables of the store. Changes go through an Alembic migration in `migrations/versions/`."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("title", Text),
    Column("date", Date, index=True),
    Column("lang", String(8)),
    Column("url", Text),
    Column("outlet", Text),
    Column("translator", Text),
    Column("source", Text),
    Column("encoding", String(32)),
    Column("body", Text, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

sentences = Table(
    "sentences",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
)

actors = Table(
    "actors",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("country", String(64)),
    Column("office", Text),  # a person's office, as the text titles it
    Column("lat", Float),  # a place's coordinates (WGS84)
    Column("lon", Float),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("sentence_idx", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("actor_id", String(64), index=True),
    Column("label", String(32), nullable=False),
    Column("rule", Text, nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", String(80), primary_key=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("source", String(64)),
    Column("target", String(64)),
    Column("source_country", String(64)),
    Column("target_country", String(64)),
    Column("plover", String(16), nullable=False),
    Column("cameo", String(2), nullable=False),
    Column("modality", String(16), nullable=False),
    Column("negated", Boolean, nullable=False),
    Column("date", Date),
    Column("date_qualifier", String(16)),
    Column("instrument", String(64)),
    Column("sentence_index", Integer, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("evidence", JSON, nullable=False),
    Column("goldstein", Float),
    Column("rung", Integer),
    Column("weight", Float),
    Column("location", String(64)),  # migration 0004: the clause layer's place of the event
    Column("confidence", Float),  # migration 0004
    Index("ix_events_dyad_date", "source_country", "target_country", "date"),
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(80), primary_key=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("sentence_index", Integer, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("attributed_to", String(64)),
    Column("cites", String(64)),
    Column("status", String(24), nullable=False),
    Column("stance", Text),
    Column("admiralty", String(4)),
    Column("evidence", JSON, nullable=False),
    Column("confidence", Float),  # migration 0004
)

claim_events = Table(
    "claim_events",
    metadata,
    Column("claim_id", String(80), ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("event_id", String(80), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
)

# -- one event, many reports (rung.events.merge; migration 0002) ------------------------------------
merged_events = Table(
    "merged_events",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("plover", String(16), nullable=False),
    Column("source", String(64)),
    Column("target", String(64)),
    Column("source_country", String(64)),
    Column("target_country", String(64)),
    Column("date", Date),
    Column("first_report", Date),
    Column("last_report", Date),
    Column("reports", Integer, nullable=False),
    Column("articles", Integer, nullable=False),
    Column("languages", JSON, nullable=False),
    Column("outlets", JSON, nullable=False),
    Column("status", String(24), nullable=False),
    Column("denials", JSON, nullable=False),
    Column("encoder", String(32), nullable=False),
    Column("fingerprint", String(64), nullable=False),
)

merged_event_members = Table(
    "merged_event_members",
    metadata,
    Column("merged_event_id", String(40), ForeignKey("merged_events.id", ondelete="CASCADE"), primary_key=True),
    Column("event_id", String(80), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True, index=True),
    Column("similarity", Float),
)

# -- versions of one report (rung.dedup; migration 0005) ----------------------------------------------
# An article checked for near-duplicates: the report it belongs to (the id of the report's first article,
# its own id when it is the first), the article it was found to copy and how similar (MinHash estimate of
# the shingle containment), and its MinHash signature (uint64 bytes) so the LSH index is rebuilt without
# re-reading bodies.
article_reports = Table(
    "article_reports",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("report_id", String(64), nullable=False, index=True),
    Column("duplicate_of", String(64)),
    Column("similarity", Float),
    Column("shingles", Integer, nullable=False),
    Column("signature", LargeBinary),
)

# -- incremental merge (rung.events.merge; migration 0005) ------------------------------------------
event_vectors = Table(
    "event_vectors",
    metadata,
    Column("event_id", String(80), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("encoder", String(32), primary_key=True),
    Column("vector", LargeBinary, nullable=False),  # float32 bytes, L2-normalised
)

merge_state = Table(
    "merge_state",
    metadata,
    Column("id", Integer, primary_key=True),  # always 1
    Column("encoder", String(32), nullable=False),
    Column("corrections", Text, nullable=False),  # rung.store.corrections.correction_mark at the last merge
    Column("fingerprint", String(64), nullable=False),  # sha256 of the merged event ids (+ corrections)
    Column("window_days", Integer, nullable=False),
    Column("merged_at", DateTime(timezone=True), nullable=False),
)

# -- a team on one store: API tokens, analyst corrections, background jobs (rung.api; migration 0003) --
api_tokens = Table(
    "api_tokens",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)

# an event's claims are read by event id (an event's page, the API's claims?event_id=)
Index("ix_claim_events_event_id", claim_events.c.event_id)

# One row per analyst correction. The machine's values of every column the correction changed are kept
# in `machine` (column -> value), so the machine's output can always be told apart and restored. No
# foreign key to events/claims: a correction outlives a re-analysis that drops its event.
corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(8), nullable=False),
    Column("target_id", String(80), nullable=False, index=True),
    Column("article_id", String(64), nullable=False, index=True),
    Column("field", String(24), nullable=False),
    Column("value", JSON),
    Column("machine", JSON, nullable=False),
    Column("note", Text),
    Column("author", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("state", String(12), nullable=False),
)

jobs = Table(
    "jobs",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("kind", String(12), nullable=False),
    Column("status", String(12), nullable=False),
    Column("worker", String(80), nullable=False),
    Column("submitted_by", String(64), nullable=False),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("article_id", String(64)),
    Column("stored", Boolean),
    Column("result", JSON),
    Column("error", Text),
)
