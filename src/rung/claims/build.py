"""Claims built once, for every language, from clause records (rung.clauses) and the events built from them.

A claim is who asserts what (guide, Claims). Sources, in order:
  1. a speech clause with a named or unnamed speaker ('X said', と述べた, according to X, によると): its
     complement is the speaker's claim;
  2. hearsay with no speaker ('reportedly', という, とされる): the author's, citing 'unnamed', unconfirmed;
  3. a sentence in a speaker's own voice: a transcript turn (【岸田外務大臣】, 'MR MILLER:') or the narration
     of a publisher that is itself a party (a ministry's own release): that party's claim.
Status, from the passage's own signals (guide order): declined to comment, unconfirmed (hedged, unnamed,
'did not confirm'), confirmed (the speaker's own or its state's act, or an explicit confirmation),
asserted otherwise. A denial sets the status of the denied party's earlier claims (rung.claims.apply_responses).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from rung.claims import AUTHOR, UNNAMED, OfficialResponse, apply_responses
from rung.clauses import Attribution, ClaimCues, Clause, Evidential, Link, Role
from rung.events.build import build_rules
from rung.model import Claim, ClaimStatus, Event, Evidence, Modality, Sentence, Span

_REALIS = {Modality.occurred, Modality.reported}
# actor types that assert nothing (a dropped subject resolved to the missile is a parsing slip, not a source)
_MUTE_TYPES = {"weapon", "place"}
# the prefix of an attribution's rule inside a journalist's question (set by the pipeline): no claim comes of it
QUESTION_RULE = "question:"


def claim_id(article_id: str, sentence: int, speaker: str | None, status: str) -> str:
    key = f"{article_id}|{sentence}|{speaker}|{status}"
    return f"{article_id}-c{hashlib.sha1(key.encode()).hexdigest()[:8]}"


class ClaimBuilder:
    def __init__(self, kb: Any, cues: ClaimCues | None = None,
                 verbal_acts: Sequence[str] = ("PROTEST", "ACCUSE", "THREATEN", "REJECT", "REQUEST"),
                 performed_types: Sequence[str] | None = None) -> None:
        self.kb = kb
        # speech acts done as they are said in the present ('we condemn', 'the United States stands with'); the
        # event builder's performative types (events/data/build.yaml) unless given
        types = build_rules()["performative_types"] if performed_types is None else performed_types
        self.performed_types = {str(getattr(t, "value", t)) for t in types}
        self.cues = cues or ClaimCues()
        self.verbal_acts = set(verbal_acts)
        # looked up for every content clause of every claim: built once
        self._views = frozenset(self.cues.views)
        self._own_acts = frozenset(self.cues.own_acts)

    def _state(self, actor_id: str | None) -> str | None:
        return self.kb.country_of(actor_id) if actor_id else None

    def _speaks(self, actor_id: str) -> bool:
        """Whether the actor can be a source: a weapon or a place cannot."""
        actor = self.kb.get(actor_id)
        return actor is None or actor.type.value not in _MUTE_TYPES

    def _head_speaker(self, speakers: Sequence[str]) -> str:
        """The one who speaks among a speaker phrase's actors: a person before the state or place that only describes
        them (中国訪問中の金杉局長が: Kanasugi, not China)."""
        return next((s for s in speakers if (a := self.kb.get(s)) is not None and a.type.value == "person"), speakers[0])

    def _own_side(self, speaker: str, speech: Clause, voice: Attribution | None) -> str:
        """我が国としては…差し控えます, 日本政府は…と考えており, 'the United States' in a spokesperson's turn or a
        ministry's release (`voice`, the sentence's own voice): the speaker's own side speaking is the speaker's
        claim (a named person stays hers)."""
        named = (actor := self.kb.get(speaker)) is not None and actor.type.value == "person"
        if voice is not None and voice.rule == "own-voice" and voice.speakers and not named and (
                speech.first_person or (self._state(speaker) or speaker) == self._state(voice.speakers[0])):
            return voice.speakers[0]
        return speaker

    def _account_owners(self, here: Sequence[Clause], accounts: Sequence[str]) -> list[str]:
        """Whose account a sentence names: the named subject of an account verb (ロシア側が主張する), or the party named
        inside a phrase headed by an account noun (中国による仲裁判断を受け入れないといった主張は)."""
        owners: list[str] = []
        for clause in here:
            if clause.predicate in accounts and clause.actors(Role.agent):
                owners.append(self._head_speaker(clause.actors(Role.agent)))
        if owners:
            return list(dict.fromkeys(owners))
        arguments = [a for c in here for a in c.arguments]
        for phrase in arguments:
            if not phrase.text.rstrip("、,はがをにも ").endswith(tuple(accounts)):
                continue
            inner = [a for a in arguments if a is not phrase and a.actors and phrase.start <= a.start
                     and a.end <= phrase.end]
            if inner:
                owners.append(self._head_speaker(min(inner, key=lambda a: a.start).actors))
        return list(dict.fromkeys(o for o in owners if self._speaks(o)))

    def _on_side(self, actors: Sequence[str], speakers: Sequence[str]) -> bool:
        states = {self._state(s) or s for s in speakers} | set(speakers)
        return bool(actors) and all(a in states or self._state(a) in states for a in actors)

    def _own_act(self, speakers: Sequence[str], events: Sequence[Event]) -> bool:
        """The content reports an act the speaker or its own state carried out (guide: confirmed)."""
        states = {self._state(s) or s for s in speakers} | set(speakers)
        return any(e.source in states or (e.source_country and e.source_country in states)
                   for e in events if e.modality in _REALIS and not e.negated)

    def build(self, article_id: str, sentences: Sequence[Sentence], clauses: Sequence[Clause],
              events: Sequence[Event]) -> list[Claim]:
        cues = self.cues
        hedge_words, decline_words = cues.hedges, cues.declines
        by_index = {c.index: c for c in clauses}
        events_by_clause: dict[int, list[Event]] = {}
        for e in events:
            if e.evidence.clause is not None:
                events_by_clause.setdefault(e.evidence.clause, []).append(e)
        below: dict[int, list[Clause]] = {}
        for c in clauses:
            node = c
            while node.parent is not None and node.parent in by_index:
                below.setdefault(node.parent, []).append(c)
                node = by_index[node.parent]
        by_sentence: dict[int, list[Clause]] = {}
        for c in clauses:
            by_sentence.setdefault(c.sentence, []).append(c)
        sentence_of = {s.index: s for s in sentences}
        # each sentence's own voice (a transcript turn, a party publisher's narration), where it has one
        own_voice = {c.sentence: c.attribution for c in reversed(clauses)
                     if c.attribution is not None and c.attribution.rule == "own-voice"}
        claims: list[Claim] = []
        position: dict[tuple, int] = {}  # (sentence, speaker, cites, status) -> index in claims
        responses: list[OfficialResponse] = []
        attributed_sentences: set[int] = set()
        # a journalist's question asserts nothing, not even what it says others said (guide, Claims)
        questions = {c.sentence for c in clauses if c.attribution is not None
                     and c.attribution.rule.startswith(QUESTION_RULE)}

        def add(sentence: Sentence, speaker: str | None, cites: str | None, status: ClaimStatus,
                event_list: Sequence[Event], rule: str, cue: str, confidence: float,
                own_text: str | None = None) -> None:
            at = position.get((sentence.index, speaker, cites, status))
            if at is not None:  # one claim per speaker, status and sentence; its events gathered
                same = claims[at]
                merged = list(dict.fromkeys([*same.event_ids, *(e.id for e in event_list)]))
                claims[at] = same.model_copy(update={"event_ids": merged})
                return
            position[(sentence.index, speaker, cites, status)] = len(claims)
            actor = self.kb.get(speaker) if speaker else None
            media = actor is not None and actor.type.value == "media"
            claims.append(Claim(
                id=claim_id(article_id, sentence.index, speaker, f"{status.value}{rule}{len(claims)}"),
                article_id=article_id, text=sentence.text, sentence_index=sentence.index,
                span=Span(start=sentence.start, end=sentence.end), attributed_to=speaker, cites=cites,
                status=status, event_ids=[e.id for e in event_list],
                stance=None if media or speaker == AUTHOR else cues.stance(own_text or sentence.text),
                admiralty=actor.admiralty if actor is not None else None,
                evidence=Evidence(predicate=cue or None, cues=[cue] if cue else [], rules=[rule],
                                  clause=None), confidence=confidence))

        lowered = [s.text.lower() for s in sentences]
        flagged = any(w.lower() in text for text in lowered for w in cues.unconfirmed)
        # 1-2: attributed content
        heard: set[int] = set()  # the speech clauses whose content made a claim here
        for clause in clauses:
            at = clause.attribution
            if at is None or at.rule == "own-voice" or at.rule.startswith(QUESTION_RULE):
                continue  # a journalist's question asserts nothing (guide, Claims)
            if at.kind is Evidential.according_to and clause.speech and clause.actors(Role.agent):
                # 'according to NHK, North Korea announced …': the announcement is North Korea's claim, NHK relays it
                continue
            sentence = sentence_of[clause.sentence]
            # the sentence's own speaker (a transcript turn's, a party publisher's), whom several mends fall back on
            own_speakers = own_voice[clause.sentence].speakers if clause.sentence in own_voice else []
            content = [clause, *below.get(clause.index, [])]
            content_events = [e for c in content for e in events_by_clause.get(c.index, [])]
            speech = by_index.get(clause.parent) if clause.parent is not None else None
            if at.unnamed and not at.speakers and speech is not None and speech.negated and speech.voice == "passive":
                # 決して認められない, 'is not accepted': a refusal in the passive, no report of what is said
                continue
            if (at.unnamed and not at.speakers and not at.speaker_text and speech is not None and speech.negated
                    and not speech.actors(Role.agent) and own_speakers):
                # …可能性というのは否定できない状況にあると分析: in a speaker's own statement a speech verb negated with no
                # subject ('cannot deny', 'cannot say') is the speaker's own reserve, no one else's word and no denial
                at = replace(at, speakers=own_speakers[:1], unnamed=False, stance=None)
            governor = by_index.get(speech.parent) if speech is not None and speech.parent is not None else None
            if (at.unnamed and not at.speakers and not at.speaker_text and speech is not None and speech.nominal
                    and governor is not None and governor.actors(Role.agent)):
                # …が続いていることに強い懸念を伝えました, 'expressed concern that': a speech noun with no speaker of its
                # own is said by whoever conveys it
                at = replace(at, speakers=governor.actors(Role.agent)[:1], unnamed=False)
                speech = governor
            outer = speech.attribution if speech is not None else None
            if (at.unnamed and not at.speakers and at.speaker_text and outer is not None and outer.speakers
                    and not outer.unnamed and not outer.rule.startswith((QUESTION_RULE, "own-voice"))):
                # 岩屋大臣から、これが…エスカレートすることを懸念している旨述べました: a speech verb inside a named
                # speaker's words whose subject phrase names no one is the named speaker's, who says it all
                continue
            if (speech is not None and speech.speech and at.speakers and at.rule.startswith("speech:")
                    and (agents := speech.actors(Role.agent)) and at.speakers[0] not in agents
                    and at.speakers[0] in clause.actors(Role.agent)):
                # the content's own subject (…フーシ派が…妨害し続けていることを非難します), first read as the speech
                # verb's, was given back to the content: the speech verb's agent speaks
                at = replace(at, speakers=agents[:1], unnamed=False)
            if (at.speakers and speech is not None and speech.link is Link.complement and not speech.names_its_agent()
                    and any(a.rule.startswith("shared:governor") for a in speech.role(Role.agent))
                    and own_speakers and at.speakers[0] not in own_speakers):
                # 【報道官】…お答えすることは差し控えますが、…局長は、…確認をいたしました: a speech verb with no subject of
                # its own, hung by the parse on a later verb whose subject it borrowed, is said by the statement's
                # speaker, not by that verb's subject
                at = replace(at, speakers=own_speakers[:1])
            if (at.speakers and speech is not None and not speech.names_its_agent()
                    and all(a.rule.startswith("discourse:") for a in speech.role(Role.agent) if a.actors)
                    and own_speakers and at.speakers[0] not in own_speakers and clause.actors(Role.agent)
                    and self._on_side(clause.actors(Role.agent), own_speakers[:1])):
                # (マティス長官からも…示され。)…緊密に連携していくことや、…強化していくことを確認しました: what the
                # statement's own side will do, said with no subject in the sentence, is the statement's speaker's word,
                # not that of the last sentence's topic
                at = replace(at, speakers=own_speakers[:1])
            if at.speakers and not self._speaks(at.speakers[0]):
                # その分析をいたしました上で…お知らせをしたいと考えております with the missile taken for the dropped
                # subject: a weapon or a place says nothing; the sentence's own voice, if any, speaks
                if not own_speakers:
                    continue
                at = replace(at, speakers=own_speakers[:1])
            status = self._status(at, content, content_events, sentence.text, hedge_words, decline_words,
                                  by_index)
            attributed_sentences.add(clause.sentence)
            if speech is not None and (at.speakers or at.speaker_text):
                heard.add(speech.index)  # its speaker read (a speech verb with no one found for it still speaks below)
                if at.stance == "decline":
                    heard.add(clause.index)  # お答えすることは差し控えます: the answer declined is no speech act of its own
            if at.unnamed or not at.speakers:
                # an unnamed source: the role named ('Western media', 政府関係者) when there is one, else the author
                # a refusal named elsewhere in the sentence ('no official comment from India, though media quoted
                # unnamed officials as saying ...') is another party's: an unnamed source declines only by its own verb
                declines = status is ClaimStatus.declined_to_comment and at.stance == "decline"
                add(sentence, at.speakers[0] if at.speakers else AUTHOR, UNNAMED, status if declines
                    else ClaimStatus.unconfirmed, content_events, f"claim:{at.kind.value}:unnamed", at.verb, 0.5)
                continue
            speaker = self._head_speaker(at.speakers)
            if speech is not None and speech.speech and at.speakers == speech.actors(Role.agent)[:1]:
                speaker = self._own_side(speaker, speech, own_voice.get(clause.sentence))
            cites = None
            actor = self.kb.get(speaker)
            if actor is not None and actor.type.value == "media" and status is ClaimStatus.asserted and flagged:
                # a named outlet's report is its assertion, unless the passage says such reports are unconfirmed
                # (guide, Claims: 'flagged as unconfirmed'; the seed: 公式確認はない)
                status = ClaimStatus.unconfirmed
            add(sentence, speaker, cites, status, content_events, f"claim:{at.kind.value}", at.verb,
                0.8 if at.kind in (Evidential.said, Evidential.according_to) else 0.65)
            if at.stance == "deny" and speech is not None:
                responses.append(OfficialResponse(ClaimStatus.denied, frozenset(
                    {self._state(speaker) or speaker}), clause.sentence, at.verb))
            if at.stance == "confirm":
                responses.append(OfficialResponse(ClaimStatus.confirmed, frozenset(
                    {self._state(speaker) or speaker}), clause.sentence, at.verb))
        # reports no one is named for, cited inside a sentence ('following reports of shelling', 'the alleged
        # massacre'): an unnamed source's claim, unconfirmed; the sentence's own speaker still says the rest
        for sentence, text in zip(sentences, lowered):
            cue = next((w for w in cues.unnamed_reports if w in text), None)
            if cue is not None and not any(c.sentence_index == sentence.index and c.cites == UNNAMED for c in claims):
                add(sentence, AUTHOR, UNNAMED, ClaimStatus.unconfirmed, [], "claim:unnamed-report", cue, 0.5)
        # another party's account rejected in the sentence that names it (…ロシア側が主張するような違法な活動を行ったという
        # 事実は全くなく): the party whose account is rejected has a denied claim (guide, Claims: denied)
        for index, here in sorted(by_sentence.items()) if cues.accounts and cues.rejections else ():
            sentence = sentence_of[index]
            if index in questions or not any(w in sentence.text for w in cues.rejections):
                continue
            voice = own_voice.get(index)
            for owner in self._account_owners(here, cues.accounts):
                if voice is not None and voice.speakers and self._on_side([owner], voice.speakers[:1]):
                    continue  # 我々の立場と異なる主張: the speaker's own side is not who is rejected
                add(sentence, owner, None, ClaimStatus.denied, [], "claim:rejected-account", cues.accounts[0], 0.6)
        # speech clauses whose content is not a clause ('stressed the importance of', 'declined to comment')
        spoken = {(c.sentence_index, c.attributed_to) for c in claims}
        for clause in clauses:
            if (not clause.speech or not clause.actors(Role.agent) or not self._speaks(clause.actors(Role.agent)[0])
                    or clause.sentence in questions or clause.index in heard):
                # ('..., a U.S. Central Command official said': the official's words are the unnamed source's claim,
                # made above; the body the phrase names does not say them again)
                continue
            if clause.link is Link.relative and not below.get(clause.index):
                # 当局が発表する情報, 中国が公表していた訓練海域, 'the restrictions announced on 7 February': a speech verb
                # that only describes a noun says nothing here, neither a claim nor a confirmation
                continue
            speaker = self._own_side(self._head_speaker(clause.actors(Role.agent)), clause, own_voice.get(clause.sentence))
            if (clause.sentence, speaker) in spoken:
                continue
            spoken.add((clause.sentence, speaker))
            sentence = sentence_of[clause.sentence]
            content = below.get(clause.index, [])
            content_events = [e for c in content for e in events_by_clause.get(c.index, [])]
            # 'what Ukrainian officials said were waves of drones': a group known only by its role is an unnamed source
            anonymous = (actor := self.kb.get(speaker)) is not None and actor.type.value == "generic"
            at = Attribution(kind=Evidential.said, verb=clause.predicate, speakers=[speaker],
                             stance=clause.stance, rule="speech", unnamed=anonymous)
            status = self._status(at, content, content_events, sentence.text, hedge_words, decline_words,
                                  by_index)
            starts = [a.start for a in clause.arguments if a.text] + [clause.start]
            own = sentence.text[max(0, min(starts) - sentence.start): clause.end - sentence.start]
            add(sentence, speaker, UNNAMED if anonymous else None, status, content_events, "claim:speech",
                clause.predicate, 0.5 if anonymous else 0.7, own)
            if anonymous:
                attributed_sentences.add(clause.sentence)
                continue
            if status is ClaimStatus.declined_to_comment or clause.stance in ("deny", "confirm"):
                response = {"deny": ClaimStatus.denied, "confirm": ClaimStatus.confirmed}.get(
                    clause.stance or "", ClaimStatus.declined_to_comment)
                responses.append(OfficialResponse(response, frozenset({self._state(speaker) or speaker}),
                                                  clause.sentence, clause.predicate))
            attributed_sentences.add(clause.sentence)
        # verbal acts performed as they are said ('Iran condemned', 'Seoul protested'), reported by the media:
        # the source's own assertion
        for event in events if self.verbal_acts else ():
            if event.plover.value not in self.verbal_acts or event.source is None or event.evidence.clause is None:
                continue
            if (event.sentence_index, event.source) in spoken or event.sentence_index in attributed_sentences | questions:
                continue
            clause = by_index.get(event.evidence.clause)
            # in a party's own release or a speaker's turn, what others did is the party's narration (below)
            if clause is None or clause.attribution is not None:
                continue
            spoken.add((event.sentence_index, event.source))
            add(sentence_of[event.sentence_index], event.source, None, ClaimStatus.asserted, [event],
                "claim:verbal-act", clause.predicate, 0.6)
        # 3: a speaker's own voice (transcript turn, party publisher's narration)
        for index, here in sorted(by_sentence.items()):
            voices = next((c.attribution for c in here if c.attribution is not None
                           and c.attribution.rule == "own-voice"), None)
            if voices is None or not voices.speakers:
                continue
            sentence = sentence_of[index]
            if index in attributed_sentences:
                if cues.main_line_acts and index not in questions:
                    # …断固非難するとともに、…連携しながら、取り組んでいるところです: beside what a speech verb in it says,
                    # the sentence's main verb reports an act the voice's own side carries out: the voice's confirmed claim
                    main = [c for c in here if not c.speech and _on_main_line(c, by_index)]
                    main_events = [e for c in main for e in events_by_clause.get(c.index, [])]
                    if main and self._status(voices, main, main_events, sentence.text, hedge_words, decline_words,
                                             by_index) is ClaimStatus.confirmed:
                        add(sentence, voices.speakers[0], None, ClaimStatus.confirmed, main_events,
                            "claim:own-voice:beside-speech", main[-1].predicate, 0.6)
                continue
            tops = [c for c in here if c.parent is None] or here
            content_events = [e for c in here for e in events_by_clause.get(c.index, [])]
            status = self._status(voices, here, content_events, sentence.text, hedge_words, decline_words, by_index)
            add(sentence, voices.speakers[0], None, status, content_events, "claim:own-voice",
                tops[0].predicate, 0.6)
        return apply_responses(claims, events, responses, self._state)

    def _status(self, at: Attribution, content: Sequence[Clause], events: Sequence[Event], text: str,
                hedge_words: Sequence[str], decline_words: Sequence[str], by_index: dict[int, Clause]) -> ClaimStatus:
        if at.stance == "decline" or any(w in text for w in decline_words):
            return ClaimStatus.declined_to_comment
        for named in self.cues.named_hedges:
            text = text.replace(named, "")
        if at.stance in ("unconfirmed", "hedge") or at.unnamed or any(w in text for w in hedge_words):
            return ClaimStatus.unconfirmed
        if any(m == "possible" and cue not in self.cues.not_hedges for c in content for m, cue in c.modality):
            return ClaimStatus.unconfirmed
        if at.stance == "confirm":
            return ClaimStatus.confirmed
        # a speech act in the present in what is said ('said: "The United States stands with ..."') is performed
        # as it is said: it asserts, as 'we condemn' does (the events mark only the speaker's own voice so)
        present = {c.index for c in content if c.present or _tense_giver(c, by_index).present
                   or _quoted_non_past(c, by_index)}
        events = [e for e in events if not (e.evidence.clause in present and e.plover.value in self.performed_types)]
        # 制裁を停止するとともに、資産の凍結などを行います, '... and will impose': an act that takes its tense from the plan
        # it is coordinated into is planned, not carried out (guide: plans are asserted)
        events = [e for e in events if not _shares_a_plan(e.evidence.clause, by_index)]
        # 我が国は…強く反対してきています, 'we strongly support': holding a view is no act carried out (guide: views are
        # asserted)
        events = [e for e in events if not (e.evidence.clause in by_index and _holds_a_view(by_index[e.evidence.clause],
                                                                                          self._views))]
        if self._own_act(at.speakers, events) or any(c.first_person and c.link is not Link.relative
                                                      and events_of_clause(c, events) for c in content):
            return ClaimStatus.confirmed
        own_acts = self._own_acts
        if any((c.predicate in own_acts or own_acts & set(c.objects)) and c.done and not c.negated and not c.modality
               and self._on_side(c.actors(Role.agent), at.speakers) for c in content):
            # 'U.S. Central Command forces monitored ...', 議論に積極的に関与してきており: an act of the speaker's side that
            # no event type names (guide: 'we continue to monitor' is confirmed)
            return ClaimStatus.confirmed
        return ClaimStatus.asserted


def events_of_clause(clause: Clause, events: Sequence[Event]) -> list[Event]:
    return [e for e in events if e.evidence.clause == clause.index and e.modality in _REALIS and not e.negated]


# how a clause with no tense or mood of its own takes its parent's (the final verb of a 〜し、〜とともに chain, the verb a
# noun event is the object of)
_SHARED_TENSE = (Link.coordination, Link.nominal)


def _quoted_non_past(clause: Clause, by_index: dict[int, Clause]) -> bool:
    """…テロ行為を断固として非難する旨伝えました: a verb in the non-past inside what a speech verb says (its own tense or
    the tense of the verb it is coordinated with) is performed as it is said, as the speaker's 'we condemn' is; 抗議した
    旨述べた reports it done."""
    giver = _tense_giver(clause, by_index)
    speech = by_index.get(giver.parent) if giver.parent is not None else None
    return (giver.link is Link.complement and speech is not None and speech.speech and not clause.nominal
            and not clause.done and not giver.done and not giver.modality)


def _on_main_line(clause: Clause, by_index: dict[int, Clause]) -> bool:
    """The sentence's main verb, or a verb or act noun joined to it by coordination (…と連携しながら、取り組んでいる)."""
    node = clause
    while node.parent is not None:
        if node.link not in _SHARED_TENSE or node.parent not in by_index:
            return False
        node = by_index[node.parent]
    return True


def _holds_a_view(clause: Clause, views: frozenset[str]) -> bool:
    """反対する, 'support'; or a speech verb voicing a view (深い懸念を表明する, 'expressed concern')."""
    return clause.predicate in views or (clause.speech and bool(views & set(clause.objects)))


def _shares_a_plan(index: int | None, by_index: dict[int, Clause]) -> bool:
    """The clause has no modality of its own and hangs, by coordination or as a noun event, on a planned clause."""
    node = by_index.get(index) if index is not None else None
    while node is not None and not node.modality and node.link in _SHARED_TENSE and node.parent in by_index:
        node = by_index[node.parent]
        if any(m == "planned" for m, _ in node.modality):
            return True
    return False


def _tense_giver(clause: Clause, by_index: dict[int, Clause]) -> Clause:
    """The clause whose tense this one takes: itself, or, for one with no modality of its own coordinated with
    another ('we condemn ... and call for ...'), the first conjunct's."""
    node = clause
    while not node.modality and node.link is Link.coordination and node.parent in by_index:
        node = by_index[node.parent]
    return node
