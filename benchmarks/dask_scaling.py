"""Dask scaling: `rung ingest` on a local cluster of 1 worker vs 2 workers, on the same documents.

Run from the repository root:  python -m benchmarks.dask_scaling [--docs 60] [--workers 1,2]

For each worker count: a fresh LocalCluster (one thread per worker process), every worker's models loaded
before the clock starts, then the documents analysed on the cluster and stored from this process into a
fresh SQLite store, as `rung ingest --workers N` does. Prints documents/s and the speed-up over one
worker side by side. Target on a 2-core machine: 2 workers at least 1.8x one worker.

The machine's own ceiling is measured in the same run: the same pure-Python loop in 1 process, then in N
processes at once. On a shared machine (other people's jobs on the same cores) that ceiling is what N
processes can get at all, and the Dask speed-up should be read against it.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path


def run(n_workers: int, docs: list[str], folder: Path) -> dict:
    from distributed import get_task_stream

    from rung.corpus import IngestReport
    from rung.corpus.parallel import connect, run_on, start_analyzers
    from rung.ingest import make_article
    from rung.settings import Settings
    from rung.store import open_store

    settings = Settings.load()
    articles = [make_article(doc, lang="ja", source=f"bench-{i}") for i, doc in enumerate(docs)]
    store = open_store(f"sqlite:///{folder / f'workers-{n_workers}.sqlite'}")
    with connect(workers=n_workers) as client:
        start_analyzers(client, settings, languages=("ja",))  # every worker loads GiNZA before the clock
        with get_task_stream(client) as stream:  # when each task ran on its worker
            start = time.perf_counter()
            report = run_on(client, articles, store, settings, IngestReport())
            seconds = time.perf_counter() - start
    busy = sum(part["stop"] - part["start"] for task in stream.data for part in task["startstops"]
               if part["action"] == "compute")
    assert report.added == len(docs) and not report.problems, report.problems
    store.engine.dispose()
    return {"workers": n_workers, "docs": len(docs), "seconds": seconds, "docs_per_s": len(docs) / seconds,
            "busy": busy, "utilisation": busy / (seconds * n_workers)}


def _burn(n: int) -> float:
    start = time.perf_counter()
    total = 0
    for i in range(n):
        total += i * i
    return time.perf_counter() - start


def ceiling(n_processes: int, n: int = 20_000_000) -> float:
    """How much faster N processes finish N equal CPU-bound jobs than one process finishes one each in turn."""
    from concurrent.futures import ProcessPoolExecutor

    start = time.perf_counter()
    for _ in range(n_processes):
        _burn(n)
    alone = time.perf_counter() - start
    with ProcessPoolExecutor(n_processes) as pool:
        start = time.perf_counter()
        list(pool.map(_burn, [n] * n_processes))
        together = time.perf_counter() - start
    return alone / together


def main() -> None:
    from benchmarks.corpus import make_documents

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=60)
    parser.add_argument("--workers", default="1,2", help="worker counts to compare, e.g. 1,2")
    args = parser.parse_args()
    counts = [int(n) for n in args.workers.split(",")]
    docs = make_documents(args.docs)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for n in counts:
            rows.append(run(n, docs, Path(folder)))
            print(f"  {n} worker(s): {rows[-1]['seconds']:.1f} s", flush=True)
    top = max(counts)
    machine = ceiling(top)
    base = rows[0]["seconds"]
    print(f"\n{args.docs} seed-sized Japanese documents (~2,300 characters), analysed on Dask, stored in SQLite\n")
    print(f"{'workers':>8} {'seconds':>9} {'docs/s':>8} {'speed-up':>9} {'worker-s':>9} {'busy':>6}")
    for row in rows:
        print(f"{row['workers']:>8} {row['seconds']:>9.1f} {row['docs_per_s']:>8.2f} {base / row['seconds']:>8.2f}x"
              f" {row['busy']:>9.1f} {row['utilisation']:>5.0%}")
    print("\nworker-s: seconds the workers spent analysing, summed; busy: that over (wall time x workers). Busy near\n"
          "100% with worker-s growing with the workers means each worker got less CPU, not that Dask waited.")
    print(f"\nthis machine's ceiling now: {top} processes of a CPU-bound loop run {machine:.2f}x one process "
          "(2.0x on 2 idle cores)")


if __name__ == "__main__":
    main()
