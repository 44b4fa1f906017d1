"""What the API sends and accepts: pydantic models, the OpenAPI schema is generated from them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from rung.api.corrections import CorrectionView
from rung.model import ClaimStatus, Evidence, Modality, Plover, Span


def _no_nul(text: str) -> str:
    if "\x00" in text:
        raise ValueError("must not contain NUL characters")
    return text


Text = Annotated[str, AfterValidator(_no_nul)]

T = TypeVar("T")


class Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class Page(Out, Generic[T]):
    items: list[T]
    total: int = Field(description="how many match the filters, over all pages")
    limit: int
    offset: int


class Links(Out):
    article: str = Field(description="API path of the article")
    sentence: str = Field(description="API path of the sentence")
    page: str = Field(description="dashboard page")


class ArticleBrief(Out):
    id: str
    title: str | None = None
    date: dt.date | None = None
    lang: str | None = None
    outlet: str | None = None
    url: str | None = None


class ArticleSummary(ArticleBrief):
    translator: str | None = None
    events: int = 0
    claims: int = 0
    link: str


class SentenceOut(Out):
    article_id: str
    index: int
    start: int
    end: int
    text: str
    events: list[str] = Field(default_factory=list, description="ids of the events in this sentence")
    claims: list[str] = Field(default_factory=list, description="ids of the claims in this sentence")


class ArticleOut(ArticleSummary):
    body: str
    source: str | None = None
    encoding: str | None = None
    sentences: list[SentenceOut]


class Correctable(Out):
    corrected: bool = Field(False, description="an analyst changed a field; `machine` holds the machine's values")
    wrong: bool = Field(False, description="an analyst marked it wrong")
    machine: dict[str, Any] = Field(default_factory=dict, description="column -> the machine's value, for "
                                                                       "every column a correction changed")
    corrections: list[CorrectionView] = Field(default_factory=list)


class EventOut(Correctable):
    id: str
    article_id: str
    source: str | None = None
    source_name: str | None = None
    target: str | None = None
    target_name: str | None = None
    source_country: str | None = None
    target_country: str | None = None
    plover: Plover
    cameo: str
    modality: Modality
    negated: bool
    date: dt.date | None = None
    date_qualifier: str | None = None
    instrument: str | None = None
    sentence_index: int
    sentence: str
    span: Span
    evidence: Evidence
    goldstein: float | None = None
    rung: int | None = None
    weight: float | None = None
    location: str | None = None
    confidence: float | None = None
    article: ArticleBrief
    links: Links


class ClaimOut(Correctable):
    id: str
    article_id: str
    text: str
    sentence_index: int
    span: Span
    speaker: str | None = Field(None, description="actor id the claim is attributed to")
    speaker_name: str | None = None
    cites: str | None = None
    status: ClaimStatus
    stance: str | None = None
    admiralty: str | None = None
    event_ids: list[str]
    evidence: Evidence
    article: ArticleBrief
    links: Links


class Report(Out):
    event_id: str
    article: ArticleBrief
    sentence: str
    modality: Modality
    negated: bool
    similarity: float | None = None


class MergedOut(Out):
    id: str
    reports: int
    articles: int
    languages: list[str]
    outlets: list[str]
    status: str
    first_report: dt.date | None = None
    last_report: dt.date | None = None
    members: list[Report]


class EventDetail(EventOut):
    claims: list[ClaimOut]
    merged: MergedOut | None = None
    sentence_before: str | None = None
    sentence_after: str | None = None


class ActorOut(Out):
    id: str | None = Field(None, description="Wikidata QID; null for a proper noun the knowledge base lacks")
    name: str
    type: str
    country: str | None = None
    mentions: int
    articles: int
    link: str | None = None


class DyadOut(Out):
    source: str
    target: str
    source_name: str
    target_name: str
    events: int
    first: dt.date | None = None
    last: dt.date | None = None
    reached: int | None = None
    reached_name: str | None = None
    claimed: int | None = None
    threatened: int | None = None
    threatened_name: str | None = None
    current: int | None = Field(None, description="the dyad's current rung: reached, else claimed, else threatened")
    trend: str
    link: str


class ActorDetail(ActorOut):
    events: list[EventOut]
    dyads: list[DyadOut]


class DayOut(Out):
    day: dt.date
    max_rung: int | None = None
    weighted: float
    events: int


class LadderOut(Out):
    dyad: DyadOut
    days: list[DayOut]
    events: list[EventOut]


class AlertOut(Out):
    source: str
    target: str
    source_name: str
    target_name: str
    level: int
    threshold: str | None = None
    first: dt.date
    rung: int
    rung_name: str
    link: str


class RungOut(Out):
    level: int
    name: str


class ArticleIn(BaseModel):
    """An article to analyse: its text and what is known about it."""

    model_config = ConfigDict(extra="forbid")

    text: Text = Field(min_length=1)
    title: Text | None = None
    date: dt.date | None = None
    url: Text | None = None
    outlet: Text | None = None
    lang: Text | None = Field(None, pattern=r"^(ja|en)$")


class JobOut(Out):
    id: str
    kind: str = Field(description="analyse (a new article) or reanalyse (a stored one, corrections carried over)")
    status: str = Field(description="queued, running, done or failed")
    submitted_by: str
    submitted_at: dt.datetime
    finished_at: dt.datetime | None = None
    article_id: str | None = None
    stored: bool | None = Field(None, description="false when the article was already in the store")
    result: dict[str, Any] | None = Field(None, description="reanalyse: ids of the corrections carried over and "
                                                            "of those whose event or claim is gone (orphaned)")
    error: str | None = None
    link: str


class CorrectionIn(BaseModel):
    """Mark the event or claim wrong (`field: "wrong", value: true`) or set one field to a new value."""

    model_config = ConfigDict(extra="forbid")

    field: Text = Field(description="wrong, or an event's source, target, plover, modality, negated, date; "
                                    "a claim's speaker or status")
    value: Any = Field(description="the new value (an actor id, PLOVER type, modality, true/false, YYYY-MM-DD "
                                   "or null)")
    note: Text | None = Field(None, max_length=4000)


class Problem(Out):
    detail: Any
