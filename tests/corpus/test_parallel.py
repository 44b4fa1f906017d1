"""Ingest on a real Dask cluster: the same store as the serial path, and a worker killed mid-run loses nothing."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from rung.corpus import IngestReport, ingest
from rung.ingest import make_article
from rung.settings import Settings
from rung.store import open_store

from .conftest import TEXTS, dump

RUNG = shutil.which("rung", path=str(Path(sys.executable).parent)) or "rung"


def _articles(texts=TEXTS, prefix="a"):
    return [make_article(text, lang=lang, source=f"{prefix}{i}.{lang}.txt") for i, (lang, text) in enumerate(texts)]


def test_two_workers_store_what_the_serial_path_stores(cluster, analyzer, tmp_path, store_url):
    """The serial path into SQLite, the cluster into each back-end (SQLite, and PostgreSQL when given)."""
    settings = Settings.load()
    serial = open_store(f"sqlite:///{tmp_path / 'serial.sqlite'}")
    parallel = open_store(store_url)
    one = ingest(_articles(), serial, settings, analyzer=analyzer)
    ticks = []
    two = ingest(_articles(), parallel, settings, scheduler=cluster.scheduler_address, batch_size=2,
                 on_article=lambda: ticks.append(1))
    assert (one.added, one.problems) == (len(TEXTS), []) and (two.added, two.problems) == (len(TEXTS), [])
    assert len(ticks) == len(TEXTS)  # the progress bar counts articles
    expected, got = dump(serial), dump(parallel)
    assert expected["events"] and expected["actors"] and {r[3] for r in expected["articles"]} == {"en", "ja"}
    assert got == expected
    again = ingest(_articles(), parallel, settings, scheduler=cluster.scheduler_address)
    assert (again.added, again.skipped) == (0, len(TEXTS))  # already stored: never sent to a worker
    parallel.engine.dispose()


def test_an_article_a_worker_cannot_analyse_is_named_and_skipped(cluster, tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'rung.sqlite'}")
    articles = [*_articles(TEXTS[:2]), make_article("Bonjour tout le monde.", lang="fr", source="bad.fr.txt")]
    report = ingest(articles, store, Settings.load(), scheduler=cluster.scheduler_address, batch_size=3)
    assert report.added == 2
    assert len(report.problems) == 1 and report.problems[0].startswith("bad.fr.txt: unsupported language (fr)")


def test_a_worker_killed_mid_run_loses_no_article(cluster, tmp_path):
    from distributed import Client

    texts = [("en", f"Russia fired {n} missiles at Kyiv on Tuesday.") for n in range(2, 14)]
    store = open_store(f"sqlite:///{tmp_path / 'rung.sqlite'}")
    killed: list[int] = []
    with Client(cluster.scheduler_address) as watcher:
        before = set(watcher.run(os.getpid).values())

        def kill_a_busy_worker() -> None:
            if killed:
                return
            pids = watcher.run(os.getpid)
            busy = [addr for addr, keys in watcher.processing().items() if keys and addr in pids]
            assert busy, "no worker had work in flight: the kill would prove nothing"
            os.kill(pids[busy[0]], signal.SIGKILL)
            killed.append(pids[busy[0]])

        report = ingest(_articles(texts, "k"), store, Settings.load(), scheduler=cluster.scheduler_address,
                        batch_size=1, on_article=kill_a_busy_worker, report=IngestReport())
        watcher.wait_for_workers(2, timeout=120)  # the nanny restarts the killed worker for the next test
        after = set(watcher.run(os.getpid).values())
    assert killed and killed[0] in before and killed[0] not in after
    assert (report.added, report.problems) == (len(texts), [])
    assert store.article_count() == len(texts)
    stored = {a.body for a in store.articles()}
    assert stored == {text for _, text in texts}


def test_cli_workers_reports_bad_input_and_keeps_the_rest(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, (lang, text) in enumerate(TEXTS[:3]):
        (corpus / f"{i}.txt").write_text(text, encoding="utf-8")
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02\x03binary")
    db, errors = tmp_path / "rung.sqlite", tmp_path / "skipped.txt"
    run = subprocess.run([RUNG, "ingest", str(corpus), "--db", str(db), "--errors", str(errors), "--workers", "2"],
                         capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 1, run.stderr
    assert "3 article(s) stored, 0 already" in run.stderr and "1 skipped" in run.stderr
    assert errors.read_text(encoding="utf-8").startswith(f"{corpus / 'broken.txt'}: binary")
    assert "Traceback" not in run.stderr and "INFO" not in run.stderr
    assert open_store(str(db), create=False).article_count() == 3
    clash = subprocess.run([RUNG, "ingest", str(corpus), "--db", str(db), "--workers", "--scheduler", "tcp://x:1"],
                           capture_output=True, text=True, timeout=60, check=False)
    assert clash.returncode == 2 and "give one of them" in clash.stderr


def test_a_batch_that_kills_its_worker_is_split_and_its_articles_stored(tmp_path):
    """With no failure allowed, a worker killed mid-batch fails the batch at once (KilledWorker): its
    articles go again one by one and every one is stored; nothing is reported lost."""
    import logging
    import threading

    import dask
    from distributed import Client, LocalCluster

    texts = [("en", f"Britain sanctioned {n} Russian banks on Monday.") for n in range(2, 14)]
    store = open_store(f"sqlite:///{tmp_path / 'rung.sqlite'}")
    killed: list[int] = []
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                         silence_logs=logging.ERROR) as local, Client(local.scheduler_address) as watcher:
        pids = watcher.run(os.getpid)

        def kill_when_busy() -> None:
            for _ in range(600):  # up to a minute
                busy = [a for a, keys in watcher.processing().items() if any("rung-analyze" in k for k in keys)]
                if busy and busy[0] in pids:
                    os.kill(pids[busy[0]], signal.SIGKILL)
                    killed.append(pids[busy[0]])
                    return
                threading.Event().wait(0.1)

        killer = threading.Thread(target=kill_when_busy, daemon=True)
        killer.start()
        report = ingest(_articles(texts, "s"), store, Settings.load(), scheduler=local.scheduler_address,
                        batch_size=6)
        killer.join(timeout=60)
    assert killed, "no worker was killed"
    assert (report.added, report.problems) == (len(texts), [])
    assert {a.body for a in store.articles()} == {text for _, text in texts}
