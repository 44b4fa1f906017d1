"""Run a spaCy pipeline's chosen components over docs in fixed-size batches (bounded memory)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from threadpoolctl import threadpool_limits


def run_in_batches(pipes: list[tuple[str, Any]], docs: Iterable[Any], batch_size: int) -> Iterator[Any]:
    """Each batch goes through every component before the next batch is read."""
    batch: list[Any] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= batch_size:
            yield from _through(pipes, batch, batch_size)
            batch = []
    if batch:
        yield from _through(pipes, batch, batch_size)


def _through(pipes: list[tuple[str, Any]], batch: list[Any], batch_size: int) -> Iterator[Any]:
    # One BLAS thread: the models' matrix products go through numpy's BLAS (rung.nlp.models), whose threads
    # spin waiting for a core on a busy machine; a single thread was faster than two for the English model
    # and never slower than thinc's BLIS kernel (benchmarks.throughput, benchmarks.corpus_throughput). The
    # batch is run to the end inside the limit, so nothing else runs under it.
    with threadpool_limits(limits=1, user_api="blas"):
        docs: Iterable[Any] = batch
        for _name, proc in pipes:
            docs = proc.pipe(docs, batch_size=batch_size) if hasattr(proc, "pipe") else (proc(d) for d in docs)
        done = list(docs)
    yield from done


def mentions_by_token(doc: Any, sentence_start: int, mentions: Iterable[Any]) -> dict[int, Any]:
    """Token index -> the linked mention covering it (mentions carry article offsets, the doc one sentence)."""
    from bisect import bisect_right

    by_token: dict[int, Any] = {}
    linked = [m for m in mentions if m.actor_id is not None]
    if not linked:
        return by_token
    starts = doc.to_array("IDX").tolist()  # without making a Token object per token
    for m in linked:
        start, end = m.start - sentence_start, m.end - sentence_start
        i = max(0, bisect_right(starts, start) - 1)  # the token holding the mention's start, then on (linear)
        while i < len(starts) and starts[i] < end:
            token = doc[i]
            if start < token.idx + len(token.text):
                by_token[i] = m
            i += 1
    return by_token
