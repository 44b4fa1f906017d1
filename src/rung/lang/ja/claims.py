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
from rung.model import ActorType, Claim, ClaimStatus, Event, Evidence, Mention, Modality, Sentence, Span

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
        """Speakers named by the phrase, the one nearest its head first (ベネズエラのマドゥロ大統領 -> Maduro)."""
        found: list[str] = []
        for t in head.subtree:
            if t.i > head.i:
                continue
            m = self._mention_at(t, sentence, mentions)
            if m and m.actor_id and m.actor_id not in found:
                actor = self.kb.get(m.actor_id)
                if actor is not None and actor.type not in (ActorType.weapon, ActorType.place):
                    found.append(m.actor_id)
        return found[::-1]

    @staticmethod
    def _case(token: Any) -> str:
        return "".join(c.text for c in token.children if c.dep_ in {"case", "fixed"} and c.i > token.i) + "".join(
            g.text for c in token.children if c.dep_ == "case" for g in c.children if g.dep_ == "fixed")

    def _speakers(self, doc: Any, sentence: Sentence, mentions: Sequence[Mention]
                  ) -> list[tuple[Any, list[str], str, bool]]:
        """(predicate token, speaker ids, rule, unnamed) for each attribution in the sentence.

        `unnamed` marks a speaker phrase that names no one (政府関係者によると): the claim is then the
        author's, citing unnamed sources."""
        reporting = set(self.cues["reporting_predicates"]) | set(self.cues["view_predicates"])
        postpositions = tuple(self.cues["source_postpositions"])
        markers = tuple(self.cues["unnamed_source_markers"])
        found: list[tuple[Any, list[str], str, bool]] = []

        def unnamed(phrase_head: Any) -> bool:
            return any(t.text.endswith(markers) or t.lemma_ in markers for t in phrase_head.subtree if t.i <= phrase_head.i)

        for token in doc:
            case = self._case(token)
            if case.startswith(postpositions):
                actors = self._phrase_actor(token, sentence, mentions)
                if unnamed(token):
                    found.append((token.head, [], f"attribution:{case}:unnamed", True))
                elif actors:
                    found.append((token.head, actors, f"attribution:{case}", False))
                continue
            if token.lemma_ not in reporting or any(
                    c.dep_ == "aux" and c.lemma_ in {"れる", "られる"} for c in token.children):
                continue  # 指摘されている: agentless, handled as the author's report
            # a reporting noun carried by a light verb (同意を示し, 表明した): the speaker is the verb's subject;
            # a bare noun (報道について) reports nothing itself
            carried = token.dep_ in {"obj", "compound"} and token.head.i != token.i and token.head.pos_ == "VERB"
            quotes = any(self._case(c) == "と" for c in token.children)  # 〜と表明、: a quoted clause
            if token.pos_ == "NOUN" and not carried and not quotes and not any(
                    c.dep_ == "aux" and c.lemma_ == "する" for c in token.children):
                continue
            carriers = [token] + ([token.head] if carried else [])
            for carrier in carriers:
                subjects = [c for c in carrier.children if c.dep_ in {"nsubj", "dislocated"} or
                            (c.dep_ in {"obl", "nmod"} and self._case(c) in _SOURCE_CASES)]
                # in a run of reactions (Xは…と表明、Yは…と評し) the parser may give the verb the wrong
                # topic: the nearest は-phrase before the verb is its speaker
                topics = [t for t in doc if t.i < carrier.i and self._case(t) in {"は", "も"}
                          and self._phrase_actor(t, sentence, mentions)]
                if topics and (not subjects or topics[-1].i > max(c.i for c in subjects)):
                    subjects = [topics[-1]]
                subjects = sorted(subjects, key=lambda c: c.i)[-1:]
                speakers = [a for s in subjects for a in self._phrase_actor(s, sentence, mentions)]
                if speakers:
                    found.append((carrier, speakers, f"attribution:{token.lemma_}", any(unnamed(s) for s in subjects)))
                    break
            else:
                if token.dep_ == "ROOT" and (topic := self._topic(doc, sentence, mentions)):
                    found.append((token, topic, f"attribution:{token.lemma_}:topic", False))
        return found

    def _topic(self, doc: Any, sentence: Sentence, mentions: Sequence[Mention]) -> list[str]:
        for token in doc:
            if self._case(token) in {"は", "も"}:
                return self._phrase_actor(token, sentence, mentions)
        return []

    def _stance(self, text: str) -> str | None:
        for stance, words in self.cues["stance"].items():
            if any(w in text for w in words):
                return stance
        return None

    def _claim(self, article_id: str, sentence: Sentence, lo: int, hi: int, speaker: str, cites: str | None,
               status: ClaimStatus, events: Sequence[Event], stance: str | None, admiralty: str | None,
               predicate: str | None, rule: str) -> Claim:
        return Claim(
            id=_claim_id(article_id, sentence.index, lo, speaker), article_id=article_id, text=sentence.text[lo:hi],
            sentence_index=sentence.index, span=Span(start=sentence.start + lo, end=sentence.start + hi),
            attributed_to=speaker, cites=cites, status=status, event_ids=[e.id for e in events], stance=stance,
            admiralty=admiralty, evidence=Evidence(predicate=predicate, cues=[], rules=[rule]),
        )

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
        statuses = {status: words for status, words in self.cues["status"].items() if status != "unconfirmed"}
        previous_end = 0
        for pred, speakers, rule, unnamed in self._speakers(doc, sentence, mentions):
            scope = [t for t in pred.subtree if t.idx >= previous_end]
            lo, hi = min(t.idx for t in scope), max(t.idx + len(t.text) for t in scope)
            previous_end = hi
            in_scope = [e for e in events if lo <= e.span.start - sentence.start < hi and e.id not in claimed]
            text = sentence.text[lo:hi]
            if unnamed:
                claims.append(self._claim(article_id, sentence, lo, hi, AUTHOR, UNNAMED, ClaimStatus.unconfirmed,
                                          in_scope, None, None, pred.text, rule))
                claimed.update(e.id for e in in_scope)
                continue
            speaker = speakers[0]
            actor = self.kb.get(speaker)
            is_media = actor is not None and actor.type is ActorType.media or speaker.endswith("-media")
            status = ClaimStatus.unconfirmed if is_media else ClaimStatus.asserted
            # the speaker's own predicate may deny, confirm or decline (否定した, 認めた, コメントを控えた)
            clause = sentence.text[max(0, pred.idx - 8): pred.idx + 12]
            for name, words in statuses.items():
                if any(w in clause or w == pred.lemma_ for w in words):
                    status = ClaimStatus(name)
                    break
            same = next((i for i, c in enumerate(claims) if c.attributed_to == speaker), None)
            if same is not None:
                # one speaker, one claim per sentence: 否定し、…と強調した adds to the same claim
                merged = claims[same]
                claims[same] = merged.model_copy(update={
                    "event_ids": [*merged.event_ids, *(e.id for e in in_scope if e.id not in merged.event_ids)],
                    "text": sentence.text[min(merged.span.start - sentence.start, lo):max(merged.span.end - sentence.start, hi)],
                    "span": Span(start=min(merged.span.start, sentence.start + lo), end=max(merged.span.end, sentence.start + hi)),
                })
            else:
                claims.append(self._claim(article_id, sentence, lo, hi, speaker, UNNAMED if is_media else None, status,
                                          in_scope, None if is_media else self._stance(text),
                                          actor.admiralty if actor else None, pred.text, rule))
            claimed.update(e.id for e in in_scope)
        verbal = self.cues["verbal_acts"]
        speakers_done = {c.attributed_to for c in claims}
        for event in events:
            if (event.id in claimed or event.plover.value not in verbal or not event.source
                    or event.modality not in (Modality.occurred, Modality.reported)):
                continue
            source = self.kb.get(event.source)
            if source is None or source.type in (ActorType.media, ActorType.generic) or event.source in speakers_done:
                continue
            same = [e for e in events if e.source == event.source and e.id not in claimed]
            claims.append(self._claim(article_id, sentence, 0, len(sentence.text), event.source, None,
                                      ClaimStatus.asserted, same, verbal[event.plover.value],
                                      source.admiralty, event.evidence.predicate, f"attribution:verbal-act:{event.plover.value}"))
            claimed.update(e.id for e in same)
            speakers_done.add(event.source)
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
        return claims
