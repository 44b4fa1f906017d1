"""Records are closed over the whole development set: every actor id that a mention, an event or a claim
refers to is listed in the record's actors, and so is each listed actor's country (the scorer backs a
ministry or an office-holder off to its state through that entry). Reads ../shared/data/dev at test time
($RUNG_SHARED overrides where shared/ is); skipped when it is absent."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ..conftest import SHARED

DEV = Path(os.environ.get("RUNG_SHARED", SHARED)) / "data" / "dev"


def _cases(lang: str) -> list[dict]:
    path = DEV / f"{lang}.jsonl"
    if not path.exists():
        pytest.skip(f"no development set at {path}")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _open_references(analyzer, case: dict) -> list[str]:
    from rung.model import Article

    article = Article(id=case["id"], body=case["text"], lang=case["lang"], title=case.get("title"))
    try:
        record = analyzer.analyze(article)
    except Exception as error:  # noqa: BLE001 (an extractor failing is not the actor table failing)
        return [f"{case['id']}: analysis failed ({error.__class__.__name__}: {error})"]
    listed = {a.id for a in record.actors}
    named = {m.actor_id for m in record.mentions if m.actor_id}
    named |= {i for e in record.events for i in (e.source, e.target, e.instrument, getattr(e, "location", None)) if i}
    named |= {i for c in record.claims for i in (c.attributed_to, c.cites) if i and i != "unnamed"}
    named |= {a.country for a in record.actors if a.country}
    return [f"{case['id']}: {i} not listed" for i in sorted(named - listed)]


def test_english_dev_records_are_closed(analyzer):
    problems = [p for case in _cases("en") for p in _open_references(analyzer, case)]
    assert [p for p in problems if "not listed" in p] == []


@pytest.mark.slow
def test_japanese_dev_records_are_closed(analyzer):
    problems = [p for case in _cases("ja") for p in _open_references(analyzer, case)]
    assert [p for p in problems if "not listed" in p] == []
