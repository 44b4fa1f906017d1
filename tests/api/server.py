"""Helpers shared by the API and dashboard tests: a store filled from the bundled example, a real server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[2]
# A short English wire report, so the store holds two languages and a factual rung-10 strike (an alert).
ENGLISH = ("Ukraine fired ATACMS missiles at a Russian air base on Tuesday, Russian officials said. "
           "Russia's foreign ministry said Moscow would respond.")


def fill(store, analyzer, seed_record) -> None:
    import datetime as dt

    from rung.ingest import make_article

    store.add_record(seed_record, analyzer.actors_of(seed_record))
    english = analyzer.analyze(make_article(ENGLISH, title="Moscow vows response", lang="en", outlet="Wire",
                                            date=dt.date(2024, 11, 26),
                                            source="tests/api"))
    store.add_record(english, analyzer.actors_of(english))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_server(db: str, *extra: str) -> Iterator[str]:
    """`rung serve` in its own process on a free loopback port; yields its base URL, stops it after."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen([sys.executable, "-c", "from rung.cli.main import main; main()", "serve", "--db", db, "--port", str(port), *extra],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"rung serve exited {proc.returncode}: {proc.stderr.read()}")
            try:
                if httpx.get(base + "/api/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("rung serve did not answer within 60 s")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
