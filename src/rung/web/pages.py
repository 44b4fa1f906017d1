"""The dashboard's pages: overview, dyad ladder, event, actor, article. Server-rendered from the API's
reads (rung.api.queries), so a page shows exactly what the API serves, corrections included."""


import datetime as dt
from importlib import resources
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from rung.api import queries as Q
from rung.api.corrections import CLAIM_FIELDS, EVENT_FIELDS, NotFound
from rung.model import ClaimStatus, Modality, Plover
from rung.web.svg import ladder_chart, rung_bar, rung_colour


def register_pages(app: FastAPI) -> None:
    store, kb = app.state.store, app.state.kb
    web = resources.files("rung.web")
    templates = Jinja2Templates(directory=str(web / "templates"))
    app.mount("/static", StaticFiles(directory=str(web / "static")), name="static")
    Reader = Annotated[str | None, Depends(app.state.reader)]

    from rung.ladder.scale import load_scale

    scale = load_scale()
    top = scale.top
    rungs = [{"level": r.level, "name": r.name} for r in scale.rungs]
    thresholds = [{"level": t.level, "name": t.name} for t in scale.thresholds]
    templates.env.globals.update(top=top, rung_bar=rung_bar, rung_colour=rung_colour,
                                 rung_names={r.level: r.name for r in scale.rungs})

    def name(actor_id: str | None) -> str:
        if not actor_id:
            return "—"
        actor = kb.get(actor_id) if kb is not None else None
        return actor.name if actor is not None else actor_id

    templates.env.globals["name"] = name

    def page(request: Request, template: str, **context) -> HTMLResponse:
        return templates.TemplateResponse(request, template, context)

    def is_page(request: Request) -> bool:
        return not request.url.path.startswith(("/api/", "/openapi", "/static/"))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, error: StarletteHTTPException):
        if not is_page(request) or error.status_code not in (401, 403, 404):
            return await http_exception_handler(request, error)
        message = {401: "This server needs a token to read: paste yours in the Token box above.",
                   403: "That token was revoked: ask for a new one (rung token create NAME).",
                   404: "No such page."}[error.status_code]
        return templates.TemplateResponse(request, "message.html", {"title": f"{error.status_code}",
                                                                    "message": message},
                                          status_code=error.status_code)

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, error: NotFound):
        if not is_page(request):
            return JSONResponse({"detail": str(error)}, status_code=404)
        return templates.TemplateResponse(request, "message.html", {"title": "Not found", "message": str(error)},
                                          status_code=404)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview(request: Request, _: Reader):
        every = Q.dyads(store, kb=kb, scale=scale)
        # a dyad with an unnamed side ('-') is kept in the API, left off the overview
        dyads = [d for d in every if Q.NO_ACTOR not in (d.source, d.target)]
        dyads.sort(key=lambda d: (-(d.current if d.current is not None else -1), d.source_name, d.target_name))
        level = thresholds[0]["level"] if thresholds else 1
        alerts = [a for a in Q.alerts(store, level, kb=kb, scale=scale)
                  if Q.NO_ACTOR not in (a.source, a.target)]
        return page(request, "overview.html", title="Overview", dyads=dyads, hidden=len(every) - len(dyads),
                    alerts=alerts, alert_level=level,
                    events=Q.events(store, Q.EventFilter(), limit=25).items,
                    articles=Q.articles(store, limit=10))

    @app.get("/dyads/{source}/{target}", response_class=HTMLResponse, include_in_schema=False)
    def dyad_page(request: Request, _: Reader, source: str, target: str):
        data = Q.ladder(store, (source, target), kb=kb, scale=scale)
        points = [{"id": e.id, "day": e.date or e.article.date, "rung": e.rung, "modality": e.modality.value,
                   "label": f"{e.plover.value}: {e.sentence[:60]}"} for e in data.events]
        return page(request, "dyad.html", title=f"{data.dyad.source_name} → {data.dyad.target_name}", data=data,
                    chart=ladder_chart(points, rungs, thresholds))

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, _: Reader, event_id: str):
        e = Q.event(store, event_id)
        body = Q.article(store, e.article_id)
        sent = next((s for s in body.sentences if s.index == e.sentence_index), None)
        with store.engine.connect() as conn:
            actor_names = Q._names(store, conn)
        actor_names.pop(Q.NO_ACTOR, None)
        return page(request, "event.html", title=f"{name(e.source)} {e.plover.value} {name(e.target)}", e=e,
                    actor_names=sorted(actor_names.items(), key=lambda kv: kv[1]),
                    sentence=sent, event_fields=EVENT_FIELDS, claim_fields=CLAIM_FIELDS,
                    plovers=[p.value for p in Plover], modalities=[m.value for m in Modality],
                    statuses=[s.value for s in ClaimStatus])

    @app.get("/actors/{actor_id}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, _: Reader, actor_id: str):
        a = Q.actor(store, actor_id, kb=kb, scale=scale)
        return page(request, "actor.html", title=a.name, a=a)

    @app.get("/map", response_class=HTMLResponse, include_in_schema=False)
    def map_page(request: Request, _: Reader, since: dt.date | None = None, until: dt.date | None = None,
                 min_rung: int | None = None):
        from rung.web.geo import places, world_map

        found = Q.events(store, Q.EventFilter(since=since, until=until, min_rung=min_rung), limit=100_000).items
        with store.engine.connect() as conn:
            names = Q._names(store, conn)
        located = places(found, names)
        return page(request, "map.html", title="Map", located=located, world=world_map(located, top),
                    unplaced=len(found) - sum(p.events for p in located), since=since, until=until,
                    min_rung=min_rung)

    @app.get("/scenarios", response_class=HTMLResponse, include_in_schema=False)
    def scenarios_page(request: Request, _: Reader):
        from rung.api.scenarios import scenario_list

        return page(request, "scenarios.html", title="Scenarios",
                    scenarios=scenario_list(app.state.settings.scenarios, kb))

    @app.get("/scenarios/{name}", response_class=HTMLResponse, include_in_schema=False)
    def scenario_page(request: Request, _: Reader, name: str):
        # evidence comes as one select per event: ev_ID=true|false ('' = not observed)
        evidence = [f"{k[3:]}={v}" for k, v in request.query_params.items() if k.startswith("ev_") and v]
        s = app.state.scenario(name, evidence)
        return page(request, "scenario.html", title=s.title, s=s, chosen=dict(e.split("=", 1) for e in evidence))

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, _: Reader, article_id: str):
        a = Q.article(store, article_id)
        evs = {e.id: e for e in Q.events(store, Q.EventFilter(article_id=article_id, include_wrong=True),
                                         limit=500).items}
        return page(request, "article.html", title=a.title or a.id, a=a, events=evs)
