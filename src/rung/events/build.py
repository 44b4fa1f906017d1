"""Events built once, for every language, from clause records (rung.clauses).

For each clause: its PLOVER type from the language's predicate lexicon (a light verb takes its object's
type; object refinements override), then the event-versus-mention filter (rung/events/data/build.yaml
documents each reason), the source from the agent, the target from the roles the type takes, modality
from the clause's cues and the clauses it hangs from, negation, date, place and a confidence from the
evidence. One real event is emitted once per article.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from rung.clauses import Clause, Link, Role
from rung.clauses.lexicon import LIGHT, NONE, LexiconEntry
from rung.events.common import cameo_for, event_id
from rung.model import ActorType, Event, Evidence, Modality, Plover, Sentence, Span

# Cues that speak of their own clause only: a plain non-past verb (行います) is the speaker's plan, but what is
# coordinated with it or said under it keeps its own tense.
LOCAL_CUES = {"non-past"}

PRECEDENCE = [Modality.conditional, Modality.hypothetical, Modality.recommended, Modality.possible,
              Modality.planned, Modality.reported, Modality.occurred]

# the evidence cue of a speech act performed as it is said, in the present ('we condemn', 強く非難します): a claim
# stating it asserts, where one reporting a past act of the speaker's confirms (guide, Claims; rung.claims.build
# decides the status from the clause itself)
PERFORMED_AS_SAID = "performative:present"
# 'will not tolerate such threats' (build.yaml refusal_threats): a warning, given as it is said, aimed at no one in
# particular; its negation is the refusal's, not the event's
REFUSAL_THREAT = "threat:will-not-tolerate"

# Modalities of acts that happened: only such an act is referred back to, and only by one (build.yaml: an event
# noun's target)
FACTUAL = frozenset({Modality.occurred, Modality.reported})

DateResolver = Callable[[str, "dt.date | None"], tuple["dt.date | None", "str | None", "str | None"]]


@lru_cache(maxsize=1)
def build_rules() -> dict[str, Any]:
    return yaml.safe_load((resources.files("rung.events") / "data" / "build.yaml").read_text(encoding="utf-8"))


@dataclass(slots=True)
class Typed:
    plover: Plover
    cameo: str
    rule: str
    light: bool
    object: str | None = None  # the object noun that decided the type (攻撃を強化, 'launched strikes')

    @classmethod
    def of(cls, entry: LexiconEntry, rule: str, light: bool, obj: str | None = None) -> Typed:
        plover = Plover(entry.plover)
        return cls(plover, cameo_for(plover, entry.cameo), rule, light, obj)


# predicates that deny what was said whatever their object ('denied the report', 否定した): claim statuses, no event
DENIAL_PREDICATES = frozenset({"deny", "dismiss", "refute", "否定", "否認", "反論"})


class EventBuilder:
    def __init__(self, kb: Any, predicates: dict[str, LexiconEntry],
                 refinements: dict[tuple[str, str], LexiconEntry], resolve_date: DateResolver,
                 lang: str = "") -> None:
        self.kb = kb
        self.predicates = predicates
        self.refinements = refinements
        self.resolve_date = resolve_date
        rules = build_rules()
        self.theme_types = {Plover(p) for p in rules["theme_types"]}
        self.reciprocal = {Plover(p) for p in rules["reciprocal"]}
        self.reciprocal_predicates = frozenset(rules["reciprocal_predicates"])
        self.place_target_types = {Plover(p) for p in rules["place_target_types"]}
        self.launch_predicates = set(rules["show_of_force"]["predicates"])
        self.projectiles = set(rules["show_of_force"]["projectiles"])
        self.aimed_marks = set(rules["show_of_force"]["aimed_marks"])
        self.test_predicates = set(rules["show_of_force"]["tests"])
        self.use_verbs = set(rules["use_verbs"])
        self.aimed_weapons = rules["aimed_weapons"]
        self.origin_source_types = {Plover(p) for p in rules["origin_source_types"]}
        self.needs_target_types = {Plover(p) for p in [*rules["needs_target_types"],
                                                       *rules["needs_target_types_by_language"].get(lang, [])]}
        self.origin_target_types = {Plover(p) for p in rules["origin_target_types"]}
        self.needs_party_predicates = frozenset(rules["needs_party_predicates_by_language"].get(lang, []))
        self.back_references = tuple(rules["back_references_by_language"].get(lang, []))
        self.coordinated_targets = rules["coordinated_targets"]
        self.one_target_types = {Plover(p) for p in rules["one_target_types_by_language"].get(lang, [])}
        self.addressed_carriers = frozenset(rules["addressed_carriers"])
        self.order_verbs = frozenset(rules["order_verbs"])
        self.manner_types = {Plover(p) for p in rules["manner_types"]}
        self.domestic_types = {Plover(p) for p in rules["domestic_types"]}
        self.act_on_doer_types = {Plover(p) for p in rules["act_on_doer_types"]}
        self.threatened_act_types = {Plover(p) for p in rules["threatened_act_types"]}
        self.performative_types = {Plover(p) for p in rules["performative_types"]}
        self.performative_names = frozenset(rules["performative_types"])  # as lexicon entries spell them
        self.topic_object_predicates = set(rules["topic_object_predicates"])
        self.requested_acts = lang not in rules["requested_acts_not_events"]
        self.party_heads = frozenset(rules["party_heads"])
        self.threat_responses = frozenset(rules["threat_responses"])
        self.refusal_threats = frozenset(rules["refusal_threats"])
        self.message_nouns = frozenset(rules["message_nouns"])
        self.complement_modals = frozenset(rules["complement_modals"])
        self.greeting_predicates = frozenset(rules["greeting_predicates"])
        self.undoing_predicates = frozenset(rules["undoing_predicates"])

    # -- typing ---------------------------------------------------------------------------------------
    def type_of(self, clause: Clause) -> Typed | None:
        entry = self.predicates.get(clause.predicate)
        if entry is None:
            return None
        if self._aimed_weapon(clause):
            return Typed(Plover.ASSAULT, "19", "aimed-weapon", False, clause.predicate)
        for obj in clause.objects:
            refined = self.refinements.get((clause.predicate, obj))
            if refined is not None:
                if refined.plover == NONE:
                    return None
                return Typed.of(refined, refined.row, False, obj)
        if entry.plover == NONE:
            return None
        if entry.plover == LIGHT:
            for obj in clause.objects:  # 意見交換を行う: the carried noun refined by its own modifier
                for other in clause.objects:
                    refined = self.refinements.get((obj, other))
                    if refined is not None and refined.plover not in (LIGHT, NONE):
                        return Typed.of(refined, f"{entry.row}+{refined.row}", True, obj)
            for obj in clause.objects:
                carried = self.predicates.get(obj)
                if carried is not None and carried.plover not in (LIGHT, NONE):
                    return Typed.of(carried, f"{entry.row}+{carried.row}", True, obj)
            return None
        return Typed.of(entry, entry.row, False)

    def _aimed_weapon(self, clause: Clause) -> bool:
        """'sent 40 drones toward the Kyiv region': weapons sent at a place or party attack it (build.yaml
        aimed_weapons); sent to a party they are aid."""
        rule = self.aimed_weapons
        if clause.predicate not in rule["predicates"] or not any(o in rule["weapons"] for o in clause.objects):
            return False
        return any(a.rule in rule["prepositions"] for a in clause.role(Role.patient))

    # -- event or mention -----------------------------------------------------------------------------
    def why_not_event(self, clause: Clause, by_index: dict[int, Clause]) -> str | None:
        """The documented reason a clause with an event predicate is a mention, not an event (or None)."""
        parent = by_index.get(clause.parent) if clause.parent is not None else None
        if clause.link is Link.purpose or self._inside_purpose(clause, by_index):
            return "purpose"
        if clause.speech and clause.stance == "deny" and (
                (typed := self.type_of(clause)) is None or typed.plover is not Plover.REJECT
                or self._denies_proposition(clause, by_index)):
            return "denial"
        if clause.voice == "passive" and clause.governs == "recommended" and not clause.actors(Role.agent):
            return "modal-passive"
        if clause.generic:
            return "generic"
        if parent is not None and parent.permits and clause.link is Link.complement:
            return "permitted-act"
        asked, above = clause, parent
        if not self.requested_acts and clause.nominal and clause.link is Link.nominal and above is not None \
                and self.type_of(above) is None and above.link is Link.coordination and above.parent in by_index:
            # 4者間合意の履行を含めその責任を果たすことを求めます: a noun act named in a verb chained to the requested one
            asked, above = above, by_index[above.parent]
        while above is not None and asked.link is Link.coordination and not asked.nominal and above.parent in by_index:
            # 即時に攻撃を停止し、部隊を…撤収するよう求めます: an act coordinated with the requested one is asked for too
            asked, above = above, by_index[above.parent]
        if not self.requested_acts and above is not None and asked.link in (Link.complement, Link.nominal) \
                and above.voice == "active" and above.governs == "recommended" \
                and (typed := self.type_of(above)) is not None \
                and typed.plover is Plover.REQUEST:
            return "requested-act"
        if clause.link is Link.relative and not any(a.rule.startswith("relative-head") and a.actors
                                                    for a in clause.role(Role.agent)):
            return "attributive"
        if clause.link is Link.nominal and parent is not None and parent.predicate in self.undoing_predicates:
            return "undone-act"  # build.yaml: 'lifted its sanctions': the lifting is the event, the sanctions none
        if clause.nominal and not clause.actors(Role.agent, Role.patient, Role.recipient):
            return "bare-noun"
        if clause.nominal and clause.link is Link.nominal and parent is not None and not clause.actors(Role.agent) \
                and self.type_of(parent) is not None and not parent.speech:
            return "object-of-event"
        return None

    def _inside_purpose(self, clause: Clause, by_index: dict[int, Clause]) -> bool:
        """ホーシー派による攻撃の停止や、…早期解放に向けて: an event noun inside a noun phrase of purpose is aimed at too, and
        so is one that a verb of purpose takes ('designed to ..., to increase our support for Israel'); not the topic
        of a verb of talking ('held a call to discuss the DPRK's launch': the launch has happened)."""
        node = clause
        while node.nominal and node.link is Link.nominal and node.parent in by_index:
            node = by_index[node.parent]
            if node.predicate in self.topic_object_predicates:
                return False
            if node.link is Link.purpose:
                return True
        return False

    def _all_domestic(self, sources: Sequence[str], targets: Sequence[str]) -> bool:
        states = {self.kb.country_of(s) or s for s in sources}
        return all((self.kb.country_of(t) or t) in states for t in targets)

    def _manner_of_another_act(self, clause: Clause, by_index: dict[int, Clause]) -> bool:
        """国際社会と連携し、制裁を科す / 'in coordination with the G7, imposed sanctions': the clause the cooperation hangs
        on (as a te-form, an adverbial or a coordinated verb) is itself an event of another kind."""
        parent = by_index.get(clause.parent) if clause.parent is not None else None
        if parent is None or clause.link not in (Link.adverbial, Link.coordination, Link.nominal):
            return False
        typed = self.type_of(parent)
        if typed is None:
            # G7と連携しつつ、対露制裁及びウクライナ支援に取り組んでいきます: the verb carries acts of another kind on
            carried = [self.type_of(c) for c in by_index.values() if c.parent == parent.index and c.nominal
                       and any(a.rule == "carrier" for a in c.role(Role.agent)) and not self.why_not_event(c, by_index)]
            return any(t is not None and t.plover not in self.manner_types for t in carried)
        return typed.plover not in self.manner_types

    @staticmethod
    def _denies_proposition(clause: Clause, by_index: dict[int, Clause]) -> bool:
        """'denied that its forces shelled Kharkiv' denies a claim (a claim status); 'rejects Chinese authority over the
        area' rejects a thing or a demand, which is a REJECT event (guide)."""
        return clause.predicate in DENIAL_PREDICATES or any(
            c.parent == clause.index and c.link is Link.complement for c in by_index.values())

    # -- modality -------------------------------------------------------------------------------------
    def modality(self, clause: Clause, by_index: dict[int, Clause], children: dict[int, list[Clause]]
                 ) -> tuple[Modality, list[str], bool]:
        cues: list[tuple[str, str]] = list(clause.modality)
        negated = clause.negated
        if any(c.link is Link.condition for c in children.get(clause.index, [])):
            cues.append(("conditional", "condition-clause"))
        node = clause
        attributed = clause.attribution is not None and not self._own_voice(clause)
        factive = clause.attribution is not None and clause.attribution.stance == "confirm"
        own_cues = True  # below a relative, adverbial or purpose clause only attribution still reaches it
        while node.parent is not None and node.parent in by_index:
            parent = by_index[node.parent]
            link = node.link
            if link in (Link.relative, Link.adverbial, Link.purpose) or (
                    link is Link.nominal and self._subject_of(node, parent)):
                own_cues = False
            if not own_cues:
                # 'Pakistan says it shot down jets that had flown over its border': the flying is Pakistan's report
                if link in (Link.complement, Link.nominal) and self._speaker_reports(clause, parent):
                    attributed = True
                    factive = factive or parent.stance == "confirm"
                node = parent
                continue
            if link is not Link.condition and any(c.link is Link.condition and c is not node and c.end <= node.start
                                                  for c in children.get(parent.index, [])):
                # 〜した場合には、…考慮せざるを得ない…ことが示唆される: the condition hangs on the verb above
                cues.append(("conditional", "condition-above"))
            if link is Link.condition:
                cues.append(("conditional", "condition"))
                break
            if link is Link.complement and parent.predicate in self.topic_object_predicates and not parent.governs:
                # 'will discuss the determination that X committed war crimes': what is discussed is told there, not
                # planned by the discussing (build.yaml topic_object_predicates; 検討 governs, and keeps its `possible`)
                attributed = True
                own_cues = False
                node = parent
                continue
            if link is Link.coordination:
                if not node.modality:
                    cues.extend((m, c) for m, c in parent.modality if c not in LOCAL_CUES)
            elif link in (Link.complement, Link.nominal):
                if parent.governs and not (link is Link.nominal and parent.permits):
                    cues.append((parent.governs, parent.predicate))
                if parent.governs_negation and link is Link.complement:
                    negated = not negated
                if not parent.speech:
                    cues.extend((m, c) for m, c in parent.modality if c not in LOCAL_CUES)
                if parent.attribution is not None and not self._own_voice(parent):
                    attributed = True
                    factive = factive or parent.attribution.stance == "confirm"
                if self._speaker_reports(clause, parent):
                    attributed = True
                    factive = factive or parent.stance == "confirm"
                if parent.permits:
                    cues.append(("possible", parent.predicate))
                if parent.speech:
                    # what is said keeps its own modality: 'we will condemn the invasion' plans no invasion, and
                    # neither does a plan coordinated with the condemning (…を非難するとともに…対応していく考え)
                    own_cues = False
            node = parent
        if self.performative(clause):
            # 'we strongly condemn', 強く非難します: a speech act performed as it is said has occurred
            cues = [(m, c) for m, c in cues if m != "planned"]
        elif clause.link is Link.coordination and clause.parent in by_index \
                and self.performative(by_index[clause.parent]):
            # …ペルソナ・ノン・グラータを通告し、…国外退去を求める: an act chained to one performed as it is said shares
            # its tense, and so is performed with it, not planned
            cues = [(m, c) for m, c in cues if (m, c) != ("planned", "non-past:shared")]
        if any(c != "frame" for _, c in cues):
            cues = [(m, c) for m, c in cues if c != "frame"]  # a frame's recommendation is only a default
        found = {Modality(m) for m, _ in cues}
        if attributed and not factive:
            found.add(Modality.reported)
        modality = next((m for m in PRECEDENCE if m in found), Modality.occurred)
        return modality, [f"{m}:{c}" for m, c in cues], negated

    def _speaker_reports(self, clause: Clause, speech: Clause) -> bool:
        """What a named speaker says is the speaker's report ('NATOによる戦争への関与であると指摘'): not a speaker's own
        voice or first person, not a speech act performed as said (a condemnation presupposes what it condemns), not
        an announcement of the speaker's own act (it states it)."""
        return speech.speech and not speech.first_person and bool(speech.actors(Role.agent)) \
            and not self._own_voice_speaker(speech) and not self.performative(speech) \
            and not self._speakers_own_act(clause, speech)

    def _subject_of(self, noun: Clause, parent: Clause) -> bool:
        """An act noun that is the subject of what is said of it ('the invasion will undermine ...') is not what is
        planned or possible there; under a light verb ('the attack could resume', 攻撃が再開される) it is."""
        entry = self.predicates.get(parent.predicate)
        # a も-phrase stands for が or を alike (核兵器使用も選択肢として考慮: what is considered), so it is no subject here
        return (entry is None or entry.plover != LIGHT) and any(
            a.start <= noun.start < a.end for a in parent.arguments
            if a.role in (Role.agent, Role.topic) and not a.marker.endswith("も"))

    def performative(self, clause: Clause) -> bool:
        typed = self.type_of(clause)
        base = self.predicates.get(clause.predicate)  # 国外退去を求める: a demand (REQUEST) that is an expulsion
        said = typed is not None and (typed.plover in self.performative_types
                                      or (base is not None and base.plover in self.performative_names))
        return said and (
            clause.first_person or self._own_voice(clause) or clause.speech)

    def _on_side_of(self, actors: Sequence[str], parties: Sequence[str]) -> bool:
        """Every actor is one of the parties, or belongs to one's state."""
        side = set(parties) | {self.kb.country_of(p) for p in parties}
        return all(a in side or self.kb.country_of(a) in side for a in actors)

    def _speakers_own_act(self, clause: Clause, speech: Clause) -> bool:
        agents = clause.actors(Role.agent)
        return bool(agents) and self._on_side_of(agents, speech.actors(Role.agent))

    def _own_voice_speaker(self, clause: Clause) -> bool:
        """The speech verb's agent is the statement's own voice or its state (我が国は…と指摘 in a ministry's
        release): what it says is the text's own word, not a report."""
        at = clause.attribution
        return at is not None and at.rule == "own-voice" and self._on_side_of(clause.actors(Role.agent), at.speakers)

    @staticmethod
    def _own_voice(clause: Clause) -> bool:
        return clause.attribution is not None and clause.attribution.rule == "own-voice"

    # -- roles ------------------------------------------------------------------------------------------
    def _state_of_place(self, actor_id: str) -> str | None:
        actor = self.kb.get(actor_id)
        if actor is None:
            return None
        if actor.type is ActorType.place:
            return actor.country
        return actor_id

    def _sources(self, clause: Clause) -> list[str]:
        out: list[str] = []
        for a in clause.actors(Role.agent):
            actor = self.kb.get(a)
            if actor is None or actor.type in (ActorType.weapon, ActorType.place):
                continue
            if a not in out:
                out.append(a)
        return out

    def _targets(self, clause: Clause, plover: Plover, sources: list[str], children: Sequence[Clause],
                 coordinated: dict[int, list[Clause]] | None = None) -> tuple[list[str], str]:
        source_states = {self.kb.country_of(s) or s for s in sources} | set(sources)
        def usable(actors: list[str], theme: bool) -> list[str]:
            out = []
            for a in actors:
                actor = self.kb.get(a)
                if actor is None or actor.type is ActorType.weapon:
                    continue
                if theme and actor.type is ActorType.military:
                    continue
                state = self._state_of_place(a)
                if state is None or state in source_states or a in source_states:
                    continue
                if state not in out:
                    out.append(state)
            return out
        theme = plover in self.theme_types
        orders = [(Role.recipient, "recipient"), (Role.patient, "patient")] if theme else \
            [(Role.patient, "patient"), (Role.recipient, "recipient")]
        if clause.predicate in self.topic_object_predicates:
            orders = [(Role.recipient, "recipient")]  # 'discussed Russia's war': the object is the topic
        if plover in self.act_on_doer_types:
            # ロシアによるウクライナへの侵略を非難: the object phrase names the condemned act's doer and its target; the
            # condemnation is aimed at the doer only
            for child in children:
                if child.link is Link.nominal:
                    found = usable(child.actors(Role.agent), False)
                    if found:
                        return found, "target:doer-of-the-act"
        if plover in self.origin_target_types and clause.actors(Role.origin):
            # 'withdrew from the Syrian to the Israeli-occupied sector': the side left is the party, not where it goes
            orders = [(Role.origin, "origin"), *orders]
        for role, name in orders:
            found = usable(clause.actors(role), theme and role is Role.patient)
            if found:
                return found, f"target:{name}"
        if plover in self.place_target_types:
            found = usable(clause.actors(Role.place), False)
            if found:
                return found, "target:place"
        if plover in self.origin_target_types:
            found = usable(clause.actors(Role.origin), False)
            if found:
                return found, "target:origin"
        if plover in self.reciprocal:
            # 日米で連携: the parties named together where the act is done, the source's partners the targets
            named = clause.actors(Role.place, Role.agent)
            if any(s in named for s in sources) or len(named) >= 2:
                found = usable([a for a in named if a not in sources], False)
                if found:
                    return found[:1], "target:partners"
        if plover in self.act_on_doer_types:
            # 'we condemn the RSF's assault', ロシアによる侵略を非難: the condemned act's doer is the target
            for child in children:
                # ...and a request's target is who is asked to act (北朝鮮が…行動をとるよう求める)
                # ...and a conditional threat's target is whose act would set it off ('if X continues, we will respond')
                # ...and a condemnation's, whose act it condemns (ホーシー派が…攻撃を継続していることを非難します)
                if child.link is Link.nominal or (plover in (Plover.REQUEST, Plover.PROTEST, Plover.ACCUSE)
                                                  and child.link is Link.complement) \
                        or (plover is Plover.THREATEN and child.link is Link.condition):
                    found = usable([a for a in child.actors(Role.agent)], False)
                    if found:
                        return found, "target:doer-of-the-act"
        if plover in self.threatened_act_types:
            # 'threats to kill or kidnap British individuals', 'threatened to strike Kyiv': whom the threatened act hits
            acts = [c for c in children if c.link in (Link.complement, Link.relative)]
            acts += [c for a in acts for c in (coordinated or {}).get(a.index, []) if c.link is Link.coordination]
            for child in acts:  # 'to kill or kidnap British individuals': the object is the last conjunct's
                found = usable(child.actors(Role.patient, Role.recipient), False)
                if found:
                    return found, "target:of-the-threatened-act"
        return [], ""

    def _threatened_response(self, clause: Clause, by_index: dict[int, Clause], children: dict[int, list[Clause]]
                             ) -> Typed | None:
        """'the United States will respond', 'if X continues, we will respond': an unspecified response announced or
        conditioned is a threat (guide: Threats and warnings); a response that happened, or one that says something
        (a complement), is none."""
        if clause.negated or any(c.link is Link.complement for c in children.get(clause.index, [])):
            return None
        modality, _cues, _negated = self.modality(clause, by_index, children)
        if modality not in (Modality.planned, Modality.conditional):
            return None
        return Typed(Plover.THREATEN, "13", "threat:response", False)

    def _needs_party(self, clause: Clause, typed: Typed) -> bool:
        """議論を行った, 懸念しています: the predicate, or the noun its light verb carries, is an act between parties only
        with a party named (build.yaml `needs_party_predicates_by_language`)."""
        return clause.predicate in self.needs_party_predicates or (
            typed.object in self.needs_party_predicates and clause.predicate not in self.addressed_carriers)

    def _lacks_target(self, clause: Clause, plover: Plover, targets: list[str], kids: Sequence[Clause] = ()) -> bool:
        """A type that needs its target (build.yaml `needs_target_types`) with none found and no unlisted party named,
        by the clause or by the act noun it takes ('called for the killing of these individuals': a threat to them)."""
        return not targets and plover in self.needs_target_types and not self._unlisted_party(clause) and not any(
            k.nominal and k.link is Link.nominal and k.predicate in clause.objects and self._unlisted_party(k, of_phrase=True)
            for k in kids)

    def _unlisted_party(self, clause: Clause, of_phrase: bool = False) -> bool:
        """'sanctioned two officials', 'sanctioned 14 individuals': the act names its party by a noun of people or bodies
        (build.yaml `party_heads`) that no list resolves; it still has a party. `of_phrase`: an act noun's 'of' phrase
        counts too, whatever role it was read in ('the killing of these individuals')."""
        return any(a.head in self.party_heads and not a.actors for a in clause.arguments
                   if a.role in (Role.patient, Role.recipient) or (of_phrase and a.rule.startswith("noun-of")))

    def _instrument(self, clause: Clause) -> str | None:
        for a in clause.actors(Role.instrument, Role.patient, Role.agent):
            actor = self.kb.get(a)
            if actor is not None and actor.type is ActorType.weapon:
                return a
        return None

    def _location(self, clause: Clause, sentence_places: Sequence[str] = ()) -> str | None:
        """The place among the clause's arguments; else the one place its sentence names, if it names only one
        ('Russian drones struck an energy facility overnight, officials in Odesa said')."""
        for a in clause.actors(Role.place, Role.patient, Role.recipient):
            actor = self.kb.get(a)
            if actor is not None and actor.type is ActorType.place:
                return a
        return sentence_places[0] if len(sentence_places) == 1 else None

    def _places_by_sentence(self, clauses: Sequence[Clause]) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {}
        for c in clauses:
            for a in c.actors(Role.place, Role.patient, Role.recipient, Role.origin, Role.agent):
                actor = self.kb.get(a)
                if actor is not None and actor.type is ActorType.place and a not in out.setdefault(c.sentence, []):
                    out[c.sentence].append(a)
        return out

    # -- all together ---------------------------------------------------------------------------------
    def build(self, article_id: str, article_date: dt.date | None, sentences: Sequence[Sentence],
              clauses: Sequence[Clause]) -> list[Event]:
        return self.build_with_acts(article_id, article_date, sentences, clauses)[0]

    def build_with_acts(self, article_id: str, article_date: dt.date | None, sentences: Sequence[Sentence],
                        clauses: Sequence[Clause]) -> tuple[list[Event], list[Event]]:
        """The events, and the acts that are no events only for want of a party (build.yaml
        `needs_party_predicates_by_language`: 国家安全保障会議を開催し、…議論を行った): a speaker reporting such an act of
        its own still confirms it (guide, Claims), so the claim builder reads them too."""
        by_index = {c.index: c for c in clauses}
        children: dict[int, list[Clause]] = {}
        for c in clauses:
            if c.parent is not None:
                children.setdefault(c.parent, []).append(c)
        by_sentence = {s.index: s for s in sentences}
        dates: dict[int, tuple] = {}  # a sentence's date, resolved once however many events it holds
        events: list[Event] = []
        acts_only: list[Event] = []  # acts that are no events for want of a party (build.yaml), for the claims
        seen: set[tuple] = set()
        done_before: dict[tuple, int] = {}  # (source's state, type) -> the sentence of its first act that happened
        earlier: dict[tuple, str] = {}  # (source's state, type) -> the target of its latest event with one
        places = self._places_by_sentence(clauses)
        ordered_by: dict[int, list[str]] = {}  # an ordered act's clause -> who ordered it
        for clause in clauses:
            if clause.predicate in self.order_verbs and not clause.negated:
                for child in children.get(clause.index, []):
                    if child.link is Link.complement and self.type_of(child) is not None:
                        ordered_by[child.index] = self._sources(clause)
        orders = {by_index[i].parent for i in ordered_by}
        for clause in clauses:
            typed = self.type_of(clause)
            if clause.index in orders:
                continue  # the order: its ordered act is the event (build.yaml: order_verbs)
            if typed is not None and typed.plover in self.manner_types and self._manner_of_another_act(clause, by_index):
                continue
            if clause.permits and any(c.link is Link.complement and (self.type_of(c) or c.predicate in self.use_verbs)
                                      for c in children.get(clause.index, [])):
                typed = Typed(Plover.AID, "07", "permission", False)  # guide: Permission is one AID event
            if typed is None and clause.predicate in self.refusal_threats and clause.negated \
                    and self.modality(clause, by_index, children)[0] is Modality.planned:
                typed = Typed(Plover.THREATEN, "13", REFUSAL_THREAT, False)  # build.yaml refusal_threats
            if typed is None and clause.predicate in self.threat_responses:
                typed = self._threatened_response(clause, by_index, children)
            if typed is None or self.why_not_event(clause, by_index):
                continue
            if clause.predicate in self.complement_modals and any(
                    c.link is Link.complement and not c.nominal for c in children.get(clause.index, [])):
                continue  # build.yaml: 'pledged to try again', 'seeking to deepen ties' state an intent, no act
            if clause.predicate in self.greeting_predicates and any(
                    c.link is Link.nominal and self.type_of(c) is not None for c in children.get(clause.index, [])):
                continue  # build.yaml: 'welcome the direct talks': the talks are the event, the welcome is none
            sources = self._sources(clause) or ordered_by.get(clause.index, [])
            if not sources and typed.rule == REFUSAL_THREAT and clause.voice == "passive":
                sources = self._message_sender(clause, by_index)
            plover = typed.plover
            if not sources and plover in self.origin_source_types:
                # 北朝鮮西岸から発射された: a launch from a state's territory is that state's
                sources = [s for a in clause.actors(Role.origin) if (s := self._state_of_place(a))]
            targets, target_rule = self._targets(clause, plover, sources, children.get(clause.index, []), children)
            if plover is Plover.ASSAULT and not targets and self._show_of_force(
                    clause, typed, children.get(clause.index, [])):
                plover = Plover.MOBILIZE
            if plover is Plover.REQUEST and clause.predicate in self.order_verbs and not targets:
                continue  # build.yaml: an order to no party ('ordered soldiers to stop supplies') is no request
            if not sources or (self._lacks_target(clause, plover, targets, children.get(clause.index, []))
                               and typed.rule != REFUSAL_THREAT):
                continue  # build.yaml: an event needs its doer, and some types their target
            party_less = not targets and self._needs_party(clause, typed)
            if targets and plover in self.domestic_types and self._all_domestic(sources, targets):
                continue  # build.yaml: a state meeting or cooperating with its own bodies
            own_side = {self.kb.country_of(s) or s for s in sources}
            if any(self.kb.country_of(t) in own_side for t in targets):
                # 'the State Department stands with our people': a person or body of the source's own state is no party
                # to its act (the state itself never was: `_targets`)
                targets = [t for t in targets if self.kb.country_of(t) not in own_side]
                if self._lacks_target(clause, plover, targets):
                    continue
            if (plover in self.reciprocal or clause.predicate in self.reciprocal_predicates) and len(sources) >= 2 \
                    and not targets:
                sources, targets, target_rule = sources[:1], sources[1:2], "target:reciprocal"
            modality, cues, negated = self.modality(clause, by_index, children)
            if typed.rule == REFUSAL_THREAT:  # the warning is given as it is said; its refusal is no negation
                negated, modality = False, Modality.occurred
            if not targets and (clause.nominal or typed.light) and plover not in self.needs_target_types \
                    and modality in FACTUAL:
                # 'Iran's attack violated ...' after 'Iran launched an attack on Israel': an event noun naming no
                # target refers back to its doer's earlier act of that type (build.yaml: an event noun's target)
                targets = next(([t] for s in sources if (t := earlier.get(self._act_key(s, plover)))), [])
                target_rule = "target:earlier-act" if targets else ""
                if not targets and self._refers_back(clause) and any(
                        done_before.get(self._act_key(s, plover), clause.sentence) < clause.sentence
                        for s in sources):
                    continue  # build.yaml: 今般の発射 after the launch was reported is that launch again
            if clause.present and typed.plover in self.performative_types and self.performative(clause):
                cues.append(PERFORMED_AS_SAID)  # 強く求めます, 'we condemn': the claim asserts it (guide, Claims)
            sentence = by_sentence[clause.sentence]
            if clause.sentence not in dates:
                dates[clause.sentence] = self.resolve_date(sentence.text, article_date)
            date, qualifier, date_rule = dates[clause.sentence]
            instrument = self._instrument(clause)
            location = self._location(clause, places.get(clause.sentence, ()))
            # one event per source and per coordinated target ('struck Iran and Syria'), as many as the language's
            # annotators list (build.yaml: coordinated_targets, one_target_types_by_language)
            parties = targets[:1] if plover in self.one_target_types else targets[:self.coordinated_targets]
            for source, target in [(s, t) for s in sources or [None] for t in (parties or [None])]:
                once = (source, plover, target, negated, modality, typed.rule)
                if once in seen:
                    continue
                seen.add(once)
                if modality in FACTUAL:
                    done_before.setdefault(self._act_key(source, plover), clause.sentence)
                    if target is not None:
                        earlier[self._act_key(source, plover)] = target
                key = self.evidence_key(clause, source, target, typed, modality)
                rules = [typed.rule, *[f"arg:{a.role.value}:{a.rule}" for a in clause.arguments if a.actors]]
                rules.extend(dict.fromkeys(f"object:{o}" for o in ([typed.object] if typed.object else [])
                                           + clause.objects))
                if target_rule:
                    rules.append(target_rule)
                if date_rule:
                    rules.append(date_rule)
                (acts_only if party_less else events).append(Event(
                    id=event_id(article_id, clause.sentence, clause.start, source, target, plover),
                    article_id=article_id, source=source, target=target,
                    source_country=self.kb.country_of(source), target_country=self.kb.country_of(target),
                    plover=plover, cameo=cameo_for(plover, typed.cameo if plover is typed.plover else None),
                    modality=modality, negated=negated, date=date, date_qualifier=qualifier,
                    instrument=instrument, location=location,
                    sentence_index=clause.sentence, sentence=sentence.text,
                    span=Span(start=clause.start, end=clause.end),
                    evidence=Evidence(predicate=clause.text, cues=cues, rules=[*rules, f"evidence:{key}"],
                                      clause=clause.index),
                    confidence=self.confidence(key)))
        return self._without_untargeted_repeats(events), acts_only

    def _act_key(self, source: str | None, plover: Plover) -> tuple:
        """Whose act of which type, a state's people and bodies counted as the state: the key by which an event noun
        refers back to its doer's earlier act ('Iran's attack' after 'Iran launched an attack on Israel')."""
        return self.kb.country_of(source) or source, plover

    def _message_sender(self, clause: Clause, by_index: dict[int, Clause]) -> list[str]:
        """'we've sent a clear message that any threat ... will not be tolerated': a doer-less refusal hung on a verb
        whose object is a message (build.yaml message_nouns) is the sender's warning."""
        parent = by_index.get(clause.parent) if clause.parent is not None else None
        if parent is None or not any(a.role is Role.patient and a.head in self.message_nouns for a in parent.arguments):
            return []
        return self._sources(parent)

    @staticmethod
    def _without_untargeted_repeats(events: list[Event]) -> list[Event]:
        """北朝鮮に対して、厳重に抗議をし、強く非難をいたしました: two predicates of one act (guide: one real-world event
        is listed once), the later one without the addressee named before both. An act naming no target is left out
        when an act of the same source, type, modality and negation naming one comes before it in its sentence ('We
        call on all parties to ..., and call on X to ...' keeps its first request, whose addressee is no actor)."""
        first_targeted: dict[tuple, int] = {}
        for e in events:
            if e.target:
                key = (e.sentence_index, e.source, e.plover, e.modality, e.negated)
                first_targeted[key] = min(first_targeted.get(key, e.span.start), e.span.start)
        return [e for e in events if e.target or first_targeted.get(
            (e.sentence_index, e.source, e.plover, e.modality, e.negated), e.span.start) >= e.span.start]

    def _refers_back(self, clause: Clause) -> bool:
        """北朝鮮による今般の発射: an event noun whose modifier points back to an act already told (build.yaml
        `back_references_by_language`)."""
        return any(a.text.endswith(self.back_references) for a in clause.arguments)

    def _show_of_force(self, clause: Clause, typed: Typed, kids: Sequence[Clause] = ()) -> bool:
        """A launch of missiles with no one targeted is a show of force (a test, a drill); launching an attack or
        an invasion is not, whatever it names as its target."""
        launch, projectiles = self.launch_predicates, self.projectiles
        if not (clause.predicate in launch or typed.object in launch):  # 発射を強行: carried by a light verb
            return False
        carried = [o for o in clause.objects if (e := self.predicates.get(o)) is not None and e.plover == "ASSAULT"]
        if carried and not clause.nominal and typed.object not in launch:
            return False  # 'launched an invasion', 'launched attacks'
        tested = clause.predicate in self.test_predicates or any(  # 'test-fired', parsed as a noun 'test' on 'fired'
            c.nominal and c.predicate in self.test_predicates and c.end <= clause.start for c in kids)
        if not tested and any(o in self.aimed_marks for o in clause.objects):
            return False  # 'fired anti-ship missiles into the Red Sea': aimed at ships (build.yaml aimed_marks)
        weapons = [a for a in clause.actors(Role.patient, Role.instrument)
                   if (x := self.kb.get(a)) is not None and x.type is ActorType.weapon]
        return bool(weapons) or any(o in projectiles for o in clause.objects) or clause.predicate in projectiles \
            or typed.object in launch

    @staticmethod
    def evidence_key(clause: Clause, source: str | None, target: str | None, typed: Typed,
                     modality: Modality) -> str:
        """The kind of evidence behind an event, as the calibration table (data/confidence.json) is keyed:
        how the source was found, whether a target was named, whether a light verb or noun carried it, and
        whether it is presented as fact."""
        agent = next((a for a in clause.role(Role.agent) if source in a.actors), None)
        found = "none" if agent is None else "inferred" if any(
            k in agent.rule for k in ("discourse", "control", "shared", "carrier", "frame", "antecedent", "speaker")) \
            else "named"
        carried = "carried" if typed.light or clause.nominal else "verb"
        fact = "fact" if modality in (Modality.occurred, Modality.reported) else "irrealis"
        return f"{found}|{'target' if target else 'no-target'}|{carried}|{fact}"

    def confidence(self, key: str) -> float:
        """The share of training events with this kind of evidence that the annotators also coded
        (scripts/calibrate_confidence.py writes data/confidence.json), else a prior from the evidence."""
        table = calibration()
        if key in table:
            return table[key]
        found, target, carried, _fact = key.split("|")
        score = 0.45 + {"named": 0.25, "inferred": 0.1, "none": 0.0}[found] + (0.15 if target == "target" else 0)
        return round(max(0.05, min(0.99, score - (0.1 if carried == "carried" else 0))), 2)


@lru_cache(maxsize=1)
def calibration() -> dict[str, float]:
    path = resources.files("rung.events") / "data" / "confidence.json"
    if not path.is_file():
        return {}
    return {k: float(v["confidence"]) for k, v in json.loads(path.read_text(encoding="utf-8"))["keys"].items()}
