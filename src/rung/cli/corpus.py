"""`rung watch`: follow RSS/Atom feeds and directories, ingest what is new, alert when a dyad crosses a rung."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import typer
from rich.console import Console

from rung.cli.text import safe
from rung.errors import InputError

DB_OPTION = typer.Option(None, "--db", help="SQLite path or postgresql:// URL (default: $RUNG_DB, else rung.sqlite).")
ALERT_EXIT = 3


def default_state(db: str | None) -> Path:
    """Beside a SQLite store: rung.sqlite -> rung.sqlite.watch; a PostgreSQL store needs --state."""
    from sqlalchemy.engine import make_url

    from rung.store.store import database_url

    url = make_url(database_url(db))
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        raise InputError("--state FILE is needed when the store is not a SQLite file (where should it go?)")
    return Path(f"{url.database}.watch")


def watch_cmd(
    sources: list[str] = typer.Argument(..., help="Feed URLs (http:// or https://, RSS or Atom) and directories."),
    db: str | None = DB_OPTION,
    state: Path | None = typer.Option(None, "--state", help="What has been seen, kept across restarts "
                                      "(default: beside a SQLite store, DB.watch)."),
    once: bool = typer.Option(False, "--once", help="One pass, then exit (for cron and tests)."),
    interval: float = typer.Option(300.0, "--interval", min=1.0, help="Seconds between polls of the feeds."),
    alert: str | None = typer.Option(None, "--alert", help="Report a dyad that crosses this rung (a number or a "
                                     "threshold name, as in rung ladder --alert) while watching."),
    alert_command: str | None = typer.Option(None, "--alert-command", help="Also run this command per alert "
                                             "(the alert as JSON on stdin and in RUNG_ALERT_* variables)."),
    alert_url: str | None = typer.Option(None, "--alert-url", help="Also POST each alert as JSON to this URL."),
) -> None:
    """Follow feeds and directories and ingest new articles as they come; remembers what it has seen.

    A feed or page that cannot be fetched is named on stderr and the others go on. With --once the exit
    status is 3 if a dyad crossed the --alert rung, else 1 if anything was skipped, else 0.

    Example: rung watch https://example.org/news.rss inbox/ --db rung.sqlite --alert nuclear --interval 600
    Example: rung watch inbox/ --db rung.sqlite --once
    """
    from rung.corpus.notify import describe, post, run_command
    from rung.corpus.state import WatchState
    from rung.corpus.watch import PassReport, Watcher, split_sources
    from rung.ladder.index import parse_level
    from rung.settings import Settings
    from rung.store import open_store

    if (alert_command or alert_url) and alert is None:
        raise InputError("--alert-command and --alert-url need --alert RUNG (which crossing to report)")
    level = parse_level(alert) if alert is not None else None
    feeds, folders = split_sources(sources)
    settings = Settings.load()
    state_file = state or default_state(db)
    store = open_store(db)
    seen = WatchState(state_file)
    err = Console(stderr=True, highlight=False)
    out = Console(highlight=False, soft_wrap=True)
    alerted = False

    def show(report: PassReport) -> None:
        nonlocal alerted
        for problem in report.problems:
            err.print(f"skipped: {safe(problem)}", soft_wrap=True)
        stamp = dt.datetime.now().astimezone().strftime("%H:%M:%S")  # local time
        err.print(f"{stamp} {report.added} new article(s) stored, {report.skipped} already in {safe(store.label)}"
                  + (f", {len(report.problems)} skipped" if report.problems else ""), soft_wrap=True)
        for found in report.alerts:
            alerted = True
            out.print(f"ALERT: {safe(describe(found))}")
            for problem in ([run_command(alert_command, found)] if alert_command else []) + \
                           ([post(alert_url, found)] if alert_url else []):
                if problem:
                    err.print(f"alert not delivered: {safe(problem)}", soft_wrap=True)

    with err.status("watching: looking for new items") as status:
        count = 0

        def tick() -> None:
            nonlocal count
            count += 1
            status.update(f"watching: {count} new item(s) read")

        watcher = Watcher(feeds, folders, store, seen, settings, alert_level=level, on_item=tick)
        if once:
            report = watcher.poll()
        else:
            err.print(f"watching {len(feeds)} feed(s) and {len(folders)} director(ies); state in {safe(state_file)}; "
                      "Ctrl-C stops", soft_wrap=True)
            try:
                watcher.run(interval, show)
            except KeyboardInterrupt:  # the state is whole: every item is marked after its article is stored
                pass
            seen.close()
            err.print("stopped")
            return
    show(report)
    seen.close()
    if alerted:
        sys.exit(ALERT_EXIT)
    if report.problems:
        sys.exit(1)


def register(app: typer.Typer) -> None:
    app.command("watch")(watch_cmd)


__all__ = ["register", "watch_cmd"]
