"""Hand-built articles, events and claims for merge tests (no NLP), and an encoder that needs no model."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from rung.ingest import make_article
from rung.model import Actor, Claim, DocumentRecord, Event, Evidence, Sentence, Span

US, UA, RU, BY, UK, KP = "Q30", "Q212", "Q159", "Q184", "Q145", "Q423"
ACTORS = [
    Actor(id="rung:atacms", name="ATACMS", type="weapon", country=US),
    Actor(id="rung:storm-shadow", name="Storm Shadow", type="weapon", country=UK),
    Actor(id="Q974850", name="missile", type="weapon"),
]


@dataclass
class Ev:
    """One event in one sentence: (source, target, plover), a topic the fake encoder embeds, a date."""

    sentence: str
    topic: str
    source: str | None
    target: str | None
    plover: str = "ASSAULT"
    date: dt.date | None = None
    qualifier: str | None = None
    instrument: str | None = None
    modality: str = "reported"
    claims: list[tuple[str | None, str | None, str]] = field(default_factory=list)  # (attributed_to, cites, status)


def record(lang: str, date: dt.date | None, outlet: str | None, events: Sequence[Ev],
           extra_claims: Sequence[tuple[str | None, str, str]] = ()) -> DocumentRecord:
    """An article whose sentences are the events' sentences (one event each, unless sentences repeat)."""
    texts = list(dict.fromkeys(e.sentence for e in events)) + [text for _, text, _ in extra_claims]
    body = " ".join(texts)
    article = make_article(body, title=texts[0][:30], date=date, lang=lang, outlet=outlet, source="test")
    sentences, start = [], 0
    for i, text in enumerate(texts):
        sentences.append(Sentence(index=i, start=start, end=start + len(text), text=text))
        start += len(text) + 1
    index = {s.text: s for s in sentences}
    out_events, out_claims = [], []
    for n, e in enumerate(events):
        s = index[e.sentence]
        event = Event(id=f"{article.id}-e{n}", article_id=article.id, source=e.source, target=e.target,
                      source_country=e.source, target_country=e.target, plover=e.plover, cameo="18",
                      modality=e.modality, date=e.date, date_qualifier=e.qualifier, instrument=e.instrument,
                      sentence_index=s.index, sentence=s.text, span=Span(start=s.start, end=s.end),
                      evidence=Evidence(predicate=e.topic))
        out_events.append(event)
        for k, (by, cites, status) in enumerate(e.claims):
            out_claims.append(Claim(id=f"{article.id}-c{n}.{k}", article_id=article.id, text=s.text,
                                    sentence_index=s.index, span=Span(start=s.start, end=s.end), attributed_to=by,
                                    cites=cites, status=status, event_ids=[event.id]))
    for k, (by, text, status) in enumerate(extra_claims):
        s = index[text]
        out_claims.append(Claim(id=f"{article.id}-x{k}", article_id=article.id, text=text, sentence_index=s.index,
                                span=Span(start=s.start, end=s.end), attributed_to=by, status=status,
                                event_ids=[ev.id for ev in out_events]))
    return DocumentRecord(article=article, sentences=sentences, actors=[], mentions=[], events=out_events,
                          claims=out_claims)


class TopicEncoder:
    """Embeds a sentence as the one-hot vector of its topic: same topic -> cosine 1, else 0."""

    name = "topic"
    thresholds = (0.5, 0.5)

    def __init__(self, topics: dict[str, str]) -> None:
        self.topics = topics
        self.calls = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        names = sorted(set(self.topics.values()))
        out = np.zeros((len(texts), len(names)), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i, names.index(self.topics[text])] = 1.0
        return out


def topics_of(*records: DocumentRecord) -> dict[str, str]:
    return {e.sentence: e.evidence.predicate or "" for r in records for e in r.events}
