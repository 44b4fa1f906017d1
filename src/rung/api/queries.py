"""Reads behind the API and the dashboard: filters and paging in SQL, corrections said out loud.

Functions take the store and return the API's models (rung.api.schemas); none of them knows HTTP.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import exists, func, not_, or_, select

from rung.api import schemas as S
from rung.api.corrections import ACTIVE, NotFound, corrections_for
from rung.errors import InputError
from rung.ladder.index import NO_ACTOR, dyad_source, dyad_target
from rung.model import ClaimStatus, Evidence, Modality, Plover, Span
from rung.store import Store, schema


@dataclass(slots=True)
class EventFilter:
    dyad: tuple[str, str] | None = None
    actor: str | None = None
    plover: Plover | None = None
    modality: Modality | None = None
    rung: int | None = None
    min_rung: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    min_confidence: float | None = None
    merged: bool | None = None
    corrected: bool | None = None
    include_wrong: bool = False
    article_id: str | None = None
    ids: Sequence[str] | None = None
    order: str = "desc"
    extra: list = field(default_factory=list)


# -- SQL pieces -------------------------------------------------------------------------------------
def _corrected_ids(conn, kind: str, wrong_only: bool = False) -> list[str]:
    """Ids with an active correction (or marked wrong): analysts' corrections are few, so a list."""
    c = schema.corrections
    rows = conn.execute(select(c.c.target_id, c.c.field, c.c.value).where(c.c.kind == kind, c.c.state == ACTIVE)
                        .order_by(c.c.id)).all()
    if not wrong_only:
        return sorted({r.target_id for r in rows})
    wrong: dict[str, bool] = {}
    for r in rows:
        if r.field == "wrong":
            wrong[r.target_id] = bool(r.value)
    return sorted(k for k, v in wrong.items() if v)


def _names(store: Store, conn) -> dict[str, str]:
    names = {r.id: r.name for r in conn.execute(select(schema.actors.c.id, schema.actors.c.name))}
    names.setdefault(NO_ACTOR, "(none)")
    return names


def _brief(row) -> S.ArticleBrief:
    return S.ArticleBrief(id=row.id, title=row.title, date=row.date, lang=row.lang, outlet=row.outlet, url=row.url)


def _links(article_id: str, sentence_index: int, page: str) -> S.Links:
    return S.Links(article=f"/api/articles/{article_id}",
                   sentence=f"/api/articles/{article_id}/sentences/{sentence_index}", page=page)


def _correction_fields(views) -> dict:
    active = [v for v in views if v.state == ACTIVE]
    wrong = [v.value for v in active if v.field == "wrong"]
    machine = active[-1].machine if active else {}
    return {"corrected": any(v.field != "wrong" for v in active), "wrong": bool(wrong and wrong[-1]),
            "machine": machine, "corrections": active}


# -- articles ---------------------------------------------------------------------------------------
def articles(store: Store, since: dt.date | None = None, until: dt.date | None = None, outlet: str | None = None,
             lang: str | None = None, q: str | None = None, limit: int = 50, offset: int = 0
             ) -> S.Page[S.ArticleSummary]:
    a, e, c = schema.articles, schema.events, schema.claims
    conds = []
    if since:
        conds.append(a.c.date >= since)
    if until:
        conds.append(a.c.date <= until)
    if outlet:
        conds.append(a.c.outlet == outlet)
    if lang:
        conds.append(a.c.lang == lang)
    if q:
        conds.append(or_(a.c.body.icontains(q, autoescape=True), a.c.title.icontains(q, autoescape=True)))
    n_events = select(func.count()).where(e.c.article_id == a.c.id).scalar_subquery()
    n_claims = select(func.count()).where(c.c.article_id == a.c.id).scalar_subquery()
    query = (select(a.c.id, a.c.title, a.c.date, a.c.lang, a.c.outlet, a.c.url, a.c.translator,
                    n_events.label("n_events"), n_claims.label("n_claims"))
             .where(*conds).order_by(a.c.date.desc().nulls_last(), a.c.id).limit(limit).offset(offset))
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(a).where(*conds)).scalar_one()
        items = [S.ArticleSummary(id=r.id, title=r.title, date=r.date, lang=r.lang, outlet=r.outlet, url=r.url,
                                  translator=r.translator, events=r.n_events, claims=r.n_claims,
                                  link=f"/articles/{r.id}")
                 for r in conn.execute(query)]
    return S.Page[S.ArticleSummary](items=items, total=total, limit=limit, offset=offset)


def article(store: Store, article_id: str) -> S.ArticleOut:
    a, s, e, c = schema.articles, schema.sentences, schema.events, schema.claims
    with store.engine.connect() as conn:
        row = conn.execute(select(a).where(a.c.id == article_id)).first()
        if row is None:
            raise NotFound(f"no article with id {article_id!r}")
        by_sentence: dict[int, list[str]] = defaultdict(list)
        claims_by: dict[int, list[str]] = defaultdict(list)
        for r in conn.execute(select(e.c.id, e.c.sentence_index).where(e.c.article_id == article_id)):
            by_sentence[r.sentence_index].append(r.id)
        for r in conn.execute(select(c.c.id, c.c.sentence_index).where(c.c.article_id == article_id)):
            claims_by[r.sentence_index].append(r.id)
        sentences = [S.SentenceOut(article_id=article_id, index=r.idx, start=r.start, end=r.end, text=r.text,
                                   events=by_sentence.get(r.idx, []), claims=claims_by.get(r.idx, []))
                     for r in conn.execute(select(s).where(s.c.article_id == article_id).order_by(s.c.idx))]
    return S.ArticleOut(id=row.id, title=row.title, date=row.date, lang=row.lang, outlet=row.outlet, url=row.url,
                        translator=row.translator, body=row.body, source=row.source, encoding=row.encoding,
                        events=sum(len(v) for v in by_sentence.values()),
                        claims=sum(len(v) for v in claims_by.values()), link=f"/articles/{row.id}",
                        sentences=sentences)


def sentence(store: Store, article_id: str, index: int) -> S.SentenceOut:
    found = article(store, article_id)
    for s in found.sentences:
        if s.index == index:
            return s
    raise NotFound(f"article {article_id!r} has no sentence {index}")


# -- events -----------------------------------------------------------------------------------------
def _event_conditions(f: EventFilter, conn) -> list:
    e = schema.events
    conds: list = []
    if f.dyad is not None:
        conds += [dyad_source() == f.dyad[0], dyad_target() == f.dyad[1]]
    if f.actor:
        conds.append(or_(e.c.source == f.actor, e.c.target == f.actor, e.c.source_country == f.actor,
                         e.c.target_country == f.actor))
    if f.plover is not None:
        conds.append(e.c.plover == f.plover.value)
    if f.modality is not None:
        conds.append(e.c.modality == f.modality.value)
    if f.rung is not None:
        conds.append(e.c.rung == f.rung)
    if f.min_rung is not None:
        conds.append(e.c.rung >= f.min_rung)
    # the event's day, else its article's: both queries below join the article
    day = func.coalesce(e.c.date, schema.articles.c.date)
    if f.since is not None:
        conds.append(day >= f.since)
    if f.until is not None:
        conds.append(day <= f.until)
    if f.min_confidence is not None:
        conds.append(func.coalesce(e.c.confidence, e.c.weight, 0.0) >= f.min_confidence)
    if f.merged is not None:
        m, mm = schema.merged_events, schema.merged_event_members
        in_merged = exists(select(mm.c.event_id).join(m, m.c.id == mm.c.merged_event_id)
                           .where(mm.c.event_id == e.c.id, m.c.reports > 1))
        conds.append(in_merged if f.merged else not_(in_merged))
    if f.corrected is not None:
        ids = _corrected_ids(conn, "event")
        conds.append(e.c.id.in_(ids) if f.corrected else e.c.id.not_in(ids))
    if not f.include_wrong and (wrong := _corrected_ids(conn, "event", wrong_only=True)):
        conds.append(e.c.id.not_in(wrong))
    if f.article_id:
        conds.append(e.c.article_id == f.article_id)
    if f.ids is not None:
        conds.append(e.c.id.in_(list(f.ids)))
    return conds + f.extra


def _article_brief(d) -> S.ArticleBrief:
    """The article an event or claim row was joined with (columns a_title, a_date, ...)."""
    return S.ArticleBrief(id=d["article_id"], title=d["a_title"], date=d["a_date"], lang=d["a_lang"],
                          outlet=d["a_outlet"], url=d["a_url"])


def _event_outs(store: Store, conn, rows) -> list[S.EventOut]:
    names = _names(store, conn)
    ids = [r.id for r in rows]
    views = defaultdict(list)
    for v in corrections_for(store, "event", ids, conn=conn) if ids else []:
        views[v.target_id].append(v)
    out = []
    for r in rows:
        d = r._mapping
        brief = _article_brief(d)
        out.append(S.EventOut(
            id=d["id"], article_id=d["article_id"], source=d["source"], target=d["target"],
            source_name=names.get(d["source"] or "", None), target_name=names.get(d["target"] or "", None),
            source_country=d["source_country"], target_country=d["target_country"], plover=d["plover"],
            cameo=d["cameo"], modality=d["modality"], negated=d["negated"], date=d["date"],
            date_qualifier=d["date_qualifier"], instrument=d["instrument"], sentence_index=d["sentence_index"],
            sentence=d["sentence"], span=Span(start=d["span_start"], end=d["span_end"]),
            evidence=Evidence(**d["evidence"]), goldstein=d["goldstein"], rung=d["rung"], weight=d["weight"],
            location=d.get("location"), confidence=d.get("confidence"), article=brief, links=_links(d["article_id"], d["sentence_index"], f"/events/{d['id']}"),
            **_correction_fields(views.get(d["id"], []))))
    return out


def _event_select():
    e, a = schema.events, schema.articles
    return (select(e, a.c.title.label("a_title"), a.c.date.label("a_date"), a.c.lang.label("a_lang"),
                   a.c.outlet.label("a_outlet"), a.c.url.label("a_url"))
            .join(a, a.c.id == e.c.article_id))


def events(store: Store, f: EventFilter, limit: int = 50, offset: int = 0) -> S.Page[S.EventOut]:
    e, a = schema.events, schema.articles
    # ordering by the event's day, else its article's: the rows query joins the article already
    day = func.coalesce(e.c.date, a.c.date)
    order = [day.desc().nulls_last(), e.c.article_id, e.c.sentence_index, e.c.id] if f.order == "desc" else \
        [day.asc().nulls_last(), e.c.article_id, e.c.sentence_index, e.c.id]
    with store.engine.connect() as conn:
        conds = _event_conditions(f, conn)
        joined = e.join(a, a.c.id == e.c.article_id)
        total = conn.execute(select(func.count()).select_from(joined).where(*conds)).scalar_one()
        rows = conn.execute(_event_select().where(*conds).order_by(*order).limit(limit).offset(offset)).all()
        items = _event_outs(store, conn, rows)
    return S.Page[S.EventOut](items=items, total=total, limit=limit, offset=offset)


def event(store: Store, event_id: str) -> S.EventDetail:
    e, s = schema.events, schema.sentences
    with store.engine.connect() as conn:
        rows = conn.execute(_event_select().where(e.c.id == event_id)).all()
        if not rows:
            raise NotFound(f"no event with id {event_id!r}")
        [base] = _event_outs(store, conn, rows)
        around = {r.idx: r.text for r in conn.execute(
            select(s.c.idx, s.c.text).where(s.c.article_id == base.article_id,
                                            s.c.idx.in_([base.sentence_index - 1, base.sentence_index + 1])))}
        merged = _merged(conn, event_id)
    claim_page = claims(store, event_id=event_id, include_wrong=True, limit=500)
    return S.EventDetail(**base.model_dump(), claims=claim_page.items, merged=merged,
                         sentence_before=around.get(base.sentence_index - 1),
                         sentence_after=around.get(base.sentence_index + 1))


def _merged(conn, event_id: str) -> S.MergedOut | None:
    m, mm, e, a = schema.merged_events, schema.merged_event_members, schema.events, schema.articles
    mid = conn.execute(select(mm.c.merged_event_id).where(mm.c.event_id == event_id)).scalar()
    if mid is None:
        return None
    head = conn.execute(select(m).where(m.c.id == mid)).one()
    members = [S.Report(event_id=r.event_id, sentence=r.sentence, modality=r.modality, negated=r.negated,
                        similarity=r.similarity,
                        article=S.ArticleBrief(id=r.aid, title=r.title, date=r.date, lang=r.lang, outlet=r.outlet,
                                               url=r.url))
               for r in conn.execute(
                   select(mm.c.event_id, mm.c.similarity, e.c.sentence, e.c.modality, e.c.negated,
                          a.c.id.label("aid"), a.c.title, a.c.date, a.c.lang, a.c.outlet, a.c.url)
                   .join(e, e.c.id == mm.c.event_id).join(a, a.c.id == e.c.article_id)
                   .where(mm.c.merged_event_id == mid).order_by(a.c.date, mm.c.event_id))]
    return S.MergedOut(id=head.id, reports=head.reports, articles=head.articles, languages=list(head.languages),
                       outlets=list(head.outlets), status=head.status, first_report=head.first_report,
                       last_report=head.last_report, members=members)


# -- claims -----------------------------------------------------------------------------------------
def claims(store: Store, speaker: str | None = None, status: ClaimStatus | None = None,
           article_id: str | None = None, event_id: str | None = None, include_wrong: bool = False,
           corrected: bool | None = None, limit: int = 50, offset: int = 0) -> S.Page[S.ClaimOut]:
    c, ce, a = schema.claims, schema.claim_events, schema.articles
    conds = []
    if speaker:
        conds.append(c.c.attributed_to == speaker)
    if status is not None:
        conds.append(c.c.status == status.value)
    if article_id:
        conds.append(c.c.article_id == article_id)
    if event_id:  # the link table's own rows first: one index lookup, not a subquery per claim
        with store.engine.connect() as conn:
            linked = list(conn.execute(select(ce.c.claim_id).where(ce.c.event_id == event_id)).scalars())
        conds.append(c.c.id.in_(linked))
    query_conds = conds

    def correction_conds(conn) -> list:
        extra = []
        if corrected is not None:
            ids = _corrected_ids(conn, "claim")
            extra.append(c.c.id.in_(ids) if corrected else c.c.id.not_in(ids))
        if not include_wrong and (wrong := _corrected_ids(conn, "claim", wrong_only=True)):
            extra.append(c.c.id.not_in(wrong))
        return extra

    query = (select(c, a.c.title.label("a_title"), a.c.date.label("a_date"), a.c.lang.label("a_lang"),
                    a.c.outlet.label("a_outlet"), a.c.url.label("a_url"))
             .join(a, a.c.id == c.c.article_id).where(*query_conds)
             .order_by(a.c.date.desc().nulls_last(), c.c.article_id, c.c.sentence_index, c.c.id)
             .limit(limit).offset(offset))
    with store.engine.connect() as conn:
        extra = correction_conds(conn)
        total = conn.execute(select(func.count()).select_from(c).where(*conds, *extra)).scalar_one()
        rows = conn.execute(query.where(*extra)).all()
        ids = [r.id for r in rows]
        links: dict[str, list[str]] = defaultdict(list)
        if ids:
            for r in conn.execute(select(ce).where(ce.c.claim_id.in_(ids))):
                links[r.claim_id].append(r.event_id)
        views = defaultdict(list)
        for v in corrections_for(store, "claim", ids, conn=conn) if ids else []:
            views[v.target_id].append(v)
        names = _names(store, conn)
    items = []
    for r in rows:
        d = r._mapping
        brief = _article_brief(d)
        items.append(S.ClaimOut(
            id=d["id"], article_id=d["article_id"], text=d["text"], sentence_index=d["sentence_index"],
            span=Span(start=d["span_start"], end=d["span_end"]), speaker=d["attributed_to"],
            speaker_name=names.get(d["attributed_to"] or "", None), cites=d["cites"], status=d["status"],
            stance=d["stance"], admiralty=d["admiralty"], event_ids=sorted(links.get(d["id"], [])),
            evidence=Evidence(**d["evidence"]), article=brief,
            links=_links(d["article_id"], d["sentence_index"], f"/articles/{d['article_id']}#s{d['sentence_index']}"),
            **_correction_fields(views.get(d["id"], []))))
    return S.Page[S.ClaimOut](items=items, total=total, limit=limit, offset=offset)


def claim(store: Store, claim_id: str) -> S.ClaimOut:
    c = schema.claims
    with store.engine.connect() as conn:
        row = conn.execute(select(c.c.article_id).where(c.c.id == claim_id)).first()
    if row is None:
        raise NotFound(f"no claim with id {claim_id!r}")
    for item in claims(store, article_id=row.article_id, include_wrong=True, limit=100_000).items:
        if item.id == claim_id:
            return item
    raise NotFound(f"no claim with id {claim_id!r}")  # pragma: no cover - deleted between the two reads


# -- actors -----------------------------------------------------------------------------------------
def _actor_counts(store: Store) -> list[S.ActorOut]:
    """Mention and article counts per linked actor, then per unlinked (text, label), in SQL."""
    m, act = schema.mentions, schema.actors
    with store.engine.connect() as conn:
        linked = conn.execute(
            select(act.c.id, act.c.name, act.c.type, act.c.country, func.count(), func.count(m.c.article_id.distinct()))
            .join(act, act.c.id == m.c.actor_id).group_by(act.c.id, act.c.name, act.c.type, act.c.country)).all()
        unlinked = conn.execute(
            select(m.c.text, m.c.label, func.count(), func.count(m.c.article_id.distinct()))
            .where(m.c.actor_id.is_(None)).group_by(m.c.text, m.c.label)).all()
    out = [S.ActorOut(id=r[0], name=r[1], type=r[2], country=r[3], mentions=r[4], articles=r[5],
                      link=f"/actors/{r[0]}") for r in linked]
    out.sort(key=lambda x: (-x.mentions, x.name))
    rest = [S.ActorOut(id=None, name=r[0], type=f"unlinked:{r[1]}", mentions=r[2], articles=r[3]) for r in unlinked]
    rest.sort(key=lambda x: (-x.mentions, x.name))
    return out + rest


def actors(store: Store, q: str | None = None, type: str | None = None, linked_only: bool = False,
           limit: int = 50, offset: int = 0) -> S.Page[S.ActorOut]:
    counts = _actor_counts(store)
    if linked_only:
        counts = [x for x in counts if x.id]
    if q:
        key = q.casefold()
        counts = [x for x in counts if key in x.name.casefold() or key == (x.id or "").casefold()]
    if type:
        counts = [x for x in counts if x.type == type]
    return S.Page[S.ActorOut](items=counts[offset:offset + limit], total=len(counts), limit=limit, offset=offset)


def actor(store: Store, actor_id: str, kb=None, scale=None) -> S.ActorDetail:
    found = [x for x in _actor_counts(store) if x.id == actor_id]
    if not found:
        raise NotFound(f"no actor with id {actor_id!r} in the store")
    x = found[0]
    evs = events(store, EventFilter(actor=actor_id), limit=100).items
    ds = [d for d in dyads(store, kb=kb, scale=scale) if actor_id in (d.source, d.target)]
    return S.ActorDetail(id=x.id, name=x.name, type=x.type, country=x.country, mentions=x.mentions,
                         articles=x.articles, link=f"/actors/{x.id}", events=evs, dyads=ds)


# -- the ladder -------------------------------------------------------------------------------------
def _dyad_out(d) -> S.DyadOut:
    current = next((v for v in (d.reached, d.claimed, d.threatened) if v is not None), None)
    return S.DyadOut(source=d.source, target=d.target, source_name=d.source_name, target_name=d.target_name,
                     events=d.events, first=d.first, last=d.last, reached=d.reached, reached_name=d.reached_name,
                     claimed=d.claimed, threatened=d.threatened, threatened_name=d.threatened_name,
                     current=current, trend=d.trend, link=f"/dyads/{d.source}/{d.target}")


def dyads(store: Store, since: dt.date | None = None, until: dt.date | None = None,
          dyad: tuple[str, str] | None = None, kb=None, scale=None) -> list[S.DyadOut]:
    from rung.ladder.index import dyad_summaries

    return [_dyad_out(d) for d in dyad_summaries(store, since=since, until=until, dyad=dyad, kb=kb, scale=scale)]


def parse_dyad(text: str, store: Store, kb=None) -> tuple[str, str]:
    """'Q159>Q145', or names and aliases the store or knowledge base knows."""
    from rung.ladder.index import parse_dyad as ladder_parse

    return ladder_parse(text, store, kb)


def ladder(store: Store, dyad: tuple[str, str], since: dt.date | None = None, until: dt.date | None = None,
           kb=None, scale=None) -> S.LadderOut:
    from rung.ladder.index import daily_index

    found = dyads(store, since=since, until=until, dyad=dyad, kb=kb, scale=scale)
    if not found:
        raise NotFound(f"no events for dyad {dyad[0]}>{dyad[1]}" + (" in that window" if since or until else ""))
    days = [S.DayOut(day=p.day, max_rung=p.max_rung, weighted=p.weighted, events=p.events)
            for p in daily_index(store, since=since, until=until, dyad=dyad)]
    evs = events(store, EventFilter(dyad=dyad, since=since, until=until, order="asc"), limit=500).items
    return S.LadderOut(dyad=found[0], days=days, events=evs)


def alerts(store: Store, level: int, since: dt.date | None = None, until: dt.date | None = None,
           kb=None, scale=None) -> list[S.AlertOut]:
    from rung.ladder.index import alerts as ladder_alerts

    return [S.AlertOut(**a.model_dump(), link=f"/dyads/{a.source}/{a.target}")
            for a in ladder_alerts(store, level, since=since, until=until, kb=kb, scale=scale)]


def rungs(scale=None) -> list[S.RungOut]:
    from rung.ladder.scale import load_scale

    scale = scale or load_scale()
    return [S.RungOut(level=r.level, name=r.name) for r in scale.rungs]


def check_date_window(since: dt.date | None, until: dt.date | None) -> None:
    if since and until and since > until:
        raise InputError("until: comes before since")
