"""Typed records that flow one way through rung: Article -> Sentence -> Mention -> Event -> Claim.

Every record that leaves a stage (JSON output, the store, the API) is one of these frozen pydantic
models. Provenance lives in fields (article id, sentence index, character span, rule id), so any
output can be traced to the sentence and the rule that produced it.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ActorType(str, Enum):
    state = "state"
    person = "person"
    organization = "organization"
    media = "media"
    military = "military"
    alliance = "alliance"
    weapon = "weapon"
    place = "place"
    generic = "generic"  # e.g. 'Western media', 'unnamed officials': a role with no Wikidata item


class Plover(str, Enum):
    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


class Modality(str, Enum):
    occurred = "occurred"
    reported = "reported"
    planned = "planned"
    possible = "possible"
    conditional = "conditional"
    recommended = "recommended"
    hypothetical = "hypothetical"


class ClaimStatus(str, Enum):
    asserted = "asserted"
    unconfirmed = "unconfirmed"
    confirmed = "confirmed"
    denied = "denied"
    declined_to_comment = "declined_to_comment"


class Span(Record):
    """Character offsets [start, end) into the article body."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Article(Record):
    id: str = Field(description="sha256 of the normalised body text: the same text always gets the same id")
    title: str | None = None
    date: dt.date | None = None
    body: str
    lang: str | None = Field(default=None, description="ISO 639-1 code, detected when not given")
    url: str | None = None
    outlet: str | None = None
    translator: str | None = None
    source: str | None = Field(default=None, description="file (and line, for JSON Lines) it was read from")
    encoding: str | None = None


class Sentence(Record):
    index: int = Field(ge=0)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Actor(Record):
    id: str = Field(description="Wikidata QID, or 'rung:NAME' for generic actors with no Wikidata item")
    name: str
    type: ActorType
    country: str | None = Field(default=None, description="QID of the state the actor belongs to")
    aliases: dict[str, list[str]] = Field(default_factory=dict, description="language code -> aliases")
    admiralty: str | None = Field(default=None, description="default source reliability A-F (media)")
    office: str | None = Field(default=None, description="a person's office, as the text titles it")
    lat: float | None = Field(default=None, description="a place's latitude (WGS84)")
    lon: float | None = Field(default=None, description="a place's longitude (WGS84)")


class ActorSummary(Record):
    """An actor as it appears in one document record: who, and how often."""

    id: str
    name: str
    type: ActorType
    country: str | None = None
    mentions: int = Field(ge=0)
    office: str | None = Field(default=None, description="a person's office, as the text titles it")
    lat: float | None = Field(default=None, description="a place's latitude (WGS84)")
    lon: float | None = Field(default=None, description="a place's longitude (WGS84)")


class Mention(Record):
    sentence: int = Field(ge=0, description="index of the sentence holding the mention")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    actor_id: str | None = Field(default=None, description="null when nothing in the knowledge base matched")
    label: str = Field(description="actor type when linked, the NER label when not")
    rule: str = Field(description="what produced the link: 'alias', 'role:<alias>', 'ner:<label>'")


class Evidence(Record):
    predicate: str | None = None
    cues: list[str] = Field(default_factory=list)
    rules: list[str] = Field(default_factory=list, description="lexicon entries and rules that fired")
    clause: int | None = Field(default=None, description="index of the clause (rung analyze --explain) it came from")


class Event(Record):
    id: str
    article_id: str
    source: str | None = None
    target: str | None = None
    source_country: str | None = Field(default=None, description="state QID the source rolls up to")
    target_country: str | None = Field(default=None, description="state QID the target rolls up to")
    plover: Plover
    cameo: str = Field(pattern=r"^(0[1-9]|1[0-9]|20)$")
    modality: Modality
    negated: bool = False
    date: dt.date | None = None
    date_qualifier: str | None = Field(default=None, description="'on', 'before', 'after', 'within'")
    instrument: str | None = Field(default=None, description="weapon actor id used in the event")
    location: str | None = Field(default=None, description="place actor id where it happened")
    sentence_index: int = Field(ge=0)
    sentence: str
    span: Span
    evidence: Evidence
    goldstein: float | None = None
    rung: int | None = None
    weight: float | None = None
    confidence: float = Field(default=0.5, ge=0, le=1, description="from the evidence: parse path, cues, resolution")


class Claim(Record):
    id: str
    article_id: str
    text: str
    sentence_index: int = Field(ge=0)
    span: Span
    attributed_to: str | None = None
    cites: str | None = Field(default=None, description="actor id the source names as its own, 'unnamed', or null")
    status: ClaimStatus
    event_ids: list[str] = Field(default_factory=list)
    stance: str | None = None
    admiralty: str | None = None
    evidence: Evidence = Field(default_factory=Evidence)
    confidence: float = Field(default=0.5, ge=0, le=1, description="from the evidence: speaker resolution, cue")


class ReportLink(Record):
    """Which report an article is a version of (rung.dedup): a wire copy, a portal copy or an update of it."""

    article_id: str
    report_id: str = Field(description="id of the report's first stored article; the article's own id if it is that")
    duplicate_of: str | None = Field(default=None, description="the stored article it was found to copy")
    similarity: float | None = Field(default=None, description="share of the shorter text's shingles both hold")
    shingles: int = Field(ge=0, description="how many shingles the body has")
    signature: bytes | None = Field(default=None, description="MinHash signature (uint32, little-endian)")


class DocumentRecord(Record):
    """What `rung analyze --json` prints for one article."""

    article: Article
    sentences: list[Sentence]
    actors: list[ActorSummary]
    mentions: list[Mention]
    events: list[Event] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    clauses: list[str] | None = Field(default=None, description="with --explain: one line per clause, the "
                                      "records events and claims were built from (evidence.clause is its index)")
