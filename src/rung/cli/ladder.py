"""`rung ladder` (dyads on the escalation ladder, daily indices, alerts) and `rung plot ladder|timeline|actors`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from rung.cli.text import safe
from rung.errors import InputError

DB_OPTION = typer.Option(None, "--db", help="SQLite path or postgresql:// URL (default: $RUNG_DB, else rung.sqlite).")
SINCE_OPTION = typer.Option(None, "--since", help="First day (YYYY-MM-DD), inclusive.")
UNTIL_OPTION = typer.Option(None, "--until", help="Last day (YYYY-MM-DD), inclusive.")
DYAD_OPTION = typer.Option(None, "--dyad", help="Only this dyad, 'SOURCE>TARGET' by name or QID, e.g. 'Russia>France'.")
JSON_OPTION = typer.Option(False, "--json", help="Print JSON.")
CSV_OPTION = typer.Option(False, "--csv", help="Print CSV.")
ALERT_EXIT = 3


def _date(text: str | None, flag: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise InputError(f"{flag} {text!r}: expected a date as YYYY-MM-DD") from error


def _context(db: str | None, dyad: str | None):
    from rung.ladder.index import parse_dyad
    from rung.ladder.scale import _default_kb
    from rung.store import open_store

    store = open_store(db, create=False)
    kb = _default_kb()
    return store, kb, (parse_dyad(dyad, store, kb) if dyad else None)


def _emit(rows: list[dict], columns: list[str], title: str, as_json: bool, as_csv: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    if as_csv:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        sys.stdout.write(buffer.getvalue())
        return
    table = Table(title=title)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*("" if row.get(c) is None else safe(row.get(c)) for c in columns))
    Console().print(table)


def ladder_cmd(
    db: str | None = DB_OPTION,
    dyad: str | None = DYAD_OPTION,
    since: str | None = SINCE_OPTION,
    until: str | None = UNTIL_OPTION,
    alert: str | None = typer.Option(None, "--alert", help="List dyads that first crossed this rung (a number or "
                                     "a threshold name such as 'nuclear') in the window; exit status 3 if any did."),
    daily: bool = typer.Option(False, "--daily", help="Print the daily escalation index per dyad and overall."),
    risk: bool = typer.Option(False, "--risk", help="Print the daily share-of-articles index (GPR style)."),
    as_json: bool = JSON_OPTION,
    as_csv: bool = CSV_OPTION,
) -> None:
    """How far up the escalation ladder each dyad (source state > target state) has climbed.

    Per dyad: the highest rung reached (occurred or reported, and confirmed), the highest rung claimed
    but unconfirmed, the highest threatened or recommended, and the trend (last 7 days against the 30
    before).

    Example: rung ladder --db rung.sqlite --dyad "Russia>United Kingdom" --since 2024-11-01 --json
    Example: rung ladder --alert "direct NATO–Russia fire" --since 2024-11-18  (exit status 3 on an alert)
    """
    from rung.ladder.index import alerts, daily_index, dyad_summaries, overall_index, parse_level, risk_index

    start, end = _date(since, "--since"), _date(until, "--until")
    store, kb, pair = _context(db, dyad)
    if alert is not None:
        found = alerts(store, parse_level(alert), since=start, until=end, kb=kb)
        rows = [{**a.model_dump(mode="json"), "dyad": f"{a.source_name} > {a.target_name}"} for a in found]
        if pair:
            rows = [r for r in rows if (r["source"], r["target"]) == pair]
        if as_json or as_csv or rows:
            _emit(rows, ["first", "dyad", "rung", "rung_name", "threshold"],
                  f"Dyads that crossed rung {parse_level(alert)}", as_json, as_csv)
        else:
            Console(stderr=True).print(f"no dyad crossed rung {parse_level(alert)} in the window")
        if rows:
            sys.exit(ALERT_EXIT)  # SystemExit: click's non-standalone mode would swallow typer.Exit
        return
    if risk:
        rows = [{"day": p.day.isoformat(), "articles": p.articles, "threat_articles": p.threat_articles,
                 "act_articles": p.act_articles, "share": round(p.share, 4), "threat_share": round(p.threat_share, 4),
                 "act_share": round(p.act_share, 4), "index": round(p.index, 1)}
                for p in risk_index(store, since=start, until=end)]
        _emit(rows, list(rows[0]) if rows else ["day"], "Share of articles reporting escalation", as_json, as_csv)
        return
    if daily:
        from rung.ladder.index import actor_names

        points = daily_index(store, since=start, until=end, dyad=pair)
        names = actor_names(store, kb)
        rows = [{"day": p.day.isoformat(), "source": p.source, "target": p.target,
                 "dyad": "all" if p.source == "*" else f"{names.get(p.source, p.source)} > {names.get(p.target, p.target)}",
                 "max_rung": p.max_rung, "weighted": round(p.weighted, 4), "events": p.events}
                for p in sorted([*points, *([] if pair else overall_index(points))],
                                key=lambda p: (p.day, p.source != "*", p.source, p.target))]
        _emit(rows, ["day", "dyad", "max_rung", "weighted", "events"], "Daily escalation index", as_json, as_csv)
        return
    summaries = dyad_summaries(store, since=start, until=end, dyad=pair, kb=kb)
    rows = [{**s.model_dump(mode="json"), "dyad": f"{s.source_name} > {s.target_name}"} for s in summaries]
    if as_json or as_csv:
        _emit(rows, ["source", "target", "source_name", "target_name", "reached", "reached_name", "claimed",
                     "threatened", "threatened_name", "trend", "recent", "baseline", "events", "first", "last",
                     "future_dated"],
              "", as_json, as_csv)
        return
    from rung.ladder.scale import load_scale

    short = {r.level: r.short for r in load_scale().rungs}
    shown = [{"dyad": r["dyad"], **{k: None if r[k] is None else f"{r[k]} {short[r[k]]}"
                                    for k in ("reached", "claimed", "threatened")},
              "trend": f"{r['trend']} ({r['recent']:.2f} vs {r['baseline']:.2f})", "events": r["events"],
              "last": r["last"]} for r in rows]
    _emit(shown, ["dyad", "reached", "claimed", "threatened", "trend", "events", "last"],
          "Escalation ladder by dyad (reached: confirmed; claimed: unconfirmed reports)", False, False)
    flagged = [r for r in rows if r["future_dated"]]
    if flagged:
        Console(stderr=True).print(
            f"note: {sum(r['future_dated'] for r in flagged)} event(s) dated after their article's publication "
            "(a date read wrongly?) left out of trends: " + safe(", ".join(r["dyad"] for r in flagged)),
            highlight=False, soft_wrap=True)


# -- plots --------------------------------------------------------------------------------------------
OUT_OPTION = typer.Option(..., "--out", "-o", help="File to write (.png, or .html with --format html).")


def plot_ladder_cmd(
    out: Path = OUT_OPTION,
    db: str | None = DB_OPTION,
    dyad: str | None = DYAD_OPTION,
    since: str | None = SINCE_OPTION,
    until: str | None = UNTIL_OPTION,
    top: int = typer.Option(8, "--top", min=0, help="Draw the N dyads that climbed highest (0: all)."),
) -> None:
    """Draw the ladder vertically with its thresholds and each dyad's events on it.

    Filled markers: occurred or reported; hollow: planned, possible, recommended, conditional, hypothetical.

    Example: rung plot ladder --db rung.sqlite --out ladder.png
    """
    from rung.ladder.plot import ladder_png

    store, kb, pair = _context(db, dyad)
    ladder_png(store, out, since=_date(since, "--since"), until=_date(until, "--until"), dyad=pair, kb=kb,
               top=top or None)
    Console(stderr=True).print(f"wrote {out}")


def plot_timeline_cmd(
    out: Path = OUT_OPTION,
    db: str | None = DB_OPTION,
    dyad: str | None = DYAD_OPTION,
    since: str | None = SINCE_OPTION,
    until: str | None = UNTIL_OPTION,
) -> None:
    """Draw each dyad's rungs over time, with the dates of the articles they come from.

    Example: rung plot timeline --db rung.sqlite --out timeline.png
    """
    from rung.ladder.plot import timeline_png

    store, kb, pair = _context(db, dyad)
    timeline_png(store, out, since=_date(since, "--since"), until=_date(until, "--until"), dyad=pair, kb=kb)
    Console(stderr=True).print(f"wrote {out}")


def plot_actors_cmd(
    out: Path = OUT_OPTION,
    db: str | None = DB_OPTION,
    since: str | None = SINCE_OPTION,
    until: str | None = UNTIL_OPTION,
    fmt: str = typer.Option("png", "--format", help="png (matplotlib) or html (interactive, Vega-Lite via Altair)."),
) -> None:
    """Draw the actor network, each edge coloured by the highest rung between its two actors.

    Example: rung plot actors --db rung.sqlite --out actors.png
    Example: rung plot actors --format html --out actors.html
    """
    from rung.ladder.plot import actors_html, actors_png

    if fmt not in {"png", "html"}:
        raise InputError(f"--format {fmt!r}: expected png or html")
    store, kb, _ = _context(db, None)
    draw = actors_html if fmt == "html" else actors_png
    draw(store, out, since=_date(since, "--since"), until=_date(until, "--until"), kb=kb)
    Console(stderr=True).print(f"wrote {out}")


def add_plot_commands(plot_app: typer.Typer) -> None:
    plot_app.command("ladder")(plot_ladder_cmd)
    plot_app.command("timeline")(plot_timeline_cmd)
    plot_app.command("actors")(plot_actors_cmd)


def register(app: typer.Typer) -> None:
    app.command("ladder")(ladder_cmd)
    plot_groups = [g for g in app.registered_groups if g.name == "plot" and g.typer_instance is not None]
    if plot_groups:
        plot_app = plot_groups[0].typer_instance
    else:
        plot_app = typer.Typer(help="Charts: the ladder, timelines, the actor network.", no_args_is_help=True)
        app.add_typer(plot_app, name="plot")
    add_plot_commands(plot_app)
    try:  # the scenario stage adds `plot sensitivity` to the same group
        from rung.cli.scenario import add_plot_commands as add_scenario_plots
    except (ImportError, AttributeError):
        return
    if not any(c.name == "sensitivity" for c in plot_app.registered_commands):
        add_scenario_plots(plot_app)


__all__ = ["add_plot_commands", "ladder_cmd", "register"]
