"""Japanese claims: who asserts each event, citing whom, and official responses that change status.

Per sentence, in order:
  - named attribution: a reporting predicate (報じる, 示唆, 表明, 評する, 同意...) with an actor as its
    subject, or an actor with によれば/によると, makes a claim by that actor over the events in its clause;
  - agentless attribution (とされる, 指摘されている) makes a claim by the author citing 'unnamed',
    `unconfirmed`;
  - events left over are asserted by the author.
Statements such as コメントを控え or 否定 by an official party are returned as `OfficialResponse`s;
`rung.claims.apply_responses` then updates the claims they bear on, across the whole article.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from rung.actors.kb import KnowledgeBase
from rung.claims import AUTHOR, UNNAMED, OfficialResponse
from rung.lang.ja.events import load_lexicon
from rung.model import ActorType, Claim, ClaimStatus, Event, Evidence, Mention, Sentence, Span

_SOURCE_CASES = ("が", "は", "も")


def _claim_id(article_id: str, sentence: int, start: int, speaker: str | None) -> str:
    key = f"{article_id}|{sentence}|{start}|{speaker}"
    return f"{article_id}-c{hashlib.sha1(key.encode()).hexdigest()[:8]}"


class JapaneseClaimExtractor:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.cues = load_lexicon().cues

    def _mention_at(self, token: Any, sentence: Sentence, mentions: Sequence[Mention]) -> Mention | None:
        start = sentence.start + token.idx
        end = start + len(token.text)
        for m in mentions:
            if m.actor_id and m.start < end and start < m.end:
                return m
        return None

    def _phrase_actor(self, head: Any, sentence: Sentence, mentions: Sequence[Mention]) -> list[str]:
        found: list[str] = []
        for t in head.subtree:
            if t.i > head.i:
                continue
            m = self._mention_at(t, sentence, mentions)
            if m and m.actor_id and m.actor_id not in found:
                actor = self.kb.get(m.actor_id)
                if actor is not None and actor.type is not ActorType.weapon:
                    found.append(m.actor_id)
        return found

    @staticmethod
    def _case(token: Any) -> str:
        return "".join(c.text for c in token.children if c.dep_ in {"case", "fixed"} and c.i > token.i) + "".join(
            g.text for c in token.children if c.dep_ == "case" for g in c.children if g.dep_ == "fixed")

    def _speakers(self, doc: Any, sentence: Sentence, mentions: Sequence[Mention]) -> list[tuple[Any, list[str], str]]:
        """(predicate token, speaker ids, rule) for each named attribution in the sentence."""
        reporting = set(self.cues["reporting_predicates"])
        postpositions = tuple(self.cues["source_postpositions"])
        found: list[tuple[Any, list[str], str]] = []
        for token in doc:
            case = self._case(token)
            if case.startswith(postpositions):
                actors = self._phrase_actor(token, sentence, mentions)
                if actors:
                    found.append((token.head, actors, f"attribution:{case}"))
                continue
            if token.lemma_ not in reporting:
                continue
            # a reporting noun carried by a light verb (同意を示し, 表明した): the speaker is the verb's subject
            carriers = [token] + ([token.head] if token.dep_ in {"obj", "compound"} and token.head.i != token.i else [])
            for carrier in carriers:
                subjects = [c for c in carrier.children if c.dep_ in {"nsubj", "dislocated"} or
                            (c.dep_ in {"obl", "nmod"} and self._case(c) in _SOURCE_CASES)]
                speakers = [a for s in subjects for a in self._phrase_actor(s, sentence, mentions)]
                if speakers:
                    found.append((carrier, speakers, f"attribution:{token.lemma_}"))
                    break
        return found

    def _stance(self, text: str) -> str | None:
        for stance, words in self.cues["stance"].items():
            if any(w in text for w in words):
                return stance
        return None

    def responses(self, doc: Any, sentence: Sentence, mentions: Sequence[Mention]) -> list[OfficialResponse]:
        out: list[OfficialResponse] = []
        for status, words in self.cues["status"].items():
            hit = next((w for w in words if w in sentence.text), None)
            if hit is None or status == "unconfirmed":
                continue
            countries = {c for m in mentions if m.sentence == sentence.index and m.actor_id
                         and (c := self.kb.country_of(m.actor_id))}
            if countries:
                out.append(OfficialResponse(status=ClaimStatus(status), countries=frozenset(countries),
                                            sentence_index=sentence.index, cue=hit))
        return out

    def extract(self, article_id: str, sentence: Sentence, doc: Any, mentions: Sequence[Mention],
                events: Sequence[Event]) -> list[Claim]:
        claims: list[Claim] = []
        claimed: set[str] = set()
        by_start = {e.span.start - sentence.start: e for e in events}
        for pred, speakers, rule in self._speakers(doc, sentence, mentions):
            scope = list(pred.subtree)
            lo, hi = min(t.idx for t in scope), max(t.idx + len(t.text) for t in scope)
            in_scope = [e for e in events if lo <= e.span.start - sentence.start < hi and e.id not in claimed
                        and e.source not in speakers]
            speaker = speakers[0]
            actor = self.kb.get(speaker)
            is_media = actor is not None and actor.type is ActorType.media or speaker.endswith("-media")
            text = sentence.text[lo:hi]
            status = ClaimStatus.unconfirmed if is_media else ClaimStatus.asserted
            cites = UNNAMED if is_media else None
            claims.append(Claim(
                id=_claim_id(article_id, sentence.index, lo, speaker), article_id=article_id, text=text,
                sentence_index=sentence.index, span=Span(start=sentence.start + lo, end=sentence.start + hi),
                attributed_to=speaker, cites=cites, status=status, event_ids=[e.id for e in in_scope],
                stance=None if is_media else self._stance(text), admiralty=actor.admiralty if actor else None,
                evidence=Evidence(predicate=pred.text, cues=[], rules=[rule]),
            ))
            claimed.update(e.id for e in in_scope)
        rest = [e for e in events if e.id not in claimed]
        if rest:
            agentless = next((w for w in self.cues["agentless_attribution"] if w in sentence.text), None)
            status = ClaimStatus.unconfirmed if agentless else ClaimStatus.asserted
            claims.append(Claim(
                id=_claim_id(article_id, sentence.index, 0, AUTHOR), article_id=article_id, text=sentence.text,
                sentence_index=sentence.index, span=Span(start=sentence.start, end=sentence.end),
                attributed_to=AUTHOR, cites=UNNAMED if agentless else None, status=status,
                event_ids=[e.id for e in rest], stance=None,
                evidence=Evidence(predicate=None, cues=[agentless] if agentless else [],
                                  rules=["attribution:agentless" if agentless else "attribution:author"]),
            ))
        del by_start
        return claims
