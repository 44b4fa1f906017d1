"""Japanese parse adapter: GiNZA's dependency parse -> language-neutral clauses (rung.clauses).

Every verb (サ変 nouns with する included) is a clause, and so is an event noun the lexicon knows inside a
noun phrase (北朝鮮による弾道ミサイルの発射) when no light verb (行う, 実施) carries it. Arguments are labelled
by their case particles (cues.yaml `clauses.case_roles`: が/は -> agent, を -> patient, に対して -> patient,
に -> recipient, による -> agent ...), with the passive swapping them; a clause naming no agent takes its
governor's (te-form chains, 〜と述べた), the sentence's topic (は), or the discourse state (同氏, 同国, a
dropped subject in a speaker's turn). Attribution comes from quotative と + a speech verb, によると, and
hearsay (という, とされる); modality from the clause's own tail (auxiliaries, particles) and the noun a
clause modifies (可能性, 予定, 場合). Decisions about events and claims are not made here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from rung.clauses import Anaphor, Argument, Attribution, Clause, Discourse, Evidential, Link, Role
from rung.clauses.lexicon import LIGHT, NONE, read_predicate_tables
from rung.clauses.model import BORROWED_AGENT
from rung.model import ActorType, Mention, Sentence
from rung.nlp.batching import mentions_by_token

_ARG_DEPS = {"nsubj", "obl", "obj", "nmod", "iobj", "nsubj:pass", "dislocated", "csubj"}
_PHRASE_DEPS = {"compound", "nmod", "conj", "cc", "nummod", "flat", "fixed", "det", "appos", "amod", "punct"}
_CLAUSE_DEPS = {"advcl", "ccomp", "acl", "conj", "csubj", "xcomp", "parataxis"}
_OPENING_QUOTES = ("「", "『")
_CLOSING_QUOTES = ("」", "』")
_COMMAS = ("、", ",", "，")  # government texts write the comma as 、, an ASCII comma or a full-width one


@lru_cache(maxsize=1)
def japanese_data() -> tuple[dict, dict, dict]:
    predicates, refinements = read_predicate_tables("rung.lang.ja", "ja")
    cues = yaml.safe_load((resources.files("rung.lang.ja") / "cues.yaml").read_text(encoding="utf-8"))
    return predicates, refinements, cues


class JapaneseClauses:
    code = "ja"

    def __init__(self, kb: Any) -> None:
        self.kb = kb
        self.predicates, self.refinements, cues = japanese_data()
        self.cues = cues
        c = cues["clauses"]
        self.case_roles: list[tuple[str, Role]] = sorted(
            ((m, Role(r)) for r, ms in c["case_roles"].items() for m in ms), key=lambda x: -len(x[0]))
        self.speech = set(cues["reporting_predicates"]) | set(c["speech_predicates"])
        self.quoting_light_verbs = frozenset(c.get("quoting_light_verbs", ()))
        self.stances = {lemma: s for s, lemmas in c["speech_stance"].items() for lemma in lemmas}
        self.auxiliary_verbs: dict[str, str | None] = dict(c["auxiliary_verbs"])
        self.auxiliary_verb_set = frozenset(k for k in self.auxiliary_verbs if k not in ("する", "ある", "なる", "できる"))
        self.noun_frames: dict[str, str | None] = dict(c["noun_frames"])
        self.conditional_nouns = {n for n, m in self.noun_frames.items() if m == "conditional"}
        self.governing: dict[str, str] = dict(c["governing"])
        self.conditional_marks = set(c["conditional_marks"])
        self.purpose_marks = set(c["purpose_marks"])
        self.purpose_verbs = frozenset(c["purpose_verbs"])
        self.tail_modality: list[tuple[str, str]] = [(cue, m) for m, cs in c["tail_modality"].items() for cue in cs]
        self.negation = tuple(cues["negation"])
        self.concessive = tuple(cues["concessive"])
        self.adverbial_nouns = frozenset(c["adverbial_nouns"])
        self.copular_adverbial_nouns = frozenset(c["copular_adverbial_nouns"])
        self.any_determiners = frozenset(c["any_determiners"])
        self.positions = frozenset(c["positions_on_any"])
        self.tolerance_verbs = frozenset(c["tolerance_verbs"])
        # 述べていますとおり、表明したとおり: a speech verb, its tense and aspect, then とおり ('as … said')
        self.restatement = re.compile("(?:" + "|".join(map(re.escape, c["restating_verbs"])) + ")"
                                      + "(?:てい|ており|ております)?(?:ます|ました|た|る)?(?:とおり|通り)")
        self.permission = set(cues["permission_predicates"])
        self.hearsay = tuple(c["hearsay"])
        self.hearsay_nouns = frozenset(c["hearsay_nouns"])
        self.thought_verbs = frozenset(c["thought_verbs"])
        self.hedges = tuple(c["hedges"])
        self.unnamed_markers = tuple(cues["unnamed_source_markers"])
        self.anaphors: list[tuple[str, Anaphor]] = sorted(
            ((w, Anaphor(k)) for k, ws in c["anaphors"].items() for w in ws), key=lambda x: -len(x[0]))
        self.document_heads = set(c["document_heads"])
        self.turn_tag = re.compile(c["turn_tag"])
        self.question_tags = tuple(c["question_tags"])
        self.negating_governors = set(c["negating_governors"])
        self.event_noun_heads = set(c["event_noun_heads"])
        self.example_marks = tuple(c["example_marks"])
        self.act_nouns = frozenset(c["act_nouns"])
        self.self_state_words = tuple(c["self_state_words"])
        self.requests = {k for k, v in self.governing.items() if v == "recommended"}
        self.institution_heads = set(c["institution_heads"]) | set(c["platform_heads"])
        self.counters = frozenset(c["counters"])
        self.member_nouns = frozenset(c["member_nouns"])
        self.inside_nouns = frozenset(c["inside_nouns"])
        self.state_force_heads = frozenset(c["state_force_heads"])
        self.from_speaker_verbs = frozenset(c["from_speaker_verbs"])
        self.speech_nouns = frozenset(c["speech_nouns"])
        self.carriers = set(c["carrier_verbs"])
        self.past_tails = tuple(c["past_tails"])
        self.humble_tails = tuple(c["humble_tails"])
        self.undergo_verbs = set(c["undergo_verbs"])
        self.about_markers = tuple(c["about_markers"])
        self.speaker_act_types = set(c["speaker_act_types"])
        self.release_predicates = frozenset(c["release_predicates"])
        self.compound_party_types = frozenset(c["compound_party_types"])
        self.frames = tuple(cues["recommendation_frames"])

    # -- sentences and turns -------------------------------------------------------------------------
    def candidate_sentences(self, sentences: Sequence[Sentence], linked: Sequence[Mention]) -> list[int]:
        return [s.index for s in sentences]

    def turn(self, sentence: Sentence, mentions: Sequence[Mention], discourse: Discourse
             ) -> tuple[list[str], bool] | None:
        match = self.turn_tag.match(sentence.text)
        if match is None:
            return None
        tag = match.group(1) or match.group(2)
        if any(q in tag for q in self.question_tags):
            return [], True
        end = sentence.start + match.end(1)
        return [m.actor_id for m in mentions if m.actor_id and m.start < end + 1], False

    # -- clauses -----------------------------------------------------------------------------------
    def clauses(self, sentence: Sentence, doc: Any, mentions: Sequence[Mention], discourse: Discourse,
                first_index: int) -> list[Clause]:
        _mend_split_names(doc)
        _mend_quoted_verbal_nouns(doc)
        token_actor = mentions_by_token(doc, sentence.start, mentions)
        ctx = _Ctx(self, sentence, doc, token_actor, discourse)
        ctx.note_shared_tokens(mentions)
        preds = [t for t in doc if self._is_predicate(t)]
        for n, token in enumerate(preds):
            text = token.text + "".join(c.text for c in token.children if c.dep_ == "aux" and c.i == token.i + 1
                                        and c.lemma_ == "する")
            ctx.by_token[token.i] = Clause(index=first_index + n, sentence=sentence.index,
                                           predicate=token.lemma_, text=text,
                                           start=sentence.start + token.idx,
                                           end=sentence.start + token.idx + len(token.text),
                                           nominal=token.pos_ in {"NOUN", "PROPN"})
        topic = self._sentence_topic(ctx, doc)
        if any(f in sentence.text for f in self.frames):
            # このような状況下でロシアが取り得る最適な対応として: the options that follow are Russia's
            subject = next((ctx.phrase_actors(t) for t in doc if t.dep_ == "nsubj" and ctx.phrase_actors(t)), [])
            discourse.open_frame(subject or topic, sentence.index)
        for token in sorted(preds, key=_depth):
            self._fill(ctx, token, ctx.by_token[token.i], topic)
        self._request_addressees(ctx)
        self._double_topics(ctx)
        self._nearest_ga(ctx)
        self._chain_subjects(ctx)
        self._from_speakers(ctx)
        self._teller_does(ctx)
        self._aimed_at(ctx)
        self._between_parties(ctx)
        self._released_by_captor(ctx)
        self._about_doer(ctx)
        self._state_forces(ctx)
        self._shared_plans(ctx)
        self._restated(ctx)
        if discourse.frame and sentence.index > discourse.frame_sentence:
            for clause in ctx.by_token.values():  # an option listed after the frame: the frame's subject acts
                parent = ctx.clause_at(clause.parent)
                acted_on = parent is not None and (e := self.predicates.get(parent.predicate)) is not None \
                    and e.plover not in (LIGHT, NONE)  # 貿易取引を停止: the halting is the option, not the trade
                agents = [a for a in clause.actors(Role.agent) if (x := self.kb.get(a)) is None
                          or x.type is not ActorType.weapon]
                if clause.nominal and not agents and not acted_on and clause.actors(Role.patient, Role.recipient):
                    clause.give_agent(discourse.frame, "discourse:frame")
        if discourse.frame and sentence.index > discourse.frame_sentence:
            for clause in ctx.by_token.values():  # the options listed after the frame are recommendations
                if clause.parent is None and not clause.modality:
                    clause.modality.append(("recommended", "frame"))
        discourse.note_mentions([m.actor_id for m in mentions if m.actor_id])
        ordered = sorted(ctx.by_token.values(), key=lambda c: c.index)
        for clause in ordered:
            agents = clause.actors(Role.agent)
            if agents and not clause.nominal and clause.parent is None:
                discourse.note(agents, sentence.index, as_topic=True)
        if topic:
            discourse.note(topic, sentence.index, as_topic=True)
        return ordered

    def _shared_plans(self, ctx: _Ctx) -> None:
        """米国と連携して対応してまいります, 資産を凍結するとともに輸出を禁止します, 制裁の範囲を拡大してまいります: a
        te-form or non-past verb chained to a plan, and an act noun a carrier verb of the plan carries, have no tense
        of their own in Japanese and share the plan (a chained verb in the past, 発射したが, keeps its own)."""
        for i, clause in sorted(ctx.by_token.items(), key=lambda item: _depth(ctx.doc[item[0]])):
            parent = ctx.clause_at(clause.parent)
            if parent is None or clause.modality or not any(m == "planned" and c.startswith("non-past")
                                                            for m, c in parent.modality):
                continue
            chained = clause.link is Link.coordination and not clause.nominal and not any(
                p in _tail(ctx.doc[i], self.auxiliary_verbs)[len(ctx.doc[i].text):] for p in self.past_tails)
            carried = clause.nominal and clause.link is Link.nominal and parent.predicate in self.carriers
            if chained or carried:
                clause.modality.append(("planned", "non-past:shared"))

    def _restated(self, ctx: _Ctx) -> None:
        """共同声明でも述べていますとおり、我が国は…に同意しています: a sentence framed as saying again what an earlier
        statement said restates a standing position (guide: background statements are no events); its acts were the
        earlier statement's. The parse hangs とおり on any verb, so the frame is read from the text."""
        if not self.restatement.search(ctx.sentence.text):
            return
        for clause in ctx.by_token.values():
            if clause.parent is None:
                clause.generic = True

    def _chain_subjects(self, ctx: _Ctx) -> None:
        """武装勢力が、…に向けて…を発射し、…攻撃を行い: the parse hangs the が-subject on the first verb of a chain of
        coordinated verbs; the later verbs of the chain, with no subject of their own, share it (not the topic of
        an earlier sentence or the speaker's own voice)."""
        borrowed = ("discourse:", "shared:topic")
        for i, clause in sorted(ctx.by_token.items(), key=lambda item: item[1].start):
            parent = ctx.clause_at(clause.parent)
            if parent is None or clause.link is not Link.coordination or clause.nominal or parent.nominal \
                    or parent.voice == "passive" or _tail(ctx.doc[i], self.auxiliary_verbs).endswith("と"):
                continue  # 〜すべきではないと働きかけ: a quotation, not a chain
            own = [a for a in clause.arguments if a.role is Role.agent and a.actors
                   and (a.marker == "が" and a.end <= clause.start or a.rule == "shared:chain")]
            theirs = [a for a in parent.arguments if a.role is Role.agent]
            if not own or any(not a.rule.startswith(borrowed) for a in theirs):
                continue
            if theirs and ctx.discourse.own_voice() and self._speakers_act(ctx.token_of(parent), parent):
                continue  # ロシアが、…に向け、…求めます: the request stays the speaker's
            parent.give_agent(own[0].actors, "shared:chain", replace=True)

    def _from_speakers(self, ctx: _Ctx) -> None:
        """岩屋大臣から、…重要である旨伝えました; ダール副首相兼外相から、…について説明がありました: in a readout an official
        marked by から(は) and a comma speaks the sentence's main verb of conveying (or the speech noun its ある has as
        subject); the parse often hangs the から-phrase on a verb inside what was said. The から-phrase nearest
        before the main verb decides (プーチン大統領からは…説明がなされたのに対し、私の方から、…強調: the speaker's)."""
        main_token = next((i for i, c in sorted(ctx.by_token.items(), reverse=True)
                           if c.parent is None and not c.nominal), None)  # the sentence-final main verb
        if main_token is None:
            return
        main = ctx.by_token[main_token]
        if main.names_its_agent():
            return
        if main.voice == "passive" and main.predicate not in self.from_speaker_verbs:
            return  # マティス長官からも同様の立場が示され: a passive verb of conveying keeps its から-speaker
        speech_noun = main.predicate in ("ある", "なる", "行う") and any(
            a.role is Role.agent and a.head in self.speech_nouns for a in main.arguments)
        if main.predicate not in self.from_speaker_verbs and not speech_noun:
            return
        phrase = next((t for t in reversed(ctx.doc[:main_token])
                       if self._case(t) in ("から", "からは", "からも", "より", "よりは")), None)
        if phrase is None:
            return
        last = max(c.i for c in phrase.children if c.dep_ == "case")
        if not self._case(phrase).endswith(("は", "も")) and not (
                last + 1 < len(ctx.doc) and ctx.doc[last + 1].text in _COMMAS):
            return  # ロシア側から核をめぐる…: a source of something, not a speaker
        people = [a for a in ctx.agent_actors(phrase) if (x := self.kb.get(a)) is not None
                  and x.type is ActorType.person]
        if not people:
            return
        main.arguments = [a for a in main.arguments if a.role is not Role.agent] + [
            _argument(ctx, Role.agent, phrase, people, "from-speaker")]
        main.speech = True
        for clause in ctx.by_token.values():  # the から-phrase is nobody's origin
            clause.arguments = [a for a in clause.arguments if not (a.role is Role.origin and a.actors == people)]
            if clause.parent != main.index or clause.link is not Link.complement:
                continue
            at = clause.attribution
            if at is not None and at.rule.startswith("speech"):
                # what the official conveyed was attributed before the official was found
                at.speakers, at.unnamed, at.kind = list(people), False, Evidential.said
            agents = clause.role(Role.agent)
            if not clause.nominal and (not agents or all(a.rule.startswith(BORROWED_AGENT) for a in agents)):
                # …テロ行為を断固として非難する旨伝えました: the official's own act, not the last sentence's topic's
                clause.give_agent(people, "from-speaker", replace=True)

    def _aimed_at(self, ctx: _Ctx) -> None:
        """ガザ地区からイスラエルに向けて多数のロケット弾を発射し: the parse makes 向けて a verb of its own; the party it
        aims at (a state or a group, not a sea or a direction) is the target of the act it leads into."""
        for clause in ctx.by_token.values():
            parent = ctx.clause_at(clause.parent)
            if clause.predicate not in self.purpose_verbs or clause.link is not Link.coordination or parent is None \
                    or parent.nominal or parent.actors(Role.patient, Role.recipient):
                continue
            for arg in clause.role(Role.recipient):
                parties = [a for a in arg.actors if (x := self.kb.get(a)) is not None
                           and x.type not in (ActorType.place, ActorType.weapon)]
                if parties:
                    parent.arguments.append(Argument(role=Role.patient, text=arg.text, start=arg.start, end=arg.end,
                                                     head=arg.head, actors=parties, rule="aimed-at", marker=arg.marker))
                    break

    def _teller_does(self, ctx: _Ctx) -> None:
        """トランプ大統領が…シリアを攻撃した旨、演説を行った: the parse hangs the が-subject written before what is told on
        the verb of telling; what is told, with no subject of its own, is the teller's act too (not the speaker's of the
        sentence or an earlier topic's)."""
        for clause in ctx.by_token.values():
            parent = ctx.clause_at(clause.parent)
            if parent is None or clause.link is not Link.complement or clause.nominal or clause.voice != "active":
                continue
            if not (parent.speech or self._tells(parent)) or clause.names_its_agent():
                continue
            teller = next((a for a in parent.role(Role.agent) if a.actors and a.marker.startswith("が")
                           and a.end <= clause.start), None)
            if teller is not None:
                clause.give_agent(list(teller.actors), "shared:teller", replace=True)
                self._reshare_agent(ctx, clause)

    @staticmethod
    def _reshare_agent(ctx: _Ctx, clause: Clause) -> None:
        """The verbs chained before a clause whose agent was found late (意見交換を行い、…連携していく) shared the
        agent it had before; they share the one found."""
        stack = [clause]
        while stack:
            host = stack.pop()
            for child in ctx.by_token.values():
                if child.parent != host.index or child.link is not Link.coordination or child.nominal \
                        or child.voice != "active" or child.names_its_agent():
                    continue
                if all(a.rule.startswith(("shared:governor", "discourse:")) for a in child.role(Role.agent)):
                    child.give_agent(host.actors(Role.agent), "shared:governor", replace=True)
                    stack.append(child)

    def _tells(self, clause: Clause) -> bool:
        """演説を行う, 発表を行う: a light verb carrying a speech noun tells what its complement says."""
        return any(o in self.speech_nouns or o in self.speech for o in clause.objects)

    def _between_parties(self, ctx: _Ctx) -> None:
        """スーダン国軍と即応支援部隊との間で武力衝突が発生し; 国連、トルコ、ウクライナ及びロシアの4者の間で…合意した: an
        act with no subject of its own, done 'between' named parties, is theirs: the first named acts, the others
        are its targets (a reciprocal act's partners)."""
        for between in ctx.doc:
            if between.lemma_ != "間" or between.dep_ not in ("obl", "nmod"):
                continue
            parties = ctx.phrase_actors(between)
            if len(parties) < 2:
                continue
            head = between.head
            candidates = [ctx.by_token.get(head.i)] + [ctx.by_token.get(c.i) for c in head.children
                                                        if c.dep_ in ("nsubj", "obj") and c.i in ctx.by_token]
            acts = [c for c in candidates if c is not None and (e := self.predicates.get(c.predicate)) is not None
                    and e.plover not in (LIGHT, NONE)]
            if not acts:
                continue
            act = acts[0]
            if act.names_its_agent():
                continue
            act.arguments = [a for a in act.arguments if a.role is not Role.agent] + [
                _argument(ctx, Role.agent, between, parties[:1], "between"),
                _argument(ctx, Role.recipient, between, parties[1:], "between")]

    def _released_by_captor(self, ctx: _Ctx) -> None:
        """ホーシー派に拘束されていた乗組員が解放された: a release with no doer named, of people a relative clause says
        someone held, is that captor's: only who holds people can release them."""
        for i, clause in ctx.by_token.items():
            if clause.predicate not in self.release_predicates or clause.actors(Role.agent):
                continue
            released = [c for c in ctx.doc[i].children if c.dep_ in ("nsubj", "nsubj:pass", "obj")]
            for held in released:
                for acl in held.children:
                    captor = ctx.by_token.get(acl.i)
                    entry = self.predicates.get(captor.predicate) if captor is not None else None
                    if acl.dep_ == "acl" and entry is not None and entry.plover == "COERCE" \
                            and captor.actors(Role.agent):
                        clause.give_agent(captor.actors(Role.agent), "captor")
                        break

    def _about_doer(self, ctx: _Ctx) -> None:
        """北朝鮮のミサイル発射につきましては、…複数の弾道ミサイルを発射しておりまして: when a sentence is about someone's act
        (X's act について/につきましては), the same act done later in it with no subject of its own is X's, not the
        speaker's."""
        text = ctx.sentence.text
        for about in ctx.doc:
            # the marker as written: the parse sometimes makes つき of につきましては a verb of its own
            if not text.startswith(self.about_markers, about.idx + len(about.text)):
                continue
            entry = self.predicates.get(about.lemma_)
            if entry is None or entry.plover in (LIGHT, NONE):
                continue
            doers = [a for c in about.children if c.dep_ in ("nmod", "compound") and self._case(c) in ("の", "による")
                     for a in ctx.phrase_actors(c)]
            if not doers:
                continue
            for clause in ctx.by_token.values():
                if clause.nominal or clause.start <= ctx.sentence.start + about.idx or clause.voice == "passive":
                    continue
                if about.lemma_ != clause.predicate and about.lemma_ not in clause.objects:
                    continue
                if clause.names_its_agent():
                    continue
                clause.give_agent(list(dict.fromkeys(doers)), "about-doer", replace=True)

    def _state_forces(self, ctx: _Ctx) -> None:
        """治安部隊が, 軍部が with no state named (guide: a country's generic military is the country): the state where
        the clause happens (スーダンの首都ハルツームにおいて), else the state the sentence names, if it names one."""
        sentence_states = list(dict.fromkeys(
            s for c in ctx.by_token.values() for a in c.actors(Role.place, Role.patient, Role.recipient)
            if (s := self._state_of(a)) is not None))
        for clause in ctx.by_token.values():
            for arg in clause.arguments:
                if arg.role is not Role.agent or arg.actors or not arg.head or arg.head not in self.state_force_heads:
                    continue
                here = [s for a in clause.actors(Role.place) if (s := self._state_of(a)) is not None]
                states = here or (sentence_states if len(sentence_states) == 1 else [])
                if states:
                    arg.actors, arg.rule = states[:1], "state-force"

    def _state_of(self, actor_id: str) -> str | None:
        actor = self.kb.get(actor_id)
        if actor is None:
            return None
        if actor.type is ActorType.state:
            return actor.id
        return self.kb.country_of(actor.id) if actor.type is ActorType.place else None

    def _nearest_ga(self, ctx: _Ctx) -> None:
        """ウクライナ軍が…攻撃を実行した場合には、…必要となる: a が-subject binds to the nearest verb after it; the parse
        sometimes hangs it on the main verb across a subordinate clause that follows it directly."""
        clauses = sorted(ctx.by_token.values(), key=lambda c: c.start)
        text, base = ctx.sentence.text, ctx.sentence.start
        for clause in clauses:
            for arg in [a for a in clause.arguments if a.role is Role.agent and a.marker == "が" and a.actors]:
                later = [c for c in clauses if c.parent == clause.index and c.start > arg.end and not c.nominal
                         and c.start < clause.start]
                if not later:
                    continue
                child = later[0]
                if any(a.role is Role.agent and a.marker for a in child.arguments):
                    continue
                if "、" in text[arg.end - base: child.start - base]:
                    continue
                clause.arguments.remove(arg)
                child.arguments = [a for a in child.arguments if a.role is not Role.agent] + [arg]
                if not clause.actors(Role.agent) and clause.voice == "active" and not clause.nominal:
                    # 北朝鮮が…行動をとるよう求めます: the host lost a subject that was never its own; in a speaker's
                    # statement a request or another act of the speaker's is the speaker's
                    host = ctx.token_of(clause)
                    actors, rule = ctx.discourse.resolve(Anaphor.self, ctx.sentence.index) \
                        if ctx.discourse.own_voice() and self._speakers_act(host, clause) else ([], "")
                    if actors:
                        clause.give_agent(actors, rule)
                for other in clauses:  # agents shared from the old host go with it; others look again
                    if other is child:
                        continue
                    kept = [a for a in other.arguments if not (a.role is Role.agent and a.rule.startswith("shared")
                                                               and a.actors == arg.actors)]
                    if len(kept) != len(other.arguments):
                        other.arguments = kept
                        actors, rule = ctx.discourse.resolve(Anaphor.zero, ctx.sentence.index)
                        if actors and other.voice == "active" and not other.nominal:
                            other.give_agent(actors, rule)
                self._reshare_agent(ctx, child)  # 意見交換を行い、…連携していく: the verbs chained before share it

    def _topic_marker(self, marker: str) -> bool:
        """は/も alone, or after a particle that marks a doer (我が国としては); after another particle (中国に対しては: an
        addressee) that particle decides the phrase's role, as in `_role`."""
        if not marker.endswith(("は", "も")):
            return False
        before = marker[:-1]
        return not before or self._role(before, False, False) is Role.agent

    def _double_topics(self, ctx: _Ctx) -> None:
        """Aは、…Bは…と評した: the parse may hang two topics on one verb. The nearer is its agent; the outer one
        belongs to a clause between the two (Aは…同意を示し、Bは…) or above, whose agent was only inferred."""
        clauses = list(ctx.by_token.values())
        for clause in clauses:
            topics = sorted((a for a in clause.arguments if self._topic_marker(a.marker) and a.actors
                             and a.role in (Role.agent, Role.patient)), key=lambda a: a.start)
            if len(topics) < 2:
                continue
            outer, inner = topics[0], topics[-1]
            inner.role = Role.agent
            clause.arguments = [a for a in clause.arguments if a is not outer and not
                                (a.role is Role.agent and a is not inner)]
            between = [c for c in clauses if outer.end <= c.start < inner.start and c is not clause and not c.nominal
                       and not any(a.role is Role.agent and a.marker for a in c.arguments)]
            target = between[-1] if between else ctx.clause_at(clause.parent)
            if target is not None:
                outer.role = Role.agent
                target.arguments = [a for a in target.arguments if a.role is not Role.agent] + [outer]

    @staticmethod
    def _stray_subject(ctx: _Ctx, token: Any) -> list[str]:
        """韓国国防省は、北朝鮮が…付近等から同日12時8分、…に短距離ミサイル発射したと発表した: a long run of places and
        times can make the parse bury the が-subject inside a noun phrase. The nearest actor marked by が before the
        verb, with no other verb between them, is its subject."""
        verbs = {i for i, c in ctx.by_token.items() if not c.nominal}
        for t in reversed(ctx.doc[:token.i]):
            if t.i in verbs:
                return []
            if t.text == "が" and t.pos_ == "ADP" and t.head.i < t.i:
                return ctx.agent_actors(t.head)  # an actor, or a body or platform of one (中国軍の情報収集機が)
        return []

    def _speakers_act(self, token: Any, clause: Clause) -> bool:
        tail = _tail(token, self.auxiliary_verb_set)
        if any(h in tail for h in self.humble_tails):
            return True
        for lemma in [clause.predicate, *clause.objects]:
            entry = self.predicates.get(lemma)
            if entry is not None and entry.plover in self.speaker_act_types:
                return True
        return False

    def _request_addressees(self, ctx: _Ctx) -> None:
        """ロシアに対し、撤収するよう求める: the parse often hangs the addressee (に対し) on the requested verb.
        The request is addressed to it, and the requested act is the addressee's."""
        clauses = list(ctx.by_token.values())
        for request in clauses:
            if request.predicate not in self.requests or request.actors(Role.patient, Role.recipient):
                continue
            below = [c for c in clauses if c.parent == request.index and c.link is Link.complement]
            stack, content = list(below), []
            while stack:
                c = stack.pop()
                content.append(c)
                stack.extend(x for x in clauses if x.parent == c.index and x.link is Link.coordination)
            addressee = next((a for c in content for a in c.arguments if a.actors and a.role is Role.patient
                              and a.marker.startswith(("に対し", "に対して"))), None)
            if addressee is None:
                continue
            request.arguments.append(Argument(role=Role.recipient, text=addressee.text, start=addressee.start,
                                              end=addressee.end, head=addressee.head, actors=list(addressee.actors),
                                              rule="request-addressee", marker=addressee.marker))
            for c in content:
                c.arguments = [a for a in c.arguments if a is not addressee and not
                               (a.role is Role.agent and a.rule.startswith("shared"))]
                c.arguments.append(Argument(role=Role.agent, text=addressee.text, start=addressee.start,
                                            end=addressee.end, head=addressee.head, actors=list(addressee.actors),
                                            rule="control:addressee"))

    def _is_predicate(self, token: Any) -> bool:
        if token.lemma_ == "する" and token.i > 0 and token.nbor(-1).text == "と" and token.i + 1 < len(token.doc) \
                and token.nbor(1).text == "て" and token.nbor(-1).head.pos_ in {"ADV", "NOUN"} \
                and token.nbor(-1).head.i == token.i - 2:
            return False  # 断固として, 依然として: an adverb, not the verb する
        if token.pos_ == "VERB" and token.dep_ not in {"fixed", "aux", "compound"}:
            # an auxiliary verb is a clause only as the sentence's root or as a light verb with an object (抗議をし)
            return token.lemma_ not in self.auxiliary_verbs or token.dep_ == "ROOT" or any(
                c.dep_ == "obj" for c in token.children)
        if token.pos_ == "NOUN" and token.dep_ != "compound" or (token.pos_ == "NOUN" and token.dep_ == "compound"
                                                                  and (token.head.lemma_ in self.noun_frames
                                                                       or token.head.lemma_ in self.event_noun_heads)):
            entry = self.predicates.get(token.lemma_)
            if entry is None or entry.plover == NONE:
                return False
            if token.dep_ == "nmod" and token.head.lemma_ in self.member_nouns:
                return False  # 六者会合の首席代表, 協議の議長: the talks name a body whose member is meant
            named = token.head if token.dep_ == "compound" else token
            if any(c.dep_ == "cop" for c in named.children) and any(c.dep_ == "nsubj" for c in named.children):
                return False  # 発射は、…安全保障上の挑発行為です: a classification of its subject (guide), no act
            if entry.plover == LIGHT and not any(  # 核兵器使用: a light noun with what it carries
                    (token.lemma_, c.lemma_) in self.refinements for c in token.children if c.dep_ in {"compound", "nmod"}):
                return False
            head = token.head
            if token.dep_ == "obj" and head.pos_ == "VERB":
                carrier = self.predicates.get(head.lemma_)
                if carrier is not None and carrier.plover == LIGHT or head.lemma_ in self.governing \
                        or head.lemma_ in self.auxiliary_verbs:
                    return False  # 攻撃を行う, 制裁を検討: the verb's clause carries the noun
            return True
        return False

    # -- one clause ----------------------------------------------------------------------------------
    def _fill(self, ctx: _Ctx, token: Any, clause: Clause, topic: list[str]) -> None:
        parent_token = _governor(token, ctx.by_token)
        tail = _tail(token, self.auxiliary_verb_set)
        if parent_token is not None:
            clause.parent = ctx.by_token[parent_token.i].index
            clause.link = self._link(ctx, token, parent_token, tail)
            if clause.link is Link.complement and self._quoted(token) and not ctx.by_token[parent_token.i].speech:
                clause.modality.append(("reported", "として"))  # 空爆を試みたとして: what someone claims
        clause.voice = "passive" if any(c.dep_ == "aux" and c.lemma_ in ("れる", "られる") for c in token.children) \
            or token.dep_ == "nsubj:pass" else "active"
        lemma = clause.predicate
        clause.speech = lemma in self.speech or lemma in self.stances or self._quotes(token)
        clause.stance = self.stances.get(lemma)
        clause.governs = self.governing.get(lemma) or self.auxiliary_verbs.get(lemma)
        clause.permits = lemma in self.permission
        clause.governs_negation = lemma in self.negating_governors
        clause.objects = self._objects(token)
        if not clause.speech and (entry := self.predicates.get(lemma)) is not None and entry.plover == LIGHT \
                and any(o in self.speech_nouns for o in clause.objects):
            clause.speech = True  # …を攻撃した旨、演説を行った: a light verb carrying a speech noun says its complement
        self._arguments(ctx, token, clause)
        if lemma in self.positions and any(
                c.dep_ in _ARG_DEPS and any(g.lemma_ in self.any_determiners for g in c.subtree) for c in token.children):
            clause.generic = True  # 緊張を高めるいかなる行為にも反対: a standing position, not an act
        own = self.predicates.get(lemma)
        carriers = [token] if clause.nominal else [] if own is not None and own.plover not in (LIGHT, NONE) else [
            c for c in token.children if c.dep_ in ("obj", "nsubj") and c.lemma_ in self.predicates]
        if any(g.lemma_ in self.any_determiners and g.i < t.i for t in carriers for g in t.children):
            clause.generic = True  # いかなる発射も禁止: 'any launch' is no launch (guide: generic statements)
        named_other = any(a.role is Role.agent and a.marker.startswith("が") and not a.actors for a in clause.arguments)
        if not clause.actors(Role.agent) and not named_other:
            # a clause whose が-subject names no known actor (治安部隊が攻撃を加え) is that unknown doer's: its agent
            # stays null rather than borrowing the topic's or the speaker's
            self._inherit_agent(ctx, token, clause, topic)
        self._modality(ctx, token, clause, tail)
        if lemma in self.tolerance_verbs and clause.negated and "でき" in tail:
            clause.generic = True  # 発射は断じて容認できない: 'unacceptable', a verdict on the act, no approval withheld
        self._attribution(ctx, token, clause, tail)
        if clause.speech and any(h in tail for h in self.hedges):
            clause.stance = clause.stance or "hedge"
        if clause.speech and clause.negated and clause.stance == "confirm":
            clause.stance = "unconfirmed"

    def _quotes(self, token: Any) -> bool:
        """〜ないとしている, 〜だったとした: a quoting light verb right after the と that ends a statement (a verb, an
        adjective in い or a noun with its copula), not after a bare noun or a na-adjective (期限を10日とする, 投射を可能と
        する: what something is made)."""
        if token.lemma_ not in self.quoting_light_verbs or token.i == 0 or any(
                c.dep_ == "aux" and c.lemma_ in ("れる", "られる") for c in token.children):
            return False  # 〜とされる is hearsay with no one named (`hearsay`), not a speaker's word
        mark = token.nbor(-1)
        if mark.text != "と" or mark.pos_ != "ADP" or mark.head.i == token.i or mark.head.head.i != token.i:
            return False
        said = mark.head
        return said.pos_ in {"VERB", "AUX"} or (said.pos_ == "ADJ" and said.tag_.startswith("形容詞")) or any(
            c.dep_ == "cop" for c in said.children)

    @staticmethod
    def _quoted(token: Any) -> bool:
        """〜たとして, 〜という: the clause is quoted by a する/いう that is no clause of its own."""
        return token.head.i != token.i and token.head.lemma_ in ("する", "いう") and "と" in _marks(token) | {
            c.text for c in token.children if c.dep_ == "case"}

    def _link(self, ctx: _Ctx, token: Any, parent: Any, tail: str) -> Link:
        if token.pos_ == "NOUN":
            if token.head.lemma_ in self.purpose_marks and token.dep_ == "nmod" \
                    or token.head.lemma_ in self.purpose_verbs and self._case(token) == "に":
                return Link.purpose  # 緊張緩和のための取組, 早期解放に向けて: what is aimed at
            return Link.nominal
        dep = token.dep_
        node = token
        while node.head.i != parent.i and node.head.i != node.i:
            node = node.head
        if node is not token and self._quoted(token):
            return Link.complement  # 空爆を試みたとして、…: what is said or claimed (として, という)
        if node is not token:  # through a noun: 〜する可能性, 〜した場合, 〜することを決定; the nearest noun decides
            noun = token.head
            while noun.pos_ not in {"NOUN", "PRON"} and noun.i != parent.i and noun.head.i != noun.i:
                noun = noun.head
            if noun.lemma_ in self.conditional_nouns:
                return Link.condition
            if noun.lemma_ in self.noun_frames or noun.lemma_ in ("こと", "の", "もの"):
                return Link.complement  # 旨, 事実 frame their clause without a modality of their own
            if noun.lemma_ in self.hearsay_nouns and tail.endswith("との"):
                return Link.complement  # …乗組員が解放されたとの報に接し: what the report says, no clause on the report
            if noun.lemma_ in self.purpose_marks:
                return Link.purpose
            if self._adverbial_noun(noun):
                return Link.adverbial
            if noun.pos_ in {"NOUN", "PRON"} and noun.i != parent.i and dep != "advcl":
                return Link.relative
            # an adverbial clause the parse hung on a noun (合意したところ、我が国として…), or no noun on the way:
            # the clause's own ending decides
        if dep == "acl":
            head = token.head
            if head.lemma_ in self.conditional_nouns:
                return Link.condition
            if self._adverbial_noun(head):
                return Link.adverbial
            if head.lemma_ in self.noun_frames or head.lemma_ in ("こと", "の"):
                return Link.complement
            return Link.relative
        marks = _marks(token)
        if parent.lemma_ in self.auxiliary_verbs:
            return Link.complement  # 取り組んでまいります: the auxiliary verb carries the tense of its verb
        if marks & self.conditional_marks or tail.endswith(tuple(self.conditional_marks)):
            return Link.condition
        if ("よう" in tail[len(token.text):] or marks & {"よう", "ように"}) and parent.lemma_ in self.requests:
            return Link.complement  # 撤収するよう求める: what is requested
        if marks & self.purpose_marks:
            return Link.purpose
        if "と" in marks and (parent.lemma_ in self.speech or parent.lemma_ in self.stances
                              or parent.lemma_ in self.governing or parent.lemma_ == "いう"):
            return Link.complement
        if dep in {"ccomp", "csubj", "xcomp"}:
            return Link.complement
        if dep == "conj" or marks & {"て", "し", "、"} or dep == "advcl":
            return Link.coordination
        return Link.adverbial

    def _objects(self, token: Any) -> list[str]:
        out: list[str] = []
        for child in token.children:
            if child.dep_ in {"obj", "nsubj", "nsubj:pass"} or (token.pos_ == "NOUN" and child.dep_ in {"nmod", "compound"}):
                out.append(child.lemma_)
                out.extend(g.lemma_ for g in child.children if g.dep_ in {"compound", "nmod"})
        if token.dep_ == "compound" or token.pos_ == "NOUN":
            out.extend(c.lemma_ for c in token.children if c.dep_ == "compound")
        return out

    # -- arguments -------------------------------------------------------------------------------------
    def _case(self, token: Any) -> str:
        parts = []
        for child in sorted(token.children, key=lambda c: c.i):
            if child.dep_ == "case" or (child.dep_ == "mark" and child.i > token.i):
                parts.append(child.text + "".join(g.text for g in child.children if g.dep_ == "fixed"))
            elif child.dep_ == "aux" and child.lemma_ == "する" and parts and parts[-1] == "と":
                parts.append(child.text)  # 我が国として with して parsed as an auxiliary: the particle として
        return "".join(parts)

    def _role(self, case: str, passive: bool, nominal: bool) -> Role | None:
        for marker, role in self.case_roles:
            # は/も alone mark a topic; after another particle (とは, には, からは) that particle decides
            if case.startswith(marker) and (marker not in ("は", "も") or case == marker):
                if passive and role is Role.agent and marker in ("が", "は", "も"):
                    return Role.patient
                if passive and marker == "に":
                    return Role.agent
                return role
        return None

    def _arguments(self, ctx: _Ctx, token: Any, clause: Clause) -> None:
        passive = clause.voice == "passive"
        children = list(token.children)
        if clause.nominal and token.dep_ == "compound" and token.head.lemma_ in self.event_noun_heads:
            # イランによるイスラエルに対する攻撃以降: the phrase's particles hang off the container noun
            children += [c for c in token.head.children if c.i != token.i]
        for child in children:
            if child.dep_ not in _ARG_DEPS and not (clause.nominal and child.dep_ in {"compound", "nmod"}):
                continue
            case = self._case(child)
            if self._attributing(ctx, child, case):
                continue  # attribution (ロイター通信によると), not an argument
            if case.startswith(self.about_markers):
                if self._designates(ctx, token, child):
                    self._add(ctx, clause, Role.recipient, child, case)
                continue  # ウクライナ情勢について: what is talked about, not a party
            role = self._role(case, passive, clause.nominal)
            if clause.nominal and role is None and child.dep_ == "compound":
                role = Role.patient  # ウクライナ侵攻, 対露制裁, ウクライナ支援: the compound is what the act is on
            elif clause.nominal and role is None and child.dep_ == "nmod":
                role = Role.agent if not clause.actors(Role.agent) else Role.patient
            if case.startswith("の") and clause.nominal:
                role = Role.agent if not clause.actors(Role.agent) else Role.patient
            if role is None:
                continue
            if role is Role.agent and case.startswith(("により", "による", "によって")) and self._is_act(child):
                continue  # 米国及びフランスの仲介により合意: a means or cause, not who acts
            if clause.nominal and role is Role.agent and self._is_act(child) and any(
                    g.dep_ == "cc" and child.i < g.i < token.i for g in [*child.children, *token.children]):
                continue  # 対露制裁及びウクライナ支援: an act coordinated with this one does not do it
            if role is Role.topic:
                # タンジャ大統領は軍部関係者に連行され, 中国は…目指していると考えられる: a passive's topic is its subject,
                # who undergoes the act or what it is about
                role = Role.patient if clause.actors(Role.agent) or passive else Role.agent
            self._add(ctx, clause, role, child, case or child.dep_)
        if clause.nominal:
            self._compound_parties(ctx, token, clause)
            self._deep_nominal_arguments(ctx, token, clause)
            if not clause.actors(Role.agent):
                for arg in clause.role(Role.origin):
                    # ウクライナ政府からの要請, ロシア側からの抗議: who an act comes from does it (a place stays an origin)
                    if arg.marker.startswith("からの") and arg.actors and all(
                            (x := self.kb.get(a)) is not None and x.type is not ActorType.place for a in arg.actors):
                        arg.role, arg.rule = Role.agent, "from-whom"
            parent = ctx.by_token.get(token.head.i)
            if parent is not None and parent.predicate in self.undergo_verbs and token.dep_ == "obj":
                # ロシアの攻撃を受けた (ウクライナは): who undergoes the act is its target; 発射を受けて
                # ('in response to the launch') names no one
                for arg in [a for a in parent.arguments if a.role is Role.agent and a.marker and a.actors]:
                    clause.arguments.append(Argument(role=Role.patient, text=arg.text, start=arg.start, end=arg.end,
                                                     head=arg.head, actors=list(arg.actors), rule="undergoer"))
        if token.dep_ == "acl" and not clause.nominal:
            # the noun a relative clause modifies is its missing argument: ロシアが発射したミサイル
            head = token.head
            actors = ctx.agent_actors(head)  # ロシアが発射したミサイル; never こと, ため, the (の) of a phrase
            if actors:
                role = Role.patient if clause.actors(Role.agent) else Role.agent
                clause.arguments.append(_argument(ctx, role, head, actors, "relative-head"))
        if not clause.nominal and not clause.actors(Role.agent) and _marks(token) & set(self.example_marks):
            # ミサイルを発射するなど、北朝鮮による一連の挑発行動は…: an act given as an example (など) of the acts a later
            # phrase names is done by whoever does those (their による/の doer); the parse hangs it on the phrase's
            # governor as often as on the phrase, or on a relative clause in between (…するなど、頻繁に続く…行動は)
            kinds, node = [], token
            for _ in range(2):
                parent = node.head
                if node.dep_ == "acl" and parent.i > token.i:
                    kinds.append(parent)
                kinds += [c for c in parent.children if c.i > token.i and c.dep_ in ("nsubj", "obj", "obl")]
                if parent.dep_ not in ("acl", "advcl"):
                    break
                node = parent
            for kind in kinds:
                doers = [g for g in kind.children if g.dep_ in ("nmod", "compound") and self._case(g) in ("の", "による")]
                actors = [a for g in doers for a in ctx.agent_actors(g)]
                if actors and self._names_acts(kind):
                    clause.arguments.append(_argument(ctx, Role.agent, doers[0], actors, "example-of"))
                    break

    def _compound_parties(self, ctx: _Ctx, token: Any, clause: Clause) -> None:
        """日中防衛相会談, 米イラン協議: the parties named in a talks or cooperation noun's compound are who meet, not what
        the act is on; with no doer named otherwise, the first named does it and the others are its partners."""
        entry = self.predicates.get(clause.predicate)
        if entry is None or entry.plover not in self.compound_party_types or clause.actors(Role.agent):
            return
        compounds = [a for a in clause.arguments if a.role is Role.patient and a.marker == "compound" and a.actors]
        parties = [x for a in compounds for x in a.actors
                   if (actor := self.kb.get(x)) is not None and actor.type is not ActorType.weapon]
        if len(dict.fromkeys(parties)) < 2:
            return
        parties = list(dict.fromkeys(parties))
        first = next(a for a in compounds if parties[0] in a.actors)
        clause.arguments = [a for a in clause.arguments if a not in compounds] + [
            Argument(role=Role.agent, text=first.text, start=first.start, end=first.end, head=first.head,
                     actors=parties[:1], rule="compound-parties"),
            Argument(role=Role.recipient, text=first.text, start=first.start, end=first.end, head=first.head,
                     actors=parties[1:], rule="compound-parties")]

    def _designates(self, ctx: _Ctx, token: Any, about: Any) -> bool:
        """在札幌ロシア総領事館領事1名について、ペルソナ・ノン・グラータを通告し; 以下の団体について資産凍結の措置をとる: in a
        sanction, the people or bodies a について-phrase names are those sanctioned (a state or place there stays
        what the measure is about)."""
        lemmas = [token.lemma_, *self._objects(token)]
        entries = [self.predicates.get(token.lemma_)] + [self.refinements.get((token.lemma_, w)) for w in lemmas[1:]]
        if not any(e is not None and e.plover == "SANCTION" for e in entries):
            return False
        actors = ctx.phrase_actors(about)
        return bool(actors) and all((x := self.kb.get(a)) is not None
                                    and x.type in (ActorType.person, ActorType.organization) for a in actors)

    def _adverbial_noun(self, noun: Any) -> bool:
        """ところ, 中 bare, 状況 bare before a copula: 〜を行っている状況であります is an aside on what is going on; a compound (人道状況) names a
        thing a clause can describe."""
        if any(c.dep_ == "compound" for c in noun.children):
            return False
        return noun.lemma_ in self.adverbial_nouns or (
            noun.lemma_ in self.copular_adverbial_nouns and any(c.dep_ == "cop" for c in noun.children))

    def _names_acts(self, token: Any) -> bool:
        """挑発行動, 一連の発射, 挑発行為: a noun phrase whose head or compound is an act."""
        return self._is_act(token) or token.lemma_ in self.act_nouns or any(
            c.dep_ == "compound" and self._is_act(c) for c in token.children)

    def _is_act(self, token: Any) -> bool:
        entry = self.predicates.get(token.lemma_)
        return entry is not None and entry.plover not in (LIGHT, NONE)

    def _resolve_phrase(self, ctx: _Ctx, head: Any, strict: bool = False) -> tuple[list[str], str, bool]:
        """(actors, rule, first_person) for a noun phrase: its mentions, a back-reference (同氏, 同国), or the
        speaker's own side (我が国: the speaker's state)."""
        if head.text.startswith(tuple(self.cues["clauses"]["self_words"])):
            actors, rule = ctx.discourse.resolve(Anaphor.self, ctx.sentence.index)
            if head.text.startswith(self.self_state_words):
                actors = list(dict.fromkeys(self.kb.country_of(a) or a for a in actors))
            return actors, rule, True
        actors = ctx.agent_actors(head) if strict else ctx.phrase_actors(head)
        if actors:
            return actors, "mention", False
        for child in head.children:
            # G7を始めとする国際社会, ハマスを含む武装勢力: a group no list knows, led by or including the actors named
            if child.dep_ == "acl" and (child.lemma_ == "含む" or any(g.lemma_ in ("始め", "初め", "はじめ")
                                                                     for g in child.children)):
                led = [a for g in child.children if g.dep_ == "obj" for a in ctx.phrase_actors(g)]
                if led:
                    return led, "mention:led-by", False
        actors, rule = self._back_reference(ctx, head)
        return actors, rule, False

    @staticmethod
    def _attributing(ctx: _Ctx, head: Any, case: str) -> bool:
        """Xによると, Xによれば, Xによりますと: the phrase names a source, not an agent."""
        if case.startswith(("によると", "によれば", "によりますと")):
            return True
        end = max(t.idx + len(t.text) for t in head.subtree if t.dep_ in {"case", "fixed"} or t.i == head.i)
        return case.startswith("により") and ctx.sentence.text[end:end + 4].startswith(("ますと", "ますれば"))

    def _deep_nominal_arguments(self, ctx: _Ctx, token: Any, clause: Clause) -> None:
        """両国の施設に対する極超音速兵器による攻撃: the parse nests the target phrase inside the agent phrase;
        an event noun's に対する/への (target) and による (agent) phrases count wherever they sit in its phrase."""
        have = {(a.start, a.role) for a in clause.arguments}
        stack = [c for c in token.children if c.dep_ not in _CLAUSE_DEPS]
        while stack:
            t = stack.pop()
            stack.extend(c for c in t.children if c.dep_ not in _CLAUSE_DEPS and c.i not in ctx.by_token)
            if t.i in ctx.by_token:
                continue
            case = self._case(t)
            if not case.startswith(("に対する", "に対して", "への", "による", "によって")):
                continue
            role = Role.agent if case.startswith(("による", "によって")) else Role.patient
            arg_start = ctx.sentence.start + min(x.idx for x in t.subtree)
            if (arg_start, role) in have:
                continue
            actors, rule, _own = self._resolve_phrase(ctx, t)
            if actors:
                arg = _argument(ctx, role, t, actors, "nested:" + rule)
                arg.marker = case
                clause.arguments.append(arg)

    def _add(self, ctx: _Ctx, clause: Clause, role: Role, head: Any, case: str) -> None:
        actors, rule, own = self._resolve_phrase(ctx, head, strict=role is Role.agent and not clause.nominal)
        if own and role is Role.agent:
            clause.first_person = True
        arg = _argument(ctx, role, head, actors, rule)
        arg.marker = case
        clause.arguments.append(arg)

    def _back_reference(self, ctx: _Ctx, head: Any) -> tuple[list[str], str]:
        phrase = "".join(t.text for t in head.subtree if t.dep_ != "case")
        for word, kind in self.anaphors:
            if phrase.startswith(word) or phrase == word:
                return ctx.discourse.resolve(kind, ctx.sentence.index)
        return [], "mention"

    def _sentence_topic(self, ctx: _Ctx, doc: Any) -> list[str]:
        """The は-phrase (or が-phrase of the main clause) that the sentence's subjectless clauses share."""
        for token in doc:
            # "dep": a は-phrase the parser hung on a noun before it (NHKによると、北朝鮮は…発表した)
            if token.dep_ in {"nsubj", "dislocated", "obl", "dep"} and self._case(token) in ("は", "も") and not any(
                    c.lemma_ in self.any_determiners for c in token.subtree):  # いかなる行為も: 'any act', no topic
                actors, _rule, _own = self._resolve_phrase(ctx, token, strict=True)
                if actors:
                    return actors
        return []

    def _inherit_agent(self, ctx: _Ctx, token: Any, clause: Clause, topic: list[str]) -> None:
        """A passive names its patient, not a hidden agent, and an event noun only what its phrase says: neither
        takes another clause's agent."""
        parent = ctx.clause_at(clause.parent)
        if clause.nominal and parent is not None and parent.predicate in self.carriers and parent.actors(Role.agent):
            # 支援に取り組む, 制裁を継続する: who carries the act on does it
            clause.give_agent(parent.actors(Role.agent), "carrier")
            return
        if clause.nominal and parent is not None and parent.nominal and any(
                a.rule == "carrier" for a in parent.role(Role.agent)) and any(
                g.dep_ == "cc" and token.i < g.i < token.head.i for g in [*token.children, *token.head.children]):
            # 対露制裁及びウクライナ支援に取り組む: an act coordinated with a carried one is carried on too
            clause.give_agent(parent.actors(Role.agent), "carrier")
            return
        if clause.voice == "passive" or clause.nominal:
            return
        actors: list[str] = []
        rule = ""
        if parent is not None and clause.link is Link.complement and parent.predicate in self.requests \
                and parent.voice == "active":
            addressees = parent.actors(Role.patient, Role.recipient)
            if addressees:
                actors, rule = list(addressees), "control:addressee"
        if not actors:
            actors = self._stray_subject(ctx, token)
            rule = "stray-ga" if actors else ""
        if actors:
            pass
        elif parent is not None and clause.link in {Link.coordination, Link.purpose, Link.condition, Link.adverbial} \
                or (parent is not None and clause.link is Link.complement and not parent.speech):
            actors, rule = list(parent.actors(Role.agent)), "shared:governor"
        if not actors and topic and clause.link is not Link.relative:
            actors, rule = list(topic), "shared:topic"
        if not actors and ctx.discourse.own_voice() and self._speakers_act(token, clause):
            # 抗議をいたしました, 連携して参ります: in a speaker's own statement a humble or cooperative act
            # with no subject is the speaker's, not the last sentence's topic
            actors, rule = ctx.discourse.resolve(Anaphor.self, ctx.sentence.index)
        if not actors and clause.link is not Link.relative and not clause.nominal:
            actors, rule = ctx.discourse.resolve(Anaphor.zero, ctx.sentence.index)
        if actors:
            clause.give_agent(actors, rule)

    # -- modality, attribution ---------------------------------------------------------------------
    def _modality(self, ctx: _Ctx, token: Any, clause: Clause, tail: str) -> None:
        for cue, modality in self.tail_modality:
            if cue in tail:
                clause.modality.append((modality, cue))
        clause.done = not clause.nominal and any(p in tail[len(token.text):] for p in self.past_tails)
        if clause.parent is None and not clause.nominal and token.pos_ == "VERB" and not _before_noun_ending(token) \
                and not any(p in tail[len(token.text):] for p in self.past_tails):
            clause.modality.append(("planned", "non-past"))  # 凍結を行います: what the speaker will do
            clause.present = True
        for child in token.children:  # 〜が事実であれば: a condition that is no clause of its own
            if child.i not in ctx.by_token and child.dep_ in {"advcl", "obl"} and \
                    any(g.dep_ == "mark" and g.text in self.conditional_marks for g in child.children):
                clause.modality.append(("conditional", "ば"))
        plain = tail
        for concessive in self.concessive:
            plain = plain.replace(concessive, "")
        if any(plain.find(n, len(token.text)) >= 0 for n in self.negation):
            clause.negated = True
        node = token
        while node.head.i != node.i and node.head.i not in ctx.by_token:  # 〜することが可能, 〜する必要がある
            node = node.head
            if node is not token.head and self.noun_frames.get(node.lemma_):
                clause.modality.append((self.noun_frames[node.lemma_], node.lemma_))
        head = token.head
        if token.dep_ == "acl" and head.lemma_ in self.noun_frames and self.noun_frames[head.lemma_]:
            clause.modality.append((self.noun_frames[head.lemma_], head.lemma_))
            frame_tail = _tail(head.head) if head.head.i != head.i else ""
            if any(n in frame_tail for n in ("ない", "ず")) and head.lemma_ in ("可能性", "予定", "計画"):
                clause.negated = True  # 攻撃する予定はない

    def _attribution(self, ctx: _Ctx, token: Any, clause: Clause, tail: str) -> None:
        # Xによると / Xによれば on this clause
        for child in token.children:
            case = self._case(child)
            if self._attributing(ctx, child, case):
                clause.attribution = self._speaker(ctx, child, Evidential.according_to, "によると")
                return
        # 〜が解放されたとの報に接し: a report noun that is received; 〜との情報には接していません, 〜との情報はない: none
        report = token.head
        reported = tail.endswith("との") and report.lemma_ in self.hearsay_nouns and not (
            report.head.i != report.i and any(n in _tail(report.head, self.auxiliary_verb_set) for n in self.negation))
        if (reported or any(h in tail for h in self.hearsay)) and not clause.speech and not (
                token.dep_ == "acl" and token.head.lemma_ not in self.hearsay_nouns):
            # 〜という情報, 〜ということだ report what is heard; 〜という事案, 〜という事態 only name the case
            clause.attribution = Attribution(kind=Evidential.hearsay, verb="という", unnamed=True, rule="hearsay")
            return
        parent = ctx.clause_at(clause.parent)
        if parent is None or clause.link is not Link.complement:
            return
        if parent.predicate == "いう" and not parent.actors(Role.agent):
            clause.attribution = Attribution(kind=Evidential.hearsay, verb="という", unnamed=True, rule="hearsay")
            return
        if not parent.speech:
            return
        speaker_arg = next((a for a in parent.arguments if a.role is Role.agent), None)
        if parent.voice == "passive" and not parent.actors(Role.agent):
            voice = ctx.discourse.own_voice()
            if parent.predicate in self.thought_verbs and voice:
                # 我が国としても、戦争犯罪が行われたと考えられる: in a speaker's own statement, the speaker's hedge
                clause.attribution = Attribution(kind=Evidential.said, verb=parent.predicate, speakers=voice,
                                                 stance="hedge", rule="own-voice:hedge")
                return
            if parent.stance == "confirm":
                # …消失したことが確認されました: in a speaker's own statement the speaker confirms it; in the narration
                # (…侵犯したのが確認されたのは初めて) it is the narrator's fact, no one's hearsay
                if voice:
                    clause.attribution = Attribution(kind=Evidential.said, verb=parent.predicate, speakers=voice,
                                                     stance="confirm", rule="own-voice:confirm")
                return
            clause.attribution = Attribution(kind=Evidential.hearsay, verb=parent.predicate, unnamed=True,
                                             stance=parent.stance, rule="speech:passive")
            return
        kind = Evidential.reported if parent.predicate in ("報じる", "報ずる", "伝える", "報道", "発表") else Evidential.said
        speakers = parent.actors(Role.agent)
        voice = ctx.discourse.own_voice()
        if ctx.discourse.speaker and voice and speakers and not any(
                (x := self.kb.get(a)) is not None and x.type is ActorType.person for a in speakers) and (
                parent.first_person or {
                self.kb.country_of(a) or a for a in speakers} <= {self.kb.country_of(v) for v in voice}):
            speakers = voice  # 【小林外務報道官】日本政府として…差し控えます: what the official answers is the official's
        text = speaker_arg.text if speaker_arg else ""
        unnamed = (any(m in text for m in self.unnamed_markers) or _generic(self.kb, speakers)) and not any(
            (a := self.kb.get(x)) is not None and a.type is ActorType.person for x in speakers)
        if text and text.rstrip("はがも") in self.document_heads or any(text.endswith(d) for d in self.document_heads):
            kind = Evidential.document
        clause.attribution = Attribution(kind=kind, verb=parent.predicate,
                                         speakers=speakers if not unnamed or _generic(self.kb, speakers) else [],
                                         speaker_text=text, unnamed=unnamed or not speakers, stance=parent.stance,
                                         rule=f"speech:{parent.predicate}")

    def _speaker(self, ctx: _Ctx, head: Any, kind: Evidential, verb: str) -> Attribution:
        text = "".join(t.text for t in head.subtree if t.dep_ != "case" and t.dep_ != "fixed")
        actors = ctx.phrase_actors(head)
        unnamed = (any(m in text for m in self.unnamed_markers) or _generic(self.kb, actors)) and not any(
            (a := self.kb.get(x)) is not None and a.type is ActorType.person for x in actors)
        return Attribution(kind=kind, verb=verb, speakers=actors if not unnamed or _generic(self.kb, actors) else [],
                           speaker_text=text,
                           unnamed=unnamed or not actors, rule=f"according-to:{text}")


class _Ctx:
    def __init__(self, adapter: JapaneseClauses, sentence: Sentence, doc: Any, token_actor: dict[int, Mention],
                 discourse: Discourse) -> None:
        self.adapter = adapter
        self.sentence = sentence
        self.doc = doc
        self.token_actor = token_actor
        self.discourse = discourse
        self.by_token: dict[int, Clause] = {}
        self._by_index: dict[int, Clause] = {}
        self.token_actors: dict[int, list[str]] = {}  # a token holding several mentions (米英, 日米) -> all their actors

    def note_shared_tokens(self, mentions: Sequence[Mention]) -> None:
        """米英両軍, 日米韓: the tokenizer keeps two or three short forms in one token, which `token_actor` maps to
        one mention only; every actor the token holds is kept here, in the text's order."""
        base = self.sentence.start
        linked = sorted((m for m in mentions if m.actor_id), key=lambda m: m.start)
        if len(linked) < 2:
            return
        for t in self.doc:
            held = [m.actor_id for m in linked if base + t.idx <= m.start and m.end <= base + t.idx + len(t.text)]
            if len(held) > 1:
                self.token_actors[t.i] = list(dict.fromkeys(held))

    def clause_at(self, index: int | None) -> Clause | None:
        if index is None:
            return None
        if len(self._by_index) != len(self.by_token):
            self._by_index = {c.index: c for c in self.by_token.values()}
        return self._by_index.get(index)

    def token_of(self, clause: Clause) -> Any:
        """The predicate token of one of this sentence's clauses."""
        return self.doc[next(i for i, c in self.by_token.items() if c is clause)]

    def agent_actors(self, head: Any) -> list[str]:
        """Who a subject or topic phrase names: the phrase head must itself be an actor or an institution noun
        (韓国国防省, ロシア軍, 中国側); 北朝鮮による発展は names a development, not North Korea."""
        own = self.token_actor.get(head.i)
        if own is not None and own.actor_id and (x := self.adapter.kb.get(own.actor_id)) is not None \
                and x.type is ActorType.person:
            # 中国訪問中の金杉局長が: the person the phrase names acts; where the person is only says where
            base = self.sentence.start
            where = {a for c in head.subtree if c.dep_ == "nmod" and self.adapter._case(c) == "の"
                     and not own.start <= base + c.idx < own.end for a in self.phrase_actors(c)} - {own.actor_id}
            return [a for a in self.phrase_actors(head) if a not in where]
        if head.i in self.token_actor or head.lemma_ in self.adapter.institution_heads:
            return self.phrase_actors(head)
        titled = self._titled_person(head)
        if titled is not None:
            return [titled]
        if head.lemma_ in self.adapter.counters and any(c.dep_ == "nummod" for c in head.children):
            # 中国の漁業監視船2隻が: the counter heads the phrase; what it counts (a platform, people) names the owner
            counted = [c for c in head.children if c.dep_ in ("compound", "nmod") and c.i < head.i]
            if counted and (counted[-1].lemma_ in self.adapter.institution_heads or counted[-1].i in self.token_actor):
                return self.phrase_actors(head)
        return []

    def _titled_person(self, head: Any) -> str | None:
        """上川陽子外務大臣は, 森健良外務事務次官は: a listed person's name written straight before an office, which heads
        the phrase; the person acts. Only nouns written straight before the head, with no particle or comma between,
        count: the parse sometimes cuts a name from its title (岸田文雄 | 総理大臣は)."""
        i = head.i - 1
        while i >= 0 and self.doc[i].pos_ in ("NOUN", "PROPN"):
            m = self.token_actor.get(i)
            if m is not None and m.actor_id:
                actor = self.adapter.kb.get(m.actor_id)
                return m.actor_id if actor is not None and actor.type is ActorType.person else None
            i -= 1
        return None

    def phrase_actors(self, head: Any) -> list[str]:
        """Actors a noun phrase names: the head's own mention, else those of its modifiers and conjuncts
        (日米韓, 米国、韓国及び中国), in order; never through a relative clause."""
        found: list[str] = []
        stack = [head]
        seen: set[int] = set()
        while stack:
            t = stack.pop(0)
            if t.i in seen:
                continue
            seen.add(t.i)
            m = self.token_actor.get(t.i)
            for actor in self.token_actors.get(t.i, [m.actor_id] if m is not None and m.actor_id else []):
                if actor not in found:
                    found.append(actor)
            # ウクライナ情勢についての議論: what a phrase is about names no party of it (as for a clause's own arguments)
            stack.extend(c for c in t.children if (c.dep_ in _PHRASE_DEPS or (c.dep_ == "nmod" and t is head))
                         and not self.adapter._case(c).startswith(self.adapter.about_markers))
        kb = self.adapter.kb
        first = {}
        for i, m in sorted(self.token_actor.items()):
            if m.actor_id:
                first.setdefault(m.actor_id, i)
        found.sort(key=lambda a: first.get(a, 0))  # 中国と台湾: in the order the text names them
        inside = {m.actor_id for i, m in self.token_actor.items() if m.actor_id in found and i + 1 < len(self.doc)
                  and self.doc[i].head.i == i + 1 and self.doc[i + 1].lemma_ in self.adapter.inside_nouns}
        if inside and any(a not in inside and (x := kb.get(a)) is not None and x.type is not ActorType.place
                          for a in found):
            # イエメン国内のホーシー派の拠点: the state only says where the named group is
            found = [a for a in found if a not in inside]
        del kb
        return found  # weapons too: the event builder makes them instruments, never sources or targets


def _mend_split_names(doc: Any) -> None:
    """ロシアによるオデーサ港への攻撃: the parse sometimes cuts a name from the nominal suffix written straight after it
    (港, 市, 州: Sudachi's 接尾辞-名詞的) and hangs the name, unlabelled ('dep'), on a phrase before it, so the place
    reads as part of the doer's phrase. A name and its suffix are one noun: the name is the suffix's compound."""
    for token in doc[:-1]:
        suffix = doc[token.i + 1]
        if token.dep_ == "dep" and token.head.i < token.i and token.pos_ in ("NOUN", "PROPN") \
                and suffix.tag_.startswith("接尾辞-名詞的") and suffix.head.i != token.i \
                and not any(c.i > token.i for c in token.children):
            token.head = suffix
            token.dep_ = "compound"


def _mend_quoted_verbal_nouns(doc: Any) -> None:
    """ヘルソンを「編入」する: a verbal noun in quotes (the texts' mark for a word used as the doer uses it) is cut from its
    する, which the parse makes the predicate with the noun a mere compound of it; the noun is the predicate and する
    its light verb, as when it is written unquoted (編入する)."""
    for verb in doc:
        if verb.lemma_ != "する" or verb.dep_ in ("aux", "fixed") or verb.i < 3:
            continue
        close, noun, open_ = doc[verb.i - 1], doc[verb.i - 2], doc[verb.i - 3]
        if close.text not in _CLOSING_QUOTES or open_.text not in _OPENING_QUOTES or noun.head.i != verb.i \
                or noun.dep_ != "compound" or "サ変可能" not in noun.tag_:
            continue
        root = verb.head.i == verb.i
        head, dep = verb.head, verb.dep_
        for child in list(verb.children):
            if child.i != noun.i:
                child.head = noun
        noun.head = noun if root else head
        noun.dep_ = dep
        noun.pos_ = "VERB"  # as GiNZA tags a verbal noun before its する (編入する)
        verb.head = noun
        verb.dep_ = "aux"


def _generic(kb: Any, actors: list[str]) -> bool:
    """A speaker that is a role, not an actor ('Western media', 'officials'): an unnamed source."""
    return bool(actors) and all((a := kb.get(x)) is not None and a.type is ActorType.generic for x in actors)


def _argument(ctx: _Ctx, role: Role, head: Any, actors: list[str], rule: str) -> Argument:
    left, right = head.left_edge, head.right_edge  # the phrase's span (a clause inside it included)
    start, end = left.idx, right.idx + len(right.text)
    return Argument(role=role, text=ctx.sentence.text[start:end], start=ctx.sentence.start + start,
                    end=ctx.sentence.start + end, head=head.lemma_, actors=list(actors), rule=rule)


def _tail(token: Any, auxiliary_verbs: frozenset[str] = frozenset()) -> str:
    """The predicate and what follows it in its phrase: auxiliaries, particles, auxiliary verbs (its bunsetu tail)."""
    parts = [token.text]
    for child in sorted(token.children, key=lambda t: t.i):
        if child.i > token.i and (child.dep_ in {"aux", "mark", "case", "cop", "advmod", "fixed"}
                                  or (child.lemma_ in auxiliary_verbs and child.i <= token.i + 4)):
            parts.append(child.text + "".join(g.text for g in child.children if g.dep_ == "fixed"))
    return "".join(parts)


def _before_noun_ending(token: Any) -> bool:
    """約750km飛翔し、日本海に落下。: a verb in its continuative form (連用形, て) hung on a noun that ends the sentence
    (体言止め, as bulletins write) is no finite non-past verb; it reports, with the tense of the noun ending."""
    head = token.head
    if head.i == token.i or head.pos_ != "NOUN" or head.dep_ != "ROOT":
        return False
    last = token
    for child in sorted(token.children, key=lambda t: t.i):
        if child.i == last.i + 1 and child.dep_ in {"aux", "mark"}:
            last = child
    return last.text in ("て", "で") or any("連用形" in form for form in last.morph.get("Inflection"))


def _marks(token: Any) -> set[str]:
    return {c.text for c in token.children if c.dep_ in {"mark", "case"} and c.i > token.i}


def _depth(token: Any) -> int:
    n, node = 0, token
    while node.head.i != node.i:
        node = node.head
        n += 1
    return n


def _governor(token: Any, predicates: dict[int, Clause]) -> Any | None:
    node = token
    while node.head.i != node.i:
        node = node.head
        if node.i in predicates:
            return node
    return None
