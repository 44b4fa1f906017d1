"""analyze: Article -> DocumentRecord, the whole pipeline in one place, stages in order.

read -> detect language -> split sentences -> link actors (knowledge base, roles) -> tokenise every
sentence (cheap) for proper nouns the knowledge base lacks -> parse only the sentences that can hold an
event -> events -> claims -> ladder.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rung.actors import KnowledgeBase, load_knowledge_base
from rung.actors.linker import Linker, unlinked_mentions
from rung.actors.table import actor_table, referenced_ids
from rung.claims import apply_responses
from rung.ingest import expand_paths, read_file
from rung.model import Article, Claim, DocumentRecord, Event, Mention, Sentence
from rung.nlp import detect_language, get_language
from rung.settings import Settings

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Analyzer:
    """Holds what is loaded once (knowledge base, linker, language models) across many articles."""

    settings: Settings = field(default_factory=Settings)
    kb: KnowledgeBase = field(init=False)
    linker: Linker = field(init=False)
    _extractors: dict = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.kb = load_knowledge_base(self.settings.knowledge_base_files)
        self.linker = Linker(self.kb)

    def analyze(self, article: Article) -> DocumentRecord:
        lang = article.lang or detect_language(article.body)
        support = get_language(lang, article.source or article.id, model=self.settings.model_for(lang),
                               ner=self.settings.ner.get(lang or ""))
        if article.lang != lang:
            article = article.model_copy(update={"lang": lang})
        text = article.body
        sentences = support.split_sentences(text)
        proposals: list[tuple[int, int, str]] = []
        for sentence, doc in zip(sentences, support.tokenize(s.text for s in sentences), strict=True):
            proposals.extend((sentence.start + s, sentence.start + e, label) for s, e, label in support.proper_nouns(doc))
        # minted actors (titled people, institutions by composition) resolve through self.kb from here on
        linked = self.linker.link_article(text, sentences, support.code, proposals, article.date).mentions
        mentions = sorted([*linked, *unlinked_mentions(proposals, linked, text, sentences)], key=lambda m: m.start)
        # gazetteer places (rule 'place') locate events; they are not offered to the extractors as actors
        events, claims = self._events_and_claims(article, support, sentences, [m for m in linked if m.rule != "place"])
        referenced = [*referenced_ids(events, claims), *self.linker.outlet_actors(article.outlet)]
        actors = actor_table(mentions, referenced, self.kb)
        return DocumentRecord(article=article, sentences=sentences, actors=actors,
                              mentions=mentions, events=events, claims=claims)

    def _events_and_claims(self, article: Article, support, sentences: Sequence[Sentence],
                           linked: Sequence[Mention]) -> tuple[list[Event], list[Claim]]:
        """Parse only the sentences that can hold an event: they name a known actor, or follow a frame
        that names one implicitly. No actor, no event."""
        with_actor = {m.sentence for m in linked if m.actor_id}
        extractor = self._extractors.get(support.code) or self._extractors.setdefault(
            support.code, (support.event_extractor(self.kb), support.claim_extractor(self.kb)))
        event_extractor, claim_extractor = extractor
        # the language decides which sentences can hold an event: a known actor, or words its rules link
        # (English demonyms and capitals, a Japanese recommendation frame's implicit subject)
        chosen = [sentences[i] for i in event_extractor.candidate_sentences(sentences, with_actor)]
        if not chosen:
            return [], []
        state = event_extractor.new_state()
        docs = support.parse(support.tokenize(s.text for s in chosen))
        events: list[Event] = []
        claims: list[Claim] = []
        responses = []
        by_sentence: dict[int, list[Mention]] = {}
        for mention in linked:
            by_sentence.setdefault(mention.sentence, []).append(mention)
        for sentence, doc in zip(chosen, docs, strict=True):
            here = by_sentence.get(sentence.index, [])
            found = event_extractor.extract(article.id, article.date, sentence, doc, here, state)
            event_extractor.update_state(state, sentence, doc, here)
            events.extend(found)
            claims.extend(claim_extractor.extract(article.id, sentence, doc, here, found))
            responses.extend(claim_extractor.responses(doc, sentence, here))
        claims = apply_responses(claims, events, responses)
        events = place_events(events, claims, self.kb)
        return events, claims

    def actors_of(self, record: DocumentRecord):
        return [a for s in record.actors if (a := self.kb.get(s.id)) is not None]

    def analyze_paths(self, paths: Iterable[Path], on_article: Callable[[Path], None] | None = None
                      ) -> Iterator[DocumentRecord]:
        for path in expand_paths(paths):
            for article in read_file(path):
                yield self.analyze(article)
            if on_article:
                on_article(path)


def analyze_path(path: Path | str, settings: Settings | None = None) -> list[DocumentRecord]:
    """Every article in one file (or directory), analysed."""
    return list(Analyzer(settings or Settings()).analyze_paths([Path(path)]))


def place_events(events: list[Event], claims: list[Claim], kb: KnowledgeBase) -> list[Event]:
    """The ladder stage: rung, weight and Goldstein on every event (when rung.ladder is present)."""
    try:
        from rung.ladder import place_events as ladder_place
    except ImportError:
        return events
    return ladder_place(events, claims, kb)
