"""Discourse state per article: who the current topic, speaker and most recent person, organisation and
state are, so that dropped subjects, 同氏/同省/同国 and 'he'/'the ministry' resolve.

The state is language-neutral; the adapters say which kind of back-reference a phrase is (see
`Anaphor`) and record what each clause's agent turned out to be. The guide (annotation-guide.md, Events)
says a role stays null when nothing in the discourse recovers it: `resolve` returns [] then.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from rung.model import ActorType

STATE_TYPES = {ActorType.state}
ORG_TYPES = {ActorType.organization, ActorType.military, ActorType.media, ActorType.alliance}


class Anaphor(str, Enum):
    person = "person"  # he, she, 同氏, 氏, 同大統領
    organisation = "organisation"  # the ministry, 同省, 同庁, the agency
    state = "state"  # the country, 同国
    pair = "pair"  # both countries, 両国, they (after a pair)
    self = "self"  # we, our, 我が国, a dropped subject in a speaker's own turn
    zero = "zero"  # a Japanese dropped subject
    it = "it"  # it, its: the last organisation or state acting
    regime = "regime"  # the regime, the junta: a government as another names it, never the speaker's own


@dataclass(slots=True)
class Discourse:
    kb: object
    publisher: list[str] = field(default_factory=list)  # a party publishing in its own voice (the outlet)
    speaker: list[str] = field(default_factory=list)  # the speaker of the current transcript turn
    question: bool = False  # the current turn is a journalist's question: it asserts nothing
    topic: list[str] = field(default_factory=list)  # the last は / sentence subject
    last_person: list[str] = field(default_factory=list)
    last_organisation: list[str] = field(default_factory=list)
    last_state: list[str] = field(default_factory=list)
    last_pair: list[str] = field(default_factory=list)
    states_named: list[str] = field(default_factory=list)  # every state named or acting so far, the latest last
    topic_sentence: int = -1
    statement_speaker: list[str] = field(default_factory=list)  # 'X has made a statement': the text is X's
    relayed_quote: str = ""  # 'open', 'closing': statement_speaker holds until the quotation relaying it closes
    frame: list[str] = field(default_factory=list)  # the subject of a list of options (ロシアが取り得る対応として)
    frame_sentence: int = -1
    byline_due: bool = False  # a release header ('Press Statement') ended its line: the next line names its author

    def _type(self, actor_id: str) -> ActorType | None:
        actor = self.kb.get(actor_id)  # type: ignore[attr-defined]
        return actor.type if actor is not None else None

    def _country(self, actor_id: str) -> str | None:
        return self.kb.country_of(actor_id)  # type: ignore[attr-defined]

    def note(self, actors: list[str], sentence: int, as_topic: bool = False) -> None:
        """Record actors mentioned as an agent (or topic) in `sentence`."""
        people = [a for a in actors if self._type(a) is ActorType.person]
        orgs = [a for a in actors if self._type(a) in ORG_TYPES]
        states = [a for a in actors if self._type(a) in STATE_TYPES]
        if people:
            self.last_person = people[:1]
        if orgs:
            self.last_organisation = orgs[:1]
        if states:
            self.last_state = states[:1]
            self._named_state(states[0])
            if len(states) >= 2:
                self.last_pair = states[:2]
        if actors and as_topic:
            self.topic, self.topic_sentence = actors[:1], sentence

    def note_pair(self, parties: list[str]) -> None:
        """Two parties of one act (a call, a meeting with someone): 'the two leaders' after them are they, when they
        belong to two states."""
        countries = {self._country(a) or (a if self._type(a) in STATE_TYPES else None) for a in parties}
        if len(parties) == 2 and len(countries) == 2 and None not in countries:
            self.last_pair = list(parties)

    def note_mentions(self, actors: list[str]) -> None:
        """Every actor named in a sentence, in order: updates the most recent person, organisation, state."""
        for a in actors:
            t = self._type(a)
            if t is ActorType.person:
                self.last_person = [a]
            elif t in ORG_TYPES:
                self.last_organisation = [a]
            elif t in STATE_TYPES:
                self.last_state = [a]
                self._named_state(a)

    def _named_state(self, state: str) -> None:
        if state in self.states_named:
            self.states_named.remove(state)
        self.states_named.append(state)

    def _other_state(self) -> list[str]:
        """The latest state named that is not the speaker's own: a government calls another's 'the regime' (a UK
        release's 'the regime' after 'Iran' and 'the UK' is Iran's), not its own."""
        own = {c for v in self.own_voice() for c in (v, self.kb.country_of(v)) if c}  # type: ignore[attr-defined]
        return next(([s] for s in reversed(self.states_named) if s not in own), [])

    def own_voice(self) -> list[str]:
        """Who 'we' / 我が国 / the narrator's dropped subject is: the turn's speaker, else the publishing party."""
        if self.question:
            return []
        if self.relayed_quote and self.statement_speaker:
            return list(self.statement_speaker)  # the words a turn's speaker relays are their author's
        return list(self.speaker or self.statement_speaker or self.publisher)

    def start_turn(self, speakers: list[str] | None, question: bool) -> None:
        """A transcript tag (【岸田外務大臣】, 'MR MILLER:', 'QUESTION:') opens a speaker's turn."""
        self.question = question
        self.speaker = list(speakers or [])
        if self.speaker:
            self.note_mentions(self.speaker)

    def resolve(self, kind: Anaphor, sentence: int) -> tuple[list[str], str]:
        if kind is Anaphor.person:
            return list(self.last_person), "discourse:last-person"
        if kind is Anaphor.organisation:
            return list(self.last_organisation), "discourse:last-organisation"
        if kind is Anaphor.state:
            return list(self.last_state), "discourse:last-state"
        if kind is Anaphor.regime:
            return self._other_state(), "discourse:other-state"
        if kind is Anaphor.pair:
            return list(self.last_pair), "discourse:last-pair"
        if kind is Anaphor.self:
            return self.own_voice(), "discourse:own-voice"
        if kind is Anaphor.it:
            return list(self.last_organisation or self.last_state), "discourse:it"
        # a dropped subject: the topic while it holds (this or the previous sentence), else the speaker's
        # own voice in a transcript turn or a party's own release
        if self.topic and sentence - self.topic_sentence <= 1:
            return list(self.topic), "discourse:topic"
        if self.speaker or self.publisher:
            return self.own_voice(), "discourse:own-voice"
        if self.frame:
            return list(self.frame), "discourse:frame"
        return [], "discourse:none"

    def open_frame(self, actors: list[str], sentence: int) -> None:
        """A sentence that opens a list of someone's options: later dropped subjects are that actor's."""
        if actors:
            self.frame, self.frame_sentence = list(actors), sentence
