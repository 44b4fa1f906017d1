"""Background analysis of submitted articles: one worker thread, jobs and their status in the store.

The analyser (GiNZA and the knowledge base) loads once, on the first job. Jobs live in the store's
`jobs` table, so any server process on the same store can answer for a job's status.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import queue
import socket
import threading
import uuid
from collections.abc import Callable

from sqlalchemy import select, update

from rung.model import Article
from rung.store import Store, schema

log = logging.getLogger(__name__)


class JobRunner:
    def __init__(self, store: Store, make_analyzer: Callable[[], object]) -> None:
        self.store = store
        self._make_analyzer = make_analyzer
        self._analyzer = None
        self._reports = None  # rung.dedup.stored.StoreIndex, opened at the first article
        self._queue: queue.Queue[tuple[str, str, Article | str] | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.worker = f"{socket.gethostname()}:{os.getpid()}"[:80]
        self.abandoned = self._fail_abandoned()

    def _fail_abandoned(self) -> int:
        """Jobs a stopped server on this host left queued or running are failed, not left waiting forever.
        Jobs of servers on other hosts (a team's PostgreSQL) are theirs to finish."""
        host = socket.gethostname()
        j = schema.jobs
        with self.store.engine.begin() as conn:
            rows = conn.execute(select(j.c.id, j.c.worker).where(j.c.status.in_(("queued", "running")))).all()
            dead = [r.id for r in rows if r.worker.rpartition(":")[0] == host
                    and not _alive(int(r.worker.rpartition(":")[2] or 0))]
            if dead:
                conn.execute(update(j).where(j.c.id.in_(dead)).values(
                    status="failed", error="the server stopped before this job finished: submit it again",
                    finished_at=dt.datetime.now(dt.UTC)))
        return len(dead)

    def submit(self, article: Article, by: str) -> str:
        """Analyse and store a new article."""
        return self._enqueue("analyse", article.id, article, by)

    def submit_reanalysis(self, article_id: str, by: str) -> str:
        """Analyse a stored article again and carry its corrections over (rung.api.corrections)."""
        return self._enqueue("reanalyse", article_id, article_id, by)

    def _enqueue(self, kind: str, article_id: str, payload: Article | str, by: str) -> str:
        job_id = uuid.uuid4().hex
        with self.store.engine.begin() as conn:
            conn.execute(schema.jobs.insert(), {"id": job_id, "kind": kind, "status": "queued", "worker": self.worker,
                                                "submitted_by": by,
                                                "submitted_at": dt.datetime.now(dt.UTC), "article_id": article_id})
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, name="rung-jobs", daemon=True)
                self._thread.start()
        self._queue.put((job_id, kind, payload))
        return job_id

    def _set(self, job_id: str, **values) -> None:
        with self.store.engine.begin() as conn:
            conn.execute(update(schema.jobs).where(schema.jobs.c.id == job_id).values(**values))

    def _work(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            job_id, kind, payload = item
            self._set(job_id, status="running")
            try:
                if self._analyzer is None:
                    self._analyzer = self._make_analyzer()
                analyzer = self._analyzer
                if kind == "reanalyse":
                    from rung.api.corrections import reanalyse

                    carried = reanalyse(self.store, analyzer, str(payload))  # type: ignore[arg-type]
                    self._set(job_id, status="done", stored=True, finished_at=dt.datetime.now(dt.UTC),
                              result={"carried": carried.carried, "orphaned": carried.orphaned})
                    continue
                article = payload
                assert isinstance(article, Article)
                stored = False
                if not self.store.has_article(article.id):
                    record = analyzer.analyze(article)  # type: ignore[attr-defined]
                    if self._reports is None:  # the near-duplicate index (docs/dedup.md), once per worker
                        from rung.dedup.stored import open_index

                        self._reports = open_index(self.store)[0]
                    link = self._reports.check(record.article)
                    stored = self.store.add_record(record, analyzer.actors_of(record),  # type: ignore[attr-defined]
                                                   report=link)
                    if stored:
                        self._reports.add(link)
                self._set(job_id, status="done", stored=stored, finished_at=dt.datetime.now(dt.UTC))
            except Exception as error:  # a job fails alone; the message is kept for its status
                log.exception("job %s failed", job_id)
                message = (str(error).strip().splitlines() or [type(error).__name__])[0]
                self._set(job_id, status="failed", error=f"{type(error).__name__}: {message}",
                          finished_at=dt.datetime.now(dt.UTC))
            finally:
                self._queue.task_done()

    def wait(self, timeout: float | None = None) -> None:
        """Block until every submitted job has finished (tests, a clean shutdown)."""
        done = threading.Event()

        def join() -> None:
            self._queue.join()
            done.set()

        threading.Thread(target=join, daemon=True).start()
        done.wait(timeout)

    def stop(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            self._queue.put(None)


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def job(store: Store, job_id: str):
    with store.engine.connect() as conn:
        return conn.execute(select(schema.jobs).where(schema.jobs.c.id == job_id)).first()
