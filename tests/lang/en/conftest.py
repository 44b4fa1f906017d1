"""English fixtures: the spaCy model loads once per session (through the shared Analyzer)."""

from __future__ import annotations

import datetime as dt

import pytest

from rung.ingest import make_article

DATE = dt.date(2024, 11, 21)  # a Thursday


@pytest.fixture(scope="session")
def english(analyzer):
    """A function: English text -> DocumentRecord, dated 2024-11-21."""

    def run(text: str, date: dt.date = DATE):
        return analyzer.analyze(make_article(text, title="test", date=date, lang="en", source="test"))

    return run


@pytest.fixture(scope="session")
def support():
    from rung.nlp import get_language
    from rung.settings import Settings

    return get_language("en", model=Settings.load().model_for("en"))
