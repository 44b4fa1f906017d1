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


def _long_texts(n: int) -> list[tuple[str, str]]:
    """Distinct English articles of a dozen sentences: enough work that a kill lands while one is analysed."""
    body = " ".join(f"Officials in Kyiv said {k} buildings were damaged and the power grid was hit again."
                    for k in range(12))
    return [("en", f"Russia fired {n} missiles at Kyiv on Tuesday. {body}") for n in range(2, 2 + n)]


def _kill_when_busy(watcher, killed: list[int], stop) -> None:
    """SIGKILL the first worker seen analysing a batch (polled every 10 ms, up to a minute)."""
    pids = watcher.run(os.getpid)
    for _ in range(6000):
        if stop.is_set():
            return
        busy = [a for a, keys in watcher.processing().items() if a in pids and any("rung-analyze" in k for k in keys)]
        if busy:
            os.kill(pids[busy[0]], signal.SIGKILL)
            killed.append(pids[busy[0]])
            return
        stop.wait(0.01)


def test_a_worker_killed_mid_run_loses_no_article(cluster, tmp_path):
    import threading

    from distributed import Client

    texts = _long_texts(16)
    store = open_store(f"sqlite:///{tmp_path / 'rung.sqlite'}")
    killed: list[int] = []
    with Client(cluster.scheduler_address) as watcher:
        before = set(watcher.run(os.getpid).values())
        stop = threading.Event()
        killer = threading.Thread(target=_kill_when_busy, args=(watcher, killed, stop), daemon=True)
        killer.start()
        report = ingest(_articles(texts, "k"), store, Settings.load(), scheduler=cluster.scheduler_address,
                        batch_size=2, report=IngestReport())
        stop.set()
        killer.join(timeout=60)
        watcher.wait_for_workers(2, timeout=120)  # the nanny restarts the killed worker for the next test
        after = set(watcher.run(os.getpid).values())
    assert killed, "no worker was seen analysing: the kill would prove nothing"
    assert killed[0] in before and killed[0] not in after
    assert (report.added, report.problems) == (len(texts), [])
    assert store.article_count() == len(texts)
    assert {a.body for a in store.articles()} == {text for _, text in texts}


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

    texts = _long_texts(12)
    store = open_store(f"sqlite:///{tmp_path / 'rung.sqlite'}")
    killed: list[int] = []
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                         silence_logs=logging.ERROR) as local, Client(local.scheduler_address) as watcher:
        stop = threading.Event()
        killer = threading.Thread(target=_kill_when_busy, args=(watcher, killed, stop), daemon=True)
        killer.start()
        report = ingest(_articles(texts, "s"), store, Settings.load(), scheduler=local.scheduler_address,
                        batch_size=6)
        stop.set()
        killer.join(timeout=60)
    assert killed, "no worker was killed"
    assert (report.added, report.problems) == (len(texts), [])
    assert {a.body for a in store.articles()} == {text for _, text in texts}
