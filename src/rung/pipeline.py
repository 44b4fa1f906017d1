"""analyze: Article -> DocumentRecord, the whole pipeline in one place, stages in order.

read -> detect language -> split sentences -> link actors (knowledge base, roles) -> tokenise every
sentence (cheap) for proper nouns the knowledge base lacks -> parse only the sentences that can hold an
event -> events -> claims -> ladder.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from rung.actors import KnowledgeBase, load_knowledge_base
from rung.actors.linker import Linker, unlinked_mentions
from rung.actors.people import holder
from rung.actors.table import actor_table, referenced_ids
from rung.claims.build import QUESTION_RULE, ClaimBuilder
from rung.clauses import Attribution, Clause, Discourse, Evidential
from rung.errors import InputError
from rung.events.build import EventBuilder
from rung.ingest import expand_paths, read_file
from rung.model import ActorType, Article, Claim, DocumentRecord, Event, Mention, Sentence
from rung.nlp import detect_language, get_language
from rung.settings import Settings

log = logging.getLogger(__name__)

# Actor types that speak for a party when they publish (a ministry's release is the ministry's claim).
PARTY_TYPES = {ActorType.state, ActorType.organization, ActorType.military}


# How many articles `analyze_many` reads ahead: their sentences are parsed as one stream.
ANALYZE_WINDOW = 32


@dataclass(slots=True)
class _Prepared:
    """An article up to its parse: sentences, tokens, linked actors and the sentences chosen for the parser."""

    article: Article
    support: Any
    sentences: list[Sentence]
    tokenized: list
    linked: list[Mention]
    mentions: list[Mention]
    chosen: list[Sentence]

    def docs(self) -> list:
        return [self.tokenized[s.index] for s in self.chosen]


@dataclass(slots=True)
class Analyzer:
    """Holds what is loaded once (knowledge base, linker, language models) across many articles."""

    settings: Settings = field(default_factory=Settings)
    explain: bool = False
    kb: KnowledgeBase = field(init=False)
    linker: Linker = field(init=False)
    _adapters: dict = field(init=False, default_factory=dict)
    _tools: dict = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.kb = load_knowledge_base(self.settings.knowledge_base_files)
        self.linker = Linker(self.kb)

    def analyze(self, article: Article) -> DocumentRecord:
        prepared = self._prepare(article)
        return self._finish(prepared, list(prepared.support.parse(prepared.docs())))

    def analyze_many(self, articles: Iterable[Article], window: int = ANALYZE_WINDOW,
                     on_error: Callable[[Article, InputError], None] | None = None) -> Iterator[DocumentRecord]:
        """`analyze` for many articles, in order, with the same records: the sentences to parse of up to
        `window` articles go through the language's parser as one stream (full batches across articles),
        then each article's record is built. An article rung cannot read (InputError) goes to `on_error`
        and the rest carry on; without `on_error` the error is raised."""
        batch: list[_Prepared] = []
        for article in articles:
            try:
                batch.append(self._prepare(article))
            except InputError as error:
                if on_error is None:
                    raise
                on_error(article, error)
                continue
            if len(batch) >= window:
                yield from self._finish_batch(batch)
                batch = []
        yield from self._finish_batch(batch)

    def _finish_batch(self, batch: list[_Prepared]) -> Iterator[DocumentRecord]:
        parsed: dict[int, list] = {}
        for code in dict.fromkeys(p.support.code for p in batch):
            group = [i for i, p in enumerate(batch) if p.support.code == code]
            docs = iter(batch[group[0]].support.parse(d for i in group for d in batch[i].docs()))
            for i in group:  # the stream is consumed in order, so an article's parses are the next len(chosen)
                parsed[i] = [next(docs) for _ in batch[i].chosen]
        for i, prepared in enumerate(batch):
            yield self._finish(prepared, parsed[i])

    def _prepare(self, article: Article) -> _Prepared:
        """Everything before the parse: language, sentences, tokens, linked actors, the sentences to parse."""
        lang = article.lang or detect_language(article.body)
        support = get_language(lang, article.source or article.id, model=self.settings.model_for(lang),
                               ner=self.settings.ner.get(lang or ""))
        if article.lang != lang:
            article = article.model_copy(update={"lang": lang})
        text = article.body
        sentences = support.split_sentences(text)
        proposals: list[tuple[int, int, str]] = []
        tokenized = list(support.tokenize(s.text for s in sentences))  # tokenised once: proper nouns, then the parse
        for sentence, doc in zip(sentences, tokenized, strict=True):
            proposals.extend((sentence.start + s, sentence.start + e, label) for s, e, label in support.proper_nouns(doc))
        # minted actors (titled people, institutions by composition) resolve through self.kb from here on
        linked = self.linker.link_article(text, sentences, support.code, proposals, article.date).mentions
        mentions = sorted([*linked, *unlinked_mentions(proposals, linked, text, sentences)], key=lambda m: m.start)
        adapter = self._adapter(support)
        chosen = [sentences[i] for i in adapter.candidate_sentences(sentences, linked)]
        return _Prepared(article, support, sentences, tokenized, linked, mentions, chosen)

    def _finish(self, prepared: _Prepared, parsed: Sequence) -> DocumentRecord:
        """Everything after the parse: clauses, events, claims, the ladder, the record."""
        article, support, sentences, linked = prepared.article, prepared.support, prepared.sentences, prepared.linked
        clauses = self._clauses_from(article, support, prepared.chosen, parsed, linked)
        events, claims = self._build(article, support, sentences, clauses)
        if self.settings.min_confidence:
            events = [e for e in events if e.confidence >= self.settings.min_confidence]
            kept = {e.id for e in events}
            claims = [c.model_copy(update={"event_ids": [i for i in c.event_ids if i in kept]}) for c in claims
                      if c.confidence >= self.settings.min_confidence]
        referenced = [*referenced_ids(events, claims), *self.linker.outlet_actors(article.outlet)]
        return DocumentRecord(article=article, sentences=sentences,
                              actors=actor_table(prepared.mentions, referenced, self.kb),
                              mentions=prepared.mentions, events=events, claims=claims,
                              clauses=[c.describe() for c in clauses] if self.explain else None)

    def _events_and_claims(self, article: Article, support, sentences: Sequence[Sentence],
                           linked: Sequence[Mention], tokenized: Sequence | None = None
                           ) -> tuple[list[Event], list[Claim], list[Clause]]:
        """Clauses from the language's parse adapter, then events and claims built once from them."""
        clauses = self.clauses(article, support, sentences, linked, tokenized)
        events, claims = self._build(article, support, sentences, clauses)
        return events, claims, clauses

    def _build(self, article: Article, support, sentences: Sequence[Sentence], clauses: list[Clause]
               ) -> tuple[list[Event], list[Claim]]:
        tools = self._tools.get(support.code) or self._tools.setdefault(support.code, self._make_tools(support))
        event_builder, claim_builder = tools
        events, acts_only = event_builder.build_with_acts(article.id, article.date, sentences, clauses)
        claims = claim_builder.build(article.id, sentences, clauses, events + acts_only)
        if acts_only:  # a claim lists events only (build.yaml: acts with no party are no events)
            kept = {e.id for e in events}
            claims = [c if all(i in kept for i in c.event_ids)
                      else c.model_copy(update={"event_ids": [i for i in c.event_ids if i in kept]}) for c in claims]
        return place_events(events, claims, self.kb), claims

    def _make_tools(self, support) -> tuple[EventBuilder, ClaimBuilder]:
        predicates, refinements = support.predicate_tables()
        events = EventBuilder(self.kb, predicates, refinements, support.resolve_date, support.code)
        return events, ClaimBuilder(self.kb, support.claim_cues(),
                                    performed_types=sorted(p.value for p in events.performative_types))

    def _adapter(self, support):
        return self._adapters.get(support.code) or self._adapters.setdefault(support.code, support.clause_adapter(self.kb))

    def clauses(self, article: Article, support, sentences: Sequence[Sentence],
                linked: Sequence[Mention], tokenized: Sequence | None = None) -> list[Clause]:
        """Every clause of the article (the sentences that can hold one), with the discourse carried along."""
        chosen = [sentences[i] for i in self._adapter(support).candidate_sentences(sentences, linked)]
        docs = [tokenized[s.index] for s in chosen] if tokenized is not None else \
            support.tokenize(s.text for s in chosen)
        return self._clauses_from(article, support, chosen, list(support.parse(docs)) if chosen else [], linked)

    def _clauses_from(self, article: Article, support, chosen: Sequence[Sentence], parsed: Sequence,
                      linked: Sequence[Mention]) -> list[Clause]:
        """The clauses of the chosen sentences from their parses, in order, the discourse carried along."""
        if not chosen:
            return []
        adapter = self._adapter(support)
        discourse = Discourse(kb=self.kb, publisher=self._title_speaker(article, support) or self._publisher(article))
        by_sentence: dict[int, list[Mention]] = {}
        for mention in linked:
            by_sentence.setdefault(mention.sentence, []).append(mention)
        clauses: list[Clause] = []
        for sentence, doc in zip(chosen, parsed, strict=True):
            here = by_sentence.get(sentence.index, [])
            turn = adapter.turn(sentence, here, discourse)
            if turn is not None:
                discourse.start_turn(*turn)
            found = adapter.clauses(sentence, doc, here, discourse, len(clauses))
            if discourse.question:
                for clause in found:  # a journalist's question asserts nothing (guide, Claims), hearsay in it neither
                    if clause.attribution is not None:
                        clause.attribution.rule = f"{QUESTION_RULE}{clause.attribution.rule}"
            voice = discourse.own_voice()
            unnamed = bool(voice) and all((a := self.kb.get(v)) is not None and a.type is ActorType.generic
                                          for v in voice)
            for clause in found:
                if clause.attribution is None and voice:
                    clause.attribution = Attribution(kind=Evidential.said, verb="(own voice)", speakers=voice,
                                                     unnamed=unnamed, rule="own-voice")
            clauses.extend(found)
        return clauses

    def _title_speaker(self, article: Article, support) -> list[str]:
        """A person named in a statement's or briefing's title speaks the text; an anonymous official's background
        briefing is an unnamed source's (publishers.yaml)."""
        title = (article.title or "").strip()
        if not title or not any(w in title.lower() for w in publisher_words("speaker_title_words")):
            return []
        data = publishers()
        if re.search(data["unnamed_title_pattern"], title) and self.kb.get(data["unnamed_title_actor"]):
            return [data["unnamed_title_actor"]]
        sentence = Sentence(index=0, start=0, end=len(title), text=title)
        # the partner of a call or a meeting is not the speaker: 「プーチン・ロシア大統領との電話会談についての会見」,
        # 'Remarks after the call with President Putin'
        people = [a.id for m in self.linker.link(title, [sentence], support.code)
                  if (a := self.kb.get(m.actor_id)) is not None and a.type is ActorType.person
                  and not _PARTNER_AFTER.match(title, m.end) and not _PARTNER_BEFORE.search(title[:m.start])]
        return people[:1] or self._title_office_holder(article, title)

    def _title_office_holder(self, article: Article, title: str) -> list[str]:
        """'PM statement on ...', 「総理大臣談話」 published by a government: the holder of the office the title opens
        with, for the publisher's state, on the article's date (actors/data/offices.yaml)."""
        match = re.search(publishers()["title_office_pattern"], title, re.IGNORECASE)
        publisher = next(map(self.kb.get, self._publisher(article)), None)
        if match is None or publisher is None or article.date is None:
            return []
        office = publishers()["title_offices"][next(g for g in match.groups() if g).lower()]
        state = self.kb.country_of(publisher.id) or publisher.id
        actor = holder(self.kb, office, state, article.date)
        return [actor.id] if actor is not None else []

    def _publisher(self, article: Article) -> list[str]:
        """The outlet when it is itself a party (a ministry, a government office, an armed force): its
        narration is its own claim (guide, Claims)."""
        if not article.outlet:
            return []
        outlet = article.outlet.strip()
        party_named = any(w in outlet.lower() for w in publisher_words("party_words"))
        actor = self.kb.resolve(outlet)
        if actor is None:
            actor = next(map(self.kb.get, self.linker.outlet_actors(outlet)), None)
            if actor is not None and actor.type is ActorType.state and not party_named:
                actor = None  # 'ウィキニュース (Japanese Wikinews)' names a language, not Japan's government
        if actor is None:
            linked = [(m, a) for m in self.linker.link(outlet, [Sentence(index=0, start=0, end=len(outlet),
                                                                         text=outlet)], "en")
                      if (a := self.kb.get(m.actor_id)) is not None]
            # a linked name must cover most of the outlet: 'Voice of America' is not America
            actor = next((a for m, a in linked if (m.end - m.start) >= 0.6 * len(outlet)), None)
            states = [a for _m, a in linked if a.type is ActorType.state]
            if actor is None and states and party_named:
                actor = states[0]
        if actor is None or actor.type not in PARTY_TYPES:
            return []
        return [actor.id]

    def actors_of(self, record: DocumentRecord):
        return [a for s in record.actors if (a := self.kb.get(s.id)) is not None]

    def analyze_paths(self, paths: Iterable[Path], on_article: Callable[[Path], None] | None = None
                      ) -> Iterator[DocumentRecord]:
        for path in expand_paths(paths):
            for article in read_file(path):
                yield self.analyze(article)
            if on_article:
                on_article(path)


_PARTNER_AFTER = re.compile(r"[^\s、。,]{0,12}?と(?:の|会談|電話)")
_PARTNER_BEFORE = re.compile(r"\b(?:with|and)\s+(?:(?:the\s+)?[A-Z][\w.'-]*\s+){0,3}$")


@lru_cache(maxsize=1)
def publishers() -> dict:
    return yaml.safe_load((resources.files("rung.claims") / "data" / "publishers.yaml").read_text(encoding="utf-8"))


def publisher_words(key: str) -> tuple[str, ...]:
    return tuple(publishers()[key])


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
