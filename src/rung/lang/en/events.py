"""English events from spaCy's dependency parse.

For each verb the lexicon knows (predicates.tsv; phrasal verbs such as 'shoot down' and 'call on' first):
  - its type comes from the lexicon, refined by its object's head or modifiers (refinements.tsv); a light verb
    (launch, carry out, impose, hold) takes the type of its object noun (launch an attack -> ASSAULT);
  - the source is the subject (the 'by' agent in the passive); the target is the direct object (the passive
    subject) or the object of a target preposition (against, on, at, to, with; 'in' for attacks); coordinated
    actors give one event each, and coordinated sources of CONSULT/AGREE with no target act on each other;
  - a verb with no subject takes its governor's: the subject of 'plan to sign', the object of 'urged X to'
    and 'accused X of'; pronouns take the speaker of the reporting verb above them ('said its forces had
    struck'), 'they' and 'both countries' the last coordinated pair;
  - modality comes from the cues on the path from the verb to the main verb (cues.yaml): auxiliaries (could,
    should, would), adverbs (reportedly), 'according to', 'if' clauses, governing verbs (plan to, is expected
    to, urged X to) and reporting verbs (said, reported, accused X of); negation from 'not'/'never' on the
    verb or on what governs it ('refused to', 'denied that').
Every event records the predicate, the cues and the lexicon rows and argument rules that fired.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rung.actors.kb import KnowledgeBase
from rung.events.common import build_event, cameo_for
from rung.lang.en.actors import EnglishActors, mentions_context_words, token_actors
from rung.lang.en.dates import resolve_english_date
from rung.lang.en.lexicon import LIGHT, NONE, LexiconEntry, load_lexicon
from rung.model import ActorType, Event, Mention, Modality, Plover, Sentence

_SUBJECTS = {"nsubj", "csubj"}
_OBJECTS = {"dobj", "obj"}
# Dependents that stay inside a noun phrase when looking for the actor it names.
_PHRASE_DEPS = {"compound", "amod", "poss", "nmod", "appos", "det", "prep", "pobj", "nummod", "quantmod", "npadvmod",
                "case", "flat", "punct", "predet"}
_PRONOUNS = {"it", "its", "they", "them", "their", "he", "his", "she", "her", "we", "our"}
_RELATIVE = {"which", "who", "that", "whom", "whose"}
_NOT_ACTORS = {ActorType.weapon}


@dataclass(slots=True)
class ArticleState:
    """What carries from sentence to sentence: the last coordinated pair and the last sources."""

    last_pair: list[str] = field(default_factory=list)
    last_sources: list[str] = field(default_factory=list)


@dataclass(slots=True)
class SentenceContext:
    """One parsed sentence with its actors by token, and the article state."""

    doc: Any
    sentence: Sentence
    token_actor: dict[int, Mention]
    state: ArticleState


_SUFFIXES = (("ied", "y"), ("ies", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("d", ""), ("es", ""),
             ("s", ""))


def lemma_of(token: Any) -> str:
    """spaCy's lemma, unless the lexicon knows a plain de-inflection of the word and not the lemma (the small
    model lemmatises 'staged' as 'stag'), or the lemma without a 're-' prefix ('reimpose')."""
    lemma = token.lemma_.lower()
    lexicon = load_lexicon()
    if lemma in lexicon.predicates or token.pos_ != "VERB":
        return lemma
    word = token.lower_
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and (candidate := word[: len(word) - len(suffix)] + replacement) in lexicon.predicates:
            return candidate
    if lemma.startswith("re") and len(lemma) > 5 and lemma[2:] in lexicon.predicates:
        return lemma[2:]  # 'reimpose sanctions' is imposing them again
    return lemma


def phrasal_keys(token: Any) -> list[str]:
    """'shoot down', 'call on', 'carry out' before the bare lemma."""
    lemma = lemma_of(token)
    keys = [f"{lemma} {c.lower_}" for c in token.children if c.dep_ in {"prt", "prep"}]
    return [*keys, lemma]


class EnglishEventExtractor:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.lexicon = load_lexicon()
        self.actors = EnglishActors(kb)
        cues = self.lexicon.cues
        self.cues = cues
        self.precedence = [Modality(m) for m in cues["modality_precedence"]]
        self.modal_aux = {k: Modality(v) for k, v in cues["modal_auxiliaries"].items()}
        self.modal_adverbs = {k: Modality(v) for k, v in cues["modal_adverbs"].items()}
        self.governing = {k: Modality(v) for k, v in cues["governing"].items()}
        self.reporting = set(cues["reporting_predicates"])
        self.negating_reporters = set(cues["negating_reporters"])
        self.negating_governors = set(cues["negating_governors"])
        self.conditional_marks = set(cues["conditional_marks"])
        self.object_control = set(cues["object_control"])
        self.reciprocal = {Plover(p) for p in cues["reciprocal"]}
        self.theme_types = {Plover(p) for p in cues["theme_types"]}
        self.target_preps = {k: set(v) for k, v in cues["target_prepositions"].items()}
        self.pair_phrases = tuple(cues["pair_phrases"])
        self.complement_modals = set(cues["complement_modals"])
        self.container_nouns = set(cues["container_nouns"])

    # -- sentences and state -----------------------------------------------------------------------
    @staticmethod
    def new_state() -> ArticleState:
        return ArticleState()

    def candidate_sentences(self, sentences: Sequence[Sentence], with_actor: set[int]) -> list[int]:
        """Sentences naming a known actor, a demonym or capital the English rules link, or referring back to a
        pair ('both countries', 'they')."""
        referring = tuple(self.pair_phrases) + ("they ",)
        return sorted(with_actor | {s.index for s in sentences if mentions_context_words(s.text)
                                    or s.text.lower().startswith(referring)
                                    or any(p in s.text.lower() for p in self.pair_phrases)})

    def update_state(self, state: ArticleState, sentence: Sentence, doc: Any, mentions: Sequence[Mention]) -> None:
        """English carries its state (last sources, pairs) inside `extract`; nothing to add here."""

    # -- actors in phrases -------------------------------------------------------------------------
    def _usable(self, actor_id: str | None) -> bool:
        actor = self.kb.get(actor_id)
        return actor is not None and actor.type not in _NOT_ACTORS

    def _own_actors(self, head: Any, ctx: SentenceContext) -> list[str]:
        """The actor a noun phrase names: the head's own, else the nearest modifier's (with its coordinated
        actors): 'Iran's foreign ministry spokesman' -> Iran, 'the foreign ministers of Armenia and Azerbaijan'
        -> both."""
        if head.i in ctx.token_actor and self._usable(ctx.token_actor[head.i].actor_id):
            return [ctx.token_actor[head.i].actor_id or ""]
        if head.lower_ in self.actors.non_state_heads:  # 'US activists': a group, not the state
            return [a for a in self._modifier_actors(head, ctx)
                    if (x := self.kb.get(a)) is not None and x.type is not ActorType.state]
        return self._modifier_actors(head, ctx)

    def _modifier_actors(self, head: Any, ctx: SentenceContext) -> list[str]:
        frontier = [c for c in head.children if c.dep_ in _PHRASE_DEPS]
        while frontier:
            hits = sorted((t for t in frontier if t.i in ctx.token_actor
                           and self._usable(ctx.token_actor[t.i].actor_id)), key=lambda t: abs(t.i - head.i))
            if hits:
                found: list[str] = []
                for token in [hits[0], *self._conjuncts(hits[0])]:
                    m = ctx.token_actor.get(token.i)
                    if m and m.actor_id and self._usable(m.actor_id) and m.actor_id not in found:
                        found.append(m.actor_id)
                return found
            frontier = [c for t in frontier for c in t.children if c.dep_ in _PHRASE_DEPS | {"conj", "cc"}]
        return []

    @staticmethod
    def _conjuncts(token: Any) -> list[Any]:
        """Coordinated tokens; an apposition that itself opens a coordination is a list ('The US, Russia, and
        Switzerland' parsed as US <appos Russia <conj Switzerland)."""
        out = []
        for c in token.children:
            if c.dep_ == "conj" or (c.dep_ == "appos" and any(g.dep_ == "conj" for g in c.children)):
                out.append(c)
                out.extend(EnglishEventExtractor._conjuncts(c))
        return out

    def phrase_actors(self, head: Any, ctx: SentenceContext, resolve_pronouns: bool = False) -> list[str]:
        """Actors named by the phrase headed by `head` and by each phrase coordinated with it."""
        text = " ".join(t.lower_ for t in head.subtree)
        if any(text.startswith(p) or text == p.removeprefix("the ") for p in self.pair_phrases) and ctx.state.last_pair:
            return list(ctx.state.last_pair)
        found: list[str] = []
        for conjunct in [head, *self._conjuncts(head)]:
            actors = self._own_actors(conjunct, ctx)
            if not actors and resolve_pronouns:
                actors = self._pronoun(conjunct, ctx)
            found.extend(a for a in actors if a not in found)
        return found

    def _pronoun(self, head: Any, ctx: SentenceContext) -> list[str]:
        """A pronoun subject or possessor ('it said', 'its forces'): the speaker of the reporting verb above,
        else 'they' -> the last coordinated pair, else the article's last sources."""
        pronouns = [t for t in [head, *head.children] if t.lower_ in _PRONOUNS and t.pos_ == "PRON"]
        if not pronouns:
            return []
        word = pronouns[0].lower_
        node = head
        while node.head.i != node.i:
            child, node = node, node.head
            if node.lemma_.lower() in self.reporting and child.dep_ in {"ccomp", "xcomp", "advcl", "pcomp", "prep"}:
                speakers = self.sources_of(node, ctx)
                if speakers:
                    return speakers
        if word in {"they", "them", "their"} and ctx.state.last_pair:
            return list(ctx.state.last_pair)
        if word in {"it", "he", "she"} and head.dep_ in _SUBJECTS | {"nsubjpass"} and ctx.state.last_sources:
            return list(ctx.state.last_sources[:1])
        return []

    # -- arguments ---------------------------------------------------------------------------------
    def _subject_child(self, token: Any) -> Any | None:
        return next((c for c in token.children if c.dep_ in _SUBJECTS | {"nsubjpass"}), None)

    def sources_of(self, pred: Any, ctx: SentenceContext, depth: int = 0) -> list[str]:
        """Who acts: the subject (or 'by' agent), else what the governing clause gives (see module doc)."""
        if depth > 6:
            return []
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in pred.children)
        for child in pred.children:
            if child.dep_ == "agent":
                for pobj in child.children:
                    actors = self._as_sources(self.phrase_actors(pobj, ctx))
                    if actors:
                        return actors
        subject = self._subject_child(pred)
        if subject is not None and not (passive and subject.dep_ == "nsubjpass"):
            if subject.lower_ in _RELATIVE and pred.dep_ == "relcl":
                return self._as_sources(self.phrase_actors(pred.head, ctx))
            return self._as_sources(self.phrase_actors(subject, ctx, resolve_pronouns=True))
        if subject is not None and passive:
            return []  # the passive subject is the target (or, for movement verbs, read by the caller)
        return self._inherited(pred, ctx, depth)

    def _inherited(self, pred: Any, ctx: SentenceContext, depth: int) -> list[str]:
        node = pred
        via = node.dep_
        governor = node.head
        if governor.i == node.i:
            return []
        if governor.pos_ == "ADP" and governor.head.i != governor.i:  # accused X of arming: of -> accused
            via, governor = "pcomp", governor.head
        control = next((k for k in phrasal_keys(governor) if k in self.object_control), None)
        if via in {"xcomp", "pcomp", "ccomp"} and control:
            obj = next((c for c in governor.children if c.dep_ in _OBJECTS), None)
            if obj is None and " " in control:  # 'called on Kosovo to withdraw': the object of the particle
                particle = control.split(" ", 1)[1]
                obj = next((g for c in governor.children if c.dep_ == "prep" and c.lower_ == particle
                            for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return self._as_sources(self.phrase_actors(obj, ctx, resolve_pronouns=True))
        if via in {"xcomp", "pcomp", "conj", "advcl", "acomp"}:
            subject = self._subject_child(governor)
            if subject is not None:
                if subject.lower_ in _RELATIVE and governor.dep_ == "relcl":
                    return self._as_sources(self.phrase_actors(governor.head, ctx))
                return self._as_sources(self.phrase_actors(subject, ctx, resolve_pronouns=True))
            return self.sources_of(governor, ctx, depth + 1)
        return []

    def _as_sources(self, actors: list[str]) -> list[str]:
        out: list[str] = []
        for actor_id in actors:
            source = self.actors.as_source(actor_id)
            if source and source not in out:
                out.append(source)
        return out

    def _allowed_preps(self, plover: Plover) -> set[str]:
        return self.target_preps["*"] | self.target_preps.get(plover.value, set())

    def targets_of(self, pred: Any, plover: Plover, ctx: SentenceContext, sources: list[str]) -> tuple[list[str], list[str]]:
        """(targets, rules): object, passive subject, target prepositions (also those on the object)."""
        targets: list[str] = []
        rules: list[str] = []
        preps = self._allowed_preps(plover)
        passive = any(c.dep_ == "auxpass" for c in pred.children)

        def add(actors: list[str], rule: str) -> None:
            new = [a for a in actors if a not in targets]
            if new:
                targets.extend(new)
                rules.append(rule)

        if pred.dep_ == "acl" and pred.tag_ == "VBN" and plover not in self.theme_types:
            # '10 Russian soldiers killed in Ukraine': the noun a passive participle modifies undergoes it
            add(self.phrase_actors(pred.head, ctx), "arg:target:participle-head")
        for child in pred.children:
            if child.dep_ == "nsubjpass" and passive and plover not in self.theme_types:
                add(self.phrase_actors(child, ctx), "arg:target:passive-subject")
            elif child.dep_ in _OBJECTS | {"dative"}:
                actors = self.phrase_actors(child, ctx)
                if plover in self.theme_types:
                    actors = [a for a in actors if (x := self.kb.get(a)) is None
                              or x.type not in (ActorType.military, ActorType.weapon)]
                add(actors, f"arg:target:{child.dep_}")
                for prep in child.children:
                    if prep.dep_ == "prep" and prep.lower_ in preps:
                        for pobj in prep.children:
                            if pobj.dep_ == "pobj":
                                add(self.phrase_actors(pobj, ctx), f"arg:target:object-{prep.lower_}")
            elif child.dep_ == "prep" and child.lower_ in preps:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        add(self.phrase_actors(pobj, ctx), f"arg:target:{child.lower_}")
        # one target per state: 'Moscow and other Russian regions' is one target; never the source's own state
        source_states = {self.kb.country_of(s) or s for s in sources}
        out: list[str] = []
        seen: set[str] = set()
        for target in targets:
            state = self.kb.country_of(target) or target
            if state in seen or state in source_states or target in sources:
                continue
            seen.add(state)
            out.append(target)
        return out, rules

    def _passive_theme_sources(self, pred: Any, ctx: SentenceContext) -> list[str]:
        """'North Korean troops were deployed': the passive subject of a movement verb, when military, moves."""
        subject = next((c for c in pred.children if c.dep_ == "nsubjpass"), None)
        if subject is None:
            return []
        actors = self.phrase_actors(subject, ctx)
        return [a for a in actors if (x := self.kb.get(a)) is not None and x.type is ActorType.military]

    # -- types -------------------------------------------------------------------------------------
    def _objects(self, pred: Any) -> list[Any]:
        objects = [c for c in pred.children if c.dep_ in _OBJECTS or c.dep_ == "nsubjpass"]
        if pred.dep_ == "acl" and pred.tag_ == "VBN":  # 'a doctrine signed by Putin': the noun is the object
            objects.append(pred.head)
        # 'a wave of missile strikes': the event noun stands behind a quantity noun
        objects += [g for o in objects if o.lemma_.lower() in self.container_nouns for c in o.children
                    if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        return objects

    def type_of(self, pred: Any) -> tuple[Plover | None, str | None, list[str]]:
        """(plover, cameo, rules), or (None, None, rules) when the verb is no event here."""
        keys = phrasal_keys(pred)
        for obj in self._objects(pred):
            modifiers = [c for c in obj.children if c.dep_ in {"compound", "amod"}]
            for word in [*(m.lemma_.lower() for m in modifiers), obj.lemma_.lower()]:
                for key in keys:
                    ref = self.lexicon.refinements.get((key, word))
                    if ref is not None:
                        return self._entry_type(ref)
        entry = next((e for k in keys if (e := self.lexicon.entry(k)) is not None), None)
        if entry is None:
            return None, None, []
        if keys[-1] in self.complement_modals and any(c.dep_ == "xcomp" for c in pred.children) and not any(
                c.dep_ in _OBJECTS for c in pred.children):
            return None, None, [f"modal-with-complement:{keys[-1]}"]  # 'seeking to deepen': intent, not a request
        if entry.plover == LIGHT:
            for obj in self._objects(pred):
                noun = self.lexicon.entry(obj.lemma_.lower())
                if noun is not None and noun.plover not in (LIGHT, NONE):
                    plover, cameo, rules = self._entry_type(noun)
                    return plover, cameo, [entry.row, *rules]
            return None, None, []
        return self._entry_type(entry)

    @staticmethod
    def _entry_type(entry: LexiconEntry) -> tuple[Plover | None, str | None, list[str]]:
        if entry.plover == NONE:
            return None, None, [entry.row]
        plover = Plover(entry.plover)
        return plover, cameo_for(plover, entry.cameo), [entry.row]

    # -- modality ----------------------------------------------------------------------------------
    def modality(self, pred: Any) -> tuple[Modality, list[str], bool]:
        found: list[Modality] = []
        cues: list[str] = []
        negated = False
        node, via = pred, None

        def add(modality: Modality, cue: str) -> None:
            found.append(modality)
            cues.append(cue)

        own_keys = phrasal_keys(pred)
        light = any((e := self.lexicon.entry(k)) is not None and e.plover == LIGHT for k in own_keys)
        if light:
            for key in own_keys:
                if key in self.governing:
                    add(self.governing[key], f"light:{key}")
                    break
        while True:
            if via != "conj":
                for child in node.children:
                    word = child.lower_
                    if child.dep_ in {"aux", "auxpass"} and word in self.modal_aux:
                        add(self.modal_aux[word], word)
                    elif child.dep_ == "advmod" and word in self.modal_adverbs:
                        add(self.modal_adverbs[word], word)
                    elif child.dep_ == "prep" and word in self.cues["according_to"]:
                        add(Modality.reported, "according to")
                    elif child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in self.conditional_marks
                                                        for m in child.children):
                        add(Modality.conditional, "if-clause")
                    elif child.dep_ == "neg" and (node is pred or via == "xcomp"):
                        negated = True
                        cues.append("negation")
                if node.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in self.conditional_marks
                                                for m in node.children):
                    add(Modality.conditional, "if")
            if via is not None:
                keys = phrasal_keys(node)
                if via in {"xcomp", "pcomp", "complement"}:
                    governor = next((k for k in keys if k in self.governing), None)
                    if governor:
                        add(self.governing[governor], f"governed-by:{governor}")
                    negator = next((k for k in keys if k in self.negating_governors), None)
                    if negator:  # 'refused to rule out deploying': two negations cancel
                        negated = not negated
                        cues.append(f"negated-by:{negator}")
                if via in {"ccomp", "xcomp", "pcomp"} and node.lemma_.lower() in self.reporting:
                    add(Modality.reported, f"reported-by:{node.lemma_.lower()}")
                    if node.lemma_.lower() in self.negating_reporters and via in {"ccomp", "pcomp", "xcomp"}:
                        negated = True
                        cues.append(f"denied-by:{node.lemma_.lower()}")
            if node.dep_ in {"relcl", "acl"} or node.head.i == node.i:
                break  # a relative clause is presupposed by the noun it modifies
            via = node.dep_ if not (node.dep_ in _OBJECTS and node.pos_ == "VERB") else "complement"
            node = node.head
            if node.pos_ == "ADP" and node.head.i != node.i:  # accused X of arming: of -> accused
                via, node = "pcomp", node.head
        for modality in self.precedence:
            if modality in found:
                return modality, cues, negated
        return Modality.occurred, cues, negated

    # -- main --------------------------------------------------------------------------------------
    def _is_predicate(self, token: Any, ctx: SentenceContext) -> bool:
        # 'according (to)' is a preposition however the tagger reads it
        return token.pos_ == "VERB" and token.dep_ != "prep" and token.i not in ctx.token_actor

    @staticmethod
    def _purpose_of(pred: Any) -> Any | None:
        """The verb an infinitive of purpose ('to protest', no subject of its own) hangs from, directly or through
        its object ('summoned Russia's envoy to protest')."""
        if any(c.dep_ in _SUBJECTS for c in pred.children) or not any(
                c.dep_ == "aux" and c.lower_ == "to" for c in pred.children):
            return None
        head = pred.head
        if head.dep_ in _OBJECTS and head.head.pos_ == "VERB":
            head = head.head
        return head if head.pos_ == "VERB" else None

    def _show_of_force(self, pred: Any, plover: Plover, targets: list[str]) -> bool:
        rule = self.cues["show_of_force"]
        if plover is not Plover.ASSAULT or targets or pred.lemma_.lower() not in rule["predicates"]:
            return False
        return any(t.lemma_.lower() in rule["destinations"] and t.dep_ == "pobj" for t in pred.subtree)

    def _instrument(self, pred: Any, ctx: SentenceContext) -> str | None:
        for token in pred.subtree:
            m = ctx.token_actor.get(token.i)
            if m and (a := self.kb.get(m.actor_id)) and a.type is ActorType.weapon:
                return a.id
        return None

    def _threat_target(self, pred: Any, ctx: SentenceContext, sources: list[str]) -> list[str]:
        """A threat with no object is against the other party named in what it threatens."""
        source_states = {self.kb.country_of(s) or s for s in sources}
        for child in pred.children:
            if child.dep_ not in {"ccomp", "xcomp", "advcl"}:
                continue
            for token in child.subtree:
                m = ctx.token_actor.get(token.i)
                if m and m.actor_id and self._usable(m.actor_id):
                    state = self.kb.country_of(m.actor_id) or m.actor_id
                    if state not in source_states:
                        return [m.actor_id]
        return []

    def extract(self, article_id: str, article_date: dt.date | None, sentence: Sentence, doc: Any,
                mentions: Sequence[Mention], state: ArticleState) -> list[Event]:
        all_mentions = self.actors.mentions(sentence, doc, mentions)
        ctx = SentenceContext(doc=doc, sentence=sentence, token_actor=token_actors(doc, sentence, all_mentions), state=state)
        date, qualifier, date_rule = resolve_english_date(sentence.text, article_date, self.cues.get("relative_dates"))
        typed = {}
        for pred in doc:
            if self._is_predicate(pred, ctx):
                plover, cameo, rules = self.type_of(pred)
                if plover is not None and cameo is not None:
                    typed[pred.i] = (plover, cameo, rules)
        events: list[Event] = []
        for i, (plover, cameo, rules) in typed.items():
            pred = doc[i]
            purpose_of = self._purpose_of(pred) if pred.dep_ in {"advcl", "acl"} else None
            if purpose_of is not None and purpose_of.i in typed and typed[purpose_of.i][0] is plover:
                continue  # 'summoned the envoy to protest': the purpose clause restates the act
            sources = self.sources_of(pred, ctx)
            arg_rules = ["arg:source"] if sources else []
            if not sources and plover in self.theme_types:
                sources = self._passive_theme_sources(pred, ctx)
                if sources:
                    arg_rules.append("arg:source:passive-theme")
            targets, target_rules = self.targets_of(pred, plover, ctx, sources)
            arg_rules += target_rules
            if plover is Plover.THREATEN and not targets:
                targets = self._threat_target(pred, ctx, sources)
                if targets:
                    arg_rules.append("arg:target:threatened-party")
            if not sources and not targets:
                continue  # no actor, no event
            if self._show_of_force(pred, plover, targets):
                plover, cameo = Plover.MOBILIZE, cameo_for(Plover.MOBILIZE)
                rules = [*rules, "rule:launch-into-sea=show-of-force"]
            if len(sources) >= 2:
                state.last_pair = [self.kb.country_of(s) or s for s in sources][:2]
            pairs: list[tuple[str | None, str | None]]
            if plover in self.reciprocal and not targets and len(sources) >= 2:
                pairs = [(s, t) for s in sources for t in sources if s != t]
                arg_rules.append("arg:reciprocal")
            else:
                either_sources: list[str | None] = [*sources] or [None]
                either_targets: list[str | None] = [*targets] or [None]
                pairs = [(s, t) for s in either_sources for t in either_targets]
            modality, modal_cues, negated = self.modality(pred)
            instrument = self._instrument(pred, ctx)
            for source, target in pairs:
                events.append(build_event(
                    self.kb, article_id, sentence, pred, source=source, target=target, plover=plover, cameo=cameo,
                    modality=modality, negated=negated, date=date, qualifier=qualifier, instrument=instrument,
                    predicate_text=pred.text, cues=modal_cues,
                    rules=[*rules, *arg_rules, *([date_rule] if date_rule else [])]))
            if sources:
                state.last_sources = list(sources)
        return events
