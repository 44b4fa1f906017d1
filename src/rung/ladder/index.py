"""Dyads over time: highest rungs, daily escalation indices, a GPR-style share of articles, trend, alerts.

All aggregation runs in SQL (SQLAlchemy Core on `store.engine`), so it scales with the database, not
with Python; only the small aggregated result is post-processed here. Definitions: docs/ladder.md.

An event's day is its own date, or its article's date when it has none. A dyad is (source state,
target state): people, units and ministries roll up to their state (`source_country`,
`target_country`); an actor with no state (NATO, an unnamed group) stands for itself.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Date, String, and_, case, func, literal, or_, select, type_coerce
from sqlalchemy.exc import SQLAlchemyError

from rung.errors import InputError, StoreError
from rung.ladder.scale import Scale, load_scale
from rung.store import schema

if TYPE_CHECKING:
    from rung.actors.kb import KnowledgeBase
    from rung.store import Store

FACTUAL = ("occurred", "reported")
NON_FACTUAL = ("planned", "possible", "conditional", "recommended", "hypothetical")
RECENT_DAYS = 7
BASELINE_DAYS = 30
FLAT_BAND = 0.5  # |recent - baseline| below this (rung-weight per day) counts as flat
NO_ACTOR = "-"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DyadSummary(_Frozen):
    source: str
    target: str
    source_name: str
    target_name: str
    events: int
    first: dt.date | None
    last: dt.date | None
    reached: int | None = None       # highest occurred/reported, not negated, confirmed (or unchallenged)
    reached_name: str | None = None
    claimed: int | None = None       # highest occurred/reported whose every report is unconfirmed or denied
    threatened: int | None = None    # highest planned/possible/conditional/recommended/hypothetical or THREATEN
    threatened_name: str | None = None
    recent: float = 0.0              # mean daily weighted index over the last 7 days
    baseline: float = 0.0            # mean daily weighted index over the 30 days before
    trend: str = "flat"              # 'up', 'down', 'flat', or 'undated' (no dated event to measure from)
    future_dated: int = 0            # events dated after their article was published: left out of the trend


class Alert(_Frozen):
    source: str
    target: str
    source_name: str
    target_name: str
    level: int
    threshold: str | None
    first: dt.date
    rung: int
    rung_name: str


class DailyPoint(NamedTuple):
    """One dyad on one day: max factual rung, weighted sum of rungs (rung x weight), event count.

    A named tuple: a million-event store yields ~10^5 of these, and tuples are the cheapest to build.
    """

    day: dt.date
    source: str
    target: str
    max_rung: int | None
    weighted: float
    events: int


@dataclass(slots=True, frozen=True)
class RiskPoint:
    """Share of articles that day in the style of Caldara & Iacoviello's GPR (threats, acts, either)."""

    day: dt.date
    articles: int
    threat_articles: int
    act_articles: int
    share: float
    threat_share: float
    act_share: float
    index: float  # share rescaled so the window's mean is 100


# -- SQL pieces -------------------------------------------------------------------------------------
def _day():
    e, a = schema.events, schema.articles
    article_day = select(a.c.date).where(a.c.id == e.c.article_id).scalar_subquery()
    return type_coerce(func.coalesce(e.c.date, article_day), Date)


def _future():
    """An event dated after its article's publication (a date parsed wrongly): never part of a trend."""
    e, a = schema.events, schema.articles
    article_day = select(a.c.date).where(a.c.id == e.c.article_id).scalar_subquery()
    return and_(e.c.date.is_not(None), article_day.is_not(None), e.c.date > article_day)


def dyad_source():
    """The SQL expression a dyad's source is counted under: the source's state, else the source."""
    e = schema.events
    return func.coalesce(e.c.source_country, e.c.source, literal(NO_ACTOR))


def dyad_target():
    """The SQL expression a dyad's target is counted under: the target's state, else the target."""
    e = schema.events
    return func.coalesce(e.c.target_country, e.c.target, literal(NO_ACTOR))


def _not_self():
    """A dyad whose source and target are the same actor (Russia > Russia: a misread agent) is never shown."""
    return dyad_source() != dyad_target()


def _window(query, day, since: dt.date | None, until: dt.date | None):
    if since is not None:
        query = query.where(day >= since)
    if until is not None:
        query = query.where(day <= until)
    return query


def _dyad_filter(query, dyad: tuple[str, str] | None):
    if dyad is None:
        return query
    return query.where(dyad_source() == dyad[0], dyad_target() == dyad[1])


def _run(store: Store, query) -> list:
    try:
        with store.engine.connect() as conn:
            return conn.execute(query).all()
    except SQLAlchemyError as error:
        raise StoreError(f"{store.label}: {str(getattr(error, 'orig', error)).splitlines()[0]}") from error


# -- names and dyads ----------------------------------------------------------------------------------
def actor_names(store: Store, kb: KnowledgeBase | None = None) -> dict[str, str]:
    """Actor id -> name, from the store's actors table, filled in from the knowledge base."""
    names = {r.id: r.name for r in _run(store, select(schema.actors.c.id, schema.actors.c.name))}
    if kb is not None:
        for actor in kb:
            names.setdefault(actor.id, actor.name)
    names.setdefault(NO_ACTOR, "(none)")
    return names


def resolve_actor(name: str, store: Store, kb: KnowledgeBase | None = None, flag: str = "--actor") -> str:
    """A name, alias or QID -> the actor id the ladder counts it under (people and units roll up to
    their state). InputError naming `flag` when nothing matches."""
    rows = _run(store, select(schema.actors.c.id, schema.actors.c.name, schema.actors.c.country))
    by_name = {key.casefold(): r.country or r.id for r in rows for key in (r.name, r.id)}
    name = name.strip()
    actor_id = by_name.get(name.casefold())
    if actor_id is None and kb is not None and (actor := kb.resolve(name)) is not None:
        actor_id = kb.country_of(actor.id) or actor.id
    if actor_id is None and name[:1] == "Q" and name[1:].isdigit():
        actor_id = name
    if actor_id is None:
        raise InputError(f"{flag}: no actor named {name!r} in the store or knowledge base")
    return actor_id


def parse_dyad(text: str, store: Store, kb: KnowledgeBase | None = None) -> tuple[str, str]:
    """'Russia>United Kingdom' (names, aliases or QIDs) -> ('Q159', 'Q145')."""
    if ">" not in text:
        raise InputError(f"--dyad {text!r}: expected 'SOURCE>TARGET', e.g. 'Russia>United Kingdom'")
    source, target = (resolve_actor(part, store, kb, flag=f"--dyad {text!r}") for part in text.split(">", 1))
    return source, target


# -- daily indices ------------------------------------------------------------------------------------
def daily_index(store: Store, since: dt.date | None = None, until: dt.date | None = None,
                dyad: tuple[str, str] | None = None) -> list[DailyPoint]:
    """Per dyad and day: highest factual rung, weighted sum of rungs, number of events (negated left out).

    One SQL aggregation (GROUP BY dyad, day); sorted by day, then dyad.
    """
    e = schema.events
    # the day comes back as text and is parsed once per distinct day (a few thousand), not once per row
    day_text = type_coerce(_day(), String).label("day")
    src, tgt = dyad_source().label("src"), dyad_target().label("tgt")
    factual_rung = case((e.c.modality.in_(FACTUAL), e.c.rung))
    query = (select(day_text, src, tgt, func.max(factual_rung), func.sum(e.c.rung * func.coalesce(e.c.weight, 1.0)),
                    func.count())
             .where(e.c.negated.is_(False), e.c.rung.is_not(None), ~_future(), _not_self())
             .group_by(src, tgt, day_text))
    query = _dyad_filter(_window(query, _day(), since, until), dyad)
    rows = _run(store, query)
    days: dict[object, dt.date] = {}
    points = []
    for r in rows:
        if r[0] is None:
            continue
        day = days.get(r[0])
        if day is None:
            day = days[r[0]] = _as_date(r[0])  # type: ignore[assignment]
        points.append(DailyPoint(day, r[1], r[2], r[3], float(r[4] or 0.0), r[5]))
    points.sort(key=lambda p: (p.day, p.source, p.target))
    return points


def overall_index(points: list[DailyPoint]) -> list[DailyPoint]:
    """All dyads together, per day: the highest factual rung and the summed weighted index."""
    days: dict[dt.date, list[DailyPoint]] = defaultdict(list)
    for p in points:
        days[p.day].append(p)
    out = []
    for day in sorted(days):
        ps = days[day]
        rungs = [p.max_rung for p in ps if p.max_rung is not None]
        out.append(DailyPoint(day=day, source="*", target="*", max_rung=max(rungs) if rungs else None,
                              weighted=sum(p.weighted for p in ps), events=sum(p.events for p in ps)))
    return out


def risk_index(store: Store, since: dt.date | None = None, until: dt.date | None = None,
               scale: Scale | None = None) -> list[RiskPoint]:
    """Share of each day's articles that report escalation, after Caldara & Iacoviello's GPR index.

    Threat articles hold a non-factual or THREATEN event at or above the 'Threat' rung (3); act articles
    hold an occurred/reported event at or above the first threshold ('material measures', 4). Days are
    article dates; the index rescales the daily share so that its mean over the window is 100. Copies of
    one report on one day (wire and portal copies, updates: rung.dedup) count as one article, a threat or
    act article if any of them is.
    """
    scale = scale or load_scale()
    threat_level = next((r.level for r in scale.rungs if r.name.casefold() == "threat"), 3)
    act_level = scale.thresholds[0].level if scale.thresholds else 1
    e, a = schema.events, schema.articles
    is_threat = and_(e.c.rung >= threat_level, or_(e.c.modality.in_(NON_FACTUAL), e.c.plover == "THREATEN"))
    is_act = and_(e.c.rung >= act_level, e.c.modality.in_(FACTUAL))
    per_article = (select(e.c.article_id.label("aid"),
                          func.max(case((is_threat, 1), else_=0)).label("threat"),
                          func.max(case((is_act, 1), else_=0)).label("act"))
                   .where(e.c.negated.is_(False), e.c.rung.is_not(None))
                   .group_by(e.c.article_id).subquery())
    r = schema.article_reports
    report = func.coalesce(r.c.report_id, a.c.id)
    reports = (select(a.c.date.label("day"), func.max(func.coalesce(per_article.c.threat, 0)).label("threat"),
                      func.max(func.coalesce(per_article.c.act, 0)).label("act"))
               .select_from(a.outerjoin(per_article, per_article.c.aid == a.c.id)
                            .outerjoin(r, r.c.article_id == a.c.id))
               .where(a.c.date.is_not(None)).group_by(a.c.date, report))
    per_report = _window(reports, a.c.date, since, until).subquery()
    threat, act = per_report.c.threat, per_report.c.act
    query = (select(per_report.c.day, func.count(), func.sum(threat), func.sum(act),
                    func.sum(case((or_(threat == 1, act == 1), 1), else_=0)))
             .group_by(per_report.c.day).order_by(per_report.c.day))
    rows = [r for r in _run(store, query) if r[1]]
    shares = [(r[4] or 0) / r[1] for r in rows]
    mean = sum(shares) / len(shares) if shares else 0.0
    return [RiskPoint(day=r[0], articles=r[1], threat_articles=int(r[2] or 0), act_articles=int(r[3] or 0),
                      share=s, threat_share=(r[2] or 0) / r[1], act_share=(r[3] or 0) / r[1],
                      index=100.0 * s / mean if mean else 0.0)
            for r, s in zip(rows, shares, strict=True)]


# -- dyad summaries -----------------------------------------------------------------------------------
def _support():
    """Per event: the best status among the claims that report it (2 confirmed/asserted ... -1 denied)."""
    c, ce = schema.claims, schema.claim_events
    rank = case((c.c.status.in_(("confirmed", "asserted")), 2), (c.c.status == "declined_to_comment", 1),
                (c.c.status == "unconfirmed", 0), else_=-1)
    return (select(ce.c.event_id.label("eid"), func.max(rank).label("best"))
            .join(c, c.c.id == ce.c.claim_id).group_by(ce.c.event_id).subquery())


def trend(points: list[DailyPoint], end: dt.date) -> tuple[float, float, str]:
    """Mean daily weighted index over the 7 days up to `end` against the 30 days before; and a label."""
    recent_start = end - dt.timedelta(days=RECENT_DAYS - 1)
    base_start = recent_start - dt.timedelta(days=BASELINE_DAYS)
    recent = sum(p.weighted for p in points if recent_start <= p.day <= end) / RECENT_DAYS
    baseline = sum(p.weighted for p in points if base_start <= p.day < recent_start) / BASELINE_DAYS
    label = "flat" if abs(recent - baseline) < FLAT_BAND else ("up" if recent > baseline else "down")
    return round(recent, 4), round(baseline, 4), label


def dyad_summaries(store: Store, since: dt.date | None = None, until: dt.date | None = None,
                   dyad: tuple[str, str] | None = None, kb: KnowledgeBase | None = None,
                   scale: Scale | None = None) -> list[DyadSummary]:
    """One row per dyad: highest rung reached (confirmed), claimed, threatened; trend. Highest first."""
    scale = scale or load_scale()
    e = schema.events
    support = _support()
    confirmed = or_(support.c.best.is_(None), support.c.best >= 2)
    factual = e.c.modality.in_(FACTUAL)
    threat = or_(e.c.modality.in_(NON_FACTUAL), e.c.plover == "THREATEN")
    day, src, tgt = _day(), dyad_source().label("src"), dyad_target().label("tgt")
    future = _future()
    query = (select(src, tgt, func.count(), func.min(day), func.max(day),
                    func.max(case((and_(factual, confirmed), e.c.rung))),
                    func.max(case((and_(factual, ~confirmed), e.c.rung))),
                    func.max(case((threat, e.c.rung))),
                    func.max(case((~future, day))),
                    func.sum(case((future, 1), else_=0)))
             .select_from(e.outerjoin(support, support.c.eid == e.c.id))
             .where(e.c.negated.is_(False), e.c.rung.is_not(None), _not_self())
             .group_by(src, tgt))
    query = _dyad_filter(_window(query, day, since, until), dyad)
    rows = _run(store, query)
    if not rows:
        return []
    # the trend window ends at the last day an event was reported on (future-dated events left out),
    # or at --until; with no dated event at all there is no trend to give
    days = [d for r in rows if (d := _as_date(r[8])) is not None]
    end = until or (max(days) if days else None)
    by_dyad: dict[tuple[str, str], list[DailyPoint]] = defaultdict(list)
    if end is not None:
        start = end - dt.timedelta(days=RECENT_DAYS + BASELINE_DAYS)
        for p in daily_index(store, since=max(start, since) if since else start, until=end, dyad=dyad):
            by_dyad[(p.source, p.target)].append(p)
    names = actor_names(store, kb)
    out = []
    for r in rows:
        if end is None:
            recent, baseline, label = 0.0, 0.0, "undated"
        else:
            recent, baseline, label = trend(by_dyad.get((r[0], r[1]), []), end)
        out.append(DyadSummary(
            source=r[0], target=r[1], source_name=names.get(r[0], r[0]), target_name=names.get(r[1], r[1]),
            events=r[2], first=_as_date(r[3]), last=_as_date(r[4]), reached=r[5],
            reached_name=scale.rungs[r[5]].name if r[5] is not None else None, claimed=r[6], threatened=r[7],
            threatened_name=scale.rungs[r[7]].name if r[7] is not None else None,
            recent=recent, baseline=baseline, trend=label, future_dated=int(r[9] or 0)))
    out.sort(key=lambda s: (-(s.reached if s.reached is not None else -1),
                            -(s.threatened if s.threatened is not None else -1), s.source_name, s.target_name))
    return out


def _as_date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value  # type: ignore[return-value]
    return dt.date.fromisoformat(str(value)[:10])


# -- alerts -------------------------------------------------------------------------------------------
def alerts(store: Store, level: int, since: dt.date | None = None, until: dt.date | None = None,
           kb: KnowledgeBase | None = None, scale: Scale | None = None) -> list[Alert]:
    """Dyads whose first occurred/reported event at or above `level` falls inside [since, until].

    Unconfirmed reports count (an alert is an early warning); negated events do not.
    """
    scale = scale or load_scale()
    if not 0 <= level <= scale.top:
        raise InputError(f"--alert {level}: not a rung on the scale (0..{scale.top})")
    e = schema.events
    day, src, tgt = _day(), dyad_source().label("src"), dyad_target().label("tgt")
    query = (select(src, tgt, func.min(day))
             .where(e.c.negated.is_(False), e.c.rung >= level, e.c.modality.in_(FACTUAL), _not_self())
             .group_by(src, tgt))
    first_rows = _run(store, query)
    crossing = {(r[0], r[1]): _as_date(r[2]) for r in first_rows if r[2] is not None}
    crossing = {k: d for k, d in crossing.items()
                if (since is None or d >= since) and (until is None or d <= until)}
    if not crossing:
        return []
    peak = select(src, tgt, func.max(e.c.rung)).where(e.c.negated.is_(False), e.c.modality.in_(FACTUAL),
                                                      _not_self())
    peak = _window(peak, day, since, until).group_by(src, tgt)
    peaks = {(r[0], r[1]): r[2] for r in _run(store, peak)}
    names = actor_names(store, kb)
    threshold = next((t for t in reversed(scale.thresholds) if t.level <= level), None)
    out = [Alert(source=s, target=t, source_name=names.get(s, s), target_name=names.get(t, t), level=level,
                 threshold=threshold.name if threshold else None, first=d, rung=peaks.get((s, t), level),
                 rung_name=scale.rungs[peaks.get((s, t), level)].name)
           for (s, t), d in crossing.items()]
    out.sort(key=lambda a: (a.first, a.source_name, a.target_name))
    return out


def parse_level(text: str, scale: Scale | None = None) -> int:
    """A rung number, or a threshold name ('nuclear', 'direct NATO–Russia fire') -> its level."""
    scale = scale or load_scale()
    if text.strip().lstrip("-").isdigit():
        return int(text)
    found = scale.threshold(text) or scale.threshold(text.replace("-", "–"))
    if found is None:
        names = ", ".join(repr(t.name) for t in scale.thresholds)
        raise InputError(f"--alert {text!r}: not a rung number or threshold name ({names})")
    return found.level


__all__ = [
    "Alert", "DailyPoint", "DyadSummary", "RiskPoint", "actor_names", "alerts", "daily_index", "dyad_summaries",
    "overall_index", "parse_dyad", "parse_level", "risk_index", "trend",
]
