"""Language-neutral clause records: what every language adapter fills and everything downstream reads.

A clause is one predicate with its role-labelled arguments, each resolved to actors, its attribution
frame (who says so, by which verb, of which evidential kind), its modality cues, its negation, and its
links to other clauses of the sentence (condition, purpose, complement, relative clause, coordination).
The event and claim builders (`rung.events.build`, `rung.claims.build`) read only these records, so a
fix there lands in every language; a language folder holds the parse adapter that fills them and its data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Role(str, Enum):
    agent = "agent"
    patient = "patient"
    recipient = "recipient"
    instrument = "instrument"
    time = "time"
    place = "place"
    topic = "topic"  # a Japanese は-phrase not yet resolved to agent or patient
    origin = "origin"  # where something came from: 北朝鮮西岸から, 'from North Korea'


class Evidential(str, Enum):
    said = "said"  # a named speaker's own statement: X said that ...
    reported = "reported"  # X reported / announced (a report of something else)
    hearsay = "hearsay"  # という, とされる, "reportedly": no speaker named
    according_to = "according_to"  # によると, "according to X"
    document = "document"  # a statement, communiqué, 声明 as the speaker


class Link(str, Enum):
    complement = "complement"  # the clause is what its parent says, wants, plans ...
    condition = "condition"  # if / 〜場合 / 〜ば: the parent happens if this does
    purpose = "purpose"  # to deter / 〜ために
    relative = "relative"  # modifies a noun of its parent (米国が供与したミサイル)
    coordination = "coordination"  # and / 〜し、〜た
    adverbial = "adverbial"  # other subordinate clauses (after, while, 〜て)
    nominal = "nominal"  # a noun event inside its parent's argument (the strike on X)


@dataclass(slots=True)
class Argument:
    role: Role
    text: str
    start: int  # character offsets into the article body
    end: int
    head: str  # lemma of the phrase head
    actors: list[str] = field(default_factory=list)  # resolved actor ids (coordinated phrases give several)
    rule: str = ""  # how the actors were found: 'mention', 'pronoun:he', 'zero:topic', 'relative-head' ...
    marker: str = ""  # case particle or preposition (が, を, に対して, against, by)


@dataclass(slots=True)
class Attribution:
    """Who the clause's content is attributed to, and how."""

    kind: Evidential
    verb: str  # the speech or reporting verb (lemma), or the marker (によると, according to)
    speakers: list[str] = field(default_factory=list)  # actor ids; empty when unnamed
    speaker_text: str = ""  # the speaker phrase as written ('U.S. officials', 政府関係者)
    unnamed: bool = False  # an anonymous or generic source
    stance: str | None = None  # the speaker's own: confirmed, denied, declined, unconfirmed, None
    rule: str = ""


# rules of an agent the text does not name for the clause itself: taken from the discourse or another clause
BORROWED_AGENT = ("discourse:", "shared:")


@dataclass(slots=True)
class Clause:
    index: int  # within the article
    sentence: int
    predicate: str  # lemma
    text: str  # the predicate word(s) as written
    start: int  # character span of the predicate in the article body
    end: int
    voice: str = "active"  # active, passive, causative
    nominal: bool = False  # a noun event (攻撃の開始, 'the strike on')
    arguments: list[Argument] = field(default_factory=list)
    objects: list[str] = field(default_factory=list)  # lemmas of object heads and their modifiers (refinements)
    attribution: Attribution | None = None
    modality: list[tuple[str, str]] = field(default_factory=list)  # (modality, cue) pairs found by the adapter
    negated: bool = False
    parent: int | None = None  # index of the governing clause
    link: Link | None = None  # how this clause hangs off its parent
    speech: bool = False  # the predicate is a speech or reporting verb (its complement is the content)
    stance: str | None = None  # for speech clauses: confirm, deny, decline, hedge
    generic: bool = False  # background, doctrine, habitual or generic statement
    first_person: bool = False  # the agent is 'we' / 我が国 / a dropped subject in a speaker's turn
    governs: str | None = None  # the modality this predicate gives its complement (plan to -> planned)
    governs_negation: bool = False  # its complement did not happen (refused to, failed to, denied that)
    permits: bool = False  # a permission (authorise, 許可): what it permits is not a second event
    present: bool = False  # a non-past finite verb (強く非難します, 'we condemn'): a speech act done as it is said
    done: bool = False  # reports what was done or is under way (監視してきており, 'monitored', 'has tracked')
    rules: list[str] = field(default_factory=list)

    def role(self, role: Role) -> list[Argument]:
        return [a for a in self.arguments if a.role is role]

    def actors(self, *roles: Role) -> list[str]:
        out: list[str] = []
        for a in self.arguments:
            if a.role in roles:
                out.extend(x for x in a.actors if x not in out)
        return out

    def names_its_agent(self) -> bool:
        """The text names this clause's agent itself (not one borrowed from the discourse or another clause)."""
        return any(a.actors and not a.rule.startswith(BORROWED_AGENT) for a in self.role(Role.agent))

    def give_agent(self, actors: list[str], rule: str, replace: bool = False) -> None:
        """An agent the text leaves unsaid (a dropped, shared or inferred subject), zero-width at the predicate;
        `replace` drops the agents found before."""
        if replace:
            self.arguments = [a for a in self.arguments if a.role is not Role.agent]
        self.arguments.append(Argument(role=Role.agent, text="", start=self.start, end=self.start, head="",
                                       actors=list(actors), rule=rule))

    def describe(self) -> str:
        """One line for `rung analyze --explain`."""
        args = "; ".join(f"{a.role.value}={a.text!r}" + (f"->{','.join(a.actors)}" if a.actors else "")
                         + (f" [{a.rule}]" if a.rule and a.rule != "mention" else "") for a in self.arguments)
        bits = [f"c{self.index} s{self.sentence} {self.predicate} ({self.voice}{', noun' if self.nominal else ''})"]
        if self.parent is not None:
            bits.append(f"{self.link.value if self.link else 'under'} of c{self.parent}")
        if args:
            bits.append(args)
        if self.attribution:
            at = self.attribution
            bits.append(f"attributed {at.kind.value} via {at.verb} to "
                        f"{','.join(at.speakers) or ('unnamed ' + at.speaker_text if at.unnamed else at.speaker_text or '?')}")
        if self.modality:
            bits.append("modality " + ",".join(f"{m}:{c}" for m, c in self.modality))
        if self.negated:
            bits.append("negated")
        if self.speech:
            bits.append("speech" + (f":{self.stance}" if self.stance else ""))
        if self.generic:
            bits.append("generic")
        return " | ".join(bits)


@dataclass(frozen=True, slots=True)
class ClaimCues:
    """A language's words for a speaker's hedge, refusal and stance (its cues.yaml `claim_words`, `stance`)."""

    hedges: tuple[str, ...] = ()
    declines: tuple[str, ...] = ()
    stances: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # the passage flags its reports as unconfirmed (公式確認はない, 'could not be independently verified')
    unconfirmed: tuple[str, ...] = ()
    # modality cues of the possible that are no hedge of what is said: ability, permission, concern ('can', 懸念)
    not_hedges: tuple[str, ...] = ()
    # words that cite reports no one is named for inside a sentence ('reports of shelling', 'the alleged massacre')
    unnamed_reports: tuple[str, ...] = ()
    # predicates of a view or feeling, not an act (反対, 懸念, 評価; 'support', 'welcome'): a party saying it holds one
    # asserts; it reports no act of its own
    views: tuple[str, ...] = ()
    # predicates of an act no event type names (監視, 'monitor', 'track'): done by the speaker's side, they confirm
    own_acts: tuple[str, ...] = ()
    # a word naming another party's account (主張) and the words by which a speaker rejects it (事実は全くない, 反する):
    # the party whose account is rejected has a denied claim
    # a hedge word that only describes a thing (弾道ミサイルの可能性があるもの: 'a possible ballistic missile'), no hedge
    # of what the sentence says about it
    named_hedges: tuple[str, ...] = ()
    accounts: tuple[str, ...] = ()
    rejections: tuple[str, ...] = ()
    # whether an own act on a sentence's main line beside a speech verb is the voice's confirmed claim (a language whose
    # statements' voice is the party that acts; English transcripts voice the publisher where a person speaks)
    main_line_acts: bool = False

    @classmethod
    def from_cues(cls, cues: dict) -> ClaimCues:
        """A language's claim cues from its cues.yaml (`claim_words`, `stance`, `status`); lists a language does not
        give are empty."""
        words = cues["claim_words"]
        return cls(hedges=tuple(words["hedges"]), declines=tuple(words["declines"]),
                   stances=tuple((k, tuple(v)) for k, v in cues["stance"].items()),
                   unconfirmed=tuple(cues["status"]["unconfirmed"]),
                   not_hedges=tuple(words.get("not_hedges", ())),
                   unnamed_reports=tuple(words.get("unnamed_reports", ())),
                   views=tuple(words.get("views", ())),
                   own_acts=tuple(words.get("own_acts", ())),
                   named_hedges=tuple(words.get("named_hedges", ())),
                   accounts=tuple(words.get("accounts", ())),
                   rejections=tuple(words.get("rejections", ())),
                   main_line_acts=bool(words.get("main_line_acts", False)))

    def stance(self, text: str) -> str | None:
        lowered = text.lower()
        return next((s for s, words in self.stances if any(w in lowered for w in words)), None)
