"""`--workers` may be given without a number (one worker per core): the value is filled in before parsing."""

from __future__ import annotations

import pytest

from rung.cli.main import fill_optional_values

CASES = [
    (["ingest", "corpus/", "--workers"], ["ingest", "corpus/", "--workers", "0"]),
    (["ingest", "--workers", "corpus/"], ["ingest", "--workers", "0", "corpus/"]),
    (["ingest", "corpus/", "--workers", "3"], ["ingest", "corpus/", "--workers", "3"]),
    (["ingest", "corpus/", "--workers", "--db", "x"], ["ingest", "corpus/", "--workers", "0", "--db", "x"]),
    (["ingest", "--", "--workers"], ["ingest", "--", "--workers"]),  # after --, a file named --workers
    (["ladder", "--db", "x"], ["ladder", "--db", "x"]),
]


@pytest.mark.parametrize(("given", "parsed"), CASES)
def test_workers_without_a_number(given, parsed):
    assert fill_optional_values(given) == parsed
