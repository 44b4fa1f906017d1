"""Japanese events from GiNZA's dependency parse.

For each predicate the lexicon knows (verbs, サ変 nouns, nominalised actions inside noun phrases):
  - its type comes from `predicates.tsv`, refined by its object's nouns (`refinements.tsv`);
  - arguments come from case particles: が/は/も -> source, による -> source, に/へ/に対して/への/
    に対する -> target, を on an actor -> target; coordinated actors give one event each;
  - a predicate with no source takes its governor's (攻撃を実行する: the subject of 実行), else the
    subject of the recommendation frame the article opened (ロシアが取り得る最適な対応として...);
  - modality comes from the cues on the path from the predicate to the main predicate (cues.yaml);
  - what a permission predicate permits is `possible` (許可 + 発射: the launch may happen).
Every event records the predicate, the cues and the lexicon rows that fired.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from rung.actors.kb import KnowledgeBase
from rung.events.common import build_event, cameo_for, resolve_date
from rung.events.lexicon import LIGHT, NONE, LexiconEntry, read_predicate_tables
from rung.model import ActorType, Event, Mention, Modality, Plover, Sentence
from rung.nlp.batching import mentions_by_token

_COORDINATORS = re.compile(r"^\s*(と|および|及び|や|または|又は|並びに|、|・|，)?\s*(、?その他の)?\s*$")
_CASE_SOURCE = {"が", "は", "も"}
_CASE_AGENT = ("による", "によって", "により")
_CASE_TARGET = ("に対して", "に対する", "への", "へ", "に", "を相手に", "との")
_ARG_DEPS = {"nsubj", "obl", "obj", "nmod", "iobj", "csubj", "nsubj:pass", "dislocated"}
_NOT_AN_ACTOR_TYPES = {ActorType.weapon}
_NOT_A_SOURCE_TYPES = {ActorType.weapon, ActorType.place}
# Dependents that stay inside a noun phrase; anything else (relative clauses, adverbial clauses) is a
# clause of its own whose actors are not the phrase's.
_PHRASE_DEPS = {"compound", "nmod", "conj", "cc", "nummod", "flat", "fixed", "det", "appos", "amod", "punct"}
PAIR_WORDS = ("両国", "両首脳", "両政府", "双方", "両者")
_ORIGIN_SUFFIXES = ("製", "産", "向け", "系", "式", "発")
# Acts done together: a coordinated subject with no other party means each did it with the other.
RECIPROCAL = {"CONSULT", "AGREE", "COOPERATE"}


@dataclass(frozen=True, slots=True)
class JapaneseLexicon:
    predicates: dict[str, LexiconEntry]
    refinements: dict[tuple[str, str], LexiconEntry]
    cues: dict[str, Any]

    def entry(self, lemma: str) -> LexiconEntry | None:
        return self.predicates.get(lemma)


@lru_cache(maxsize=1)
def load_lexicon() -> JapaneseLexicon:
    predicates, refinements = read_predicate_tables("rung.lang.ja", "ja")
    cues = yaml.safe_load((resources.files("rung.lang.ja") / "cues.yaml").read_text(encoding="utf-8"))
    return JapaneseLexicon(predicates=predicates, refinements=refinements, cues=cues)


@dataclass(slots=True)
class ArticleState:
    """What carries from sentence to sentence: the recommendation frame and the last coordinated pair."""

    frame_subject: list[str] = field(default_factory=list)
    frame_active: bool = False
    last_pair: list[str] = field(default_factory=list)


def _functional_text(token: Any) -> str:
    """The token and the auxiliaries/particles that follow it in its phrase (its bunsetu tail)."""
    parts = [token.text]
    for child in token.children:
        if child.i > token.i and child.dep_ in {"aux", "cop", "mark", "fixed", "case", "advmod"} and child.pos_ != "VERB":
            parts.append(child.text)
            parts.extend(g.text for g in child.children if g.dep_ == "fixed")
    # also fixed tokens that attach to the token itself (e.g. 求め-られ-て-い-ます)
    j = token.i + 1
    while j < len(token.doc) and token.doc[j].head.i in {token.i} | {t.i for t in token.children if t.dep_ in {"aux", "mark"}}:
        j += 1
    return "".join(parts) + token.doc[token.i + 1: j].text.replace(" ", "")


def _phrase_tokens(head: Any) -> list[Any]:
    out = [head]
    for child in head.children:
        if child.dep_ in _PHRASE_DEPS:
            out.extend(_phrase_tokens(child))
    return out


def _light_verb_children(token: Any) -> list[Any]:
    return [c for c in token.children if c.i > token.i and c.pos_ == "VERB" and c.lemma_ in {"する", "いる", "ある", "なる", "おる"}]


def _clause_boundary(token: Any, boundaries: Sequence[str]) -> bool:
    return any(c.dep_ == "mark" and c.text in boundaries for c in token.children)


class JapaneseEventExtractor:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._sentence_offset = 0
        self.lexicon = load_lexicon()
        cues = self.lexicon.cues
        self.precedence = [Modality(m) for m in cues["modality_precedence"]]
        self.modality_cues = {Modality(k): list(v) for k, v in cues["modality"].items()}
        self.frame_nouns = {k: Modality(v) for k, v in cues["frame_nouns"].items()}

    # -- actors on tokens ------------------------------------------------------------------------
    @staticmethod
    def _token_actors(doc: Any, sentence: Sentence, mentions: Sequence[Mention]) -> dict[int, Mention]:
        return mentions_by_token(doc, sentence.start, mentions)

    def _phrase_actors(self, head: Any, token_actor: dict[int, Mention], state: ArticleState) -> list[str]:
        """Actors named by the phrase headed by `head`: the head's own, or the nearest modifier's; with
        coordination (AとB, AおよびB) every coordinated actor."""
        tokens = sorted(_phrase_tokens(head), key=lambda t: t.i)
        tokens = [t for t in tokens if t.i <= head.i]
        if any(t.text in PAIR_WORDS for t in tokens) and state.last_pair:
            return list(state.last_pair)
        mentions: list[Mention] = []
        text = head.doc.text
        for t in tokens:
            m = token_actor.get(t.i)
            after = text[m.end - self._sentence_offset:][:2] if m else ""
            if m and after.startswith(_ORIGIN_SUFFIXES):
                continue  # フランス製ミサイル, 英国向けガス: a modifier of origin, not a party
            if m and (not mentions or mentions[-1] is not m):
                mentions.append(m)
        mentions = [m for m in mentions if (a := self.kb.get(m.actor_id)) and a.type not in _NOT_AN_ACTOR_TYPES]
        if not mentions:
            return []
        # walk back from the mention nearest the head while the gap between mentions is a coordinator
        text = head.doc.text
        chosen = [mentions[-1]]
        for m in reversed(mentions[:-1]):
            gap = text[m.end - self._sentence_offset: chosen[-1].start - self._sentence_offset]
            if _COORDINATORS.match(gap):
                chosen.append(m)
            else:
                break
        ids: list[str] = []
        for m in reversed(chosen):
            if m.actor_id and m.actor_id not in ids:
                ids.append(m.actor_id)
        return ids

    # -- arguments -------------------------------------------------------------------------------
    @staticmethod
    def _case_of(token: Any) -> str:
        case = "".join(c.text for c in token.children if c.dep_ in {"case", "fixed"} and c.i > token.i)
        fixed = "".join(g.text for c in token.children if c.dep_ == "case" for g in c.children if g.dep_ == "fixed")
        return case + fixed

    def _arguments(self, pred: Any, token_actor: dict[int, Mention], state: ArticleState,
                   subjects_only: bool = False, exclude: int | None = None) -> tuple[list[str], list[str], list[str]]:
        sources: list[str] = []
        targets: list[str] = []
        rules: list[str] = []
        children = [c for c in pred.children if c.dep_ in _ARG_DEPS and c.i != exclude]
        if pred.pos_ in {"NOUN", "PROPN"}:
            # a nominal predicate's arguments can sit deeper in its noun-phrase chain (…施設に対する
            # 極超音速兵器による攻撃: the parser hangs 施設 on 兵器, not on 攻撃)
            stack = [c for c in children if c.dep_ in {"nmod", "compound"}]
            while stack:
                node = stack.pop()
                for grand in node.children:
                    if grand.dep_ in {"nmod"} and grand.i < pred.i and grand not in children:
                        children.append(grand)
                        stack.append(grand)
            children.sort(key=lambda c: c.i)
        # a first conjunct with no case marker borrows the case of the next one (AおよびBへの)
        postpositions = tuple(self.lexicon.cues["source_postpositions"])
        passive = any(c.dep_ == "aux" and c.lemma_ in {"れる", "られる"} for c in pred.children) and pred.pos_ == "VERB"
        for child in children:
            case = self._case_of(child)
            if passive and not subjects_only:
                # 〜が…に襲撃された: the subject suffers the act, the に-phrase does it
                actors = self._phrase_actors(child, token_actor, state)
                if actors and (child.dep_ in {"nsubj", "nsubj:pass"} or case in _CASE_SOURCE):
                    targets.extend(a for a in actors if a not in targets)
                    rules.append("arg:target:passive-subject")
                    continue
                if actors and case in {"に", "によって", "により"}:
                    sources.extend(a for a in actors if a not in sources)
                    rules.append(f"arg:source:passive-{case}")
                    continue
            if case.startswith(postpositions):
                continue  # Xによれば names who reports, not who acts
            if (m := token_actor.get(child.i)) and (a := self.kb.get(m.actor_id)) and a.type is ActorType.weapon:
                continue  # 極超音速兵器による: an instrument, not an agent
            actors = self._phrase_actors(child, token_actor, state)
            if not actors:
                continue
            if case.startswith(_CASE_AGENT) or child.dep_ in {"nsubj", "nsubj:pass", "dislocated"} or case in _CASE_SOURCE:
                actors = [a for a in actors if (x := self.kb.get(a)) is None or x.type not in _NOT_A_SOURCE_TYPES]
                if not actors:
                    continue
            if case.startswith(_CASE_AGENT):
                sources.extend(a for a in actors if a not in sources)
                rules.append(f"arg:source:{case}")
            elif child.dep_ in {"nsubj", "nsubj:pass", "dislocated"} or case in _CASE_SOURCE:
                sources.extend(a for a in actors if a not in sources)
                rules.append(f"arg:source:{case or child.dep_}")
            elif case.startswith(_CASE_TARGET) or case.startswith("から") or child.dep_ == "obj":
                targets.extend(a for a in actors if a not in targets)
                rules.append(f"arg:target:{case or child.dep_}")
            elif subjects_only:
                continue
            elif case == "の" and pred.pos_ in {"NOUN", "PROPN"} and child.i in token_actor and not any(
                    (x := self.kb.get(a)) is not None and x.type in _NOT_A_SOURCE_TYPES for a in actors):
                # ロシアの攻撃: a genitive actor on a nominal predicate is its agent
                sources.extend(a for a in actors if a not in sources)
                rules.append("arg:source:の")
            elif not case and child.dep_ in {"nmod", "obl"}:
                siblings = [c for c in children if c.i > child.i and self._case_of(c).startswith(_CASE_TARGET)]
                if siblings and any(t.dep_ == "cc" for t in pred.doc[child.i: siblings[0].i]):
                    targets.extend(a for a in actors if a not in targets)
                    rules.append("arg:target:coordinated")
        return sources, targets, rules

    # -- modality --------------------------------------------------------------------------------
    def _modality(self, pred: Any, state: ArticleState, permitted: bool) -> tuple[Modality, list[str], bool]:
        boundaries = self.lexicon.cues["clause_boundaries"]
        negations = self.lexicon.cues["negation"]
        carriers = set(self.lexicon.cues["negation_carriers"])
        reporting = set(self.lexicon.cues["reporting_predicates"])
        modal_nouns = set(self.lexicon.cues["modal_nouns"])
        found: list[Modality] = []
        cues: list[str] = []
        negated = False
        node = pred
        first = True
        while True:
            text = _functional_text(node)
            for modality, words in self.modality_cues.items():
                for word in words:
                    if word in text:
                        found.append(modality)
                        cues.append(word)
                        break
            for child in node.children:
                if child.dep_ == "advcl" and child.i < node.i and any(
                        _functional_text(child).endswith(w) for w in ("れば", "ければ", "えば", "たら", "なら", "ならば")):
                    found.append(Modality.conditional)  # 攻撃を続ければ報復する: the consequence is conditional too
                    cues.append("if-clause")
                if child.dep_ in {"obl", "nmod", "advcl"} and child.lemma_ in self.frame_nouns:
                    found.append(self.frame_nouns[child.lemma_])
                    cues.append(child.lemma_)
                if child.dep_ == "obl" and self._case_of(child).startswith(tuple(self.lexicon.cues["source_postpositions"])):
                    found.append(Modality.reported)
                    cues.append(self._case_of(child))
            if (first or node.lemma_ in carriers) and any(text.endswith(n) or n in text[len(node.text):] for n in negations):
                negated = True
                cues.append("negation")
            voiced = node is not pred and pred.dep_ == "compound" and pred.head.i == node.i  # 同意表明
            if (not first and node.lemma_ in reporting and not self._is_passive(node) and not voiced
                    and self.lexicon.entry(node.lemma_) is None):
                found.append(Modality.reported)
                cues.append(f"reported-by:{node.lemma_}")
            if node.head.i == node.i or _clause_boundary(node, boundaries):
                break
            if node.dep_ == "acl" and node.pos_ == "VERB" and node.head.lemma_ not in modal_nouns:
                break  # a relative clause is presupposed by the noun it modifies
            if node.pos_ in {"NOUN", "PROPN"} and self._case_of(node) in self.lexicon.cues["presupposing_cases"]:
                break  # a cause is presupposed by its effect
            first = False
            node = node.head
        if permitted:
            found.append(Modality.possible)
            cues.append("permitted")
        if not found and state.frame_active:
            found.append(Modality.recommended)
            cues.append("frame:recommended")
        if not found:
            return Modality.occurred, cues, negated
        for modality in self.precedence:
            if modality in found:
                return modality, cues, negated
        return Modality.occurred, cues, negated

    def candidate_sentences(self, sentences: Sequence[Sentence], with_actor: set[int]) -> list[int]:
        """Sentences worth parsing: those naming a known actor, and every sentence after a
        recommendation frame (their subject is the frame's, left implicit)."""
        if not with_actor:
            return []  # no known actor anywhere: no frame can have a subject either
        frames = self.lexicon.cues["recommendation_frames"]
        first_frame = next((s.index for s in sentences if any(cue in s.text for cue in frames)), None)
        chosen = set(with_actor)
        # 両国は…: a sentence referring back to a pair named earlier
        chosen.update(s.index for s in sentences if s.index > min(with_actor) and any(w in s.text for w in PAIR_WORDS))
        if first_frame is not None:
            chosen.update(s.index for s in sentences if s.index > first_frame)
        return sorted(chosen)

    @staticmethod
    def new_state() -> ArticleState:
        return ArticleState()

    # -- main --------------------------------------------------------------------------------------
    def _type_of(self, pred: Any) -> tuple[Plover | None, str | None, list[str], Any | None]:
        """(plover, cameo, rules, absorbed_object) for a predicate token, or (None, ...) if no event.

        A refinement (predicate + object noun) decides first; its object is absorbed into the event,
        except under a permission predicate, where the permitted act stays an event of its own."""
        entry = self.lexicon.entry(pred.lemma_) or self.lexicon.entry(pred.text)
        objects = [c for c in pred.children if c.dep_ in {"obj", "nsubj", "compound", "nmod", "obl"}]
        # 退去を公式に要請: the parser may hang the object on the adverb in between
        objects += [g for c in pred.children if c.dep_ == "advcl" and c.pos_ == "ADJ" for g in c.children if g.dep_ == "obj"]
        for obj in objects:
            for t in [obj, *[c for c in obj.children if c.dep_ == "compound"]]:
                ref = (self.lexicon.refinements.get((pred.lemma_, t.lemma_)) or self.lexicon.refinements.get((pred.text, t.text))
                       or self._refinement_by_suffix(pred.lemma_, t.text))
                if ref and ref.plover == NONE:
                    return None, None, [ref.row], None
                if ref:
                    return Plover(ref.plover), cameo_for(Plover(ref.plover), ref.cameo), [ref.row], obj
        if entry is None or entry.plover == LIGHT:
            return None, None, [], None
        return Plover(entry.plover), cameo_for(Plover(entry.plover), entry.cameo), [entry.row], None

    def _refinement_by_suffix(self, predicate: str, noun: str) -> LexiconEntry | None:
        """Sudachi keeps some compounds whole (警告メッセージ): match the refinement's object as their head."""
        for (pred, obj), entry in self.lexicon.refinements.items():
            if pred == predicate and len(obj) >= 2 and noun.endswith(obj):
                return entry
        return None

    def _is_predicate_token(self, token: Any) -> bool:
        if token.pos_ not in {"VERB", "NOUN", "PROPN", "ADJ"} or token.tag_.split("-")[0] not in {"名詞", "動詞"}:
            return False
        # 〜ことが求められる: the passive of a request verb is a modality cue, not a request
        return not (token.lemma_ in self.lexicon.cues["modal_predicates"]
                    and any(c.dep_ == "aux" and c.lemma_ in {"れる", "られる"} for c in token.children))

    @staticmethod
    def _contrasted_away(token: Any) -> bool:
        """個別の許可ではなく、…への関与である: 'not X but Y' says what something is not; X is no event."""
        return "ではなく" in _functional_text(token) or any(
            c.dep_ == "cop" and c.text == "で" and any(g.text in {"なく", "無く"} for g in token.children) for c in token.children)

    def _is_light(self, token: Any) -> bool:
        entry = self.lexicon.entry(token.lemma_)
        return entry is not None and entry.plover == LIGHT

    def extract(self, article_id: str, article_date: dt.date | None, sentence: Sentence, doc: Any,
                mentions: Sequence[Mention], state: ArticleState) -> list[Event]:
        self._sentence_offset = sentence.start
        token_actor = self._token_actors(doc, sentence, mentions)
        cues = self.lexicon.cues
        permission = set(cues["permission_predicates"])
        typed: dict[int, tuple[Plover, str, list[str]]] = {}
        absorbed: set[int] = set()
        absorbed_by: dict[int, Any] = {}
        for token in doc:
            if not self._is_predicate_token(token) or token.i in token_actor:
                continue
            plover, cameo, rules, obj = self._type_of(token)
            if plover is None or self._contrasted_away(token):
                continue
            if obj is not None:
                if token.lemma_ not in permission:
                    absorbed.add(obj.i)  # under a permission, the permitted act stays an event of its own
                absorbed_by[token.i] = obj
                phrase = "".join(t.text for t in sorted(_phrase_tokens(obj), key=lambda t: t.i))
                rules = [*rules, f"object:{phrase}"]
            typed[token.i] = (plover, cameo or "", rules)
        for i in absorbed:
            typed.pop(i, None)
        for i in list(typed):
            t = doc[i]
            head = t.head
            if head.lemma_ in permission and self._is_light(t) and head.i != t.i:
                typed.pop(i)  # ミサイル使用を許可: the permission is the event; "use" is what it covers
                continue
            reported_act = head.lemma_ in self.lexicon.cues["reporting_predicates"] and head.pos_ == "NOUN"
            if t.dep_ in {"compound", "nmod", "conj"} and head.i not in typed and head.lemma_ not in permission \
                    and not reported_act:  # 同意表明: the consent is the act, 表明 only voices it
                # an event noun modifying a plain noun (攻撃能力) is not an event; nor are the examples
                # listed for an event's object (ワインの輸入...など、あらゆる貿易取引を停止)
                if t.dep_ == "compound" and not self._is_light(head) or (head.dep_ == "obj" and head.head.i in typed):
                    typed.pop(i)
            elif head.i in typed and head.i != t.i and typed[head.i][0] == typed[i][0] and t.dep_ in {"obl", "obj", "nsubj"}:
                # 攻撃に使用される: the governing predicate repeats its argument's event
                typed.pop(head.i, None)
        date, qualifier, date_rule = resolve_date(sentence.text, article_date, cues.get("relative_dates"))
        events: list[Event] = []
        for i, (plover, cameo, rules) in sorted(typed.items()):
            pred = doc[i]
            sources, targets, arg_rules = self._arguments(pred, token_actor, state)
            if (obj := absorbed_by.get(i)) is not None and obj.i not in typed:
                # 領土からの退去を要請: the absorbed action keeps its own target
                obj_sources, obj_targets, obj_rules = self._arguments(obj, token_actor, state)
                targets += [t for t in obj_targets if t not in targets]
                arg_rules += [r + "@object" for r in obj_rules if r.startswith("arg:target")]
            governor = pred.head if pred.head.i != pred.i else None
            permitted = governor is not None and governor.lemma_ in permission and pred.dep_ in {"obj", "compound", "nmod"}
            if pred.lemma_ in permission:
                # what is permitted, and to whom: the permitted act's agent is the one permitted
                complement = next((c for c in pred.children if c.i in typed and c.dep_ in {"obj", "compound", "nmod"}), None)
                if complement is not None:
                    agents, _, _ = self._arguments(complement, token_actor, state)
                    if not agents:  # ウクライナによる…攻撃容認: the agent hangs on the permission's phrase
                        agents = [a for c in pred.subtree if c.i < pred.i and self._case_of(c).startswith(_CASE_AGENT)
                                  for a in self._phrase_actors(c, token_actor, state)]
                    targets = agents  # the complement's own target (ロシア領土への発射) is not the permitted party
                    sources = [x for x in sources if x not in agents]
                    arg_rules.append("arg:target:permitted-agent")
            if permitted and governor is not None:
                # ウクライナによる…攻撃容認: the parser hangs the permitted act's agent and target on the
                # permission; they are the act's
                g_sources, g_targets, g_rules = self._arguments(governor, token_actor, state, exclude=pred.i)
                if not sources:
                    sources = g_sources
                if not targets:
                    targets = [t for t in g_targets if t not in sources and t not in g_sources]
                arg_rules += [r + "@permission" for r in g_rules]
            if (not sources and governor is not None and pred.dep_ == "compound" and governor.pos_ == "NOUN"
                    and governor.lemma_ in self.lexicon.cues["reporting_predicates"]):
                # フランスとイギリスの同意表明: whoever voices the act does it
                sources = [a for c in governor.children if self._case_of(c) == "の"
                           for a in self._phrase_actors(c, token_actor, state)]
                if sources:
                    arg_rules.append("arg:source:の@voiced")
            if not sources and governor is not None and not permitted:
                sources, inherited_targets, inherited_rules = self._inherited(pred, token_actor, state)
                arg_rules += inherited_rules
                if not targets and pred.dep_ == "obj" and self._is_light(governor):
                    targets = [t for t in inherited_targets if t not in sources]
            if not sources:
                sources = self._shared_subject(pred, token_actor, state)
                if sources:
                    arg_rules.append("arg:source:shared-subject")
            if not sources and not permitted and not self._under_report(pred):
                sources = [a for a in self.sentence_topic(doc, token_actor, state, before=pred.i) if a not in targets]
                if sources:
                    arg_rules.append("arg:source:topic")
            if not sources and state.frame_subject and state.frame_active:
                sources = list(state.frame_subject)
                arg_rules.append("arg:source:frame")
            if plover is Plover.ASSAULT and not targets and self._untargeted_launch(pred):
                plover, cameo = Plover.MOBILIZE, cameo_for(Plover.MOBILIZE)
                rules = [*rules, "rule:launch-into-sea=show-of-force"]
            modality, modal_cues, negated = self._modality(pred, state, permitted)
            instrument = self._instrument(pred, token_actor)
            predicate_text = pred.text + "".join(c.text for c in pred.children if c.dep_ == "aux" and c.i == pred.i + 1)
            pairs = [(src, tgt) for src in sources or [None] for tgt in [t for t in targets if t != src] or [None]]
            if plover.value in RECIPROCAL and not targets and len(sources) > 1:
                # AとBが会談した: each met the other
                pairs = [(src, tgt) for src in sources for tgt in sources if src != tgt]
                arg_rules.append("arg:reciprocal")
            for source, target in pairs:
                events.append(build_event(
                    self.kb, article_id, sentence, pred, source=source, target=target, plover=plover, cameo=cameo,
                    modality=modality, negated=negated, date=date, qualifier=qualifier, instrument=instrument,
                    predicate_text=predicate_text, cues=modal_cues,
                    rules=[*rules, *arg_rules, *([date_rule] if date_rule else [])]))
        return events

    def _inherited(self, pred: Any, token_actor: dict[int, Mention], state: ArticleState
                   ) -> tuple[list[str], list[str], list[str]]:
        """Source (and target) from the nearest governing clause that has one: 攻撃を実行する takes the
        subject of 実行; 報復すると警告した takes the subject of 警告. A media outlet or a generic
        group is the speaker of a report, not the actor of what it reports, so it is never inherited."""
        boundaries = self.lexicon.cues["clause_boundaries"]
        reporting = set(self.lexicon.cues["reporting_predicates"])
        node = pred
        while node.head.i != node.i and not _clause_boundary(node, boundaries):
            previous, node = node, node.head
            across_clause = previous.dep_ == "advcl"
            if node.lemma_ in reporting and self.lexicon.entry(node.lemma_) is None and not (
                    self._case_of(previous) == "と" and previous.pos_ == "VERB"):
                break  # Xは…許可を評した: the speaker talks about the act; in 〜したと発表した it reports its own
            sources, targets, rules = self._arguments(node, token_actor, state, subjects_only=True, exclude=previous.i)
            if across_clause:
                # a clause joined by て/よう shares its topic (は), not another clause's が-subject
                keep = {a for child in node.children if self._case_of(child) in {"は", "も"}
                        for a in self._phrase_actors(child, token_actor, state)}
                sources = [a for a in sources if a in keep]
            sources = [s for s in sources if (a := self.kb.get(s)) is None
                       or a.type not in (ActorType.media, ActorType.generic)]
            if sources:
                return sources, targets, [r + "@governor" for r in rules if r.startswith("arg:source")]
        return [], [], []

    def _is_passive(self, token: Any) -> bool:
        return any(c.dep_ == "aux" and c.lemma_ in {"れる", "られる"} for c in token.children)

    def _under_report(self, pred: Any) -> bool:
        """True when a pure reporting predicate (報じる, 評する, not an act itself) governs `pred` other
        than through a quoted clause (〜と発表した): its subject speaks about the act."""
        reporting = set(self.lexicon.cues["reporting_predicates"])
        node = pred
        while node.head.i != node.i:
            child, node = node, node.head
            if node.lemma_ in reporting and self.lexicon.entry(node.lemma_) is None:
                return not (self._case_of(child) == "と" and child.pos_ == "VERB")
        return False

    def sentence_topic(self, doc: Any, token_actor: dict[int, Mention], state: ArticleState,
                       before: int | None = None) -> list[str]:
        """The actor in the sentence's first は-phrase: in Japanese the topic scopes over the sentence's
        predicates even where the parser attaches it to one of them (台湾国防部は同日、…非難した). A
        media outlet or generic group as topic is a reporter, not an actor."""
        for token in doc:
            if before is not None and token.i >= before:
                break
            if self._case_of(token) in {"は", "も"} and token.dep_ in {"nsubj", "obl", "dislocated", "nmod"}:
                actors = [a for a in self._phrase_actors(token, token_actor, state)
                          if (x := self.kb.get(a)) is None
                          or x.type not in (*_NOT_A_SOURCE_TYPES, ActorType.media, ActorType.generic)]
                return actors
        return []

    def _shared_subject(self, pred: Any, token_actor: dict[int, Mention], state: ArticleState) -> list[str]:
        """XもYに追随する形で、Zを許可した: a subordinate clause before the predicate shares its subject."""
        for child in sorted(pred.children, key=lambda c: c.i):
            if child.i > pred.i or child.dep_ not in {"advcl", "obl"}:
                continue
            clauses = [child, *[g for g in child.children if g.dep_ in {"acl", "advcl"}]]
            for clause in clauses:
                for arg in clause.children:
                    if arg.dep_ in {"nsubj", "dislocated"} or self._case_of(arg) in _CASE_SOURCE:
                        actors = [a for a in self._phrase_actors(arg, token_actor, state)
                                  if (x := self.kb.get(a)) is None or x.type not in (*_NOT_A_SOURCE_TYPES, ActorType.media, ActorType.generic)]
                        if actors:
                            return actors
        return []

    def _untargeted_launch(self, pred: Any) -> bool:
        rule = self.lexicon.cues["show_of_force"]
        if pred.lemma_ not in rule["predicates"]:
            return False
        places = [t for c in [*pred.children, *(pred.head.children if pred.head.i != pred.i else [])]
                  if c.dep_ in {"obl", "advcl", "nmod"} for t in c.subtree]
        return any(t.lemma_ in rule["destinations"] or t.text.endswith(tuple(rule["destinations"])) for t in places)

    def _instrument(self, pred: Any, token_actor: dict[int, Mention]) -> str | None:
        """A weapon named in the predicate's phrase or its direct arguments."""
        scope = [pred, *pred.children, *(g for c in pred.children for g in c.subtree)]
        if pred.head.i != pred.i:
            scope += [c for c in pred.head.children if c.dep_ in {"obj", "obl", "nmod"}]
            scope += [g for c in pred.head.children if c.dep_ in {"obj", "obl"} for g in c.subtree]
        for t in sorted(set(scope), key=lambda t: t.i):
            m = token_actor.get(t.i)
            if m and (a := self.kb.get(m.actor_id)) and a.type is ActorType.weapon:
                return a.id
        return None

    def update_state(self, state: ArticleState, sentence: Sentence, doc: Any, mentions: Sequence[Mention]) -> None:
        """Frames and coordinated pairs a later sentence may refer back to."""
        text = sentence.text
        if any(cue in text for cue in self.lexicon.cues["recommendation_frames"]):
            token_actor = self._token_actors(doc, sentence, mentions)
            subjects = [token_actor[t.i].actor_id for t in doc if t.i in token_actor and self._case_of(t) in _CASE_SOURCE]
            subjects = [s for s in subjects if s]
            state.frame_subject = subjects[:1] or state.frame_subject
            state.frame_active = True
        states = [m for m in mentions if m.sentence == sentence.index and m.actor_id
                  and (a := self.kb.get(m.actor_id)) and a.type is ActorType.state]
        paired = False
        for left, right in zip(states, states[1:], strict=False):
            gap = text[left.end - sentence.start: right.start - sentence.start]
            if _COORDINATORS.match(gap) and left.actor_id != right.actor_id:
                state.last_pair = [left.actor_id or "", right.actor_id or ""]
                paired = True
        if not paired:
            # ベネズエラのマドゥロ大統領とガイアナのアリ大統領は: leaders named together pair their states
            leaders = [(m, c) for m in mentions if m.sentence == sentence.index and (a := self.kb.get(m.actor_id))
                       and a.type is ActorType.person and (c := self.kb.country_of(m.actor_id))]
            for (left, lc), (right, rc) in zip(leaders, leaders[1:], strict=False):
                gap = text[left.end - sentence.start: right.start - sentence.start]
                if lc != rc and re.fullmatch(r"(と|および|や)(\w{1,8}の)?", gap):
                    state.last_pair = [lc, rc]

