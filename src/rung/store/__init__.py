"""The store: SQLAlchemy 2 over SQLite (default) or PostgreSQL, with Alembic migrations."""

from rung.store.store import DEFAULT_DB, ActorCount, Store, database_url, open_store

__all__ = ["DEFAULT_DB", "ActorCount", "Store", "database_url", "open_store"]
