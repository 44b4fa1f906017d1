"""Hand-built records for store tests (no NLP involved)."""

from __future__ import annotations

import datetime as dt

from rung.ingest import make_article
from rung.model import (
    Actor,
    ActorSummary,
    Claim,
    DocumentRecord,
    Event,
    Evidence,
    Mention,
    Sentence,
    Span,
)

RUSSIA = Actor(id="Q159", name="Russia", type="state", aliases={"en": ["Russia"]})
UK = Actor(id="Q145", name="United Kingdom", type="state", aliases={"en": ["Britain"]})


def make_record(text: str, n_mentions: int = 2, date: dt.date = dt.date(2024, 11, 25),
                outlet: str | None = None) -> DocumentRecord:
    article = make_article(text, title=text[:20], date=date, lang="en", outlet=outlet, source="test")
    sentence = Sentence(index=0, start=0, end=len(article.body), text=article.body)
    mentions = [Mention(sentence=0, start=0, end=6, text=article.body[:6], actor_id="Q159" if i % 2 == 0 else None,
                        label="state" if i % 2 == 0 else "person", rule="alias" if i % 2 == 0 else "proper-noun:person")
                for i in range(n_mentions)]
    event = Event(id=f"{article.id}-e0", article_id=article.id, source="Q159", target="Q145", source_country="Q159",
                  target_country="Q145", plover="SANCTION", cameo="16", modality="recommended", date=date,
                  sentence_index=0, sentence=article.body, span=Span(start=0, end=len(article.body)),
                  evidence=Evidence(predicate="expel", cues=["should"], rules=["lexicon:en:expel"]))
    claim = Claim(id=f"{article.id}-c0", article_id=article.id, text=article.body, sentence_index=0,
                  span=Span(start=0, end=len(article.body)), attributed_to="rung:author", status="asserted",
                  event_ids=[event.id])
    return DocumentRecord(article=article, sentences=[sentence],
                          actors=[ActorSummary(id="Q159", name="Russia", type="state", mentions=(n_mentions + 1) // 2)],
                          mentions=mentions, events=[event], claims=[claim])
