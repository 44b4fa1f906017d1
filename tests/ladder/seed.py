"""The seed's key events as hand-made records, built from tests/ladder/golden/seed_ladder.json."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from rung.actors.kb import KnowledgeBase
from rung.model import (
    Actor,
    ActorSummary,
    Article,
    Claim,
    DocumentRecord,
    Event,
    Evidence,
    Sentence,
    Span,
)

GOLDEN = Path(__file__).parent / "golden" / "seed_ladder.json"
ARTICLE_ID = "seed-2024-11-25"


def golden() -> dict:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


def seed_events(kb: KnowledgeBase, article_id: str = ARTICLE_ID) -> tuple[list[Event], list[Claim]]:
    """Unplaced events (no rung/weight) and the claims that report them."""
    doc = golden()
    events, claims = [], []
    for case in doc["events"]:
        instrument = kb.resolve(case["instrument"]).id if case["instrument"] else None
        event = Event(
            id=f"{article_id}-{case['id']}", article_id=article_id, source=case["source"], target=case["target"],
            source_country=kb.country_of(case["source"]), target_country=kb.country_of(case["target"]),
            plover=case["plover"], cameo=case["cameo"], modality=case["modality"],
            date=dt.date.fromisoformat(case.get("date") or doc["date"]), instrument=instrument,
            sentence_index=case["sentence_index"], sentence=case["sentence"],
            span=Span(start=case["span"][0], end=case["span"][1]),
            evidence=Evidence(predicate=case["predicate"], rules=[f"golden:{case['id']}"]),
        )
        events.append(event)
        if case["claim_status"]:
            claims.append(Claim(id=f"{event.id}-claim", article_id=article_id, text=case["sentence"],
                                sentence_index=case["sentence_index"], span=event.span, attributed_to="rung:media",
                                status=case["claim_status"], event_ids=[event.id]))
    return events, claims


def seed_record(kb: KnowledgeBase, body: str = "seed ladder events", date: dt.date = dt.date(2024, 11, 25),
                article_id: str = ARTICLE_ID) -> DocumentRecord:
    """A storable record holding the placed seed events (the body is a stand-in, not the article)."""
    from rung.ladder import place_events

    events, claims = seed_events(kb, article_id)
    placed = place_events(events, claims, kb)
    article = Article(id=article_id, title="バイデンからのエスカレーション", date=date, body=body, lang="ja")
    return DocumentRecord(article=article, sentences=[Sentence(index=0, start=0, end=len(body), text=body)],
                          actors=[], mentions=[], events=placed, claims=claims)


def kb_actors(kb: KnowledgeBase) -> list[Actor]:
    return list(kb)


__all__ = ["ActorSummary", "golden", "kb_actors", "seed_events", "seed_record"]
