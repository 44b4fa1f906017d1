"""Corpus: many articles in, the store filled.

`ingest` runs the pipeline over a stream of articles, serially or on a Dask cluster (`parallel`), and
writes each record in its own transaction from the calling process. `watch` follows RSS/Atom feeds and
directories and ingests what is new, remembering what it has seen in a small state file (`state`), and
`notify` tells someone when a dyad crosses a rung.
"""

from rung.corpus.ingest import IngestReport, ingest, read_inputs

__all__ = ["IngestReport", "ingest", "read_inputs"]
