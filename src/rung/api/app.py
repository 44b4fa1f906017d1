"""The REST API (FastAPI) on one store: open reads, token-guarded writes, a dashboard at `/`.

`create_app(store)` builds the app; `rung serve` runs it under uvicorn. Errors: 401 without a valid
token, 403 with a revoked one, 404 for an unknown id, 413 over the size limit, 422 naming the field.
"""


import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, File, HTTPException, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from rung.api import queries as Q
from rung.api import schemas as S
from rung.api.corrections import CorrectionView, NotFound, correct, corrections_for
from rung.api.jobs import JobRunner, job
from rung.api.scenarios import ScenarioBrief, ScenarioOut, compute, scenario_list
from rung.api.scenarios import load as load_scenario_file
from rung.api.settings import ServerSettings
from rung.api.tokens import check_token
from rung.errors import InputError, StoreError
from rung.ingest import make_article
from rung.model import ClaimStatus, Modality, Plover
from rung.store import Store

MAX_INT = 2**31 - 1
Limit = Annotated[int, Query(ge=1, le=500, description="page size")]
Offset = Annotated[int, Query(ge=0, le=MAX_INT, description="items to skip")]
Since = Annotated[dt.date | None, Query(description="on or after this day (YYYY-MM-DD)")]
Until = Annotated[dt.date | None, Query(description="on or before this day (YYYY-MM-DD)")]
ShortText = Annotated[str | None, Query(max_length=200)]


def unprocessable(loc: list[str], msg: str) -> HTTPException:
    return HTTPException(422, detail=[{"loc": loc, "msg": msg, "type": "value_error"}])


class BodyLimit:
    """413 for a request body over the limit, by Content-Length or by counting what arrives."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._too_large(send)
            return
        seen = 0
        started = False

        async def counting_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._too_large(send)

    async def _too_large(self, send: Send) -> None:
        body = b'{"detail":"request body over the size limit (%d bytes)"}' % self.limit
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass


class NoNul:
    """422 for a NUL character anywhere in the path or query: no database stores one."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and ("\x00" in scope.get("path", "")
                                        or b"%00" in scope.get("query_string", b"")
                                        or b"\x00" in scope.get("query_string", b"")):
            body = b'{"detail":[{"loc":["query"],"msg":"must not contain NUL characters","type":"value_error"}]}'
            await send({"type": "http.response.start", "status": 422,
                        "headers": [(b"content-type", b"application/json")]})
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)


def _presented_token(request: Request, cookie: bool) -> str | None:
    """The bearer token; for reads also the dashboard's cookie (never for writes: no cross-site writes)."""
    header = request.headers.get("authorization", "")
    if header[:7].lower() == "bearer ":
        return header[7:].strip() or None
    return (request.cookies.get("rung_token") or None) if cookie else None


def create_app(store: Store, settings: ServerSettings | None = None, kb=None,
               make_analyzer: Callable[[], object] | None = None) -> FastAPI:
    """The API and dashboard on `store`. `kb` (the knowledge base) names actors and places corrections."""
    settings = settings or ServerSettings()
    if make_analyzer is None:
        def make_analyzer():
            from rung.pipeline import Analyzer
            from rung.settings import Settings

            return Analyzer(Settings.load())
    runner = JobRunner(store, make_analyzer)
    app = FastAPI(title="rung", version="1", docs_url=None, redoc_url=None,
                  description="Sourced records of an escalation: articles, events, claims, actors, the ladder.")
    app.state.store, app.state.settings, app.state.kb, app.state.jobs = store, settings, kb, runner
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(NoNul)

    def check(request: Request, cookie: bool) -> str:
        token = _presented_token(request, cookie)
        if token is None:
            raise HTTPException(401, detail="a bearer token is needed (rung token create NAME)",
                                headers={"WWW-Authenticate": "Bearer"})
        found = check_token(store, token)
        if found.name is None:
            raise HTTPException(401, detail="unknown token", headers={"WWW-Authenticate": "Bearer"})
        if found.revoked:
            raise HTTPException(403, detail=f"the token of {found.name!r} was revoked")
        return found.name

    def writer(request: Request) -> str:
        return check(request, cookie=False)

    def reader(request: Request) -> str | None:
        return None if settings.reads_open else check(request, cookie=True)

    app.state.reader = reader
    Reader = Annotated[str | None, Depends(reader)]
    Writer = Annotated[str, Depends(writer)]

    @app.exception_handler(NotFound)
    async def _not_found(_request, error: NotFound):
        return JSONResponse({"detail": str(error)}, status_code=404)

    @app.exception_handler(InputError)
    async def _bad_input(_request, error: InputError):
        message = str(error)
        head, _, rest = message.partition(": ")
        loc = [head] if rest and head.replace("_", "").isalnum() else []
        return JSONResponse({"detail": [{"loc": loc, "msg": rest or message, "type": "value_error"}]},
                            status_code=422)

    @app.exception_handler(StoreError)
    async def _store_error(_request, error: StoreError):
        return JSONResponse({"detail": str(error)}, status_code=503)

    def dyad_of(text: str | None) -> tuple[str, str] | None:
        if text is None:
            return None
        try:
            return Q.parse_dyad(text, store, kb)
        except InputError as error:
            raise unprocessable(["query", "dyad"], str(error).replace("--dyad ", "", 1)) from None

    def window(since, until) -> None:
        if since and until and since > until:
            raise unprocessable(["query", "until"], "comes before since")

    # -- reads -----------------------------------------------------------------------------------
    @app.get("/api/health", tags=["meta"])
    def health() -> dict[str, str | int]:
        return {"status": "ok", "articles": store.article_count()}

    @app.get("/api/articles", tags=["articles"])
    def list_articles(_: Reader, since: Since = None, until: Until = None, outlet: ShortText = None,
                      lang: ShortText = None, q: Annotated[str | None, Query(max_length=200,
                                                                           description="text search")] = None,
                      limit: Limit = 50, offset: Offset = 0) -> S.Page[S.ArticleSummary]:
        window(since, until)
        return Q.articles(store, since, until, outlet, lang, q, limit, offset)

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def get_article(_: Reader, article_id: str) -> S.ArticleOut:
        return Q.article(store, article_id)

    @app.get("/api/articles/{article_id}/sentences/{index}", tags=["articles"])
    def get_sentence(_: Reader, article_id: str, index: Annotated[int, PathParam(ge=0, le=MAX_INT)]) -> S.SentenceOut:
        return Q.sentence(store, article_id, index)

    @app.get("/api/events", tags=["events"])
    def list_events(_: Reader,
                    dyad: Annotated[str | None, Query(max_length=200,
                                                      description="SOURCE>TARGET: QIDs or names")] = None,
                    actor: Annotated[str | None, Query(max_length=80, description="actor id as source or "
                                                                                 "target (or their state)")] = None,
                    plover: Plover | None = None, modality: Modality | None = None,
                    rung: Annotated[int | None, Query(ge=0, le=100)] = None,
                    min_rung: Annotated[int | None, Query(ge=0, le=100)] = None,
                    since: Since = None, until: Until = None,
                    min_confidence: Annotated[float | None, Query(ge=0, le=1, description="minimum weight")] = None,
                    merged: Annotated[bool | None, Query(description="only events reported more than once "
                                                                     "(true) or once (false)")] = None,
                    corrected: bool | None = None, include_wrong: bool = False,
                    article_id: Annotated[str | None, Query(max_length=80)] = None,
                    limit: Limit = 50, offset: Offset = 0) -> S.Page[S.EventOut]:
        window(since, until)
        f = Q.EventFilter(dyad=dyad_of(dyad), actor=actor, plover=plover, modality=modality, rung=rung,
                          min_rung=min_rung, since=since, until=until, min_confidence=min_confidence,
                          merged=merged, corrected=corrected, include_wrong=include_wrong, article_id=article_id)
        return Q.events(store, f, limit, offset)

    @app.get("/api/events/{event_id}", tags=["events"])
    def get_event(_: Reader, event_id: str) -> S.EventDetail:
        return Q.event(store, event_id)

    @app.get("/api/claims", tags=["claims"])
    def list_claims(_: Reader, speaker: Annotated[str | None, Query(max_length=80)] = None,
                    status: ClaimStatus | None = None,
                    article_id: Annotated[str | None, Query(max_length=80)] = None,
                    event_id: Annotated[str | None, Query(max_length=80)] = None,
                    corrected: bool | None = None, include_wrong: bool = False,
                    limit: Limit = 50, offset: Offset = 0) -> S.Page[S.ClaimOut]:
        return Q.claims(store, speaker, status, article_id, event_id, include_wrong, corrected, limit, offset)

    @app.get("/api/claims/{claim_id}", tags=["claims"])
    def get_claim(_: Reader, claim_id: str) -> S.ClaimOut:
        return Q.claim(store, claim_id)

    @app.get("/api/actors", tags=["actors"])
    def list_actors(_: Reader, q: ShortText = None, type: ShortText = None, linked_only: bool = False,
                    limit: Limit = 50, offset: Offset = 0) -> S.Page[S.ActorOut]:
        return Q.actors(store, q, type, linked_only, limit, offset)

    @app.get("/api/actors/{actor_id}", tags=["actors"])
    def get_actor(_: Reader, actor_id: str) -> S.ActorDetail:
        return Q.actor(store, actor_id, kb=kb)

    @app.get("/api/dyads", tags=["ladder"])
    def list_dyads(_: Reader, since: Since = None, until: Until = None) -> list[S.DyadOut]:
        window(since, until)
        return Q.dyads(store, since, until, kb=kb)

    @app.get("/api/ladder", tags=["ladder"])
    def get_ladder(_: Reader, dyad: Annotated[str, Query(max_length=200, description="SOURCE>TARGET")],
                   since: Since = None, until: Until = None) -> S.LadderOut:
        window(since, until)
        pair = dyad_of(dyad)
        assert pair is not None
        return Q.ladder(store, pair, since, until, kb=kb)

    @app.get("/api/alerts", tags=["ladder"])
    def list_alerts(_: Reader, level: Annotated[str | None, Query(max_length=80, description="a rung number or "
                                                                  "threshold name; default the first threshold")] = None,
                    since: Since = None, until: Until = None) -> list[S.AlertOut]:
        window(since, until)
        from rung.ladder.index import parse_level
        from rung.ladder.scale import load_scale

        scale = load_scale()
        if level is None:
            value = scale.thresholds[0].level if scale.thresholds else 1
        else:
            try:
                value = parse_level(level, scale)
            except InputError as error:
                raise unprocessable(["query", "level"], str(error).replace("--alert ", "", 1)) from None
            if not 0 <= value <= scale.top:
                raise unprocessable(["query", "level"], f"{level!r}: not a rung on the scale (0..{scale.top})")
        return Q.alerts(store, value, since, until, kb=kb, scale=scale)

    @app.get("/api/rungs", tags=["ladder"])
    def list_rungs(_: Reader) -> list[S.RungOut]:
        return Q.rungs()

    @app.get("/api/corrections", tags=["corrections"])
    def list_corrections(_: Reader, kind: Annotated[str | None, Query(pattern="^(event|claim)$")] = None,
                         target_id: Annotated[str | None, Query(max_length=80)] = None,
                         state: Annotated[str, Query(pattern="^(active|superseded|orphaned)$")] = "active",
                         ) -> list[CorrectionView]:
        return corrections_for(store, kind, [target_id] if target_id else None, states=(state,))

    @app.get("/api/stream", tags=["live"], response_class=StreamingResponse,
             responses={200: {"content": {"text/event-stream": {}},
                              "description": "server-sent events: events, correction, alert"}})
    def live(request: Request, _: Reader,
             max_seconds: Annotated[float | None, Query(gt=0, le=86400, description="close after this "
                                                                                    "long")] = None):
        from rung.api.stream import stream
        from rung.ladder.scale import load_scale

        scale = load_scale()
        level = scale.thresholds[0].level if scale.thresholds else 1
        return StreamingResponse(stream(request, store, kb, level, settings.poll_seconds, max_seconds),
                                 media_type="text/event-stream", headers={"Cache-Control": "no-cache"})

    @app.get("/api/scenarios", tags=["scenarios"])
    def list_scenarios(_: Reader) -> list[ScenarioBrief]:
        return scenario_list(settings.scenarios, kb)

    @app.get("/api/scenarios/{name}", tags=["scenarios"])
    def get_scenario(_: Reader, name: str,
                     evidence: Annotated[list[str] | None, Query(max_length=50,
                                                                 description="ID=true or ID=false")] = None,
                     method: Annotated[str, Query(pattern="^(auto|exact|monte-carlo)$")] = "auto",
                     samples: Annotated[int, Query(ge=1000, le=1_000_000)] = 100_000) -> ScenarioOut:
        return _scenario(name, evidence or [], method, samples)

    def _scenario(name: str, evidence: list[str], method: str = "auto", samples: int = 100_000) -> ScenarioOut:
        from rung.errors import ScenarioError
        from rung.scenario import parse_evidence

        try:
            scenario = load_scenario_file(settings.scenarios, name, kb)
        except ScenarioError as error:
            raise unprocessable(["path", "name"], str(error).splitlines()[0]) from None
        if scenario is None:
            raise NotFound(f"no scenario named {name!r}")
        try:
            observed = parse_evidence(evidence, scenario)
            return compute(scenario, name, observed, method, samples)
        except ScenarioError as error:
            raise unprocessable(["query", "evidence" if evidence else "name"],
                                str(error).replace("--evidence ", "", 1)) from None

    app.state.scenario = _scenario

    @app.get("/api/jobs/{job_id}", tags=["articles"])
    def get_job(_: Reader, job_id: str) -> S.JobOut:
        return _job_out(job_id)

    def _job_out(job_id: str) -> S.JobOut:
        row = job(store, job_id)
        if row is None:
            raise NotFound(f"no job with id {job_id!r}")
        return S.JobOut(**{k: v for k, v in row._mapping.items() if k != "worker"}, link=f"/api/jobs/{row.id}")

    # -- writes ----------------------------------------------------------------------------------
    @app.post("/api/articles", status_code=202, tags=["articles"])
    def submit_article(by: Writer, body: S.ArticleIn) -> S.JobOut:
        article = make_article(body.text, title=body.title, date=body.date, url=body.url, outlet=body.outlet,
                               lang=body.lang, source=f"api:{by}")
        return _job_out(runner.submit(article, by))

    @app.post("/api/articles/upload", status_code=202, tags=["articles"])
    def upload_articles(by: Writer, file: Annotated[UploadFile, File(description="text, HTML or JSON Lines")]
                        ) -> list[S.JobOut]:
        from rung.ingest import read_file

        name = Path(file.filename or "upload.txt").name or "upload.txt"
        with tempfile.TemporaryDirectory(prefix="rung-upload-") as tmp:
            path = Path(tmp) / name
            path.write_bytes(file.file.read())
            try:
                found = read_file(path)
            except InputError as error:
                raise unprocessable(["body", "file"], str(error).replace(str(path), name)) from None
        return [_job_out(runner.submit(a.model_copy(update={"source": f"upload:{name}"}), by)) for a in found]

    @app.post("/api/articles/{article_id}/reanalyse", status_code=202, tags=["articles"])
    def reanalyse_article(by: Writer, article_id: str) -> S.JobOut:
        if not store.has_article(article_id):
            raise NotFound(f"no article with id {article_id!r}")
        return _job_out(runner.submit_reanalysis(article_id, by))

    @app.post("/api/events/{event_id}/corrections", status_code=201, tags=["corrections"])
    def correct_event(by: Writer, event_id: str, body: S.CorrectionIn) -> CorrectionView:
        return correct(store, "event", event_id, body.field, body.value, by, body.note, kb)

    @app.post("/api/claims/{claim_id}/corrections", status_code=201, tags=["corrections"])
    def correct_claim(by: Writer, claim_id: str, body: S.CorrectionIn) -> CorrectionView:
        field = body.field
        return correct(store, "claim", claim_id, field, body.value, by, body.note, kb)

    from rung.web.pages import register_pages

    register_pages(app)
    return app
