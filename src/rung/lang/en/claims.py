"""English claims: who asserts each event, citing whom, and official responses that change status.

Per sentence, in order:
  - named attribution: a reporting verb (said, reported, claimed, denied, declined to comment) whose subject
    names an actor, or 'according to X', makes a claim by that actor over the events in the verb's clause; a
    media outlet's claim cites 'unnamed' and is `unconfirmed`;
  - a speaker phrase that names no one ('two senior U.S. officials, who spoke on condition of anonymity',
    'according to several security sources') makes a claim by the author citing 'unnamed', `unconfirmed`;
    so does an agentless report ('reportedly', 'is said to');
  - verbal acts (condemned, warned, urged, rejected) are claims of the event's source;
  - events left over are asserted by the author.
Statements such as 'declined to comment' or 'denied' by an official party are returned as `OfficialResponse`s;
`rung.claims.apply_responses` then updates the reports they bear on, across the whole article.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rung.actors.kb import KnowledgeBase
from rung.claims import AUTHOR, UNNAMED, OfficialResponse
from rung.lang.en.actors import EnglishActors, token_actors
from rung.lang.en.events import ArticleState, EnglishEventExtractor, SentenceContext, phrasal_keys
from rung.lang.en.lexicon import load_lexicon
from rung.model import ActorType, Claim, ClaimStatus, Event, Evidence, Mention, Modality, Sentence, Span


def _claim_id(article_id: str, sentence: int, start: int, speaker: str | None) -> str:
    key = f"{article_id}|{sentence}|{start}|{speaker}"
    return f"{article_id}-c{hashlib.sha1(key.encode()).hexdigest()[:8]}"


@dataclass(frozen=True, slots=True)
class _Attribution:
    predicate: Any  # the token whose clause the claim covers
    speaker: str | None  # actor id, or None for unnamed sources
    rule: str


class EnglishClaimExtractor:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.cues = load_lexicon().cues
        self.actors = EnglishActors(kb)
        self.events = EnglishEventExtractor(kb)
        self.reporting = set(self.cues["reporting_predicates"])
        self.unnamed_heads = set(self.cues["unnamed_source_heads"])
        self.speaker_status = {k: ClaimStatus(v) for k, v in self.cues["speaker_status"].items()}

    # -- speakers ----------------------------------------------------------------------------------
    def _unnamed(self, head: Any, ctx: SentenceContext) -> bool:
        """A phrase headed by 'officials', 'sources', 'diplomat'... that names no person or institution."""
        if head.lemma_.lower() not in self.unnamed_heads and head.lower_ not in self.unnamed_heads:
            return False
        m = ctx.token_actor.get(head.i)
        actor = self.kb.get(m.actor_id) if m else None
        return actor is None or actor.type is ActorType.generic

    def _speaker(self, head: Any, ctx: SentenceContext) -> tuple[str | None, bool]:
        """(actor id, unnamed) for a speaker phrase; (None, False) when it names nobody rung knows."""
        if self._unnamed(head, ctx):
            return None, True
        actors = self.events.phrase_actors(head, ctx, resolve_pronouns=True)
        if not actors:
            # 'according to a doctrine signed by Putin': whoever the phrase names at any depth
            actors = [m.actor_id for t in head.subtree if (m := ctx.token_actor.get(t.i)) and m.actor_id]
        actors = [s for a in actors if (s := self.actors.as_source(a))]
        return (actors[0], False) if actors else (None, False)

    def attributions(self, doc: Any, ctx: SentenceContext) -> list[_Attribution]:
        found: list[_Attribution] = []
        for token in doc:
            if token.dep_ == "prep" and token.lower_ == "according":
                for pobj in (g for c in token.children for g in [c, *c.children] if g.dep_ == "pobj"):
                    speaker, unnamed = self._speaker(pobj, ctx)
                    unnamed = unnamed or (speaker is None and bool(self.cues["according_to_unnamed_by_default"]))
                    if unnamed or speaker:
                        found.append(_Attribution(token.head, None if unnamed else speaker,
                                                  "attribution:according-to" + (":unnamed" if unnamed else "")))
                    break
                continue
            if token.pos_ not in {"VERB", "AUX"} or token.lemma_.lower() not in self.reporting:
                continue
            if any(c.dep_ == "auxpass" for c in token.children):
                continue  # 'it was reported': agentless, the author's report
            subject = next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subject is None and token.dep_ in {"conj", "xcomp"}:
                subject = next((c for c in token.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subject is None:
                continue
            speaker, unnamed = self._speaker(subject, ctx)
            if unnamed:
                found.append(_Attribution(token, None, f"attribution:{token.lemma_.lower()}:unnamed"))
            elif speaker:
                found.append(_Attribution(token, speaker, f"attribution:{token.lemma_.lower()}"))
        return found

    # -- claims ------------------------------------------------------------------------------------
    def _stance(self, text: str) -> str | None:
        lowered = text.lower()
        for stance, words in self.cues["stance"].items():
            if any(re.search(r"\b" + re.escape(w) + r"\b", lowered) for w in words):
                return stance
        return None

    def _speaker_status(self, pred: Any) -> ClaimStatus:
        keys = phrasal_keys(pred)
        negated = any(c.dep_ == "neg" for c in pred.children)
        if pred.lemma_.lower() in {"comment", "respond", "reply"} and negated:
            return ClaimStatus.declined_to_comment
        for key in keys:
            if key in self.speaker_status:
                return self.speaker_status[key]
        return ClaimStatus.asserted

    def _claim(self, article_id: str, sentence: Sentence, lo: int, hi: int, speaker: str, cites: str | None,
               status: ClaimStatus, events: Sequence[Event], stance: str | None, admiralty: str | None,
               predicate: str | None, rule: str, cues: list[str] | None = None) -> Claim:
        return Claim(
            id=_claim_id(article_id, sentence.index, lo, speaker), article_id=article_id, text=sentence.text[lo:hi],
            sentence_index=sentence.index, span=Span(start=sentence.start + lo, end=sentence.start + hi),
            attributed_to=speaker, cites=cites, status=status, event_ids=[e.id for e in events], stance=stance,
            admiralty=admiralty, evidence=Evidence(predicate=predicate, cues=cues or [], rules=[rule]),
        )

    def extract(self, article_id: str, sentence: Sentence, doc: Any, mentions: Sequence[Mention],
                events: Sequence[Event]) -> list[Claim]:
        all_mentions = self.actors.mentions(sentence, doc, mentions)
        ctx = SentenceContext(doc=doc, sentence=sentence, token_actor=token_actors(doc, sentence, all_mentions),
                       state=ArticleState())
        claims: list[Claim] = []
        claimed: set[str] = set()
        by_speaker: dict[str, int] = {}
        for attribution in self.attributions(doc, ctx):
            pred = attribution.predicate
            scope = list(pred.subtree)
            lo, hi = min(t.idx for t in scope), max(t.idx + len(t.text) for t in scope)
            in_scope = [e for e in events if lo <= e.span.start - sentence.start < hi and e.id not in claimed]
            text = sentence.text[lo:hi]
            if attribution.speaker is None:
                claims.append(self._claim(article_id, sentence, lo, hi, AUTHOR, UNNAMED, ClaimStatus.unconfirmed,
                                          in_scope, None, None, pred.text, attribution.rule))
                claimed.update(e.id for e in in_scope)
                continue
            speaker = attribution.speaker
            if speaker in by_speaker:  # 'condemned ... and said': one claim per speaker and sentence
                index = by_speaker[speaker]
                old = claims[index]
                claims[index] = old.model_copy(update={"event_ids": [*old.event_ids, *(e.id for e in in_scope)]})
                claimed.update(e.id for e in in_scope)
                continue
            actor = self.kb.get(speaker)
            is_media = actor is not None and actor.type is ActorType.media
            status = ClaimStatus.unconfirmed if is_media else self._speaker_status(pred)
            by_speaker[speaker] = len(claims)
            claims.append(self._claim(article_id, sentence, lo, hi, speaker, UNNAMED if is_media else None, status,
                                      in_scope, None if is_media else self._stance(text),
                                      actor.admiralty if actor else None, pred.text, attribution.rule))
            claimed.update(e.id for e in in_scope)
        self._verbal_acts(article_id, sentence, events, claims, claimed, by_speaker)
        rest = [e for e in events if e.id not in claimed]
        if rest:
            lowered = sentence.text.lower()
            agentless = next((w for w in self.cues["agentless_attribution"]
                              if re.search(r"\b" + re.escape(w) + r"\b", lowered)), None)
            claims.append(self._claim(
                article_id, sentence, 0, len(sentence.text), AUTHOR, UNNAMED if agentless else None,
                ClaimStatus.unconfirmed if agentless else ClaimStatus.asserted, rest, None, None, None,
                "attribution:agentless" if agentless else "attribution:author", [agentless] if agentless else []))
        return claims

    def _verbal_acts(self, article_id: str, sentence: Sentence, events: Sequence[Event], claims: list[Claim],
                     claimed: set[str], by_speaker: dict[str, int]) -> None:
        """Condemned, warned, urged: the event's source asserts by acting; its claim covers the events of the
        act's clause (what was urged, what was threatened)."""
        verbal = self.cues["verbal_acts"]
        for event in events:
            if (event.id in claimed or event.plover.value not in verbal or not event.source
                    or event.modality not in (Modality.occurred, Modality.reported)):
                continue
            source = self.kb.get(event.source)
            if source is None or source.type in (ActorType.media, ActorType.generic):
                continue
            lo = event.span.start - sentence.start
            same = [e for e in events if e.id not in claimed and (e.span.start == event.span.start
                                                                   or e.span.start - sentence.start > lo)]
            if event.source in by_speaker:
                index = by_speaker[event.source]
                old = claims[index]
                claims[index] = old.model_copy(update={"event_ids": [*old.event_ids, *(e.id for e in same)]})
            else:
                by_speaker[event.source] = len(claims)
                claims.append(self._claim(article_id, sentence, 0, len(sentence.text), event.source, None,
                                          ClaimStatus.asserted, same, verbal[event.plover.value], source.admiralty,
                                          event.evidence.predicate, f"attribution:verbal-act:{event.plover.value}"))
            claimed.update(e.id for e in same)

    def responses(self, doc: Any, sentence: Sentence, mentions: Sequence[Mention]) -> list[OfficialResponse]:
        out: list[OfficialResponse] = []
        lowered = sentence.text.lower()
        all_mentions = self.actors.mentions(sentence, doc, mentions)
        for status, words in self.cues["status"].items():
            hit = next((w for w in words if re.search(r"\b" + re.escape(w.lower()) + r"\b", lowered)), None)
            if hit is None or status == "unconfirmed":
                continue
            countries = {c for m in all_mentions if m.actor_id and (c := self.kb.country_of(m.actor_id))}
            if countries:
                out.append(OfficialResponse(status=ClaimStatus(status), countries=frozenset(countries),
                                            sentence_index=sentence.index, cue=hit))
        return out
