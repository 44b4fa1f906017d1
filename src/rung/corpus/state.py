"""What `rung watch` has seen: a small SQLite file of its own, beside the store or named by --state.

Not in the store: the store's schema belongs to the record (Alembic migrations, both back-ends), and what
one watcher has fetched is that watcher's bookkeeping, not part of the record; a second watcher on the
same store with other feeds keeps its own file. SQLite gives atomic writes (each item is marked in one
transaction, after its article is stored) and survives a kill at any point: an item stored but not yet
marked is fetched again on restart and found already in the store.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from rung.errors import InputError

VERSION = "1"
MAX_ATTEMPTS = 3  # an item that fails this many polls in a row is given up (named once more, then left)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS items (
    origin TEXT NOT NULL,          -- a feed URL or a watched directory
    key TEXT NOT NULL,             -- the feed entry's id (or link), or the file's path under the directory
    fingerprint TEXT NOT NULL,     -- a file's size and mtime; '' for a feed entry
    status TEXT NOT NULL,          -- 'done' (stored, or already in the store), 'failed' (given up), 'retry'
    attempts INTEGER NOT NULL,
    updated TEXT NOT NULL,
    PRIMARY KEY (origin, key)
);
CREATE TABLE IF NOT EXISTS crossings (
    level INTEGER NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL, first TEXT, noticed TEXT NOT NULL,
    PRIMARY KEY (level, source, target)
);
CREATE TABLE IF NOT EXISTS baselines (level INTEGER PRIMARY KEY, taken TEXT NOT NULL);
"""


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class WatchState:
    """Seen items and noticed rung crossings, in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if path.is_dir():
            raise InputError(f"{path}: is a directory, not a watch state file")
        if not path.parent.exists():
            raise InputError(f"{path}: directory {path.parent} does not exist")
        try:
            # one Watcher uses it, from whichever thread runs the loop
            self.conn = sqlite3.connect(path, timeout=60, isolation_level=None, check_same_thread=False)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.executescript(_SCHEMA)  # CREATE ... IF NOT EXISTS: the same file opened again is kept
            with self.conn:
                self.conn.execute("BEGIN IMMEDIATE")
                found = self.conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
                if found is None:
                    self.conn.execute("INSERT INTO meta VALUES ('version', ?)", (VERSION,))
                elif found[0] != VERSION:
                    raise InputError(f"{path}: watch state version {found[0]}, this rung reads version {VERSION}")
                self.conn.execute("COMMIT")
        except sqlite3.DatabaseError as error:
            raise InputError(f"{path}: not a rung watch state file ({error})") from error

    def close(self) -> None:
        self.conn.close()

    def _write(self, sql: str, params: tuple) -> None:
        try:
            with self.conn:
                self.conn.execute("BEGIN IMMEDIATE")
                self.conn.execute(sql, params)
                self.conn.execute("COMMIT")
        except sqlite3.DatabaseError as error:
            raise InputError(f"{self.path}: cannot write the watch state ({error})") from error

    # -- items ------------------------------------------------------------------------------------
    def done(self, origin: str, key: str, fingerprint: str = "") -> bool:
        """Whether this item (with this fingerprint) was stored or given up already."""
        row = self.conn.execute("SELECT fingerprint, status FROM items WHERE origin = ? AND key = ?",
                                (origin, key)).fetchone()
        return row is not None and row[0] == fingerprint and row[1] in {"done", "failed"}

    def mark(self, origin: str, key: str, fingerprint: str = "") -> None:
        self._write("INSERT OR REPLACE INTO items VALUES (?, ?, ?, 'done', 0, ?)", (origin, key, fingerprint, _now()))

    def failed(self, origin: str, key: str, fingerprint: str = "", final: bool = False) -> int:
        """Count a failed attempt; returns the attempts so far. The item is given up at MAX_ATTEMPTS
        (or at once with `final`: a file that cannot be read fails the same way until it changes)."""
        row = self.conn.execute("SELECT fingerprint, attempts FROM items WHERE origin = ? AND key = ?",
                                (origin, key)).fetchone()
        attempts = (row[1] if row is not None and row[0] == fingerprint else 0) + 1
        status = "failed" if final or attempts >= MAX_ATTEMPTS else "retry"
        self._write("INSERT OR REPLACE INTO items VALUES (?, ?, ?, ?, ?, ?)",
                    (origin, key, fingerprint, status, attempts, _now()))
        return attempts

    def count(self, status: str | None = None) -> int:
        if status is None:
            return self.conn.execute("SELECT count(*) FROM items").fetchone()[0]
        return self.conn.execute("SELECT count(*) FROM items WHERE status = ?", (status,)).fetchone()[0]

    # -- crossings --------------------------------------------------------------------------------
    def has_baseline(self, level: int) -> bool:
        return self.conn.execute("SELECT 1 FROM baselines WHERE level = ?", (level,)).fetchone() is not None

    def crossings(self, level: int) -> set[tuple[str, str]]:
        rows = self.conn.execute("SELECT source, target FROM crossings WHERE level = ?", (level,)).fetchall()
        return {(s, t) for s, t in rows}

    def notice(self, level: int, crossed: Iterable[tuple[str, str, dt.date | None]], baseline: bool = False) -> None:
        """Remember these dyads as having crossed `level` (`baseline`: the ones already there at the start)."""
        now = _now()
        try:
            with self.conn:
                self.conn.execute("BEGIN IMMEDIATE")
                self.conn.executemany("INSERT OR IGNORE INTO crossings VALUES (?, ?, ?, ?, ?)",
                                      [(level, s, t, d.isoformat() if d else None, now) for s, t, d in crossed])
                if baseline:
                    self.conn.execute("INSERT OR IGNORE INTO baselines VALUES (?, ?)", (level, now))
                self.conn.execute("COMMIT")
        except sqlite3.DatabaseError as error:
            raise InputError(f"{self.path}: cannot write the watch state ({error})") from error
